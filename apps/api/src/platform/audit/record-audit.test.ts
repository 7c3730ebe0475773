import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../testing/database";
import type { SystemActor } from "../actor";
import type { Database } from "../db/client";
import { newId } from "../ids";
import { recordAudit, verifyAuditChain } from "./service";
import { auditHeads, auditLog } from "./tables";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const actorOf = (tenantId: string): SystemActor => ({ tenantId, userId: null, name: "Kiểm thử" });
const entry = (n: number) => ({
  action: "test.entry",
  entityType: "test",
  entityId: String(n),
  after: { n, note: `mục "${n}" — ghi chú\n`, nested: { z: [1, null, true], a: "đ" } },
});

async function logOf(tenantId: string, chain = tenantId) {
  return database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.chain, chain)))
    .orderBy(asc(auditLog.seq));
}

describe("recordAudit", () => {
  it("chains a transaction's entries in the order recorded, a new tenant's from the genesis hash", async () => {
    const tenantId = newId();
    await database.db.transaction(async (tx) => {
      for (let n = 1; n <= 3; n++) await recordAudit(tx, actorOf(tenantId), entry(n));
    });
    const rows = await logOf(tenantId);
    expect(rows.map((r) => [r.seq, r.entityId])).toEqual([
      [1, "1"],
      [2, "2"],
      [3, "3"],
    ]);
    expect(rows[0]!.after).toEqual(entry(1).after);
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({
      tenantId,
      ok: true,
      checked: 3,
      chains: 1,
    });
  });

  it("writes nothing when the transaction fails", async () => {
    const tenantId = newId();
    await database.db.transaction((tx) => recordAudit(tx, actorOf(tenantId), entry(1)));
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, actorOf(tenantId), entry(2));
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect((await logOf(tenantId)).map((r) => r.entityId)).toEqual(["1"]);
    const [head] = await database.db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
    expect(head!.seq).toBe(1);
  });

  it("keeps one chain without gaps or forks while a tenant's transactions run at the same time", async () => {
    const tenantId = newId();
    const other = newId();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await recordAudit(tx, actorOf(tenantId), entry(2 * i));
          await tx.execute(sql`select pg_sleep(0.002)`);
          await recordAudit(tx, actorOf(i % 3 ? tenantId : other), entry(2 * i + 1));
        }),
      ),
    );
    const rows = await logOf(tenantId);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({
      tenantId,
      ok: true,
      checked: 40,
      chains: 1,
    });
    expect(await verifyAuditChain(database.db, other)).toEqual({
      tenantId: other,
      ok: true,
      checked: 8,
      chains: 1,
    });
  });

  it("chains more entries than one statement takes", async () => {
    const tenantId = newId();
    await database.db.transaction(async (tx) => {
      for (let n = 1; n <= 250; n++) await recordAudit(tx, actorOf(tenantId), entry(n));
    });
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({
      tenantId,
      ok: true,
      checked: 250,
      chains: 1,
    });
    const [last] = await database.db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.seq, 250)));
    expect(last!.entityId).toBe("250");
  });

  it("puts a unit's entries in the unit's chain and the others in the tenant's, each from seq 1", async () => {
    const tenantId = newId();
    const [unitA, unitB] = [newId(), newId()];
    await database.db.transaction(async (tx) => {
      await recordAudit(tx, actorOf(tenantId), { ...entry(1), unitId: unitB });
      await recordAudit(tx, actorOf(tenantId), entry(2));
      await recordAudit(tx, actorOf(tenantId), { ...entry(3), unitId: unitA });
      await recordAudit(tx, actorOf(tenantId), { ...entry(4), unitId: unitB });
    });
    const chains = async (chain: string) => (await logOf(tenantId, chain)).map((r) => [r.seq, r.entityId]);
    expect(await chains(unitB)).toEqual([
      [1, "1"],
      [2, "4"],
    ]);
    expect(await chains(tenantId)).toEqual([[1, "2"]]);
    expect(await chains(unitA)).toEqual([[1, "3"]]);
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({
      tenantId,
      ok: true,
      checked: 4,
      chains: 3,
    });
  });

  it("commits transactions that write to the same chains in opposite orders at the same time (no deadlock)", async () => {
    const tenantId = newId();
    const units = [newId(), newId(), newId()];
    await Promise.all(
      Array.from({ length: 18 }, (_, i) =>
        database.db.transaction(async (tx) => {
          const order = i % 2 ? [...units].reverse() : units;
          for (const unitId of order) {
            await recordAudit(tx, actorOf(tenantId), { ...entry(i), unitId });
            await tx.execute(sql`select pg_sleep(0.001)`);
          }
        }),
      ),
    );
    for (const unitId of units) {
      expect((await logOf(tenantId, unitId)).map((r) => r.seq)).toEqual(
        Array.from({ length: 18 }, (_, i) => i + 1),
      );
    }
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({
      tenantId,
      ok: true,
      checked: 54,
      chains: 3,
    });
  });

  it("reports a chain whose head is gone and a row moved to another chain", async () => {
    const tenantId = newId();
    const [unitA, unitB] = [newId(), newId()];
    await database.db.transaction(async (tx) => {
      for (let n = 1; n <= 3; n++) await recordAudit(tx, actorOf(tenantId), { ...entry(n), unitId: unitA });
      for (let n = 4; n <= 6; n++) await recordAudit(tx, actorOf(tenantId), { ...entry(n), unitId: unitB });
    });
    // A row cannot take a place that another row of the chain holds (no forks): moved to the end of
    // unit B's chain, it leaves unit A's chain short of its head (A's id sorts first, so A is named).
    await expect(
      database.db.execute(sql`update audit_log set chain = ${unitB}
        where tenant_id = ${tenantId} and chain = ${unitA} and seq = 3`),
    ).rejects.toThrow();
    await database.db.execute(sql`update audit_log set chain = ${unitB}, seq = 4
      where tenant_id = ${tenantId} and chain = ${unitA} and seq = 3`);
    const moved = await verifyAuditChain(database.db, tenantId);
    expect(moved.ok).toBe(false);
    expect(moved.broken).toMatchObject({
      chain: unitA,
      seq: 3,
      reason: "rows after seq 2 are missing (head is 3)",
    });
    await database.db.execute(sql`update audit_heads set seq = 2, hash = (select hash from audit_log
      where tenant_id = ${tenantId} and chain = ${unitA} and seq = 2) where tenant_id = ${tenantId} and chain = ${unitA}`);
    expect((await verifyAuditChain(database.db, tenantId)).broken).toMatchObject({
      chain: unitB,
      seq: 4,
      reason: "prev_hash does not match previous row",
    });
    await database.db.execute(sql`update audit_log set chain = ${unitA}, seq = 3
      where tenant_id = ${tenantId} and entity_id = '3'`);
    await database.db.execute(sql`update audit_heads set seq = 3, hash = (select hash from audit_log
      where tenant_id = ${tenantId} and chain = ${unitA} and seq = 3) where tenant_id = ${tenantId} and chain = ${unitA}`);
    expect((await verifyAuditChain(database.db, tenantId)).ok).toBe(true);

    await database.db.execute(
      sql`delete from audit_heads where tenant_id = ${tenantId} and chain = ${unitB}`,
    );
    const headless = await verifyAuditChain(database.db, tenantId);
    expect(headless.ok).toBe(false);
    expect(headless.broken).toMatchObject({ chain: unitB, reason: "the chain's head is missing" });
  });
});
