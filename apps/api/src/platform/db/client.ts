import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { rowsOf } from "./rows";
import * as schema from "./schema";
import { type PreparedStatement, withTransactions } from "./transactions";

/** Re-exported: most callers take it from here with the database types. */
export { rowsOf };

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /** The embedded engine itself (PGlite only), e.g. to dump its data folder. */
  pglite?: PGlite;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = fileURLToPath(new URL("../../../drizzle", import.meta.url));

export interface OpenOptions {
  /** postgres://… ; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; `memory` keeps everything in memory (tests). */
  dataDir?: string | "memory";
  poolSize?: number;
  /** PGlite only: start from a dumped data folder (tar.gz), e.g. a prepared test snapshot. */
  loadDataDir?: Blob;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const max = options.poolSize ?? 10;
    const pool = new pg.Pool({
      connectionString: options.url,
      max,
      // A connection once opened stays open (none closed when idle). Closed after 10 s idle (the
      // default), a load with pauses opened them again at its next peak, each one forking a server
      // process and preparing every named statement anew on cores already saturated: 1–2 s bursts
      // where every request waited (issue 12, 200 clients thinking 2 s: p99 0.3–1.4 s).
      min: max,
      // JIT off: the API's queries are short index lookups, and its reports filter and count a few
      // hundred thousand rows at most. Their plans cost enough to trigger JIT, whose compilation then
      // took longer than the query itself (36.7 s of a 62 s statistics query at 1M dossiers).
      options: "-c jit=off",
    });
    // An idle connection that the server ends (a restart, a failover, an administrator) is dropped
    // by the pool and replaced at the next query; without a listener, the pool's 'error' event would
    // end the process. Once closing, the server ending what is left is expected.
    let closing = false;
    pool.on("error", (error) => {
      if (!closing)
        console.warn(`eISO: PostgreSQL ended an idle connection (${error.message}); it will be reopened`);
    });
    const db = withTransactions(drizzleNodePg(pool, { schema }) as unknown as Db, "postgres");
    return {
      db,
      kind: "postgres",
      migrate: () => migrateNodePg(db as never, { migrationsFolder }),
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  const dataDir = options.dataDir ?? "memory";
  const release = dataDir === "memory" ? () => {} : lockDataDir(dataDir);
  const client =
    dataDir === "memory"
      ? new PGlite(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {})
      : new PGlite(dataDir);
  await client.waitReady;
  const db = withTransactions(drizzlePglite(client, { schema }) as unknown as Db, "pglite");
  return {
    db,
    kind: "pglite",
    pglite: client,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * Runs a `PreparedStatement` on its own, as a named statement of the extended protocol (values as
 * parameters): for a statement that also travels in combined queries (`transactions.ts`).
 */
export async function executePrepared<T>(
  db: Queryable,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const { session } = db as unknown as { session: PgSession };
  // Another name than the one `prepare` gives it: both live in the connection's one namespace.
  const query = session.prepareQuery(
    { sql: statement.text, params: values },
    undefined,
    `${statement.name}:q`,
    false,
  );
  return rowsOf<T>(await query.execute());
}

/** PGlite serves one process; a second one opening the same folder would corrupt it. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lockFile = `${path.resolve(dataDir)}.lock`;
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Thư mục dữ liệu ${dataDir} đang được tiến trình ${pid} sử dụng. ` +
          `The PGlite data folder is in use by process ${pid}; stop it first, or set DATABASE_URL to use PostgreSQL.`,
      );
    }
    rmSync(lockFile, { force: true });
  }
  const fd = openSync(lockFile, "wx");
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lockFile, { force: true });
}

/** Whether a process with this id runs on this machine (one of another user counts as running). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs a raw query as the prepared statement `name`. On PostgreSQL each pooled connection parses it
 * once and, after a few runs, keeps one plan for it when that plan is as cheap as planning anew; on
 * PGlite it runs as any query. For the queries every request or transition makes (session, dossier,
 * step, page): the server's parsing and planning were a third of its CPU per transition. The text
 * must be the same at every call (values as parameters, a list as one array parameter):
 * node-postgres refuses another text under a name already used on the connection.
 */
export async function executeNamed<T>(db: Queryable, name: string, query: SQL): Promise<T[]> {
  // `session` and `dialect` are drizzle's own (marked internal); `db.execute` does the same without a name.
  const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
  return rowsOf<T>(await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute());
}
