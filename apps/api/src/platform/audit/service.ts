/**
 * The audit log: every mutation appends its entry in its own transaction, and the entries form hash
 * chains, one per unit (entries without a unit form the tenant's own chain, which also holds every
 * entry written before chains were per unit): seq 1, 2, 3… with no gap or fork, each row's hash
 * covering its content and the previous row's hash, so `eiso audit verify` names the first row
 * edited or deleted behind the application's back.
 *
 * Why entries are chained at commit time: placing an entry in its chain needs the chain's head
 * (`audit_heads`), locked until the transaction ends, so every transaction that writes to a chain
 * queues on that row. Locked at the first `recordAudit`, it was held over the rest of the
 * transaction's round trips and the API's CPU time between them (issue 12). Now `recordAudit` only
 * builds the entry, and the transaction's entries are written by its last statements
 * (`beforeCommit`), which lock the head, hash the rows in order from it (SHA-256 computed by the
 * database over the same canonical JSON that `hashAuditRow` hashes; `unplacedContent` cuts it
 * where the previous hash and seq go), insert them and move the head. On PostgreSQL those
 * statements and the COMMIT travel as one query, so a head is locked only while the server runs
 * them and flushes the commit.
 *
 * Why a chain per unit: with one chain per tenant, every commit of the tenant waited for the one
 * before it to flush (its head stays locked through the flush), so a province's mutations were
 * serial and the benchmark's throughput stayed flat at 300–340 a second from 50 to 200 clients,
 * two thirds of the statements' time spent waiting for the head (bench/README). Units now append
 * apart; one unit's appends are still serial, at the rate its commits flush, far above what one
 * unit's officers make.
 * A transaction with entries in several chains locks their heads in one order (tenant, chain), so
 * two such transactions cannot deadlock.
 *
 * The guarantees hold per chain: an entry commits if and only if its change does, a chain has no
 * gaps (seq comes from the locked head, never from a sequence) and no forks (one head per chain,
 * `(tenant, chain, seq)` unique), and verification recomputes every hash in the application. The
 * chain column is not hashed (rows written before it existed did not have it): the links bind a
 * row to its chain, since a row moved to another chain leaves a gap in one and a broken link in the
 * other. As with one chain (whose newest rows could be cut together with its head), removing a
 * whole chain with its head is beyond what the chain itself can show; anchoring heads outside the
 * database is how that is caught.
 *
 * Considered and not done: chaining asynchronously (rows written unchained in the transaction, a
 * sealing step numbering and hashing them later) takes the lock out of transactions entirely, but
 * leaves the newest rows unprotected until sealed, needs a sealer running for the chain to be
 * whole, and makes `verify` tell sealed rows from unsealed ones.
 */
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { AuditActor } from "../actor";
import type { Db, Queryable, Tx } from "../db/client";
import {
  beforeCommit,
  inlinePrepared,
  type PreparedStatement,
  type RunPrepared,
  sqlLiteral,
  uuidLiteral,
} from "../db/transactions";
import { newId } from "../ids";
import { GENESIS_HASH, hashAuditRow, unplacedContent } from "./chain";
import { auditHeads, auditLog } from "./tables";

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Plain JSON copy: what we hash must be exactly what jsonb will give back. */
function jsonValue(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/** An entry built, waiting for its place in the chain. */
interface UnplacedEntry {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  unit_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  /** The canonical content around the previous hash and the seq (see `unplacedContent`). */
  parts: [string, string, string];
}

/** The entries of one chain that a transaction appends, in the order they were recorded. */
interface ChainAppend {
  tenantId: string;
  chain: string;
  entries: UnplacedEntry[];
}

/** Entries of open transactions, per chain (`tenant/chain`). */
const pending = new WeakMap<Tx, Map<string, ChainAppend>>();

/** The chain an entry goes to: its unit's, or its tenant's for an entry without a unit. */
function chainOf(tenantId: string, unitId: string | null): string {
  return unitId ?? tenantId;
}

/**
 * Records one audit entry in the caller's transaction: it exists if and only if the change commits.
 * It is placed in its chain by the transaction's last statements, with its other entries.
 */
export async function recordAudit(tx: Tx, actor: AuditActor, input: AuditInput): Promise<void> {
  const tenantId = actor.tenantId;
  const row = {
    tenantId,
    id: newId(),
    at: new Date(),
    actorId: actor.userId,
    actorName: actor.name,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId ?? null,
    before: jsonValue(input.before),
    after: jsonValue(input.after),
    requestId: actor.requestId ?? null,
  };
  const entry: UnplacedEntry = {
    id: row.id,
    at: row.at.toISOString(),
    actor_id: row.actorId,
    actor_name: row.actorName,
    action: row.action,
    entity_type: row.entityType,
    entity_id: row.entityId,
    unit_id: row.unitId,
    before: row.before,
    after: row.after,
    request_id: row.requestId,
    parts: unplacedContent(row),
  };
  const chain = chainOf(tenantId, row.unitId);
  const key = `${tenantId}/${chain}`;
  let byChain = pending.get(tx);
  if (!byChain) {
    const created = new Map<string, ChainAppend>();
    if (!beforeCommit(tx, (run) => chainStatements(created, run))) {
      // Not a transaction that ends with our statements (a savepoint): place the entry now. Its
      // heads are then locked in the order entries come, not in key order; nothing nests
      // transactions in the application (a deadlock there would fail one of them, not corrupt).
      const now = new Map([[key, { tenantId, chain, entries: [entry] }]]);
      for (const statement of chainStatements(now, inlinePrepared)) await tx.execute(sql.raw(statement));
      return;
    }
    pending.set(tx, created);
    byChain = created;
  }
  const append = byChain.get(key);
  if (append) append.entries.push(entry);
  else byChain.set(key, { tenantId, chain, entries: [entry] });
}

/** Rows hashed per statement: the chain is walked by a recursive query whose cost grows with its square. */
const CHUNK = 100;

/** Creates the head of tenant $1's chain $2 at the genesis hash when the snapshot shows none. */
const CREATE_HEAD: PreparedStatement = {
  name: "eiso_audit_head_of",
  params: "uuid, uuid",
  // Only when the snapshot shows none: a plain `on conflict do nothing` waited for the transaction
  // holding the head, and every such waiter woke at each commit to race for it (a thundering herd
  // under load); the `for update` of APPEND queues for the head in order.
  text: `insert into audit_heads (tenant_id, chain, seq, hash) select $1, $2, 0, '${GENESIS_HASH}'
    where not exists (select from audit_heads where tenant_id = $1 and chain = $2)
    on conflict (tenant_id, chain) do nothing`,
};

/**
 * Appends entries ($3: a JSON array of `UnplacedEntry` with their order `ord`, $4 of them) to
 * tenant $1's chain $2: locks the head, hashes each row from the one before it (starting at the
 * head), inserts the rows and moves the head; fails unless every row was written.
 */
const APPEND: PreparedStatement = {
  name: "eiso_audit_append_to",
  params: "uuid, uuid, jsonb, int",
  text: `with recursive
  head as (select seq, hash from audit_heads where tenant_id = $1 and chain = $2 for update),
  entry as (
    select * from jsonb_to_recordset($3) as e(
      ord int, id uuid, at timestamptz, actor_id uuid, actor_name text, action text,
      entity_type text, entity_id text, unit_id uuid, before jsonb, after jsonb, request_id text,
      parts text[])
  ),
  chain(ord, seq, prev_hash, hash) as (
    select 0, seq, null::text, hash from head
    union all
    select e.ord, c.seq + 1, c.hash,
           encode(sha256(convert_to(
             e.parts[1] || c.hash || e.parts[2] || (c.seq + 1)::text || e.parts[3], 'UTF8')), 'hex')
      from chain c join entry e on e.ord = c.ord + 1
  ),
  written as (
    insert into audit_log (tenant_id, chain, id, seq, at, actor_id, actor_name, action, entity_type,
                           entity_id, unit_id, before, after, request_id, prev_hash, hash)
    select $1, $2, e.id, c.seq, e.at, e.actor_id, e.actor_name, e.action, e.entity_type,
           e.entity_id, e.unit_id, e.before, e.after, e.request_id, c.prev_hash, c.hash
      from entry e join chain c on c.ord = e.ord
    returning 1
  ),
  moved as (
    update audit_heads h set seq = c.seq, hash = c.hash
      from chain c
     where h.tenant_id = $1 and h.chain = $2 and c.ord = (select max(ord) from chain) and c.ord > 0
    returning 1
  )
select case when (select count(*) from written) = $4 then 1
            else cast('audit chain: wrote ' || (select count(*) from written) || ' of ' || $4 || ' entries' as int)
       end as chained`,
};

/**
 * The statements that append the entries to their chains, chain after chain in the order of their
 * keys (so that transactions lock heads in one order and never deadlock): the chain's head is
 * created at the genesis hash if it has none, then one statement per chunk appends the chunk
 * (`APPEND`); it fails (and so does the transaction) unless every row of the chunk was written.
 * Values are inlined: on PostgreSQL these statements travel with the COMMIT as one simple-protocol
 * query.
 */
function chainStatements(byChain: Map<string, ChainAppend>, run: RunPrepared): string[] {
  const statements: string[] = [];
  const keys = [...byChain.keys()].sort();
  for (const key of keys) {
    const { tenantId, chain, entries } = byChain.get(key)!;
    const ids = [uuidLiteral(tenantId), uuidLiteral(chain)];
    statements.push(run(CREATE_HEAD, ids));
    for (let from = 0; from < entries.length; from += CHUNK) {
      const chunk = entries.slice(from, from + CHUNK);
      const json = sqlLiteral(JSON.stringify(chunk.map((e, i) => ({ ...e, ord: i + 1 }))));
      statements.push(run(APPEND, [...ids, `${json}::jsonb`, `${chunk.length}::int`]));
    }
  }
  return statements;
}

export interface VerifyResult {
  tenantId: string;
  ok: boolean;
  /** Rows checked, over all of the tenant's chains. */
  checked: number;
  /** The tenant's chains checked (its own and one per unit that has entries). */
  chains: number;
  /** The first row that does not chain: its chain, seq and id, and why. */
  broken?: { chain: string; seq: number; id: string; reason: string };
}

/**
 * Walks every chain of a tenant and reports the first row whose content or link does not match, or
 * a chain whose head does not end it. One pass over the tenant's rows in (chain, seq) order, in
 * batches; the heads are read once beforehand.
 */
export async function verifyAuditChain(db: Queryable, tenantId: string): Promise<VerifyResult> {
  const heads = new Map(
    (await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId))).map((h) => [h.chain, h]),
  );
  const seen = new Set<string>();
  let checked = 0;
  let chain = "";
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  const result = (broken?: VerifyResult["broken"]): VerifyResult => {
    const chains = new Set([...heads.keys(), ...seen]).size;
    return broken
      ? { tenantId, ok: false, checked, chains, broken }
      : { tenantId, ok: true, checked, chains };
  };
  /** Whether the chain walked so far ends at its head: the broken entry if not. */
  const endOfChain = (): VerifyResult["broken"] | undefined => {
    const head = heads.get(chain);
    if (!head) return { chain, seq: expectedSeq - 1, id: "", reason: "the chain's head is missing" };
    if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
      const reason = `rows after seq ${expectedSeq - 1} are missing (head is ${head.seq})`;
      return { chain, seq: expectedSeq, id: "", reason };
    }
    return undefined;
  };
  const batch = 2000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, tenantId),
          seen.size
            ? sql`(${auditLog.chain}, ${auditLog.seq}) > (${chain}::uuid, ${expectedSeq - 1})`
            : undefined,
        ),
      )
      .orderBy(asc(auditLog.chain), asc(auditLog.seq))
      .limit(batch);
    for (const r of rows) {
      if (r.chain !== chain) {
        if (seen.size) {
          const broken = endOfChain();
          if (broken) return result(broken);
        }
        seen.add(r.chain);
        chain = r.chain;
        prevHash = GENESIS_HASH;
        expectedSeq = 1;
      }
      const at = { chain, seq: r.seq, id: r.id };
      if (r.seq !== expectedSeq) return result({ ...at, reason: `missing row(s) before seq ${r.seq}` });
      if (r.prevHash !== prevHash) return result({ ...at, reason: "prev_hash does not match previous row" });
      if (hashAuditRow(r) !== r.hash) return result({ ...at, reason: "content does not match its hash" });
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) break;
  }
  if (seen.size) {
    const broken = endOfChain();
    if (broken) return result(broken);
  }
  // Heads of chains without any row must still be at the start.
  for (const c of heads.keys()) {
    if (seen.has(c)) continue;
    [chain, prevHash, expectedSeq] = [c, GENESIS_HASH, 1];
    const broken = endOfChain();
    if (broken) return result(broken);
  }
  return result();
}

export interface AuditFilter {
  unitPaths?: string[] | undefined;
  unitId?: string | undefined;
  actorId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

/** Lists audit entries newest first (by time: chains are per unit, seq orders only within one); `unitPaths` limits to entries of units inside those subtrees. */
export async function listAudit(db: Db | Tx, tenantId: string, f: AuditFilter) {
  const conds = [eq(auditLog.tenantId, tenantId)];
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lt(auditLog.at, f.to));
  if (f.unitId) conds.push(eq(auditLog.unitId, f.unitId));
  if (f.unitPaths) {
    if (f.unitPaths.length === 0) return { items: [], total: 0 };
    const likeAny = sql.join(
      f.unitPaths.map((p) => sql`u.path like ${`${p}%`}`),
      sql` or `,
    );
    conds.push(
      sql`${auditLog.unitId} in (select u.id from units u where u.tenant_id = ${tenantId} and (${likeAny}))`,
    );
  }
  const where = and(...conds);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { items, total: count?.n ?? 0 };
}
