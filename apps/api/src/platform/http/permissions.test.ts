import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedProcedure } from "../../testing/dossier-fixtures";
import { type ApiClient, type ApiResponse, startTestServer, type TestServer } from "../../testing/harness";
import { rowsOf } from "../db/client";

let server: TestServer;
/** Resources of District 10 that outsiders try to reach. */
const q10: Record<string, string> = {};

type Probe = (c: ApiClient) => Promise<ApiResponse>;

/**
 * One request per route that touches District 10's resources. A new route must be added here,
 * or the coverage test below fails: that is how every route gets its cross-agency check.
 */
const probes: Record<string, Probe | "not-resource-specific"> = {
  "GET /api/health": "not-resource-specific",
  // Public by design (the receipt's QR code): progress only, the name masked, nothing of the papers
  // (modules/portal/tracking.test.ts).
  "GET /api/public/dossiers/:code": "not-resource-specific",
  "GET /api/auth/session": "not-resource-specific",
  "POST /api/auth/login": "not-resource-specific",
  "POST /api/auth/logout": "not-resource-specific",
  "POST /api/auth/password": "not-resource-specific",
  "GET /api/tenant": "not-resource-specific",
  // Tenant-wide settings: each tenant's admin edits only its own (calendar.test.ts shows the isolation).
  "GET /api/calendar/years/:year": "not-resource-specific",
  "GET /api/calendar/office-hours": "not-resource-specific",
  "GET /api/calendar/deadline": "not-resource-specific",
  "PUT /api/calendar/years/:year": "not-resource-specific",
  "PUT /api/calendar/office-hours": "not-resource-specific",
  "PUT /api/auth/active-unit": (c) => c.put("/api/auth/active-unit", { unitId: q10.unit! }),
  "GET /api/units": (c) => c.get(`/api/units?rootId=${q10.unit}`),
  "POST /api/units": (c) =>
    c.post("/api/units", {
      parentId: q10.unit,
      code: "000.10.95.H29",
      name: "Phường Xâm nhập",
      kind: "commune",
    }),
  "POST /api/units/merge": (c) =>
    c.post("/api/units/merge", {
      sourceIds: [q10.ward],
      newUnit: { parentId: q10.unit, code: "000.10.96.H29", name: "Phường Gộp", kind: "commune" },
      effectiveDate: "2025-07-01",
    }),
  "POST /api/units/import": (c) => {
    const form = new FormData();
    form.append(
      "file",
      new Blob(["Mã định danh,Tên đơn vị,Loại đơn vị\n000.10.97.H29,Phòng X,division\n"]),
      "u.csv",
    );
    return c.request("POST", `/api/units/import?mode=apply&parentId=${q10.unit}`, undefined, { raw: form });
  },
  "GET /api/units/:id": (c) => c.get(`/api/units/${q10.ward}`),
  "PATCH /api/units/:id": (c) => c.patch(`/api/units/${q10.ward}`, { name: "Đổi tên trái phép" }),
  "POST /api/units/:id/move": (c) => c.post(`/api/units/${q10.ward}/move`, { newParentId: q10.otherWard }),
  "GET /api/units/:id/history": (c) => c.get(`/api/units/${q10.ward}/history`),
  "GET /api/units/:id/former": (c) => c.get(`/api/units/${q10.unit}/former`),
  "GET /api/users": (c) => c.get(`/api/users?unitId=${q10.unit}`),
  "POST /api/users": (c) =>
    c.post("/api/users", {
      username: "xam.nhap",
      fullName: "X",
      unitId: q10.ward,
      password: "mat-khau-2026",
    }),
  "GET /api/users/:id": (c) => c.get(`/api/users/${q10.user}`),
  "PATCH /api/users/:id": (c) => c.patch(`/api/users/${q10.user}`, { status: "disabled" }),
  "POST /api/users/:id/reset-password": (c) =>
    c.post(`/api/users/${q10.user}/reset-password`, { newPassword: "mat-khau-2026" }),
  "GET /api/users/:id/grants": (c) => c.get(`/api/users/${q10.user}/grants`),
  "POST /api/users/:id/grants": (c) =>
    c.post(`/api/users/${q10.user}/grants`, { role: "leader", unitId: q10.unit }),
  "POST /api/users/:id/grants/:grantId/revoke": (c) =>
    c.post(`/api/users/${q10.user}/grants/${q10.grant}/revoke`),
  "GET /api/delegations": (c) => c.get(`/api/delegations?userId=${q10.user}`),
  "POST /api/delegations": (c) =>
    c.post("/api/delegations", {
      grantId: q10.grant,
      toUserId: q10.otherUser,
      startsOn: "2026-01-01",
      endsOn: "2026-01-31",
    }),
  "POST /api/delegations/:id/revoke": (c) => c.post(`/api/delegations/${q10.delegation}/revoke`),
  "GET /api/audit": (c) => c.get(`/api/audit?unitId=${q10.unit}`),
  // ---- Catalogue and processes (issue 5) ----
  // The procedure catalogue is readable by every officer of the tenant (the portal shows it to the
  // public); another tenant gets 404 (catalogue tests). Writes are scoped by the owning unit.
  "GET /api/catalogue/fields": "not-resource-specific",
  "GET /api/procedures": "not-resource-specific",
  "GET /api/procedures/export": "not-resource-specific",
  "GET /api/procedures/:id": "not-resource-specific",
  "POST /api/catalogue/fields": (c) =>
    c.post("/api/catalogue/fields", { code: "XN-LV", name: "Lĩnh vực xâm nhập", ownerUnitId: q10.unit }),
  "PATCH /api/catalogue/fields/:id": (c) =>
    c.patch(`/api/catalogue/fields/${q10.catField}`, { name: "Đổi tên" }),
  "POST /api/procedures": (c) =>
    c.post("/api/procedures", {
      code: "9.990001",
      name: "Thủ tục xâm nhập",
      fieldId: q10.catField,
      level: "district",
      ownerUnitId: q10.unit,
    }),
  "POST /api/procedures/import": (c) => {
    const form = new FormData();
    form.append(
      "file",
      new Blob(["Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện\n9.990002,X,HT,Cấp huyện\n"]),
      "p.csv",
    );
    return c.request("POST", `/api/procedures/import?mode=apply&ownerUnitId=${q10.unit}`, undefined, {
      raw: form,
    });
  },
  "PATCH /api/procedures/:id": (c) => c.patch(`/api/procedures/${q10.catProcedure}`, { name: "Đổi tên" }),
  "GET /api/catalogue/assignments": (c) => c.get(`/api/catalogue/assignments?agencyUnitId=${q10.unit}`),
  "POST /api/catalogue/assignments": (c) =>
    c.post("/api/catalogue/assignments", {
      agencyUnitId: q10.unit,
      subjectType: "procedure",
      subjectId: q10.catProcedure,
      assigneeUnitId: q10.unit,
    }),
  "POST /api/catalogue/assignments/:id/remove": (c) =>
    c.post(`/api/catalogue/assignments/${q10.catAssignment}/remove`),
  "GET /api/processes": (c) => c.get(`/api/processes?unitId=${q10.unit}`),
  "POST /api/processes": (c) => c.post("/api/processes", { procedureId: q10.catProcedure, unitId: q10.unit }),
  "GET /api/processes/:id": (c) => c.get(`/api/processes/${q10.catProcess}`),
  "POST /api/processes/:id/versions": (c) => c.post(`/api/processes/${q10.catProcess}/versions`, {}),
  "POST /api/processes/:id/adopt": (c) =>
    c.post(`/api/processes/${q10.catTemplate}/adopt`, { unitId: q10.ward, effectiveFrom: "2026-01-01" }),
  "GET /api/process-versions/diff": (c) =>
    c.get(`/api/process-versions/diff?from=${q10.catPublished}&to=${q10.catDraft}`),
  "GET /api/process-versions/:id": (c) => c.get(`/api/process-versions/${q10.catDraft}`),
  "PUT /api/process-versions/:id/xml": (c) =>
    c.put(`/api/process-versions/${q10.catDraft}/xml`, { xml: "<bpmn:definitions/>" }),
  "POST /api/process-versions/:id/validate": (c) =>
    c.post(`/api/process-versions/${q10.catDraft}/validate`, {}),
  "POST /api/process-versions/:id/submit": (c) => c.post(`/api/process-versions/${q10.catDraft}/submit`),
  "POST /api/process-versions/:id/approve": (c) =>
    c.post(`/api/process-versions/${q10.catDraft}/approve`, {
      decisionNumber: "1/QĐ",
      decisionDate: "2026-01-01",
    }),
  "POST /api/process-versions/:id/reject": (c) =>
    c.post(`/api/process-versions/${q10.catDraft}/reject`, { reason: "Không" }),
  "POST /api/process-versions/:id/publish": (c) =>
    c.post(`/api/process-versions/${q10.catDraft}/publish`, { effectiveFrom: "2026-01-01" }),
  "GET /api/dossiers/inbox": "not-resource-specific",
  // ---- Online submissions: the citizen's own (officers get 403 on every portal route: the guard's
  // "citizen" access), and District 10's desk queue ----
  "GET /api/portal/procedures": "not-resource-specific",
  "GET /api/portal/procedures/:id": "not-resource-specific",
  "POST /api/portal/submissions": "not-resource-specific",
  "POST /api/portal/files": "not-resource-specific",
  "GET /api/portal/submissions": "not-resource-specific",
  "GET /api/portal/submissions/:id/results/:docId": (c) =>
    c.get(`/api/portal/submissions/${q10.submission}/results/${q10.document}`),
  "POST /api/portal/submissions/:id/supplement": (c) =>
    c.post(`/api/portal/submissions/${q10.asked}/supplement`, {
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    }),
  // Lists only the desks in the clerk's receiving scope (online-submission.test.ts: another desk's clerk).
  "GET /api/dossiers/online-queue/supplements": "not-resource-specific",
  "POST /api/dossiers/online-queue/supplements/:id/receive": (c) =>
    c.post(`/api/dossiers/online-queue/supplements/${q10.supplement}/receive`),
  "POST /api/portal/submissions/:id/cancel": (c) =>
    c.post(`/api/portal/submissions/${q10.submission}/cancel`),
  "GET /api/dossiers/online-queue": (c) => c.get(`/api/dossiers/online-queue?deskUnitId=${q10.desk}`),
  "GET /api/dossiers/online-queue/:id": (c) => c.get(`/api/dossiers/online-queue/${q10.submission}`),
  "GET /api/dossiers/online-queue/:id/files/:fileId": (c) =>
    c.get(`/api/dossiers/online-queue/${q10.submission}/files/${q10.submissionFile}`),
  "POST /api/dossiers/online-queue/:id/receive": (c) =>
    c.post(`/api/dossiers/online-queue/${q10.submission}/receive`, { decision: "accept" }),
  "GET /api/dossiers/inbox/counts": "not-resource-specific",
  "POST /api/dossiers": (c) =>
    c.post("/api/dossiers", {
      procedureId: q10.procedure,
      deskUnitId: q10.desk,
      applicant: { name: "Xâm nhập" },
      documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    }),
  "GET /api/dossiers": (c) => c.get(`/api/dossiers?unitId=${q10.unit}`),
  "GET /api/dossiers/statistics": (c) =>
    c.get(`/api/dossiers/statistics?unitId=${q10.unit}&from=2026-01-01&to=2026-12-31`),
  "GET /api/dossiers/statistics.xlsx": (c) =>
    c.get(`/api/dossiers/statistics.xlsx?unitId=${q10.unit}&from=2026-01-01&to=2026-12-31`),
  "GET /api/dossiers/tracking-book.xlsx": (c) =>
    c.get(`/api/dossiers/tracking-book.xlsx?deskUnitId=${q10.desk}&from=2026-01-01&to=2026-12-31`),
  "GET /api/dossiers/:id": (c) => c.get(`/api/dossiers/${q10.dossier}`),
  "GET /api/dossiers/:id/process": (c) => c.get(`/api/dossiers/${q10.dossier}/process`),
  "GET /api/dossiers/:id/forms/:formNo": (c) => c.get(`/api/dossiers/${q10.dossier}/forms/01`),
  "POST /api/dossiers/:id/steps/:stepId/complete": (c) =>
    c.post(`/api/dossiers/${q10.dossier}/steps/${q10.step}/complete`, { version: 0 }),
  "GET /api/dossiers/:id/steps/:stepId/candidates": (c) =>
    c.get(`/api/dossiers/${q10.dossier}/steps/${q10.step}/candidates`),
  "POST /api/dossiers/:id/steps/:stepId/claim": (c) =>
    c.post(`/api/dossiers/${q10.dossier}/steps/${q10.step}/claim`, { version: 0 }),
  "POST /api/dossiers/:id/steps/:stepId/assign": (c) =>
    c.post(`/api/dossiers/${q10.dossier}/steps/${q10.step}/assign`, {
      version: 0,
      assigneeId: q10.otherUser,
    }),
  "POST /api/dossiers/:id/supplement-request": (c) =>
    c.post(`/api/dossiers/${q10.dossier}/supplement-request`, { items: [{ requirement: "X", reason: "Y" }] }),
  "POST /api/dossiers/:id/supplement-received": (c) =>
    c.post(`/api/dossiers/${q10.dossier}/supplement-received`, {}),
  "POST /api/dossiers/:id/apology": (c) =>
    c.post(`/api/dossiers/${q10.dossier}/apology`, { reason: "X", newDueAt: "2030-01-01T08:00:00+07:00" }),
  "POST /api/dossiers/:id/stop": (c) => c.post(`/api/dossiers/${q10.dossier}/stop`, { reason: "X" }),
  "POST /api/dossiers/:id/withdraw": (c) => c.post(`/api/dossiers/${q10.dossier}/withdraw`, { reason: "X" }),
  "POST /api/dossiers/:id/return": (c) =>
    c.post(`/api/dossiers/${q10.dossier}/return`, { delivery: "counter" }),
  "POST /api/dossiers/:id/archive": (c) => c.post(`/api/dossiers/${q10.dossier}/archive`, {}),
  "GET /api/dossiers/:id/documents": (c) => c.get(`/api/dossiers/${q10.dossier}/documents`),
  "POST /api/dossiers/:id/documents": (c) => {
    const form = new FormData();
    form.append("file", new Blob(["%PDF-1.4\n%%EOF\n"]), "xam-nhap.pdf");
    return c.request("POST", `/api/dossiers/${q10.dossier}/documents?kind=result&label=X`, undefined, {
      raw: form,
    });
  },
  "GET /api/dossiers/:id/documents/:docId/content": (c) =>
    c.get(`/api/dossiers/${q10.dossier}/documents/${q10.document}/content`),
};

