// Read-only look-ups of the agency tree that the catalogue needs (names, paths, the tenant's root).
// They read org's tables directly because org's service does not expose them yet; move them there
// when it does.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client";
import { notFound } from "../../platform/errors";
import { tenants, units, users } from "../org/tables";

export interface UnitInfo {
  id: string;
  name: string;
  code: string;
  path: string;
  kind: string;
  parentId: string | null;
}

const unitColumns = {
  id: units.id,
  name: units.name,
  code: units.code,
  path: units.path,
  kind: units.kind,
  parentId: units.parentId,
};

/** The tenant's root unit id (the province's people's committee). */
export async function tenantRootUnitId(db: Queryable, tenantId: string): Promise<string> {
  const [t] = await db.select({ root: tenants.rootUnitId }).from(tenants).where(eq(tenants.id, tenantId));
  if (!t?.root) throw notFound();
  return t.root;
}

export async function unitInfos(
  db: Queryable,
  tenantId: string,
  ids: string[],
): Promise<Map<string, UnitInfo>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active units of a kind directly under a parent (an agency's reception desk, its divisions). */
export async function childrenOfKind(
  db: Queryable,
  tenantId: string,
  parentId: string,
  kind: string,
): Promise<UnitInfo[]> {
  return db
    .select(unitColumns)
    .from(units)
    .where(
      and(
        eq(units.tenantId, tenantId),
        eq(units.parentId, parentId),
        eq(units.kind, kind),
        eq(units.status, "active"),
      ),
    )
    .orderBy(asc(units.sortOrder), asc(units.name));
}

export async function userInfos(
  db: Queryable,
  tenantId: string,
  ids: string[],
): Promise<Map<string, { id: string; fullName: string; unitId: string | null }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, unitId: users.unitId })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}
