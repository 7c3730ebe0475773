import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, startTestServer, type TestServer } from "../../testing/harness";
import { rowsOf } from "../db/client";

let server: TestServer;
let admin: ApiClient;
let parentId: string;

async function counts() {
  const [row] = rowsOf<{ units: number; audit: number; users: number }>(
    await server.database.db.execute(sql`select (select count(*)::int from units) as units,
      (select count(*)::int from audit_log) as audit, (select count(*)::int from users) as users`),
  );
  return row!;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login("admin");
  parentId = server.demo.hcmc.units.get("Ủy ban nhân dân quận 10")!;
});
afterAll(() => server?.close());

describe("bad input is refused with the one error shape and writes nothing", () => {
  const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    [
      "malformed JSON",
      () =>
        admin.request("POST", "/api/units", undefined, {
          raw: '{"parentId": ',
          headers: { "content-type": "application/json" },
        }),
      400,
      "malformed_json",
    ],
    [
      "wrong types",
      () => admin.post("/api/units", { parentId: 42, code: true, name: [], kind: "commune" }),
      400,
      "validation_failed",
    ],
    [
      "unknown fields",
      () =>
        admin.post("/api/units", {
          parentId: "",
          code: "000.10.88.H29",
          name: "Phường X",
          kind: "commune",
          admin: true,
        }),
      400,
      "validation_failed",
    ],
    [
      "an unknown field alone",
      () =>
        admin.post("/api/units", {
          parentId: "00000000-0000-7000-8000-000000000000",
          code: "000.10.88.H29",
          name: "Phường X",
          kind: "commune",
          isAdmin: true,
        }),
      400,
      "validation_failed",
    ],
    [
      "an enum value out of range",
      () =>
        admin.post("/api/units", {
          parentId: "00000000-0000-7000-8000-000000000000",
          code: "000.10.88.H29",
          name: "Phường X",
          kind: "castle",
        }),
      400,
      "validation_failed",
    ],
    [
      "an over-long name",
      () =>
        admin.post("/api/units", {
          parentId: "00000000-0000-7000-8000-000000000000",
          code: "000.10.88.H29",
          name: "x".repeat(301),
          kind: "commune",
        }),
      400,
      "validation_failed",
    ],
    [
      "a 10 MB string",
      () =>
        admin.post("/api/units", {
          parentId: "00000000-0000-7000-8000-000000000000",
          code: "000.10.88.H29",
          name: "x".repeat(10 * 1024 * 1024),
          kind: "commune",
        }),
      400,
      "payload_too_large",
    ],
    [
      "an oversized body",
      () =>
        admin.request("POST", "/api/users", undefined, {
          raw: `{"pad":"${"y".repeat(2 * 1024 * 1024)}"}`,
          headers: { "content-type": "application/json" },
        }),
      400,
      "payload_too_large",
    ],
    [
      "a form-encoded body",
      () =>
        admin.request("POST", "/api/units", undefined, {
          raw: "name=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
      415,
      "unsupported_media_type",
    ],
    ["a malformed id in the path", () => admin.get("/api/units/not-a-uuid"), 400, "validation_failed"],
    ["an out-of-range query", () => admin.get("/api/users?pageSize=100000"), 400, "validation_failed"],
  ];

  for (const [name, send, status, code] of cases) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const before = await counts();
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
      expect(Object.keys(res.body)).toEqual(["error"]);
      expect(await counts()).toEqual(before);
    });
  }

  it("names the offending field in validation details", async () => {
    const res = await admin.post("/api/units", {
      parentId,
      code: "bad code",
      name: "Phường Y",
      kind: "commune",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe("body.code");
  });

  it("says what is wrong in the caller's language, Vietnamese by default", async () => {
    const body = { parentId, code: "000.10.77.H29", name: "", kind: "commune" };
    const vi = await admin.post("/api/units", body);
    expect(vi.status).toBe(400);
    expect(vi.body.error.message).toBe(
      "Dữ liệu không hợp lệ: body.name — Quá nhỏ: mong đợi string có >=1 ký tự",
    );
    const en = await admin.request("POST", "/api/units", body, { headers: { "accept-language": "en" } });
    expect(en.body.error.message).toBe(
      "Invalid input: body.name — Too small: expected string to have >=1 characters",
    );
    const wrongType = await admin.post("/api/units", { ...body, name: 7 });
    expect(wrongType.body.error.message).toBe(
      "Dữ liệu không hợp lệ: body.name — Đầu vào không hợp lệ: mong đợi string",
    );
  });

  it("rolls back a request that fails half-way: a merge with one bad source writes nothing", async () => {
    const before = await counts();
    const ward = server.demo.hcmc.units.get("Ủy ban nhân dân Phường 1, Quận 10")!;
    const res = await admin.post("/api/units/merge", {
      sourceIds: [ward, "00000000-0000-7000-8000-000000000000"],
      newUnit: { parentId, code: "000.10.66.H29", name: "Phường Mới", kind: "commune" },
      effectiveDate: "2025-07-01",
    });
    expect(res.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("answers unknown API paths with 404 in the error shape", async () => {
    const res = await admin.get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
