import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../platform/db/client";
import { district10, publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";

// Papers a procedure lists "if any" ("Văn bản ủy quyền (nếu có)"): the desk and the portal accept a
// dossier without them, and take them when the applicant has them.

let server: TestServer;
let clerk: ApiClient;
let citizen: ApiClient;
let admin: ApiClient;
let ids: { q10: string; desk: string; justice: string };
let procedureId: string;

const papers = [
  { name: "Tờ khai đăng ký", originals: 1, copies: 0 },
  { name: "Văn bản ủy quyền (nếu có)", originals: 1, copies: 0, required: false },
];
const applicant = { name: "Lê Thị Hoa", idNumber: "079190004321", address: "3 Thành Thái, Quận 10" };
const declaration = { name: "Tờ khai đăng ký", originals: 1, copies: 0 };
const proxy = { name: "Văn bản ủy quyền (nếu có)", originals: 1, copies: 0 };

const receive = (documents: unknown[], decision = "accept") =>
  clerk.post("/api/dossiers", {
    procedureId,
    deskUnitId: ids.desk,
    method: "counter",
    resultDelivery: "counter",
    applicant,
    documents,
    decision,
    reasons: decision === "accept" ? [] : ["Thiếu tờ khai"],
  });

beforeAll(async () => {
  server = await startTestServer();
  const d10 = await district10(server);
  clerk = d10.clerk;
  ids = d10.ids;
  procedureId = (
    await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900061",
      name: "Đăng ký có giấy tờ nếu có",
      agencyUnitId: ids.justice,
      ownerUnitId: ids.q10,
      legal: { amount: 2, unit: "days" },
      documents: papers,
      parts: [
        { id: "process", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 8 },
      ] as never,
    })
  ).procedureId;
  citizen = await server.login("congdan");
  admin = await server.login("admin");
});
afterAll(() => server?.close());

describe('papers handed in "if any"', () => {
  it("are listed with their flag, and a paper is required unless said otherwise", async () => {
    const p = await clerk.get(`/api/procedures/${procedureId}`);
    expect(p.status).toBe(200);
    expect(p.body.documents.map((d: { name: string; required: boolean }) => [d.name, d.required])).toEqual([
      ["Tờ khai đăng ký", true],
      ["Văn bản ủy quyền (nếu có)", false],
    ]);
    const portal = await citizen.get(`/api/portal/procedures/${procedureId}`);
    expect(portal.body.documents.map((d: { required: boolean }) => d.required)).toEqual([true, false]);
  });

  it("do not keep the desk from accepting a dossier without them, and are kept when handed in", async () => {
    const without = await receive([declaration]);
    expect(without.status).toBe(201);
    expect(without.body.status).toBe("processing");
    expect(without.body.documents.map((d: { name: string }) => d.name)).toEqual(["Tờ khai đăng ký"]);

    const withProxy = await receive([declaration, proxy]);
    expect(withProxy.status).toBe(201);
    expect(withProxy.body.documents.map((d: { name: string }) => d.name)).toEqual([
      "Tờ khai đăng ký",
      "Văn bản ủy quyền (nếu có)",
    ]);

    // The required paper still is: refused, and the refusal names it alone.
    const missing = await receive([proxy]);
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.missing).toEqual(["Tờ khai đăng ký"]);
  });

  it("are not asked for when the desk asks the applicant to complete the papers", async () => {
    const asked = await receive([], "request_supplement");
    expect(asked.status).toBe(201);
    const [event] = rowsOf<{ data: { missing: string[] } }>(
      await server.database.db.execute(
        sql`select data from dossier_events where dossier_id = ${asked.body.id}
            and kind = 'supplement_requested_at_reception'`,
      ),
    );
    expect(event!.data.missing).toEqual(["Tờ khai đăng ký"]);
  });

  it("do not keep a citizen from submitting online without them", async () => {
    const sent = await citizen.post("/api/portal/submissions", {
      procedureId,
      applicant,
      documents: [declaration],
      data: {},
      clientKey: `optional-${Date.now()}`,
    });
    expect(sent.status).toBe(201);
    const refused = await citizen.post("/api/portal/submissions", {
      procedureId,
      applicant,
      documents: [proxy],
      data: {},
      clientKey: `optional-missing-${Date.now()}`,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.missing).toEqual(["Tờ khai đăng ký"]);
  });

  it("are set by the catalogue's editors, and a paper sent without the flag is required", async () => {
    const fields = (await admin.get("/api/catalogue/fields")).body as { id: string; code: string }[];
    const created = await admin.post("/api/procedures", {
      code: "9.900062",
      name: "Thủ tục có giấy tờ không bắt buộc",
      fieldId: fields[0]!.id,
      level: "commune",
      processingTime: { amount: 3, unit: "days" },
      documents: [{ name: "Tờ khai" }, { name: "Giấy tờ chứng minh", required: false }],
    });
    expect(created.status).toBe(201);
    expect(created.body.documents.map((d: { required: boolean }) => d.required)).toEqual([true, false]);
  });

  it("are marked on the procedures already in the catalogue by the migration, from their names", async () => {
    const db = server.database.db;
    // A catalogue as it was before the flag: papers without it, one named "(Nếu có)".
    await db.execute(
      sql`update procedures set documents = ${JSON.stringify([
        { name: "Tờ khai", originals: 1, copies: 0 },
        { name: "Văn bản thỏa thuận (Nếu có)", originals: 1, copies: 0 },
        { name: "Giấy tờ khác", originals: 0, copies: 1, required: false },
        { name: "Văn bản ủy quyền (nếu ủy quyền đăng ký)", originals: 1, copies: 0 },
      ])}::jsonb where id = ${procedureId}`,
    );
    const migration = readFileSync(
      new URL("../../../drizzle/0013_optional_papers.sql", import.meta.url),
      "utf8",
    );
    await db.execute(sql.raw(migration));
    const [row] = rowsOf<{ documents: { name: string; required: boolean }[] }>(
      await db.execute(sql`select documents from procedures where id = ${procedureId}`),
    );
    expect(row!.documents.map((d) => [d.name, d.required])).toEqual([
      ["Tờ khai", true],
      ["Văn bản thỏa thuận (Nếu có)", false],
      ["Giấy tờ khác", false],
      ["Văn bản ủy quyền (nếu ủy quyền đăng ký)", false],
    ]);
    // Every paper of every procedure says it now.
    const [unflagged] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from procedures, jsonb_array_elements(documents) e
        where not (e ? 'required')`),
    );
    expect(unflagged!.n).toBe(0);
  });
});
