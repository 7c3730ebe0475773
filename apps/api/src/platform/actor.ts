import type { TPermission, TRole } from "@eiso/contracts";

/** A role the actor holds right now, with the subtree it covers. */
export interface EffectiveGrant {
  grantId: string;
  role: TRole;
  unitId: string;
  unitPath: string;
  /** Set when held through a delegation (ủy quyền) from another officer. */
  delegatedBy: string | null;
  validUntil: string | null;
  permissions: ReadonlySet<TPermission>;
}

/** Who is acting: resolved once per request from the session. */
export interface Actor {
  tenantId: string;
  userId: string;
  name: string;
  kind: "officer" | "citizen" | "business";
  grants: EffectiveGrant[];
  sessionId: string;
  csrfToken: string;
  activeUnitId: string | null;
  /** Set after an administrator created the account or reset its password: only sign-out and password change are open. */
  mustChangePassword?: boolean;
  /** The HTTP request being served, copied into audit entries. */
  requestId?: string;
}

/** The system itself (demo loader, workers, CLI) when it writes audited changes. */
export interface SystemActor {
  tenantId: string;
  userId: null;
  name: string;
}

export type AuditActor = (Pick<Actor, "tenantId" | "userId" | "name"> | SystemActor) & { requestId?: string };

export function hasPermission(actor: Actor, permission: TPermission): boolean {
  return actor.grants.some((g) => g.permissions.has(permission));
}

/** Materialised paths of the subtrees where the actor holds `permission`. */
export function scopePaths(actor: Actor, permission: TPermission): string[] {
  const paths = actor.grants.filter((g) => g.permissions.has(permission)).map((g) => g.unitPath);
  // Drop paths already covered by a shorter one so queries stay small.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** True when `unitPath` lies in a subtree where the actor holds `permission`. */
export function coversPath(actor: Actor, permission: TPermission, unitPath: string): boolean {
  return actor.grants.some((g) => g.permissions.has(permission) && unitPath.startsWith(g.unitPath));
}