async function auditCount() {
  const [r] = rowsOf<{ n: number }>(
    await server.database.db.execute(sql`select count(*)::int as n from audit_log`),
  );
  return r!.n;
}

beforeAll(async () => {
  server = await startTestServer();
  const u = server.demo.hcmc.units;
  q10.unit = u.get("Ủy ban nhân dân quận 10")!;
  q10.ward = u.get("Ủy ban nhân dân Phường 4, Quận 10")!;
  q10.otherWard = u.get("Ủy ban nhân dân Phường 7, Quận 10")!;
  const q10admin = await server.login("q10.admin");
  const users = (await q10admin.get("/api/users?pageSize=200")).body.items as {
    id: string;
    username: string;
  }[];
  q10.user = users.find((x) => x.username === "q10.truongphong")!.id;
  q10.otherUser = users.find((x) => x.username === "q10.chuyenvien")!.id;
  q10.grant = (await q10admin.get(`/api/users/${q10.user}/grants`)).body[0].id;
  const delegation = await q10admin.post("/api/delegations", {
    grantId: q10.grant,
    toUserId: q10.otherUser,
    startsOn: "2026-01-01",
    endsOn: "2026-12-31",
  });
  expect(delegation.status).toBe(201);
  q10.delegation = delegation.body.id;
  // District 10's catalogue resources: a field and a procedure it owns, its process for the
  // construction permit (published version and draft), an assignment, and the city's template.
  const catField = await q10admin.post("/api/catalogue/fields", {
    code: "Q10-LV",
    name: "Lĩnh vực quận 10",
    ownerUnitId: q10.unit,
  });
  expect(catField.status).toBe(201);
  q10.catField = catField.body.id;
  const catProcedure = await q10admin.post("/api/procedures", {
    code: "Q10.000001",
    name: "Thủ tục riêng của quận 10",
    fieldId: q10.catField,
    level: "district",
    ownerUnitId: q10.unit,
  });
  expect(catProcedure.status).toBe(201);
  q10.catProcedure = catProcedure.body.id;
  const processes = (await q10admin.get(`/api/processes?unitId=${q10.unit}`)).body as {
    id: string;
    procedureCode: string;
  }[];
  q10.catProcess = processes.find((p) => p.procedureCode === "1.009994")!.id;
  const versions = (await q10admin.get(`/api/processes/${q10.catProcess}`)).body.versions as {
    id: string;
    status: string;
  }[];
  q10.catDraft = versions.find((v) => v.status === "draft")!.id;
  q10.catPublished = versions.find((v) => v.status === "published")!.id;
  q10.catAssignment = (await q10admin.get(`/api/catalogue/assignments?agencyUnitId=${q10.unit}`)).body[0].id;
  const admin = await server.login("admin");
  q10.catTemplate = (await admin.get("/api/processes?kind=template")).body[0].id;
  const officer = await admin.post("/api/users", {
    username: "p13.canbo",
    fullName: "Cán bộ Phường 13",
    unitId: u.get("Ủy ban nhân dân Phường 13, Quận 10"),
    password: "eiso-demo-2026",
    roles: ["officer"],
  });
  expect(officer.status).toBe(201);
  // A dossier of District 10, received at its desk, waiting at its first step.
  q10.desk = u.get("Bộ phận Tiếp nhận và Trả kết quả quận 10")!;
  q10.procedure = (
    await publishedProcedure(server.database, server.demo.hcmc.tenantId, {
      code: "9.900020",
      name: "Thủ tục kiểm tra phân quyền",
      agencyUnitId: q10.unit!,
      ownerUnitId: q10.unit!,
      legal: { amount: 1, unit: "days" },
      parts: [
        { id: "process", name: "Xử lý", stepKind: "process", unit: "@agency", role: "leader", hours: 4 },
      ],
    })
  ).procedureId;
  const clerk = await server.login("q10.motcua");
  const dossier = await clerk.post("/api/dossiers", {
    procedureId: q10.procedure,
    deskUnitId: q10.desk,
    applicant: { name: "Nguyễn Văn Thử" },
    documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
  });
  expect(dossier.status).toBe(201);
  q10.dossier = dossier.body.id;
  q10.step = (await clerk.get(`/api/dossiers/${q10.dossier}`)).body.steps[0].id;
  const scan = new FormData();
  scan.append("file", new Blob(["%PDF-1.4\n%%EOF\n"]), "to-khai.pdf");
  const document = await clerk.request(
    "POST",
    `/api/dossiers/${q10.dossier}/documents?kind=submitted&label=T%E1%BB%9D%20khai`,
    undefined,
    { raw: scan },
  );
  expect(document.status).toBe(201);
  q10.document = document.body.id;
  // A citizen's online submission waiting at District 10's desk, with a scan.
  const citizen = await server.login("congdan");
  const upload = new FormData();
  upload.append("file", new Blob(["%PDF-1.4\n%%EOF\n"]), "to-khai.pdf");
  const scanned = await citizen.request("POST", "/api/portal/files", undefined, { raw: upload });
  expect(scanned.status).toBe(201);
  q10.submissionFile = scanned.body.id;
  const submission = await citizen.post("/api/portal/submissions", {
    procedureId: q10.procedure,
    applicant: { name: "Nguyễn Thị Dân" },
    documents: [{ name: "Tờ khai", originals: 1, copies: 0, fileIds: [q10.submissionFile] }],
    clientKey: "permissions-probe",
  });
  expect(submission.status).toBe(201);
  expect(submission.body.deskUnitId).toBe(q10.desk);
  q10.submission = submission.body.id;
  // Another, which the desk asked to complete and for which the citizen sent a supplement online.
  const asked = await citizen.post("/api/portal/submissions", {
    procedureId: q10.procedure,
    applicant: { name: "Nguyễn Thị Dân" },
    documents: [{ name: "Tờ khai", originals: 1, copies: 0 }],
    clientKey: "permissions-probe-2",
  });
  q10.asked = asked.body.id;
  const decided = await clerk.post(`/api/dossiers/online-queue/${q10.asked}/receive`, {
    decision: "request_supplement",
    reasons: ["Tờ khai chưa ký"],
  });
  expect(decided.status).toBe(200);
  const supplemented = await citizen.post(`/api/portal/submissions/${q10.asked}/supplement`, {
    documents: [{ name: "Tờ khai (đã ký)", originals: 1, copies: 0 }],
  });
  expect(supplemented.status).toBe(201);
  q10.supplement = (await clerk.get("/api/dossiers/online-queue/supplements")).body.items[0].id;
});
afterAll(() => server?.close());

