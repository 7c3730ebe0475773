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

async function logOf(tenantId: string) {
  return database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
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
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({ tenantId, ok: true, checked: 3 });
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
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({ tenantId, ok: true, checked: 40 });
    expect(await verifyAuditChain(database.db, other)).toEqual({ tenantId: other, ok: true, checked: 8 });
  });

  it("chains more entries than one statement takes", async () => {
    const tenantId = newId();
    await database.db.transaction(async (tx) => {
      for (let n = 1; n <= 250; n++) await recordAudit(tx, actorOf(tenantId), entry(n));
    });
    expect(await verifyAuditChain(database.db, tenantId)).toEqual({ tenantId, ok: true, checked: 250 });
    const [last] = await database.db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.seq, 250)));
    expect(last!.entityId).toBe("250");
  });
});
