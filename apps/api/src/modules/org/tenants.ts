import type { TCreateUnit } from "@eiso/contracts";
import { eq, sql } from "drizzle-orm";
import type { SystemActor } from "../../platform/actor";
import type { Queryable, Tx } from "../../platform/db/client";
import { newId } from "../../platform/ids";
import { tenants } from "./tables";
import { insertUnit } from "./units";

export async function countTenants(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tenants);
  return row?.n ?? 0;
}

/** Creates a tenant (province or city) with its root unit, the people's committee. */
export async function createTenant(
  tx: Tx,
  input: {
    code: string;
    name: string;
    model: "three_tier" | "two_tier";
    root: Omit<TCreateUnit, "parentId">;
  },
): Promise<{ tenantId: string; rootUnitId: string; system: SystemActor }> {
  const tenantId = newId();
  await tx.insert(tenants).values({ id: tenantId, code: input.code, name: input.name, model: input.model });
  const system: SystemActor = { tenantId, userId: null, name: "Hệ thống" };
  const root = await insertUnit(tx, system, null, input.root);
  await tx.update(tenants).set({ rootUnitId: root.id }).where(eq(tenants.id, tenantId));
  return { tenantId, rootUnitId: root.id, system };
}
