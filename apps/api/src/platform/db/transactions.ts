/**
 * Transactions that spend as few round trips to the server as their work allows (issue 12: the
 * server's and the API's CPU per step transition went mostly into round trips). On PostgreSQL, in a
 * transaction of a database opened here:
 *
 * - the BEGIN is held back and travels with the transaction's first query;
 * - writes given to `writeLater` travel with whatever the transaction sends next, at the latest
 *   with the COMMIT;
 * - statements given to `beforeCommit`, the COMMIT and the reads given to `readAfterCommit` go
 *   together;
 * - `readWith` runs a prepared statement together with what is held back (the BEGIN, deferred
 *   writes): a transition's first read, the dossier's lock, opens the transaction in its round trip.
 *
 * What travels together is one simple-protocol query of several statements: values inlined as
 * literals (`sqlLiteral`), each statement prepared once per connection (`prepare …; execute name(…)`)
 * so that the server parses and plans it once. Any other query of the transaction (drizzle's,
 * extended protocol) first sends what is held back, so the transaction's own reads always see its
 * writes, in order. On PGlite, and in a savepoint, everything runs at once, in order.
 */
import { createHash } from "node:crypto";
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Db, Tx } from "./client";
import { isPlainQuery, type PlainQuery } from "./plain-writes";
import { rowsOf } from "./rows";

/**
 * A statement of fixed text, prepared once per connection and run by name (in a combined query, or
 * by `executePrepared`): `$1`, `$2`… in its text are its parameters, of the types listed in
 * `params` (e.g. "uuid, jsonb, int"); with `params` empty the server infers them, as it does for a
 * query sent with parameters.
 */
export interface PreparedStatement {
  name: string;
  params: string;
  text: string;
}

/**
 * A statement written with drizzle, its values placeholders (`sql.placeholder(name)`): each
 * placeholder is one parameter, of the type `types` gives it, numbered in the order of `types`.
 */
export function preparedFrom(name: string, query: SQL, types: Record<string, string>): PreparedStatement {
  const built = new PgDialect().sqlToQuery(query);
  const order = Object.keys(types);
  const text = replaceParams(built.sql, (n) => {
    const i = order.indexOf((built.params[n - 1] as { name?: string } | undefined)?.name ?? "");
    if (i < 0) throw new Error(`${name}: $${n} is not one of the placeholders ${order.join(", ")}`);
    return `$${i + 1}`;
  });
  return { name, params: order.map((k) => types[k]).join(", "), text };
}

/**
 * Runs `statement` with `args` (SQL literals, with their casts where the type matters, e.g.
 * `'…'::uuid`): on a PostgreSQL server as `execute name(args)` of a statement prepared once per
 * connection, elsewhere as its text with the arguments in place.
 */
export type RunPrepared = (statement: PreparedStatement, args: string[]) => string;

/** `text` with each parameter `$n` replaced by `by(n)`. */
const replaceParams = (text: string, by: (n: number) => string) =>
  text.replace(/\$(\d+)/g, (_, n: string) => by(Number(n)));

/** The statement's text with the arguments in place of its parameters. */
export const inlinePrepared: RunPrepared = (statement, args) =>
  replaceParams(statement.text, (n) => {
    const arg = args[n - 1];
    if (arg === undefined) throw new Error(`${statement.name}: no argument for $${n}`);
    return arg;
  });

/** A string as an SQL literal (E'…', so the result does not depend on standard_conforming_strings). */
export function sqlLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("sqlLiteral: NUL cannot be stored in text");
  return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** A UUID (or null) as an SQL literal of type uuid. */
export const uuidLiteral = (value: string | null): string =>
  value === null ? "null::uuid" : `${sqlLiteral(value)}::uuid`;

/** A query parameter as node-postgres would send it, as an SQL literal of unknown type. */
function parameterLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  const text = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue(value);
  if (text === null || text === undefined) return "null";
  if (Buffer.isBuffer(text)) return `'\\x${text.toString("hex")}'`;
  return sqlLiteral(String(text));
}

