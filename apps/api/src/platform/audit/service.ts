/**
 * The audit log: every mutation appends its entry in its own transaction, and each tenant's entries
 * form one hash chain (seq 1, 2, 3… with no gap or fork; each row's hash covers its content and the
 * previous row's hash), so `eiso audit verify` names the first row edited or deleted behind the
 * application's back.
 *
 * Why entries are chained at commit time: placing an entry in the chain needs the tenant's head
 * (`audit_heads`), locked until the transaction ends, so every transaction of a tenant that writes
 * an audit entry queues on that row. Locked at the first `recordAudit`, it was held over the rest of
 * the transaction's round trips and the API's CPU time between them: one tenant's mutations ran one
 * at a time, ≈ 25–50 a second (issue 12). Now `recordAudit` only builds the entry, and the
 * transaction's entries are written by its last statement (`beforeCommit`), which locks the head,
 * hashes the rows in order from it (SHA-256 computed by the database over the same canonical JSON
 * that `hashAuditRow` hashes; `unplacedContent` cuts it where the previous hash and seq go), inserts
 * them and moves the head. On PostgreSQL that statement and the COMMIT travel as one query, so the
 * head is locked only while the server runs them and flushes the commit: waiting for the answer to
 * reach a busy API process is no longer part of it (a first version that sent COMMIT after the
 * statement's answer still left 8–10 of 20 connections queued on the head under load).
 *
 * The guarantees are unchanged: an entry commits if and only if its change does, the chain has no
 * gaps (seq comes from the locked head, never from a sequence) and no forks (one head per tenant),
 * and verification recomputes every hash in the application, as before.
 *
 * Considered and not done: chaining asynchronously (rows written unchained in the transaction, a
 * sealing step numbering and hashing them later) takes the lock out of transactions entirely, but
 * leaves the newest rows unprotected until sealed, needs a sealer running for the chain to be
 * whole, and makes `verify` tell sealed rows from unsealed ones. With the lock held only for the
 * server's own work, one tenant's appends are bounded by its commit flush rate, far above what
 * the API itself serves today; sealing would be the next step if that ever binds.
 */
import { and, asc, desc, eq, gt, gte, lt, sql } from "drizzle-orm";
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

/** Entries of open transactions, per tenant, in the order they were recorded. */
const pending = new WeakMap<Tx, Map<string, UnplacedEntry[]>>();

/**
 * Records one audit entry in the caller's transaction: it exists if and only if the change commits.
 * It is placed in the tenant's chain by the transaction's last statement, with its other entries.
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
  let byTenant = pending.get(tx);
  if (!byTenant) {
    const created = new Map<string, UnplacedEntry[]>();
    if (!beforeCommit(tx, (run) => chainStatements(created, run))) {
      // Not a transaction that ends with our statements (a savepoint): place the entry now.
      for (const statement of chainStatements(new Map([[tenantId, [entry]]]), inlinePrepared))
        await tx.execute(sql.raw(statement));
      return;
    }
    pending.set(tx, created);
    byTenant = created;
  }
  const list = byTenant.get(tenantId);
  if (list) list.push(entry);
  else byTenant.set(tenantId, [entry]);
}

/** Rows hashed per statement: the chain is walked by a recursive query whose cost grows with its square. */
const CHUNK = 100;

/** Creates a tenant's head ($1) at the genesis hash when the snapshot shows none. */
const CREATE_HEAD: PreparedStatement = {
  name: "eiso_audit_head",
  params: "uuid",
  // Only when the snapshot shows none: a plain `on conflict do nothing` waited for the transaction
  // holding the head, and every such waiter woke at each commit to race for it (a thundering herd
  // under load); the `for update` of APPEND queues for the head in order.
  text: `insert into audit_heads (tenant_id, seq, hash) select $1, 0, '${GENESIS_HASH}'
    where not exists (select from audit_heads where tenant_id = $1) on conflict (tenant_id) do nothing`,
};

