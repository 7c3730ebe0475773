import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession, PgTransaction } from "drizzle-orm/pg-core";
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
    const db = withFinalStatements(drizzleNodePg(pool, { schema }) as unknown as Db, "postgres");
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
  const db = withFinalStatements(drizzlePglite(client, { schema }) as unknown as Db, "pglite");
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
 * A statement that final statements run by name: `$1`, `$2`… in its text are its parameters, of the
 * types listed in `params` (e.g. "uuid, jsonb, int").
 */
export interface FinalPrepared {
  name: string;
  params: string;
  text: string;
}

/**
 * Runs `statement` with `args` (SQL literals with their casts, e.g. `'…'::uuid`): on a PostgreSQL
 * server as `execute name(args)` of a statement prepared once per connection (parsed and planned
 * once: the audit chain's statement took 0.5 ms of the server's CPU to plan at every transition),
 * elsewhere as its text with the arguments in place.
 */
export type RunPrepared = (statement: FinalPrepared, args: string[]) => string;

/** The statement's text with the arguments in place of its parameters. */
export const inlinePrepared: RunPrepared = (statement, args) =>
  statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    const arg = args[Number(n) - 1];
    if (arg === undefined) throw new Error(`${statement.name}: no argument for $${n}`);
    return arg;
  });

/** Builds the statements that end a transaction (complete SQL, values inlined with `sqlLiteral`). */
type FinalStatements = (run: RunPrepared) => string[];
const finalStatements = new WeakMap<Tx, FinalStatements[]>();

/** A read to run once the transaction has committed, in the same round trip (`readAfterCommit`). */
interface FinalRead {
  statement: FinalPrepared;
  args: string[];
  resolve: (rows: Record<string, unknown>[]) => void;
}
const finalReads = new WeakMap<Tx, FinalRead[]>();

/**
 * Reads what the transaction leaves, without a round trip of its own: on a PostgreSQL server the
 * prepared `statement` runs right after the COMMIT, in the same query; elsewhere just before it
 * (it then sees the transaction's own writes, the same rows). `rows` settles once the transaction
 * has ended and never rejects: a caller awaits it only after the transaction succeeded (awaited
 * inside the transaction it would wait for ever). It comes inside an object so that the
 * transaction's callback can return it: an async callback returning the promise itself would await
 * it. Outside a transaction of a database opened here (a savepoint) it runs at once.
 */
export function readAfterCommit(
  tx: Tx,
  statement: FinalPrepared,
  args: string[],
): { rows: Promise<Record<string, unknown>[]> } {
  const reads = finalReads.get(tx);
  if (!reads)
    return {
      rows: tx
        .execute(sql.raw(inlinePrepared(statement, args)))
        .then((r) => rowsOf<Record<string, unknown>>(r)),
    };
  return { rows: new Promise((resolve) => reads.push({ statement, args, resolve })) };
}

/**
 * Runs a prepared statement's text as a named statement (`executeNamed` for a text written with
 * `$1`, `$2`…): for a query that also runs as a final read.
 */
