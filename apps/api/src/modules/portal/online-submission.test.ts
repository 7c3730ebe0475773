import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../demo/load-demo";
import { rowsOf } from "../../platform/db/client";
import { district10, publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { onlineDossierKey } from "../dossiers/online-submissions";
import { dossiers } from "../dossiers/tables";
import { bootstrapUser } from "../org/users";

let server: TestServer;
let citizen: ApiClient;
let otherCitizen: ApiClient;
let clerk: ApiClient;
let wardClerk: ApiClient;
let ids: { q10: string; desk: string; justice: string; ward12: string };
let procedureId: string;
let wardProcedureId: string;

const applicant = {
  name: "Nguyễn Thị Dân",
  idNumber: "079190001234",
  phone: "0903111222",
  email: "congdan@demo.eiso.vn",
  address: "5 đường Sư Vạn Hạnh, Phường 12, Quận 10",
};
const documents = [
  { name: "Tờ khai", originals: 1, copies: 0 },
  { name: "Bản sao giấy tờ", originals: 0, copies: 1 },
];
let keys = 0;
const submit = (c: ApiClient, extra: Record<string, unknown> = {}) =>
  c.post("/api/portal/submissions", {
    procedureId,
    applicant,
    documents,
    data: { so_trang: 3 },
    clientKey: `form-${++keys}-${Date.now()}`,
    ...extra,
  });
const count = async (table: "online_submissions" | "dossiers") => {
  const [r] = rowsOf<{ n: number }>(
    await server.database.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`),
  );
  return r!.n;
};

beforeAll(async () => {
  server = await startTestServer();
  const d10 = await district10(server);
  clerk = d10.clerk;
  const u = server.demo.hcmc.units;
  ids = { ...d10.ids, ward12: u.get("Ủy ban nhân dân Phường 12, Quận 10")! };
  const common = {
    legal: { amount: 3, unit: "days" as const },
    documents: [
      { name: "Tờ khai", originals: 1, copies: 0 },
      { name: "Bản sao giấy tờ", originals: 0, copies: 1 },
    ],
    dossierFields: [{ key: "so_trang", label: "Số trang", type: "number" as const, required: true }],
    parts: [
      { id: "process", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 16 },
    ] as never,
  };
  procedureId = (
    await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900031",
      name: "Chứng thực bản sao trực tuyến",
      agencyUnitId: ids.justice,
      ownerUnitId: ids.q10,
      ...common,
    })
  ).procedureId;
  wardProcedureId = (
    await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900032",
      name: "Đăng ký kết hôn trực tuyến",
      agencyUnitId: ids.ward12,
      ownerUnitId: ids.q10,
      ...common,
    })
  ).procedureId;
  citizen = await server.login("congdan");
  await server.database.db.transaction((tx) =>
    bootstrapUser(
      tx,
      { tenantId: server.demo.hcmc.tenantId, userId: null, name: "Kiểm thử" },
      {
        kind: "citizen",
        username: "congdan2",
        fullName: "Trần Văn Khác",
        unitId: null,
        password: DEMO_PASSWORD,
      },
    ),
  );
  otherCitizen = await server.login("congdan2");
  // A reception clerk of Ward 4 only: District 10's online queue is not theirs.
  const admin = await server.login("admin");
  const created = await admin.post("/api/users", {
    username: "p4.motcua",
    fullName: "Cán bộ một cửa Phường 4",
    unitId: u.get("Ủy ban nhân dân Phường 4, Quận 10"),
    password: DEMO_PASSWORD,
    roles: ["reception_clerk"],
  });
  expect(created.status).toBe(201);
  wardClerk = await server.loginFirstTime("p4.motcua", DEMO_PASSWORD);
});
afterAll(() => server?.close());

describe("the portal shows what a citizen can submit online", () => {
  it("names the agency and the desk that receives its online dossiers", async () => {
    const p = await citizen.get(`/api/portal/procedures/${procedureId}`);
    expect(p.status).toBe(200);
    expect(p.body.online).toBe(true);
    expect(p.body.agencies).toEqual([
      {
        unitId: ids.justice,
        unitName: "Phòng Tư pháp quận 10",
        deskUnitId: ids.desk,
        deskName: "Bộ phận Tiếp nhận và Trả kết quả quận 10",
      },
    ]);
    // A ward without a desk unit of its own receives itself.
    const w = await citizen.get(`/api/portal/procedures/${wardProcedureId}`);
    expect(w.body.agencies[0].deskUnitId).toBe(ids.ward12);
    const list = await citizen.get("/api/portal/procedures?q=chung thuc ban sao truc tuyen");
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([procedureId]);
  });

  it("is for citizen accounts: an officer gets 403 on the portal's submission routes", async () => {
    for (const res of [
      await clerk.get("/api/portal/submissions"),
      await clerk.get(`/api/portal/procedures/${procedureId}`),
      await submit(clerk),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect(await count("online_submissions")).toBe(0);
  });
});

describe("a citizen submits online", () => {
  it("refuses a submission without the required papers or with bad data, and writes nothing", async () => {
    const before = await count("online_submissions");
    const noCopy = await submit(citizen, { documents: [documents[0]] });
    expect(noCopy.status).toBe(400);
    expect(noCopy.body.error.details.missing).toEqual(["Bản sao giấy tờ"]);
    expect(noCopy.body.error.message).toContain("Bản sao giấy tờ");
    const badData = await submit(citizen, { data: { so_trang: "ba" } });
    expect(badData.status).toBe(400);
    expect(badData.body.error.details.fields).toEqual(["so_trang"]);
    const noData = await submit(citizen, { data: {} });
    expect(noData.status).toBe(400);
    expect(noData.body.error.details.fields).toEqual(["so_trang"]);
    const wrongAgency = await submit(citizen, { agencyUnitId: ids.ward12 });
    expect(wrongAgency.status).toBe(400);
    expect(await count("online_submissions")).toBe(before);
  });

  it("refuses a procedure that is not offered online", async () => {
    const admin = await server.login("admin");
    const offline = (
      await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
        code: "9.900033",
        name: "Thủ tục chỉ nộp trực tiếp",
        agencyUnitId: ids.justice,
        ownerUnitId: ids.q10,
        legal: { amount: 1, unit: "days" },
        parts: [{ id: "p", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 4 }],
      })
    ).procedureId;
    expect((await admin.patch(`/api/procedures/${offline}`, { onlineLevel: "none" })).status).toBe(200);
    expect((await citizen.get(`/api/portal/procedures/${offline}`)).body.online).toBe(false);
    const res = await submit(citizen, { procedureId: offline, documents: [documents[0]], data: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_operation");
  });

  it("waits in the online queue of the desk over the agency; the same form sent twice is one submission", async () => {
    const clientKey = `form-twice-${Date.now()}`;
    const first = await submit(citizen, { clientKey });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: "pending",
      procedureId,
      agencyUnitId: ids.justice,
      deskUnitId: ids.desk,
      submittedByName: "Nguyễn Thị Dân",
      dossierCode: null,
    });
    const again = await submit(citizen, { clientKey });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);

    const queue = await clerk.get(`/api/dossiers/online-queue?deskUnitId=${ids.desk}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(first.body.id);
    expect(queue.body.items.filter((x: { id: string }) => x.id === first.body.id)).toHaveLength(1);
    const found = await clerk.get("/api/dossiers/online-queue?q=nguyen thi dan");
    expect(found.body.items.map((x: { id: string }) => x.id)).toContain(first.body.id);
    const counts = await clerk.get("/api/dossiers/inbox/counts");
    expect(counts.body.onlineQueue).toBe(queue.body.total);
    // Mail to the applicant that the submission arrived.
    const [mail] = rowsOf<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from outbox where payload->>'to' = ${applicant.email} and payload->>'subject' like '%Đã nộp hồ sơ trực tuyến%'`,
      ),
    );
    expect(mail!.n).toBeGreaterThanOrEqual(1);
  });

  it("the same form sent twice at once is one submission", async () => {
    const clientKey = `form-at-once-${Date.now()}`;
    const both = await Promise.all([submit(citizen, { clientKey }), submit(citizen, { clientKey })]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[0]!.body.id).toBe(both[1]!.body.id);
    const [row] = rowsOf<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from online_submissions where client_key = ${clientKey}`,
      ),
    );
    expect(row!.n).toBe(1);
  });

  it("is not visible to a desk that does not receive there, nor to another citizen", async () => {
    const s = (await submit(citizen)).body;
    const queue = await wardClerk.get("/api/dossiers/online-queue");
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    expect((await wardClerk.get("/api/dossiers/inbox/counts")).body.onlineQueue).toBe(queue.body.total);
    expect((await wardClerk.get(`/api/dossiers/online-queue/${s.id}`)).status).toBe(403);
    expect((await wardClerk.get(`/api/dossiers/online-queue?deskUnitId=${ids.desk}`)).status).toBe(403);
    const before = await count("dossiers");
    const taken = await wardClerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" });
    expect(taken.status).toBe(403);
    expect(await count("dossiers")).toBe(before);
    const mine = (await otherCitizen.get("/api/portal/submissions")).body.items as { id: string }[];
    expect(mine.map((x) => x.id)).not.toContain(s.id);
    expect((await otherCitizen.post(`/api/portal/submissions/${s.id}/cancel`)).status).toBe(404);
    expect((await clerk.get(`/api/dossiers/online-queue/${s.id}`)).body.status).toBe("pending");
  });
});