/**
 * Appends entries ($2: a JSON array of `UnplacedEntry` with their order `ord`, $3 of them) to the
 * chain of tenant $1: locks the head, hashes each row from the one before it (starting at the
 * head), inserts the rows and moves the head; fails unless every row was written.
 */
const APPEND: PreparedStatement = {
  name: "eiso_audit_append",
  params: "uuid, jsonb, int",
  text: `with recursive
  head as (select seq, hash from audit_heads where tenant_id = $1 for update),
  entry as (
    select * from jsonb_to_recordset($2) as e(
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
    insert into audit_log (tenant_id, id, seq, at, actor_id, actor_name, action, entity_type,
                           entity_id, unit_id, before, after, request_id, prev_hash, hash)
    select $1, e.id, c.seq, e.at, e.actor_id, e.actor_name, e.action, e.entity_type,
           e.entity_id, e.unit_id, e.before, e.after, e.request_id, c.prev_hash, c.hash
      from entry e join chain c on c.ord = e.ord
    returning 1
  ),
  moved as (
    update audit_heads h set seq = c.seq, hash = c.hash
      from chain c
     where h.tenant_id = $1 and c.ord = (select max(ord) from chain) and c.ord > 0
    returning 1
  )
select case when (select count(*) from written) = $3 then 1
            else cast('audit chain: wrote ' || (select count(*) from written) || ' of ' || $3 || ' entries' as int)
       end as chained`,
};

/**
 * The statements that append the entries to their tenants' chains: the tenant's head is created
 * at the genesis hash if it has none, then one statement per chunk appends the chunk (`APPEND`);
 * it fails (and so does the transaction) unless every row of the chunk was written. Values are
 * inlined: on PostgreSQL these statements travel with the COMMIT as one simple-protocol query.
 */
function chainStatements(byTenant: Map<string, UnplacedEntry[]>, run: RunPrepared): string[] {
  const statements: string[] = [];
  for (const [tenantId, entries] of byTenant) {
    const tenant = uuidLiteral(tenantId);
    statements.push(run(CREATE_HEAD, [tenant]));
    for (let from = 0; from < entries.length; from += CHUNK) {
      const chunk = entries.slice(from, from + CHUNK);
      const json = sqlLiteral(JSON.stringify(chunk.map((e, i) => ({ ...e, ord: i + 1 }))));
      statements.push(run(APPEND, [tenant, `${json}::jsonb`, `${chunk.length}::int`]));
    }
  }
  return statements;
}

export interface VerifyResult {
  tenantId: string;
  ok: boolean;
  checked: number;
  /** The first row that does not chain: its seq and id, and why. */
  broken?: { seq: number; id: string; reason: string };
}

/** Walks a tenant's chain in order and reports the first row whose content or link does not match. */
export async function verifyAuditChain(db: Queryable, tenantId: string): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const batch = 2000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    for (const r of rows) {
      const at = { seq: r.seq, id: r.id };
      if (r.seq !== expectedSeq) {
        return {
          tenantId,
          ok: false,
          checked,
          broken: { ...at, reason: `missing row(s) before seq ${r.seq}` },
        };
      }
      if (r.prevHash !== prevHash) {
        return {
          tenantId,
          ok: false,
          checked,
          broken: { ...at, reason: "prev_hash does not match previous row" },
        };
      }
      const recomputed = hashAuditRow(r);
      if (recomputed !== r.hash) {
        return { tenantId, ok: false, checked, broken: { ...at, reason: "content does not match its hash" } };
      }
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
    return {
      tenantId,
      ok: false,
      checked,
      broken: {
        seq: expectedSeq,
        id: "",
        reason: `rows after seq ${expectedSeq - 1} are missing (head is ${head.seq})`,
      },
    };
  }
  return { tenantId, ok: true, checked };
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

/** Lists audit entries newest first; `unitPaths` limits to entries of units inside those subtrees. */
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
    .orderBy(desc(auditLog.seq))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { items, total: count?.n ?? 0 };
}
