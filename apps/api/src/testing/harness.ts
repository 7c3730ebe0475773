import type { AddressInfo } from "node:net";
import { DEMO_PASSWORD, type DemoIds } from "../demo/load-demo";
import type { Database } from "../platform/db/client";
import { buildApp, type EisoApp } from "../platform/http/app";
import { createDemoDatabase } from "./database";

export interface TestServer {
  app: EisoApp;
  database: Database;
  baseUrl: string;
  demo: DemoIds;
  /** Signs a demo (or any) account in and returns a client carrying its cookie and CSRF token. */
  login(username: string, password?: string): Promise<ApiClient>;
  /**
   * Signs in an account an administrator just created (it must change its given password first,
   * as a person would on first sign-in) and returns a client that may work.
   */
  loginFirstTime(username: string, password: string): Promise<ApiClient>;
  /** A client without a session. */
  anonymous(): ApiClient;
  close(): Promise<void>;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny HTTP client over fetch against the real listening server. */
export class ApiClient {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: { headers?: Record<string, string>; raw?: BodyInit; csrf?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && options.csrf !== false && method !== "GET") headers["x-csrf-token"] = this.csrf;
    let payload: BodyInit | undefined = options.raw;
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload ?? null });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const value = /eiso_session=([^;]*)/.exec(setCookie)?.[1];
      this.cookie = value ? `eiso_session=${value}` : null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (HTML, XLSX): keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>("PUT", path, body);
  }
}

/** Starts the real HTTP server on a free port over a fresh database loaded with the demo data. */
export async function startTestServer(
  options: { serveWeb?: boolean; publicRateLimit?: number; maxUploadBytes?: number } = {},
): Promise<TestServer> {
  const { database, demo } = await createDemoDatabase();
  const app = await buildApp({
    database,
    serveWeb: options.serveWeb ?? false,
    publicRateLimit: options.publicRateLimit ?? 1000,
    ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const client = new ApiClient(baseUrl);
    const res = await client.post("/api/auth/login", { login: username, password });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    client.csrf = res.body.csrfToken;
    return client;
  };
  return {
    app,
    database,
    baseUrl,
    demo,
    anonymous: () => new ApiClient(baseUrl),
    login,
    async loginFirstTime(username, password) {
      const client = await login(username, password);
      const changed = await client.post("/api/auth/password", {
        currentPassword: password,
        newPassword: `${password}-moi`,
      });
      if (changed.status !== 200)
        throw new Error(`password change for ${username} failed: ${JSON.stringify(changed.body)}`);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