const pdf = (text: string) => new Blob([`%PDF-1.4\n% ${text}\n%%EOF\n`]);
const upload = (c: ApiClient, text: string, name = "to-khai.pdf") => {
  const form = new FormData();
  form.append("file", pdf(text), name);
  return c.request("POST", "/api/portal/files", undefined, { raw: form });
};

describe("scans attached online", () => {
  it("go with the submission to the desk and become the dossier's submitted documents", async () => {
    const scan = await upload(citizen, "to khai cua dan");
    expect(scan.status).toBe(201);
    expect(scan.body).toMatchObject({ name: "to-khai.pdf", mediaType: "application/pdf" });
    const copy = (await upload(citizen, "ban sao", "ban-sao.pdf")).body;
    const s = await submit(citizen, {
      documents: [
        { ...documents[0], fileIds: [scan.body.id] },
        { ...documents[1], fileIds: [copy.id] },
      ],
    });
    expect(s.status).toBe(201);
    expect(s.body.documents.map((d: { files: { name: string }[] }) => d.files.map((f) => f.name))).toEqual([
      ["to-khai.pdf"],
      ["ban-sao.pdf"],
    ]);
    // The desk reads the scan; a desk that does not receive there cannot.
    const url = `/api/dossiers/online-queue/${s.body.id}/files/${scan.body.id}`;
    const seen = await fetch(`${server.baseUrl}${url}`, { headers: { cookie: clerk.cookie! } });
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain("to khai cua dan");
    expect((await wardClerk.get(url)).status).toBe(403);
    // Only the submission's own files are served through it.
    expect((await clerk.get(`/api/dossiers/online-queue/${s.body.id}/files/${s.body.id}`)).status).toBe(404);

    const res = await clerk.post(`/api/dossiers/online-queue/${s.body.id}/receive`, { decision: "accept" });
    expect(res.status).toBe(200);
    const docs = (await clerk.get(`/api/dossiers/${res.body.dossier.id}/documents`)).body.items as {
      kind: string;
      label: string;
      fileName: string;
      uploadedByName: string;
    }[];
    expect(docs.map((d) => [d.kind, d.label, d.uploadedByName]).sort()).toEqual([
      ["submitted", "Bản sao giấy tờ", "Nguyễn Thị Dân"],
      ["submitted", "Tờ khai", "Nguyễn Thị Dân"],
    ]);
    const page = (await clerk.get(`/api/dossiers/${res.body.dossier.id}`)).body;
    expect(page.events.map((e: { kind: string }) => e.kind)).toContain("documents.submitted_online");
  });

  it("only the applicant's own uploads can be attached; officers cannot upload on the portal", async () => {
    const theirs = (await upload(otherCitizen, "cua nguoi khac")).body;
    const before = await count("online_submissions");
    const res = await submit(citizen, {
      documents: [{ ...documents[0], fileIds: [theirs.id] }, documents[1]],
    });
    expect(res.status).toBe(400);
    expect(await count("online_submissions")).toBe(before);
    expect((await upload(clerk, "can bo")).status).toBe(403);
  });
});

