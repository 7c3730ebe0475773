import pg from "pg";

/** The server the benchmarks run against: `BENCH_DATABASE_URL`, any database on it (used for admin only). */
export const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Benchmarks only ever create, reuse or drop databases with this prefix: never `test` or `eiso_test_*`. */
const BENCH_NAME = /^eiso_bench_[a-z0-9_]+$/;

function assertBenchName(name: string): void {
  if (!BENCH_NAME.test(name))
    throw new Error(`refusing to touch database "${name}": not an eiso_bench_* name`);
}

/** The URL of database `name` on the benchmark server. */
export function databaseUrl(name: string): string {
  assertBenchName(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a plain client on `url` (admin URL by default), closing it afterwards. */
export async function withClient<T>(fn: (c: pg.Client) => Promise<T>, url = adminUrl): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  assertBenchName(name);
  return withClient(async (c) => {
    const r = await c.query("select 1 from pg_database where datname = $1", [name]);
    return (r.rowCount ?? 0) > 0;
  });
}

/** Drops (terminating its sessions) and creates an empty database of the benchmark's own. */
export async function recreateDatabase(name: string): Promise<string> {
  assertBenchName(name);
  await withClient(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
  });
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  assertBenchName(name);
  await withClient((c) => c.query(`drop database if exists ${name} with (force)`));
}

/** Connections another client may still open: max_connections minus reserved and those in use. */
export async function freeConnections(): Promise<{ max: number; used: number; free: number }> {
  return withClient(async (c) => {
    const r = await c.query<{ max: number; reserved: number; used: number }>(
      `select current_setting('max_connections')::int as max,
              current_setting('superuser_reserved_connections')::int as reserved,
              (select count(*)::int from pg_stat_activity where backend_type = 'client backend') as used`,
    );
    const row = r.rows[0]!;
    return { max: row.max, used: row.used, free: row.max - row.reserved - row.used };
  });
}

/** Short description of the server's settings that matter for the figures. */
export async function serverSettings(): Promise<string> {
  return withClient(async (c) => {
    const r = await c.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings where name in
        ('server_version', 'shared_buffers', 'max_connections', 'synchronous_commit', 'fsync',
         'work_mem', 'max_parallel_workers_per_gather', 'effective_cache_size', 'random_page_cost')
       order by name`,
    );
    const show = (x: { setting: string; unit: string | null }) => {
      if (x.unit === "8kB") return `${Math.round((Number(x.setting) * 8) / 1024)}MB`;
      if (x.unit === "kB") return `${Math.round(Number(x.setting) / 1024)}MB`;
      return x.setting;
    };
    return r.rows.map((x) => `${x.name}=${show(x)}`).join(" ");
  });
}