describe("every route declares its permission", () => {
  it("has a declared permission on every /api route", () => {
    const missing = server.app.routeTable.filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
    expect(server.app.routeTable.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it("has a cross-agency probe for every route that is not public", () => {
    const routes = server.app.routeTable
      .filter((r) => r.permission !== "public" || r.url.startsWith("/api/auth"))
      .map((r) => `${r.method} ${r.url}`);
    const unprobed = routes.filter((r) => !(r in probes));
    expect(unprobed).toEqual([]);
  });
});

describe("an officer of one agency cannot reach another agency's data", () => {
  const attackers: [string, string][] = [
    ["unit admin of District 1 (same province)", "q1.admin"],
    ["unit admin of Ward 12 (inside District 10, below the target)", "p12.admin"],
    ["tenant admin of Huế (another province)", "hue.admin"],
    ["officer of Ward 13 (inside District 10, no admin rights)", "p13.canbo"],
  ];
  for (const [who, username] of attackers) {
    it(`refuses ${who} on every District 10 resource with 403/404 and writes nothing`, async () => {
      const client =
        username === "p13.canbo"
          ? await server.loginFirstTime(username, "eiso-demo-2026")
          : await server.login(username);
      const before = await auditCount();
      const results: string[] = [];
      for (const [route, probe] of Object.entries(probes)) {
        if (probe === "not-resource-specific") continue;
        const res = await probe(client);
        if (![403, 404].includes(res.status)) results.push(`${route} → ${res.status}`);
        else expect(res.body.error.code).toMatch(/^(forbidden|not_found)$/);
      }
      expect(results).toEqual([]);
      // Sign-in itself is audited; nothing else may have been written.
      expect(await auditCount()).toBe(before);
    });
  }
});

describe("the same requests succeed for District 10's own administrator", () => {
  it("lets the unit admin read and edit its own units", async () => {
    const c = await server.login("q10.admin");
    expect((await (probes["GET /api/units/:id"] as Probe)(c)).status).toBe(200);
    expect((await (probes["PATCH /api/units/:id"] as Probe)(c)).status).toBe(200);
    expect((await (probes["GET /api/users/:id/grants"] as Probe)(c)).status).toBe(200);
  });

  it("lets District 10's desk see its online queue and the submission, and receive the supplement", async () => {
    const c = await server.login("q10.motcua");
    expect((await (probes["GET /api/dossiers/online-queue"] as Probe)(c)).status).toBe(200);
    expect((await (probes["GET /api/dossiers/online-queue/:id"] as Probe)(c)).status).toBe(200);
    expect((await (probes["GET /api/dossiers/online-queue/:id/files/:fileId"] as Probe)(c)).status).toBe(200);
    expect(
      (await (probes["POST /api/dossiers/online-queue/supplements/:id/receive"] as Probe)(c)).status,
    ).toBe(200);
  });

  it("lets District 10's desk list, attach and download the dossier's documents", async () => {
    const c = await server.login("q10.motcua");
    expect((await (probes["GET /api/dossiers/:id/documents"] as Probe)(c)).status).toBe(200);
    expect((await (probes["POST /api/dossiers/:id/documents"] as Probe)(c)).status).toBe(201);
    expect((await (probes["GET /api/dossiers/:id/documents/:docId/content"] as Probe)(c)).status).toBe(200);
  });
});