/** Builds the statements that end a transaction (complete SQL, values inlined with `sqlLiteral`). */
type FinalStatements = (run: RunPrepared) => string[];

/** A prepared statement with its arguments (SQL literals), to run in a combined query. */
interface Call {
  statement: PreparedStatement;
  args: string[];
}

/** A read to run once the transaction has committed, in the same round trip (`readAfterCommit`). */
interface FinalRead extends Call {
  resolve: (rows: Record<string, unknown>[]) => void;
}

/** What a transaction of a database opened here holds back, and (PostgreSQL) its connection. */
interface TxState {
  /** The server connection (PostgreSQL); null on PGlite, where everything runs at once. */
  client: pg.PoolClient | null;
  /** Whether BEGIN has been sent. */
  begun: boolean;
  /** Deferred writes, sent before anything the transaction sends next. */
  pending: Call[];
  finals: FinalStatements[];
  reads: FinalRead[];
  /** The errors of deferred writes whose rows changed since they were read (`writeLater`). */
  conflicts: (() => Error)[];
  /** A combined query on its way: anything else the transaction sends waits for it. */
  sending: Promise<unknown> | null;
}
const states = new WeakMap<Tx, TxState>();

/**
 * Which statements each server connection has prepared: "ready", or "unknown" after a combined
 * query failed (whether its PREPARE ran is then asked of the server before the next use).
 */
const preparedOn = new WeakMap<object, Map<string, "ready" | "unknown">>();

/**
 * Sends, as one query: the BEGIN if not sent yet, the PREPAREs the connection lacks, the deferred
 * writes, then what `build` adds. Answers one result per statement.
 */
async function send(st: TxState, build: (run: RunPrepared) => string[]): Promise<pg.QueryResult[]> {
  while (st.sending) await st.sending.catch(() => {});
  const client = st.client!;
  const done = (async () => {
    const state = preparedOn.get(client) ?? new Map<string, "ready" | "unknown">();
    preparedOn.set(client, state);
    const unknown = [...state].filter(([, s]) => s === "unknown").map(([name]) => name);
    if (unknown.length) {
      const known = (
        await client.query<{ name: string }>(
          "select name from pg_prepared_statements where name = any($1::text[])",
          [unknown],
        )
      ).rows.map((r) => r.name);
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
          `prepare ${statement.name}${statement.params ? `(${statement.params})` : ""} as ${statement.text}`,
        );
      return `execute ${statement.name}${args.length ? `(${args.join(", ")})` : ""}`;
    };
    const writes = st.pending.map((c) => run(c.statement, c.args));
    const rest = build(run);
    const statements = [...(st.begun ? [] : ["begin"]), ...prepare.values(), ...writes, ...rest];
    st.pending = [];
    st.begun = true;
    let results: unknown;
    try {
      results = await client.query(statements.join(";\n"));
    } finally {
      for (const name of prepare.keys()) state.set(name, "unknown");
    }
    for (const name of prepare.keys()) state.set(name, "ready");
    // node-postgres answers a query of several statements with one result per statement.
    return Array.isArray(results) ? (results as pg.QueryResult[]) : [results as pg.QueryResult];
  })();
  st.sending = done;
  try {
    return await done;
  } finally {
    st.sending = null;
  }
}

/** Sends what the transaction holds back (its BEGIN, deferred writes), if anything. */
async function flush(st: TxState): Promise<void> {
  while (st.sending) await st.sending.catch(() => {});
  if (st.begun && st.pending.length === 0) return;
  await send(st, () => []);
}

/**
 * Runs the prepared `statement` (arguments as SQL literals) in `tx`, together with what the
 * transaction holds back: as its first query, it opens the transaction in the same round trip.
 */
