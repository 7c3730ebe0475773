import { Role, rolePermissions, type TPermission } from "@eiso/contracts";
import { and, eq, inArray, type Placeholder, type SQL, sql } from "drizzle-orm";
import { type Actor, coversPath, type EffectiveGrant } from "../../platform/actor";
import { executeNamed, type Queryable, rowsOf } from "../../platform/db/client";
import { AppError, forbidden, notFound } from "../../platform/errors";
import { units } from "./tables";

/** A row of `effectiveGrantsSql`, as the database returns it (also inside json_agg). */
export interface EffectiveGrantRow {
  grant_id: string;
  role: string;
  unit_id: string;
  path: string;
  delegated_by: string | null;
  valid_until: string | null;
}

/**
 * The roles a user holds on `today` (inclusive): their own grants plus delegations running then.
 * Tenant and user are SQL expressions, so the session lookup can correlate it with its own row.
 */
export function effectiveGrantsSql(tenantId: SQL, userId: SQL, today: string | Placeholder): SQL {
  return sql`
      select g.id as grant_id, g.role, g.unit_id, u.path, null::uuid as delegated_by, null::text as valid_until
        from role_grants g join units u on u.tenant_id = g.tenant_id and u.id = g.unit_id
       where g.tenant_id = ${tenantId} and g.user_id = ${userId} and g.revoked_at is null
      union all
      select g.id, g.role, g.unit_id, u.path, d.from_user_id, d.ends_on::text
        from delegations d
        join role_grants g on g.tenant_id = d.tenant_id and g.id = d.grant_id and g.revoked_at is null
        join units u on u.tenant_id = g.tenant_id and u.id = g.unit_id
       where d.tenant_id = ${tenantId} and d.to_user_id = ${userId} and d.revoked_at is null
         and d.starts_on <= ${today}::date and d.ends_on >= ${today}::date`;
}

/** The grants `userId` (none when null) holds on `today`, as one JSON array of `EffectiveGrantRow` (SQL). */
export function effectiveGrantsJson(
  tenantId: string | Placeholder,
  userId: string | null | Placeholder,
  today: string | Placeholder,
): SQL {
  return sql`(select coalesce(json_agg(g), '[]') from (${effectiveGrantsSql(sql`${tenantId}`, sql`${userId}::uuid`, today)}) g)`;
}

export function toEffectiveGrant(r: EffectiveGrantRow): EffectiveGrant {
  const role = Role.parse(r.role);
  return {
    grantId: r.grant_id,
    role,
    unitId: r.unit_id,
    unitPath: r.path,
    delegatedBy: r.delegated_by,
    validUntil: r.valid_until,
    permissions: new Set(rolePermissions[role]),
  };
}

/** Roles a user holds today: their own grants plus delegations running on `today` (inclusive). */
export async function loadEffectiveGrants(
  db: Queryable,
  tenantId: string,
  userId: string,
  today: string,
): Promise<EffectiveGrant[]> {
  const rows = await executeNamed<EffectiveGrantRow>(
    db,
    "effective_grants",
    effectiveGrantsSql(sql`${tenantId}`, sql`${userId}`, today),
  );
  return rows.map(toEffectiveGrant);
}

/** Paths of the given units of the actor's tenant; a missing id is a 404 (never reveal other tenants). */
export async function unitPaths(
  db: Queryable,
  tenantId: string,
  ids: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, unique)));
  if (rows.length !== unique.length) throw notFound({ vi: "Không tìm thấy đơn vị", en: "Unit not found" });
  return new Map(rows.map((r) => [r.id, r.path]));
}

/**
 * Checks, in one query, that the actor holds `permission` over every given unit (role + unit scope).
 * Throws 404 for units that do not exist in the tenant, 403 for units outside the actor's scope.
 */
export async function requireAccess(
  db: Queryable,
  actor: Actor,
  permission: TPermission,
  unitIds: string[],
): Promise<Map<string, string>> {
  const paths = await unitPaths(db, actor.tenantId, unitIds);
  for (const path of paths.values()) {
    if (!coversPath(actor, permission, path)) throw forbidden();
  }
  return paths;
}

/** Asserts the actor holds `permission` somewhere; the route guard already did, services re-check for safety. */
export function requirePermission(actor: Actor, permission: TPermission): void {
  if (!actor.grants.some((g) => g.permissions.has(permission))) throw new AppError("forbidden");
}

/** An officer as `officersWithRole` lists them. */
export interface OfficerWithRole {
  id: string;
  fullName: string;
  username: string;
  position: string | null;
  email: string | null;
}

/**
 * Active officers holding `role` (own grant or a delegation running `today`) at a unit covering
 * `unitPath`: the grants `loadEffectiveGrants` gives, seen from the unit's side.
 */
export async function officersWithRole(
  db: Queryable,
  tenantId: string,
  role: string,
  unitPath: string,
  today: string,
): Promise<OfficerWithRole[]> {
  return rowsOf<OfficerWithRole>(
    await db.execute(sql`
      select distinct us.id, us.full_name as "fullName", us.username, us.position, us.email
        from role_grants g
        join units u on u.tenant_id = g.tenant_id and u.id = g.unit_id
        left join delegations d on d.tenant_id = g.tenant_id and d.grant_id = g.id and d.revoked_at is null
              and d.starts_on <= ${today}::date and d.ends_on >= ${today}::date
        join users us on us.tenant_id = g.tenant_id and us.id in (g.user_id, d.to_user_id)
       where g.tenant_id = ${tenantId} and g.role = ${role} and g.revoked_at is null
         and ${unitPath} like u.path || '%' and us.status = 'active'`),
  );
}
