import { rolePermissions, type TPermission, type TUnit } from "@eiso/contracts";
import { useCurrentSession } from "./session";

/**
 * Whether the user holds `permission` over a unit: some grant carrying it sits at the unit or above
 * it (a grant covers its unit's subtree). Used to show actions; the API checks again.
 */
export function useCanAt(): (
  permission: TPermission,
  unit: Pick<TUnit, "path"> | undefined | null,
) => boolean {
  const session = useCurrentSession();
  const pathOf = new Map(session.scopeUnits.map((u) => [u.id, u.path]));
  return (permission, unit) => {
    if (!unit) return false;
    return session.grants.some((g) => {
      const grantPath = pathOf.get(g.unitId);
      return !!grantPath && rolePermissions[g.role].includes(permission) && unit.path.startsWith(grantPath);
    });
  };
}