export async function readWith(
  tx: Tx,
  statement: PreparedStatement,
  args: string[],
): Promise<Record<string, unknown>[]> {
  const st = states.get(tx);
  if (!st?.client) return rowsOf(await tx.execute(sql.raw(inlinePrepared(statement, args))));
  const results = await send(st, (run) => [run(statement, args)]);
  return results[results.length - 1]!.rows;
}

/** The error a deferred write raises when a row it must change is not as read (see `writeLater`). */
export const STALE_WRITE = "eiso_stale_write";

function isStaleWrite(e: unknown): boolean {
  // drizzle wraps the driver's error (`cause`) in its own.
  const err = e as { code?: string; message?: string; cause?: unknown };
  if (err.code === "40001" && err.message === STALE_WRITE) return true;
  return err.cause !== undefined && err.cause !== e && isStaleWrite(err.cause);
}

/**
 * Writes `query` (one data-modifying statement, which raises `STALE_WRITE` through
 * `eiso_expect_written` when a row it must change is not as it was read) with the transaction's next
 * round trip: the next query it sends, or its COMMIT. Its failure fails the transaction, with
 * `conflict()` when the rows were stale. Outside a PostgreSQL transaction opened here (PGlite, a
 * savepoint) it runs at once.
 */
async function writeLater(tx: Tx, query: SQL | PlainQuery, conflict: () => Error): Promise<void> {
  const st = states.get(tx);
  const { text, params } = isPlainQuery(query) ? query : plainOf(tx, query);
  const call: Call = {
    statement: { name: `w_${createHash("sha1").update(text).digest("hex")}`, params: "", text },
    args: params.map(parameterLiteral),
  };
  if (!st?.client) {
    try {
      await tx.execute(sql.raw(inlinePrepared(call.statement, call.args)));
    } catch (e) {
      throw isStaleWrite(e) ? conflict() : e;
    }
    return;
  }
  st.pending.push(call);
  st.conflicts.push(conflict);
}

/** A drizzle query's text and parameters, as `tx`'s dialect builds them. */
function plainOf(tx: Tx, query: SQLWrapper): PlainQuery {
  const { dialect } = tx as unknown as { dialect: PgDialect };
  const built = dialect.sqlToQuery(query.getSQL());
  return { text: built.sql, params: built.params };
}

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
  statement: PreparedStatement,
  args: string[],
): { rows: Promise<Record<string, unknown>[]> } {
  const st = states.get(tx);
  if (!st)
    return {
      rows: tx
        .execute(sql.raw(inlinePrepared(statement, args)))
        .then((r) => rowsOf<Record<string, unknown>>(r)),
    };
  return { rows: new Promise((resolve) => st.reads.push({ statement, args, resolve })) };
}

/**
 * Adds statements to run as the last of `tx`, once its callback has returned (a transaction that
 * throws runs none). On a PostgreSQL server they go in one round trip together with the COMMIT, so
 * a lock they take is held only while the server runs them and commits, never while an answer
 * travels to this process and waits for its event loop; on PGlite they run right before COMMIT. A
 * failing statement rolls the transaction back. Returns false when `tx` is not a top-level
 * transaction of a database opened here (e.g. a savepoint): the caller must then do its work at once.
 */
export function beforeCommit(tx: Tx, build: FinalStatements): boolean {
  const st = states.get(tx);
  if (!st) return false;
  st.finals.push(build);
  return true;
}

/** The transaction's error as the caller should see it: a stale deferred write as its conflict. */
function translate(st: TxState, e: unknown): unknown {
  return isStaleWrite(e) && st.conflicts.length ? st.conflicts[0]!() : e;
}

const newState = (client: pg.PoolClient | null): TxState => ({
  client,
  begun: client === null,
  pending: [],
  finals: [],
  reads: [],
  conflicts: [],
  sending: null,
});