export async function executePrepared<T>(
  db: Queryable,
  statement: FinalPrepared,
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

/**
 * Which final statements each server connection has prepared: "ready", or "unknown" after a final
 * query failed (whether its PREPARE ran is then asked of the server before the next use).
 */
const preparedOn = new WeakMap<object, Map<string, "ready" | "unknown">>();

/**
 * Adds statements to run as the last of `tx`, once its callback has returned (a transaction that
 * throws runs none). On a PostgreSQL server they go in one round trip together with the COMMIT, so
 * a lock they take is held only while the server runs them and commits, never while an answer
 * travels to this process and waits for its event loop; on PGlite they run right before COMMIT. A
 * failing statement rolls the transaction back. Returns false when `tx` is not a top-level
 * transaction of a database opened here (e.g. a savepoint): the caller must then do its work at once.
 */
export function beforeCommit(tx: Tx, build: FinalStatements): boolean {
  const list = finalStatements.get(tx);
  if (!list) return false;
  list.push(build);
  return true;
}

/** A string as an SQL literal (E'…', so the result does not depend on standard_conforming_strings). */
export function sqlLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("sqlLiteral: NUL cannot be stored in text");
  return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** Wraps `db.transaction` so that the statements given to `beforeCommit` end the transaction. */
function withFinalStatements(db: Db, kind: Database["kind"]): Db {
  const open = db.transaction.bind(db);
  db.transaction = ((fn, config) =>
    open(async (tx) => {
      const builders: FinalStatements[] = [];
      const reads: FinalRead[] = [];
      finalStatements.set(tx, builders);
      finalReads.set(tx, reads);
      const result = await fn(tx);
      finalStatements.delete(tx);
      finalReads.delete(tx);
      if (builders.length === 0 && reads.length === 0) return result;
      if (kind === "postgres") {
        const connection = (tx as unknown as { session: { client: object } }).session.client;
        const state = preparedOn.get(connection) ?? new Map<string, "ready" | "unknown">();
        preparedOn.set(connection, state);
        const unknown = [...state].filter(([, s]) => s === "unknown").map(([name]) => name);
        if (unknown.length) {
          const known = rowsOf<{ name: string }>(
            await tx.execute(
              sql`select name from pg_prepared_statements where name = any(${sql.param(unknown)}::text[])`,
            ),
          ).map((r) => r.name);
          for (const name of unknown) {
            if (known.includes(name)) state.set(name, "ready");
            else state.delete(name);
          }
        }
        const prepare = new Map<string, string>();
        const run: RunPrepared = (statement, args) => {
          if (!state.has(statement.name) && !prepare.has(statement.name))
            prepare.set(
              statement.name,
              `prepare ${statement.name}(${statement.params}) as ${statement.text}`,
            );
          return `execute ${statement.name}(${args.join(", ")})`;
        };
        const statements = builders.flatMap((build) => build(run));
        const after = reads.map((r) => run(r.statement, r.args));
        // One simple-protocol query (no parameters): what is to be prepared, the statements, COMMIT,
        // then the reads of what was committed.
        let results: unknown;
        try {
          results = await tx.execute(
            sql.raw([...prepare.values(), ...statements, "commit", ...after].join(";\n")),
          );
        } finally {
          for (const name of prepare.keys()) state.set(name, "unknown");
        }
        for (const name of prepare.keys()) state.set(name, "ready");
        // node-postgres answers a query of several statements with one result per statement.
        const answers = results as { rows: Record<string, unknown>[] }[];
        for (const [i, r] of reads.entries()) r.resolve(answers[answers.length - reads.length + i]!.rows);
        // Committed. What the driver sends through this transaction next is its own COMMIT, which
        // has nothing left to end: answer it here instead of spending a round trip on a warning.
        tx.execute = (() => Promise.resolve({ rows: [], rowCount: 0 })) as unknown as Tx["execute"];
      } else {
        for (const statement of builders.flatMap((build) => build(inlinePrepared)))
          await tx.execute(sql.raw(statement));
        for (const r of reads)
          r.resolve(rowsOf(await tx.execute(sql.raw(inlinePrepared(r.statement, r.args)))));
      }
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

/** Whether a process with this id runs on this machine (one of another user counts as running). */
export function isAlive(pid: number): boolean {
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

/**
 * Runs a raw query as the prepared statement `name`. On PostgreSQL each pooled connection parses it
 * once and, after a few runs, keeps one plan for it when that plan is as cheap as planning anew; on
 * PGlite it runs as any query. For the queries every request or transition makes (session, dossier,
 * step, page): the server's parsing and planning were a third of its CPU per transition. The text
 * must be the same at every call (values as parameters, a list as one array parameter):
 * node-postgres refuses another text under a name already used on the connection.
 */
export async function executeNamed<T>(db: Queryable, name: string | ByText, query: SQL): Promise<T[]> {
  // `session` and `dialect` are drizzle's own (marked internal); `db.execute` does the same without a name.
  const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
  const built = dialect.sqlToQuery(query);
  const statement = name === BY_TEXT ? `s_${createHash("sha1").update(built.sql).digest("hex")}` : name;
  return rowsOf<T>(await session.prepareQuery(built, undefined, statement, false).execute());
}

/**
 * For `executeNamed`: a statement named after its text, for a query whose text takes one of a few
 * shapes (never one per value), e.g. a transition's writes with one, two or three steps.
 */
export const BY_TEXT = Symbol("named by its text");
type ByText = typeof BY_TEXT;

/**
 * Runs several writes as one statement (one round trip), each a data-modifying query with a
 * RETURNING clause; answers how many rows each wrote. The writes see the same snapshot and none
 * sees another's rows, so they must not depend on each other (different rows, or inserts).
 */
export async function writeTogether(tx: Tx, writes: SQLWrapper[]): Promise<number[]> {
  if (writes.length === 0) return [];
  const name = (i: number) => sql.raw(`w${i}`);
  // Prepared under a name of its text: the writes of a move take a few shapes only.
  const [row] = await executeNamed<Record<string, number>>(
    tx,
    BY_TEXT,
    sql`with ${sql.join(
      writes.map((w, i) => sql`${name(i)} as (${w.getSQL()})`),
      sql`, `,
    )} select ${sql.join(
      writes.map((_, i) => sql`(select count(*) from ${name(i)})::int as ${sql.raw(`n${i}`)}`),
      sql`, `,
    )}`,
  );
  return writes.map((_, i) => Number(row?.[`n${i}`] ?? 0));
}
