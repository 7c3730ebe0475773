import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { databaseUrl, freeConnections, recreateDatabase } from "./postgres";

const run = promisify(execFile);

export interface PgbenchResult {
  clients: number;
  tps: number;
  latencyMs: number;
  /** Set when fewer clients than asked could connect (max_connections). */
  cappedFrom?: number;
}

/** The pgbench binary, or a message saying how to install it. */
export async function findPgbench(): Promise<string> {
  const bin = process.env.PGBENCH ?? "pgbench";
  try {
    await run(bin, ["--version"]);
    return bin;
  } catch {
    throw new Error(
      "pgbench not found: install it (Debian: apt-get install -y postgresql-contrib, or postgresql-client-15 " +
        "which ships /usr/bin/pgbench) or set PGBENCH=/path/to/pgbench",
    );
  }
}

/** `pgbench -i -s <scale>` into a database of its own (dropped and created first). */
export async function initPgbench(bin: string, name: string, scale: number): Promise<string> {
  const url = await recreateDatabase(name);
  await run(bin, ["-i", "-q", "-s", String(scale), url], { maxBuffer: 16 * 2 ** 20 });
  return url;
}

/**
 * `pgbench -b tpcb-like -c <clients> -j 2 -T <seconds>`. pgbench opens one connection per client, so
 * clients are capped at what the server still accepts (max_connections minus those in use, minus a
 * margin for the engineers' tests running beside it); the cap is reported.
 */
export async function runPgbench(bin: string, name: string, clients: number, seconds: number, margin = 8) {
  const { free } = await freeConnections();
  const usable = Math.max(1, free - margin);
  const c = Math.min(clients, usable);
  const { stdout } = await run(
    bin,
    [
      "-b",
      "tpcb-like",
      "-c",
      String(c),
      "-j",
      String(Math.min(2, c)),
      "-T",
      String(seconds),
      databaseUrl(name),
    ],
    { maxBuffer: 16 * 2 ** 20 },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench output:\n${stdout}`);
  const result: PgbenchResult = { clients: c, tps, latencyMs: latency };
  if (c < clients) result.cappedFrom = clients;
  return result;
}