/** Replaces `db.transaction` with one that keeps the round trips above. */
export function withTransactions(db: Db, kind: "postgres" | "pglite"): Db {
  if (kind === "pglite") {
    const open = db.transaction.bind(db);
    db.transaction = ((fn, config) =>
      open(async (tx) => {
        const st = newState(null);
        states.set(tx, st);
        try {
          const result = await fn(tx);
          states.delete(tx);
          for (const statement of st.finals.flatMap((build) => build(inlinePrepared)))
            await tx.execute(sql.raw(statement));
          for (const r of st.reads)
            r.resolve(rowsOf(await tx.execute(sql.raw(inlinePrepared(r.statement, r.args)))));
          return result;
        } catch (e) {
          throw translate(st, e);
        }
      }, config)) as Db["transaction"];
    return db;
  }
  const { session, dialect } = db as unknown as {
    session: { client: pg.Pool; schema: unknown; options: unknown };
    dialect: PgDialect;
  };
  db.transaction = (async (fn, config) => {
    if (config) throw new Error("transaction options are not supported here");
    const client = await session.client.connect();
    const st = newState(client);
    // drizzle's queries in the transaction go through this: what is held back goes first.
    const connection = {
      query: async (...args: Parameters<pg.PoolClient["query"]>) => {
        await flush(st);
        return (client.query as (...a: unknown[]) => unknown)(...args);
      },
    };
    const tx = new NodePgTransaction(
      dialect,
      new NodePgSession(connection as never, dialect, session.schema as never, session.options as never),
      session.schema as never,
    ) as unknown as Tx;
    states.set(tx, st);
    let broken: Error | undefined;
    try {
      const result = await fn(tx);
      states.delete(tx);
      if (!st.begun && st.pending.length === 0 && st.finals.length === 0 && st.reads.length === 0)
        return result; // nothing was sent: nothing to commit
      const reads = st.reads;
      const answers = await send(st, (run) => [
        ...st.finals.flatMap((build) => build(run)),
        "commit",
        ...reads.map((r) => run(r.statement, r.args)),
      ]);
      st.begun = false;
      for (const [i, r] of reads.entries()) r.resolve(answers[answers.length - reads.length + i]!.rows);
      return result;
    } catch (e) {
      states.delete(tx);
      if (st.begun) {
        try {
          await client.query("rollback");
        } catch (rollbackError) {
          broken = rollbackError as Error; // the connection is unusable: the pool drops it
        }
      }
      throw translate(st, e);
    } finally {
      client.release(broken);
    }
  }) as Db["transaction"];
  return db;
}

/**
 * Writes several data-modifying queries (each with a RETURNING clause; drizzle's, or written from
 * the table by `insertRows`/`updateWhere`) as one statement, sent with the transaction's next
 * round trip (`writeLater`). A write marked `expectOne` is an optimistic lock (its WHERE names the
 * row as it was read): it must change exactly one row, or the transaction fails with `conflict()`.
 * The writes see the same snapshot and none sees another's rows, so they must not depend on each
 * other (different rows, or inserts).
 */
export async function writeTogether(
  tx: Tx,
  writes: { query: SQLWrapper | PlainQuery; expectOne?: boolean }[],
  conflict: () => Error,
): Promise<void> {
  if (writes.length === 0) return;
  const params: unknown[] = [];
  const parts = writes.map((w, i) => {
    const q = isPlainQuery(w.query) ? w.query : plainOf(tx, w.query);
    const offset = params.length;
    params.push(...q.params);
    return `w${i} as (${replaceParams(q.text, (n) => `$${n + offset}`)})`;
  });
  const checks = writes.flatMap((w, i) => (w.expectOne ? [`(select count(*) from w${i}) = 1`] : []));
  await writeLater(
    tx,
    {
      text: `with ${parts.join(", ")} select eiso_expect_written(${checks.length ? checks.join(" and ") : "true"})`,
      params,
    },
    conflict,
  );
}
