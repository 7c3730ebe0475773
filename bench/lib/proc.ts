import { readFileSync } from "node:fs";
import { withClient } from "./postgres";

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ, 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used, from /proc; null when it cannot be read. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU time used so far by the server backends of one database, when PostgreSQL runs on this machine
 * (its processes readable in /proc, e.g. as root): with the API's and the load generator's, it says
 * where a transition's CPU goes. Null when the backends cannot be read (a remote server).
 */
export async function backendsCpuMs(url: string, database: string): Promise<Map<number, number> | null> {
  const pids = await withClient(async (c) => {
    const r = await c.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()",
      [database],
    );
    return r.rows.map((row) => row.pid);
  }, url);
  const out = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms === null) return null;
    out.set(pid, ms);
  }
  return out;
}

/** CPU used between two readings of `backendsCpuMs` (backends that appeared meanwhile count whole). */
export function cpuBetween(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
