import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("system endpoints", () => {
  it("reports health after querying the database", async () => {
    const res = await server.anonymous().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
    expect(res.body.database).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });

  it("serves the OpenAPI document generated from the route schemas", async () => {
    const res = await server.anonymous().get("/api/docs/json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/api/units", "/api/users/{id}", "/api/audit"]),
    );
    expect(res.body.paths["/api/units"].post.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["parentId", "code", "name", "kind"]),
    );
    const ui = await fetch(`${server.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
  });

  it("echoes a request id on every response", async () => {
    const res = await server
      .anonymous()
      .request("GET", "/api/health", undefined, { headers: { "x-request-id": "abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("abc-123");
    const other = await server.anonymous().get("/api/health");
    expect(other.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