describe("the desk receives from the online queue", () => {
  it("keeps the queue's idempotency keys to itself: a client may not send an eiso-queue- key", async () => {
    const res = await clerk.post("/api/dossiers", {
      procedureId,
      deskUnitId: ids.desk,
      applicant,
      documents,
      data: { so_trang: 1 },
      idempotencyKey: "eiso-queue-01939a4e-0000-7000-8000-000000000000",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
  });

  it("accepts: a dossier received online with its code and form 01; the citizen sees the code and can track it", async () => {
    const s = (await submit(citizen)).body;
    const res = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" });
    expect(res.status).toBe(200);
    const d = res.body.dossier;
    expect(d).toMatchObject({
      method: "online",
      status: "processing",
      deskUnitId: ids.desk,
      agencyUnitId: ids.justice,
      applicant: { name: applicant.name, idNumber: applicant.idNumber },
      data: { so_trang: 3 },
    });
    expect(d.code).toMatch(/^000\.10\.4\d\.H29-\d{6}-\d{4}$/);
    expect(res.body.submission).toMatchObject({ status: "accepted", dossierId: d.id, dossierCode: d.code });
    const page = (await clerk.get(`/api/dossiers/${d.id}`)).body;
    expect(page.forms.map((f: { formNo: string }) => f.formNo)).toEqual(["01"]);

    const mine = (await citizen.get("/api/portal/submissions")).body.items as {
      id: string;
      status: string;
      dossierCode: string;
      dossierStatus: string;
      decidedByName: string;
    }[];
    expect(mine.find((x) => x.id === s.id)).toMatchObject({
      status: "accepted",
      dossierCode: d.code,
      dossierStatus: "processing",
      decidedByName: "Võ Thị Một",
    });
    const tracked = await server.anonymous().get(`/api/public/dossiers/${d.code}`);
    expect(tracked.body).toMatchObject({ status: "processing", applicantName: "Nguyễn T. D." });
    // Off the queue once decided; a second decision is a conflict that names the code.
    const queue = (await clerk.get("/api/dossiers/online-queue?pageSize=200")).body.items as { id: string }[];
    expect(queue.map((x) => x.id)).not.toContain(s.id);
    const again = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(d.code);
  });

  it("applies the clerk's corrections, and refuses to accept what is still incomplete (nothing written)", async () => {
    const s = (await submit(citizen)).body;
    const before = await count("dossiers");
    const incomplete = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, {
      decision: "accept",
      documents: [documents[0]],
    });
    expect(incomplete.status).toBe(422);
    expect(await count("dossiers")).toBe(before);
    expect((await clerk.get(`/api/dossiers/online-queue/${s.id}`)).body.status).toBe("pending");
    const fixed = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, {
      decision: "accept",
      applicant: { ...applicant, name: "Nguyễn Thị Dân (đã sửa)" },
      data: { so_trang: 4 },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.dossier.applicant.name).toBe("Nguyễn Thị Dân (đã sửa)");
    expect(fixed.body.dossier.data).toEqual({ so_trang: 4 });
  });

  it("asks to complete or refuses, with reasons the citizen reads", async () => {
    const a = (await submit(citizen)).body;
    const asked = await clerk.post(`/api/dossiers/online-queue/${a.id}/receive`, {
      decision: "request_supplement",
      reasons: ["Bản sao giấy tờ không rõ nét"],
    });
    expect(asked.status).toBe(200);
    expect(asked.body.submission).toMatchObject({
      status: "supplement_requested",
      reasons: ["Bản sao giấy tờ không rõ nét"],
    });
    expect(asked.body.dossier.status).toBe("waiting_supplement");
    const b = (await submit(citizen)).body;
    const refused = await clerk.post(`/api/dossiers/online-queue/${b.id}/receive`, {
      decision: "refuse",
      reasons: ["Không thuộc thẩm quyền"],
    });
    expect(refused.body.submission.status).toBe("refused");
    expect(refused.body.dossier.status).toBe("refused");
    const mine = (await citizen.get("/api/portal/submissions")).body.items as {
      id: string;
      status: string;
      reasons: string[];
    }[];
    expect(mine.find((x) => x.id === b.id)).toMatchObject({
      status: "refused",
      reasons: ["Không thuộc thẩm quyền"],
    });
  });

  it("two clerks receiving one submission at once make one dossier and one conflict", async () => {
    const s = (await submit(citizen)).body;
    const other = await server.login("q10.motcua");
    const results = await Promise.all([
      clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" }),
      other.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const made = await server.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(
        and(
          eq(dossiers.tenantId, server.demo.hcmc.tenantId),
          eq(dossiers.idempotencyKey, onlineDossierKey(s.id)),
        ),
      );
    expect(made).toHaveLength(1);
  });

  it("a result returned online is the applicant's to download, and no one else's", async () => {
    const s = (await submit(citizen, { resultDelivery: "online" })).body;
    const d = (await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" })).body
      .dossier;
    const head = await server.login("q10.truongphong");
    const step = (await clerk.get(`/api/dossiers/${d.id}`)).body.steps.find(
      (x: { status: string }) => x.status === "active",
    );
    const done = await head.post(`/api/dossiers/${d.id}/steps/${step.id}/complete`, {
      version: step.version,
    });
    expect(done.status).toBe(200);
    const form = new FormData();
    form.append("file", pdf("ban chinh ket qua"), "ket-qua.pdf");
    const result = await clerk.request(
      "POST",
      `/api/dossiers/${d.id}/documents?kind=result&label=B%E1%BA%A3n%20sao%20ch%E1%BB%A9ng%20th%E1%BB%B1c`,
      undefined,
      { raw: form },
    );
    expect(result.status).toBe(201);
    // Before the return nothing is released.
    let mine = (await citizen.get("/api/portal/submissions")).body.items.find(
      (x: { id: string }) => x.id === s.id,
    );
    expect(mine.results).toEqual([]);
    const url = `/api/portal/submissions/${s.id}/results/${result.body.id}`;
    expect((await citizen.get(url)).status).toBe(404);
    expect((await clerk.post(`/api/dossiers/${d.id}/return`, { delivery: "online" })).status).toBe(200);

    mine = (await citizen.get("/api/portal/submissions")).body.items.find(
      (x: { id: string }) => x.id === s.id,
    );
    expect(mine.dossierStatus).toBe("returned");
    expect(mine.results).toMatchObject([
      { id: result.body.id, label: "Bản sao chứng thực", fileName: "ket-qua.pdf" },
    ]);
    const file = await fetch(`${server.baseUrl}${url}`, { headers: { cookie: citizen.cookie! } });
    expect(file.status).toBe(200);
    expect(await file.text()).toContain("ban chinh ket qua");
    expect((await otherCitizen.get(url)).status).toBe(404);
    expect((await clerk.get(url)).status).toBe(403);
  });

  it("a citizen cancels before the desk decides; the desk can no longer receive it", async () => {
    const s = (await submit(citizen)).body;
    const cancelled = await citizen.post(`/api/portal/submissions/${s.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const late = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" });
    expect(late.status).toBe(409);
    expect(late.body.error.details.status).toBe("cancelled");
    expect((await citizen.post(`/api/portal/submissions/${s.id}/cancel`)).status).toBe(409);
  });

  it("the ward's online submission waits at the ward, in the queue of a desk whose scope covers it", async () => {
    const s = (await submit(citizen, { procedureId: wardProcedureId })).body;
    expect(s.deskUnitId).toBe(ids.ward12);
    const queue = (await clerk.get("/api/dossiers/online-queue?pageSize=200")).body.items as { id: string }[];
    expect(queue.map((x) => x.id)).toContain(s.id);
    const res = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" });
    expect(res.status).toBe(200);
    expect(res.body.dossier).toMatchObject({ deskUnitId: ids.ward12, agencyUnitId: ids.ward12 });
  });
});

describe("supplements sent online", () => {
  type Mine = {
    id: string;
    supplementRequest: { items: string[]; at: string } | null;
    supplementSentAt: string | null;
    dossierStatus: string;
  };
  const mine = async (id: string) =>
    ((await citizen.get("/api/portal/submissions")).body.items as Mine[]).find((x) => x.id === id)!;

  it("complete a dossier the desk asked to complete: the desk receives them from its queue and accepts it", async () => {
    const s = (await submit(citizen)).body;
    const asked = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, {
      decision: "request_supplement",
      reasons: ["Bản sao giấy tờ không rõ nét"],
    });
    const dossierId = asked.body.dossier.id;
    expect((await mine(s.id)).supplementRequest?.items).toEqual(["Bản sao giấy tờ không rõ nét"]);
    const scan = (await upload(citizen, "ban sao ro net", "ban-sao-moi.pdf")).body;
    const sent = await citizen.post(`/api/portal/submissions/${s.id}/supplement`, {
      note: "Gửi lại bản sao rõ nét",
      documents: [{ name: "Bản sao giấy tờ (bổ sung)", originals: 0, copies: 1, fileIds: [scan.id] }],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.supplementSentAt).not.toBeNull();
    const again = await citizen.post(`/api/portal/submissions/${s.id}/supplement`, {
      documents: [{ name: "Khác", originals: 0, copies: 1 }],
    });
    expect(again.status).toBe(409);

    const queue = await clerk.get("/api/dossiers/online-queue/supplements");
    const item = queue.body.items.find((x: { dossierId: string }) => x.dossierId === dossierId);
    expect(item).toMatchObject({
      stage: "reception",
      requested: ["Bản sao giấy tờ không rõ nét"],
      note: "Gửi lại bản sao rõ nét",
      dossierCode: asked.body.dossier.code,
    });
    expect(item.documents[0].files.map((f: { name: string }) => f.name)).toEqual(["ban-sao-moi.pdf"]);
    const file = await fetch(`${server.baseUrl}/api/dossiers/online-queue/${s.id}/files/${scan.id}`, {
      headers: { cookie: clerk.cookie! },
    });
    expect(file.status).toBe(200);
    const counts = (await clerk.get("/api/dossiers/inbox/counts")).body;
    const pending = (await clerk.get("/api/dossiers/online-queue")).body.total;
    expect(counts.onlineQueue).toBe(pending + queue.body.total);
    // Not another desk's to see or receive.
    const theirs = (await wardClerk.get("/api/dossiers/online-queue/supplements")).body.items as {
      id: string;
    }[];
    expect(theirs.map((x) => x.id)).not.toContain(item.id);
    expect((await wardClerk.post(`/api/dossiers/online-queue/supplements/${item.id}/receive`)).status).toBe(
      403,
    );

    const received = await clerk.post(`/api/dossiers/online-queue/supplements/${item.id}/receive`);
    expect(received.status).toBe(200);
    expect(received.body.status).toBe("processing");
    expect(received.body.forms.map((f: { formNo: string }) => f.formNo)).toContain("01");
    expect(received.body.events.map((e: { kind: string }) => e.kind)).toContain(
      "documents.supplemented_online",
    );
    const docs = (await clerk.get(`/api/dossiers/${dossierId}/documents`)).body.items as { label: string }[];
    expect(docs.map((d) => d.label)).toContain("Bản sao giấy tờ (bổ sung)");
    expect((await clerk.post(`/api/dossiers/online-queue/supplements/${item.id}/receive`)).status).toBe(409);
    expect(await mine(s.id)).toMatchObject({ dossierStatus: "processing", supplementRequest: null });
    // The applicant is told, with the appointment.
    const [mail] = rowsOf<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from outbox where payload->>'to' = ${applicant.email}
              and payload->>'subject' = ${`[eISO] ${asked.body.dossier.code}: Đã tiếp nhận hồ sơ`}
              and payload->>'text' like '%Hẹn trả kết quả%'`,
      ),
    );
    expect(mail!.n).toBe(1);
    // In Vietnam's time, as the receipt writes it (not an ISO instant in UTC).
    const [body] = rowsOf<{ text: string }>(
      await server.database.db.execute(
        sql`select payload->>'text' as text from outbox where payload->>'to' = ${applicant.email}
              and payload->>'subject' = ${`[eISO] ${asked.body.dossier.code}: Đã tiếp nhận hồ sơ`}`,
      ),
    );
    expect(body!.text).toMatch(/Hẹn trả kết quả: \d{2} giờ \d{2} phút, ngày \d{2} tháng \d{1,2} năm \d{4}$/);
  });

  it("are the account's own: another citizen cannot send one for my dossier", async () => {
    const s = (await submit(citizen)).body;
    await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, {
      decision: "request_supplement",
      reasons: ["Thiếu chữ ký"],
    });
    const theirs = await otherCitizen.post(`/api/portal/submissions/${s.id}/supplement`, {
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    });
    expect(theirs.status).toBe(404);
    expect((await mine(s.id)).supplementSentAt).toBeNull();
  });

  it("leave the queue when the dossier stops waiting another way (papers brought to the counter)", async () => {
    const s = (await submit(citizen)).body;
    const asked = await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, {
      decision: "request_supplement",
      reasons: ["Thiếu chữ ký"],
    });
    const dossierId = asked.body.dossier.id;
    expect(
      (
        await citizen.post(`/api/portal/submissions/${s.id}/supplement`, {
          documents: [{ name: "Tờ khai (đã ký)", originals: 1, copies: 0 }],
        })
      ).status,
    ).toBe(201);
    const item = (await clerk.get("/api/dossiers/online-queue/supplements")).body.items.find(
      (x: { dossierId: string }) => x.dossierId === dossierId,
    );
    expect(item).toBeDefined();
    const atCounter = await clerk.post(`/api/dossiers/${dossierId}/supplement-received`, {
      note: "Công dân mang bản chính đến quầy",
    });
    expect(atCounter.status).toBe(200);
    const queue = (await clerk.get("/api/dossiers/online-queue/supplements")).body.items as { id: string }[];
    expect(queue.map((x) => x.id)).not.toContain(item.id);
    expect((await clerk.post(`/api/dossiers/online-queue/supplements/${item.id}/receive`)).status).toBe(409);
    expect(await mine(s.id)).toMatchObject({ supplementSentAt: null, supplementRequest: null });
  });

  it("answer a supplement asked during handling: the clock resumes when the desk receives them", async () => {
    const s = (await submit(citizen)).body;
    const d = (await clerk.post(`/api/dossiers/online-queue/${s.id}/receive`, { decision: "accept" })).body
      .dossier;
    const head = await server.login("q10.truongphong");
    const paused = await head.post(`/api/dossiers/${d.id}/supplement-request`, {
      items: [{ requirement: "Bản sao CCCD", reason: "Bản sao mờ" }],
    });
    expect(paused.status).toBe(200);
    expect((await mine(s.id)).supplementRequest?.items).toEqual(["Bản sao CCCD: Bản sao mờ"]);
    const notWaiting = (await submit(citizen)).body;
    const refused = await citizen.post(`/api/portal/submissions/${notWaiting.id}/supplement`, {
      documents: [{ name: "Bản sao CCCD", originals: 0, copies: 1 }],
    });
    expect(refused.status).toBe(422);
    expect(
      (
        await citizen.post(`/api/portal/submissions/${s.id}/supplement`, {
          documents: [{ name: "Bản sao CCCD", originals: 0, copies: 1 }],
        })
      ).status,
    ).toBe(201);
    const item = (await clerk.get("/api/dossiers/online-queue/supplements")).body.items.find(
      (x: { dossierId: string }) => x.dossierId === d.id,
    );
    expect(item.stage).toBe("handling");
    const resumed = await clerk.post(`/api/dossiers/online-queue/supplements/${item.id}/receive`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe("processing");
    expect(resumed.body.supplementCount).toBe(1);
    // The receipt is the ordinary one: its event closes the pause (the exact shift of the due times
    // is dossier-flow.test.ts's "supplement pause and resume").
    const event = resumed.body.events.find((e: { kind: string }) => e.kind === "supplement_received");
    expect(event.data.pausedTo).toBeTruthy();
    expect(new Date(event.data.pausedTo).getTime()).toBeGreaterThanOrEqual(
      new Date(event.data.pausedFrom).getTime(),
    );
  });
});

describe("rate limits on the portal's writes", () => {
  it("answers 429 with the error shape once a client sends too many submissions a minute", async () => {
    const limited = await startTestServer({ publicRateLimit: 2 });
    try {
      const c = await limited.login("congdan");
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (
            await c.post("/api/portal/submissions", {
              procedureId: "01939a4e-0000-7000-8000-000000000000",
              applicant,
              documents,
              clientKey: `limited-${i}`,
            })
          ).status,
        );
      expect(statuses).toEqual([404, 404, 429]);
      const last = await c.post("/api/portal/submissions", {
        procedureId: "01939a4e-0000-7000-8000-000000000000",
        applicant,
        documents,
        clientKey: "limited-3",
      });
      expect(last.body.error.code).toBe("rate_limited");
    } finally {
      await limited.close();
    }
  });
});
