import { type ChildProcess, fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { openDatabase } from "../../apps/api/src/platform/db/client";
import { buildApp } from "../../apps/api/src/platform/http/app";

export type ServerMode = "child" | "inprocess";

export interface RunningServer {
  baseUrl: string;
  mode: ServerMode;
  /** Round trips to PostgreSQL made by the server so far (every `query` on a pg client, BEGIN/COMMIT included). */
  queries(): Promise<number>;
  /** CPU time (user + system, ms) used by the server process so far; in-process mode counts the clients too. */
  cpuMs(): Promise<number>;
  /** The API's event loop delay (ms) since the last call: p99 and max; null in-process. */
  loopDelay(): Promise<{ p99: number; max: number } | null>;
  stop(): Promise<void>;
}

let counted = 0;
/** Counts every query the API's node-postgres clients send (pool queries go through Client#query too). */
export function countQueries(): () => number {
  const proto = pg.Client.prototype as unknown as {
    query: (...args: unknown[]) => unknown;
    __benchCounted?: boolean;
  };
  if (!proto.__benchCounted) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      counted++;
      return original.apply(this, args);
    };
    proto.__benchCounted = true;
  }
  return () => counted;
}

export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Starts the real API (`buildApp`) against `url` on a free port, in this process. */
export async function startInProcess(url: string, poolSize: number) {
  const read = countQueries();
  const database = await openDatabase({ url, poolSize });
  const app = await buildApp({ database, publicRateLimit: 1_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as AddressInfo).port;
  return {
    port,
    queries: read,
    stop: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Starts the API server: as a child Node process (default: the load generator and the server each
 * get their own event loop, as in production where clients are elsewhere) or inside this process.
 */
export async function startServer(
  url: string,
  options: { mode: ServerMode; poolSize: number },
): Promise<RunningServer> {
  if (options.mode === "inprocess") {
    const s = await startInProcess(url, options.poolSize);
    return {
      baseUrl: `http://127.0.0.1:${s.port}`,
      mode: "inprocess",
      queries: async () => s.queries(),
      cpuMs: async () => cpuMs(),
      loopDelay: async () => null,
      stop: s.stop,
    };
  }
  const child: ChildProcess = fork(new URL("./server-child.ts", import.meta.url), [], {
    // The server's flags as `npm start` gives them (package.json): a young generation of 64 MB a
    // semi-space (V8's default is 16), which the API's short-lived request objects fill quickly.
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server alone.
    execArgv: [
      "--import",
      "tsx",
      "--max-semi-space-size=64",
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
    env: { ...process.env, BENCH_SERVER_URL: url, BENCH_SERVER_POOL: String(options.poolSize) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<string, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  child.on("message", (m: { type: string; value: never }) => {
    pending.get(m.type)?.resolve(m.value);
    pending.delete(m.type);
  });
  child.once("exit", (code) => {
    for (const p of pending.values()) p.reject(new Error(`API server exited (${code})`));
    pending.clear();
  });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      pending.set(type, { resolve: resolve as (v: never) => void, reject });
      if (type !== "ready") child.send({ type });
    });
  const port = await ask<number>("ready");
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    mode: "child",
    queries: () => ask<number>("queries"),
    cpuMs: () => ask<number>("cpu"),
    loopDelay: () => ask<{ p99: number; max: number }>("loop"),
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.send({ type: "stop" });
      await exited;
    },
  };
}
