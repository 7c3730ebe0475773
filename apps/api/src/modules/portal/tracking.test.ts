import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { district10, publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { decodeQr, readDocx } from "../dossiers/forms/read-back";
import { maskedName } from "../dossiers/tracking";

let server: TestServer;
let clerk: ApiClient;
let leader: ApiClient;
let procedureId: string;
let deskUnitId: string;
const applicant = {
  name: "Nguyễn Văn An",
  idNumber: "079090001234",
  phone: "0903123456",
  address: "12 đường Ba Tháng Hai, Phường 12, Quận 10",
};
const receive = (extra: Record<string, unknown> = {}) =>
  clerk.post("/api/dossiers", {
    procedureId,
    deskUnitId,
    applicant,
    documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    ...extra,
  });

beforeAll(async () => {
  server = await startTestServer();
  const d10 = await district10(server);
  clerk = d10.clerk;
  leader = d10.leader;
  deskUnitId = d10.ids.desk;
  const p = await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
    code: "9.900020",
    name: "Thủ tục tra cứu",
    agencyUnitId: d10.ids.q10,
    ownerUnitId: d10.ids.q10,
    legal: { amount: 3, unit: "days" },
    parts: [
      { id: "process", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 16 },
    ],
  });
  procedureId = p.procedureId;
});
afterAll(() => server?.close());

describe("public tracking by the receipt's code", () => {
  it("the QR code of form 01 opens the dossier's progress, without a session and without the papers", async () => {
    const d = (await receive()).body;
    const docx = await fetch(`${server.baseUrl}/api/dossiers/${d.id}/forms/01`, {
      headers: { cookie: clerk.cookie! },
    });
    expect(docx.status).toBe(200);
    const { zip, media } = await readDocx(Buffer.from(await docx.arrayBuffer()));
    const urls = await Promise.all(
      media.map(async (m) => decodeQr(Buffer.from(await zip.file(m)!.async("uint8array")))),
    );
    const url = new URL(urls.find((u) => u !== null)!);
    expect(url.pathname).toBe(`/portal/tra-cuu/${d.code}`);

    const res = await server
      .anonymous()
      .get(`/api/public/dossiers/${decodeURIComponent(url.pathname.split("/").at(-1)!)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: d.code,
      procedureName: "Thủ tục tra cứu",
      agencyName: "Ủy ban nhân dân quận 10",
      applicantName: "Nguyễn V. A.",
      status: "processing",
      dueAt: d.dueAt,
      late: false,
    });
    const text = JSON.stringify(res.body);
    for (const secret of [applicant.idNumber, applicant.phone, "Ba Tháng Hai", "Văn An", d.id]) {
      expect(text).not.toContain(secret);
    }
  });

  it("gives no appointment while the desk waits for missing papers, nor to a refused dossier", async () => {
    const d = (await receive({ decision: "request_supplement", reasons: ["Thiếu tờ khai có chữ ký"] })).body;
    const res = await server.anonymous().get(`/api/public/dossiers/${d.code}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("waiting_supplement");
    expect(res.body.dueAt).toBeNull();
    const refused = (await receive({ decision: "refuse", reasons: ["Không thuộc thẩm quyền"] })).body;
    const answer = await server.anonymous().get(`/api/public/dossiers/${refused.code}`);
    expect([answer.body.status, answer.body.dueAt, answer.body.late]).toEqual(["refused", null, false]);
  });

  it("finds the dossier by its code typed in lower case or with spaces around it", async () => {
    const d = (await receive()).body;
    expect(d.code).toMatch(/H29/);
    for (const typed of [d.code.toLowerCase(), `  ${d.code.toLowerCase()} `, d.code.replace("H29", "h29")]) {
      const res = await server.anonymous().get(`/api/public/dossiers/${encodeURIComponent(typed)}`);
      expect(res.status, typed).toBe(200);
      expect(res.body.code).toBe(d.code);
      expect(res.body.status).toBe("processing");
    }
  });

  it("gives no appointment to a stopped or withdrawn dossier, but when and how it ended, also once archived", async () => {
    const stopped = (await receive()).body;
    expect(
      (await leader.post(`/api/dossiers/${stopped.id}/stop`, { reason: "Người nộp không bổ sung" })).status,
    ).toBe(200);
    const withdrawn = (await receive()).body;
    expect(
      (await clerk.post(`/api/dossiers/${withdrawn.id}/withdraw`, { reason: "Không cần nữa" })).status,
    ).toBe(200);
    const refused = (await receive({ decision: "refuse", reasons: ["Không thuộc thẩm quyền"] })).body;
    const track = async (code: string) => (await server.anonymous().get(`/api/public/dossiers/${code}`)).body;

    for (const [d, as] of [
      [stopped, "stopped"],
      [withdrawn, "withdrawn"],
      [refused, "refused"],
    ] as const) {
      const body = await track(d.code);
      expect([body.status, body.dueAt, body.late, body.closed?.as], as).toEqual([as, null, false, as]);
      expect(Date.parse(body.closed.at)).toBeGreaterThanOrEqual(Date.parse(d.receivedAt));
    }
    const before = await track(stopped.code);
    expect((await clerk.post(`/api/dossiers/${stopped.id}/archive`, {})).status).toBe(200);
    const archived = await track(stopped.code);
    expect([archived.status, archived.dueAt, archived.closed]).toEqual(["archived", null, before.closed]);

    // An open dossier has its appointment and has not ended.
    const open = await track((await receive()).body.code);
    expect(open.dueAt).not.toBeNull();
    expect(open.closed).toBeNull();
  });

  it("answers an unknown code with 404 and a malformed one with 400", async () => {
    const unknown = await server.anonymous().get("/api/public/dossiers/000.00.10.H29-991231-9999");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    expect(unknown.body.error.message).toMatch(/Không tìm thấy hồ sơ/);
    const malformed = await server.anonymous().get("/api/public/dossiers/abc%3Cscript%3E");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("validation_failed");
  });

  it("masks every name but the family name", () => {
    expect(maskedName("Nguyễn Văn An")).toBe("Nguyễn V. A.");
    expect(maskedName("  Lê   thị  ánh ")).toBe("Lê T. Á.");
    expect(maskedName("Bùi")).toBe("Bùi");
  });
});
