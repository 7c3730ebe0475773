import http from "node:http";
import net from "node:net";
import { performance } from "node:perf_hooks";

export interface Timed<T> {
  status: number;
  body: T;
  /** Request start to last byte of the body read, in milliseconds. */
  ms: number;
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/**
 * A signed-in user over HTTP keep-alive connections, carrying the session cookie and the CSRF token
 * that mutations must echo.
 */
export class Session {
  cookie = "";
  csrf = "";
  userId = "";
  constructor(readonly baseUrl: string) {}

  /** POST /api/auth/login, as a browser would. */
  static async login(baseUrl: string, login: string, password: string): Promise<Session> {
    const s = new Session(baseUrl);
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login, password }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`login ${login}: HTTP ${res.status} ${text.slice(0, 300)}`);
    const value = /eiso_session=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
    if (!value) throw new Error(`login ${login}: no session cookie`);
    s.cookie = `eiso_session=${value}`;
    const body = JSON.parse(text) as { csrfToken: string; user?: { id: string } };
    s.csrf = body.csrfToken;
    s.userId = body.user?.id ?? "";
    return s;
  }

  /** The same signed-in user talking to another API process (sessions live in the database). */
  at(baseUrl: string): Session {
    if (baseUrl === this.baseUrl) return this;
    return Object.assign(new Session(baseUrl), { cookie: this.cookie, csrf: this.csrf, userId: this.userId });
  }

  /**
   * One request over node:http with a keep-alive agent (one connection per request in flight):
   * the load generator shares the machine with the API and PostgreSQL, and fetch spent ≈ 1.8 ms of
   * CPU per transition where node:http spends about half of that.
   */
  request<T = unknown>(method: "GET" | "POST", path: string, body?: unknown): Promise<Timed<T>> {
    const headers: Record<string, string> = { cookie: this.cookie };
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (method !== "GET") headers["x-csrf-token"] = this.csrf;
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(payload));
    }
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(this.baseUrl + path, { method, headers, agent: keepAlive }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const elapsed = performance.now() - start;
          let parsed: unknown = text;
          if (text && res.headers["content-type"]?.includes("json")) parsed = JSON.parse(text);
          resolve({ status: res.statusCode ?? 0, body: parsed as T, ms: elapsed });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(payload);
    });
  }

  /**
   * GET over node:http without any timeout, for requests that may take minutes (fetch gives up on
   * headers after 300 s): the figure is the point, however bad.
   */
  getLong<T = unknown>(path: string): Promise<Timed<T>> {
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.get(this.baseUrl + path, { headers: { cookie: this.cookie } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const json = res.headers["content-type"]?.includes("json");
          resolve({
            status: res.statusCode ?? 0,
            body: (json ? JSON.parse(text) : text) as T,
            ms: performance.now() - start,
          });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
    });
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = unknown>(path: string, body: unknown) {
    return this.request<T>("POST", path, body);
  }
}

/**
 * One keep-alive HTTP/1.1 connection of one client, one request at a time, over a bare socket: the
 * request is written as one buffer and the answer read up to its content-length. The load generator
 * shares the machine's cores with the API and PostgreSQL (pgbench's client is a lean C program):
 * node:http spent ≈ 0.6–0.9 ms of CPU per transition on its parser and objects.
 */
export class Connection {
  private socket: net.Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: ((error?: Error) => void) | null = null;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  private open(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port, noDelay: true }, () => resolve(socket));
      socket.on("data", (chunk: Buffer) => {
        this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
        this.waiting?.();
      });
      const gone = (error?: Error) => {
        if (this.socket === socket) this.socket = null;
        this.waiting?.(error ?? new Error("connection closed"));
      };
      socket.on("error", (e) => {
        reject(e);
        gone(e);
      });
      socket.on("close", () => gone());
    });
  }

  /** Waits for data until `test` answers an index ≥ 0 (it reads the buffer), and answers it. */
  private async until(test: () => number): Promise<number> {
    for (;;) {
      const at = test();
      if (at >= 0) return at;
      await new Promise<void>((resolve, reject) => {
        this.waiting = (error) => {
          this.waiting = null;
          if (error) reject(error);
          else resolve();
        };
      });
    }
  }

  async request<T = unknown>(
    session: Session,
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<Timed<T>> {
    const payload = body === undefined ? "" : JSON.stringify(body);
    const head =
      `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\ncookie: ${session.cookie}\r\n` +
      (method === "GET" ? "" : `x-csrf-token: ${session.csrf}\r\n`) +
      (body === undefined
        ? ""
        : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n`) +
      "\r\n";
    const start = performance.now();
    this.socket ??= await this.open();
    this.buffered = Buffer.alloc(0);
    this.socket.write(head + payload);
    const headEnd = await this.until(() => this.buffered.indexOf("\r\n\r\n"));
    const headers = this.buffered.toString("latin1", 0, headEnd);
    const status = Number(headers.slice(9, 12));
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headers)?.[1]);
    if (!Number.isFinite(length)) throw new Error(`no content-length in the answer to ${method} ${path}`);
    const bodyStart = headEnd + 4;
    await this.until(() => (this.buffered.length >= bodyStart + length ? 0 : -1));
    const text = this.buffered.toString("utf8", bodyStart, bodyStart + length);
    const elapsed = performance.now() - start;
    this.buffered = Buffer.alloc(0);
    const json = /\r\ncontent-type: *[^\r]*json/i.test(headers);
    return { status, body: (json && text ? JSON.parse(text) : text) as T, ms: elapsed };
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}
