import { and, asc, desc, eq, gt, gte, lt, sql } from "drizzle-orm";
import type { AuditActor } from "../actor";
import { type Db, type Queryable, rowsOf, type Tx } from "../db/client";
import { newId } from "../ids";
import { GENESIS_HASH, hashAuditRow } from "./chain";
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

/**
 * Appends one entry to the tenant's audit chain inside the caller's transaction, so the entry
 * exists if and only if the change commits. Locks the chain head: appends within a tenant are serial.
 */
export async function recordAudit(tx: Tx, actor: AuditActor, input: AuditInput): Promise<void> {
  const requestId = actor.requestId ?? null;
  const tenantId = actor.tenantId;
  await tx
    .insert(auditHeads)
    .values({ tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoNothing({ target: auditHeads.tenantId });
  const [head] = rowsOf<{ seq: string | number; hash: string }>(
    await tx.execute(sql`select seq, hash from audit_heads where tenant_id = ${tenantId} for update`),
  );
  if (!head) throw new Error("audit head missing");
  const row = {
    tenantId,
    id: newId(),
    seq: Number(head.seq) + 1,
    at: new Date(),
    actorId: actor.userId,
    actorName: actor.name,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    unitId: input.unitId ?? null,
    before: jsonValue(input.before),
    after: jsonValue(input.after),
    requestId,
    prevHash: head.hash,
  };
  const hash = hashAuditRow(row);
  await tx.insert(auditLog).values({ ...row, hash });
  await tx.update(auditHeads).set({ seq: row.seq, hash }).where(eq(auditHeads.tenantId, tenantId));
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
