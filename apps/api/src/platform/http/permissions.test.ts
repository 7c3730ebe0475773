import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  const admin = await server.login("admin");
  const officer = await admin.post("/api/users", {
    username: "p13.canbo",
    fullName: "Cán bộ Phường 13",
    unitId: u.get("Ủy ban nhân dân Phường 13, Quận 10"),
    password: "eiso-demo-2026",
    roles: ["officer"],
  });
  expect(officer.status).toBe(201);
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
      const client = await server.login(username);
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
});
