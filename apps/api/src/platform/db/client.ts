import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

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
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      // JIT off: the API's queries are short index lookups, and its reports filter and count a few
      // hundred thousand rows at most. Their plans cost enough to trigger JIT, whose compilation then
      // took longer than the query itself (36.7 s of a 62 s statistics query at 1M dossiers).
      options: "-c jit=off",
    });
    const db = withCommitHooks(drizzleNodePg(pool, { schema }) as unknown as Db);
    return {
      db,
      kind: "postgres",
      migrate: () => migrateNodePg(db as never, { migrationsFolder }),
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? "memory";
  const release = dataDir === "memory" ? () => {} : lockDataDir(dataDir);
  const client =
    dataDir === "memory"
      ? new PGlite(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {})
      : new PGlite(dataDir);
  await client.waitReady;
  const db = withCommitHooks(drizzlePglite(client, { schema }) as unknown as Db);
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

type CommitHook = (tx: Tx) => Promise<void>;
const commitHooks = new WeakMap<Tx, CommitHook[]>();

/**
 * Runs `hook` as the last work of `tx`, after its callback has returned and right before COMMIT (a
 * transaction that throws runs none). Returns false when `tx` is not a top-level transaction of a
 * database opened here (e.g. a savepoint): the caller must then do its work at once.
 */
export function beforeCommit(tx: Tx, hook: CommitHook): boolean {
  const hooks = commitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/** Wraps `db.transaction` so that hooks registered with `beforeCommit` run before the commit. */
function withCommitHooks(db: Db): Db {
  const open = db.transaction.bind(db);
  db.transaction = ((fn, config) =>
    open(async (tx) => {
      const hooks: CommitHook[] = [];
      commitHooks.set(tx, hooks);
      const result = await fn(tx);
      // A hook may register another (it runs after those before it).
      for (let i = 0; i < hooks.length; i++) await hooks[i]!(tx);
      commitHooks.delete(tx);
      return result;
    }, config)) as Db["transaction"];
  return db;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Rows of a raw `db.execute(sql…)`; node-postgres and PGlite both answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
