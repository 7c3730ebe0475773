import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../platform/db/client";
import { ApiClient, startTestServer, type TestServer } from "../../testing/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("sign-in and sessions", () => {
  it("signs in by username or e-mail and returns the session with grants and a CSRF token", async () => {
    const byName = await server.login("q10.admin");
    const session = await byName.get("/api/auth/session");
    expect(session.status).toBe(200);
    expect(session.body.user.username).toBe("q10.admin");
    expect(session.body.grants.map((g: { role: string }) => g.role)).toEqual(["unit_admin"]);
    expect(session.body.permissions).toContain("org.unit.manage");
    expect(session.body.csrfToken).toBe(byName.csrf);

    const byMail = await server.login("Q10.ADMIN@demo.eiso.vn");
    expect((await byMail.get("/api/auth/session")).body.user.username).toBe("q10.admin");
  });

  it("sets the session cookie httpOnly and SameSite", async () => {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin", password: "eiso-demo-2026" }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/eiso_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("answers 401 without a session and with the error shape", async () => {
    const res = await server.anonymous().get("/api/units");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
    expect(res.body.error.message).toBe("Bạn cần đăng nhập");
  });

  it("translates error messages to English on request", async () => {
    const res = await server
      .anonymous()
      .request("GET", "/api/units", undefined, { headers: { "x-lang": "en" } });
    expect(res.body.error.message).toBe("Please sign in");
  });

  it("refuses a mutation without the CSRF token and changes nothing", async () => {
    const admin = await server.login("admin");
    const parentId = server.demo.hcmc.units.get("Ủy ban nhân dân quận 10")!;
    const body = { parentId, code: "000.10.77.H29", name: "Phường Thử CSRF", kind: "commune" };
    const refused = await admin.request("POST", "/api/units", body, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("csrf_failed");
    const wrong = await admin.request("POST", "/api/units", body, {
      csrf: false,
      headers: { "x-csrf-token": "nope" },
    });
    expect(wrong.status).toBe(403);
    const list = await admin.get("/api/units?q=Thu CSRF");
    expect(list.body).toHaveLength(0);
    const ok = await admin.post("/api/units", body);
    expect(ok.status).toBe(201);
  });

  it("refuses a cross-origin sign-in", async () => {
    const res = await server
      .anonymous()
      .request(
        "POST",
        "/api/auth/login",
        { login: "admin", password: "x" },
        { headers: { origin: "https://evil.example" } },
      );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("csrf_failed");
  });

  it("locks an account for 15 minutes after 5 wrong passwords, even with the right one after", async () => {
    const client = server.anonymous();
    for (let i = 0; i < 4; i++) {
      const r = await client.post("/api/auth/login", { login: "q10.thuky", password: "wrong-password-1" });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("invalid_credentials");
    }
    const fifth = await client.post("/api/auth/login", { login: "q10.thuky", password: "wrong-password-1" });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe("account_locked");
    const right = await client.post("/api/auth/login", { login: "q10.thuky", password: "eiso-demo-2026" });
    expect(right.status).toBe(423);
    const audit = rowsOf<{ action: string }>(
      await server.database.db.execute(
        sql`select action from audit_log where action like 'auth.%' order by at, id`,
      ),
    ).map((r) => r.action);
    expect(audit).toContain("auth.login_failed");
    expect(audit).toContain("auth.locked");
  });

  it("lets an administrator reset a password: unlocks, forces a change, ends old sessions", async () => {
    const victimSession = await server.login("q10.truongphong");
    const admin = await server.login("q10.admin");
    const users = await admin.get("/api/users?q=truongphong");
    const id = users.body.items[0].id;
    const reset = await admin.post(`/api/users/${id}/reset-password`, { newPassword: "tam-thoi-2026" });
    expect(reset.status).toBe(200);
    expect((await victimSession.get("/api/auth/session")).status).toBe(401);
    const again = await server.login("q10.truongphong", "tam-thoi-2026");
    const session = await again.get("/api/auth/session");
    expect(session.body.user.mustChangePassword).toBe(true);
    // Until the given password is changed, the account can do nothing else.
    const blocked = await again.get("/api/units");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toMatch(/đổi mật khẩu/);
    const changed = await again.post("/api/auth/password", {
      currentPassword: "tam-thoi-2026",
      newPassword: "mat-khau-moi-2026",
    });
    expect(changed.status).toBe(200);
    expect((await again.get("/api/auth/session")).body.user.mustChangePassword).toBe(false);
    expect((await again.get("/api/units")).status).toBe(200);
    await server.login("q10.truongphong", "mat-khau-moi-2026");
  });

  it("rejects a weak new password with a clear message", async () => {
    const c = await server.login("q10.chuyenvien");
    const res = await c.post("/api/auth/password", {
      currentPassword: "eiso-demo-2026",
      newPassword: "aaaaaaaaaa",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("password_policy");
  });

  it("ends the session on logout", async () => {
    const c = await server.login("q10.lanhdao");
    expect((await c.post("/api/auth/logout")).status).toBe(200);
    expect((await c.get("/api/auth/session")).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("limits sign-in attempts per client and answers 429 with the error shape", async () => {
    const limited = await startTestServer({ publicRateLimit: 3 });
    try {
      const c = new ApiClient(limited.baseUrl);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await c.post("/api/auth/login", { login: "nobody", password: "x" })).status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      const last = await c.post("/api/auth/login", { login: "nobody", password: "x" });
      expect(last.status).toBe(429);
      expect(last.body.error.code).toBe("rate_limited");
    } finally {
      await limited.close();
    }
  });
});
