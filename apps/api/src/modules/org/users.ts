import {
  type TCreateUser,
  type TDelegation,
  type TRole,
  type TRoleGrant,
  type TUser,
  tenantOnlyRoles,
  type ZCreateDelegationSchema,
  type ZUpdateUserSchema,
} from "@eiso/contracts";
import { and, asc, eq, isNull, like, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { type Actor, type AuditActor, coversPath, hasPermission, scopePaths } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { assertPasswordPolicy, hashPassword } from "../../platform/auth/password";
import { deleteUserSessions } from "../../platform/auth/session";
import type { Queryable, Tx } from "../../platform/db/client";
import { conflict, forbidden, invalidOperation, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { escapeLike, foldVietnamese } from "../../platform/text";
import { requireAccess } from "./access";
import { delegations, roleGrants, units, users } from "./tables";

type UserRow = typeof users.$inferSelect;

export function toUserDto(r: UserRow, unitName?: string | null): TUser {
  return {
    id: r.id,
    tenantId: r.tenantId,
    kind: r.kind,
    username: r.username,
    email: r.email,
    fullName: r.fullName,
    phone: r.phone,
    position: r.position,
    unitId: r.unitId,
    ...(unitName === undefined ? {} : { unitName }),
    status: r.status,
    mustChangePassword: r.mustChangePassword,
    lockedUntil: r.lockedUntil ? r.lockedUntil.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Loads a user of the tenant, 404 otherwise. */
export async function loadUser(db: Queryable, tenantId: string, id: string): Promise<UserRow> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  if (!row) throw notFound({ vi: "Không tìm thấy người dùng", en: "User not found" });
  return row;
}

/** A user the actor may act on: officers by their unit's scope; citizens only by tenant-wide rights. */
async function requireUserAccess(
  db: Queryable,
  actor: Actor,
  permission: "org.user.read" | "org.user.manage",
  id: string,
) {
  const user = await loadUser(db, actor.tenantId, id);
  if (user.unitId) {
    await requireAccess(db, actor, permission, [user.unitId]);
  } else if (!actor.grants.some((g) => g.role === "tenant_admin")) {
    throw forbidden();
  }
  return user;
}

export async function listUsers(
  db: Queryable,
  actor: Actor,
  q: { unitId?: string | undefined; q?: string | undefined; page: number; pageSize: number },
): Promise<{ items: TUser[]; total: number }> {
  let paths = scopePaths(actor, "org.user.read");
  if (q.unitId) paths = [(await requireAccess(db, actor, "org.user.read", [q.unitId])).get(q.unitId)!];
  if (paths.length === 0) return { items: [], total: 0 };
  const conds = [
    eq(users.tenantId, actor.tenantId),
    or(...paths.map((p) => like(units.path, `${escapeLike(p)}%`))),
  ];
  if (q.q) conds.push(like(users.nameSearch, `%${escapeLike(foldVietnamese(q.q))}%`));
  const where = and(...conds);
  const from = db
    .select({ user: users, unitName: units.name })
    .from(users)
    .innerJoin(units, and(eq(units.tenantId, users.tenantId), eq(units.id, users.unitId)))
    .where(where);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(units, and(eq(units.tenantId, users.tenantId), eq(units.id, users.unitId)))
    .where(where);
  const rows = await from
    .orderBy(asc(units.name), asc(users.fullName))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((r) => toUserDto(r.user, r.unitName)), total: count?.n ?? 0 };
}

export async function getUser(db: Queryable, actor: Actor, id: string): Promise<TUser> {
  return toUserDto(await requireUserAccess(db, actor, "org.user.read", id));
}

async function assertUniqueLogin(
  db: Queryable,
  username: string,
  email: string | null | undefined,
  exceptId?: string,
) {
  const conds = [sql`lower(${users.username}) = ${username.toLowerCase()}`];
  if (email) conds.push(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  const rows = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(or(...conds));
  const clash = rows.find((r) => r.id !== exceptId);
  if (clash) {
    throw conflict({
      vi: "Tên đăng nhập hoặc thư điện tử đã được dùng",
      en: "Username or e-mail is already in use",
    });
  }
}

/** Whether the actor may grant `role` at a unit with this path. */
function canGrant(actor: Actor, role: TRole, unitPath: string): boolean {
  if (tenantOnlyRoles.includes(role)) {
    return actor.grants.some((g) => g.role === "tenant_admin" && unitPath.startsWith(g.unitPath));
  }
  return coversPath(actor, "org.role.grant", unitPath);
}

export async function createUser(tx: Tx, actor: Actor, input: TCreateUser): Promise<TUser> {
  const unitPath = (await requireAccess(tx, actor, "org.user.manage", [input.unitId])).get(input.unitId)!;
  assertPasswordPolicy(input.password);
  for (const role of input.roles) if (!canGrant(actor, role, unitPath)) throw forbidden();
  await assertUniqueLogin(tx, input.username, input.email);
  const id = newId();
  const [row] = await tx
    .insert(users)
    .values({
      tenantId: actor.tenantId,
      id,
      kind: "officer",
      username: input.username,
      email: input.email ?? null,
      fullName: input.fullName,
      nameSearch: foldVietnamese(`${input.fullName} ${input.username} ${input.email ?? ""}`),
      phone: input.phone ?? null,
      position: input.position ?? null,
      unitId: input.unitId,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: true,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "user.create",
    entityType: "user",
    entityId: id,
    unitId: input.unitId,
    after: toUserDto(row!),
  });
  for (const role of [...new Set(input.roles)]) await insertGrant(tx, actor, id, role, input.unitId);
  return toUserDto(row!);
}

export async function updateUser(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: z.infer<typeof ZUpdateUserSchema>,
): Promise<TUser> {
  const before = await requireUserAccess(tx, actor, "org.user.manage", id);
  if (patch.unitId && patch.unitId !== before.unitId)
    await requireAccess(tx, actor, "org.user.manage", [patch.unitId]);
  if (patch.status === "disabled" && id === actor.userId)
    throw invalidOperation("Không thể tự khóa tài khoản của mình");
  if (patch.email !== undefined && patch.email !== before.email)
    await assertUniqueLogin(tx, "\u0000", patch.email, id);
  const fullName = patch.fullName ?? before.fullName;
  const email = patch.email === undefined ? before.email : patch.email;
  const [row] = await tx
    .update(users)
    .set({
      fullName,
      email,
      phone: patch.phone === undefined ? before.phone : patch.phone,
      position: patch.position === undefined ? before.position : patch.position,
      unitId: patch.unitId ?? before.unitId,
      status: patch.status ?? before.status,
      nameSearch: foldVietnamese(`${fullName} ${before.username} ${email ?? ""}`),
      updatedAt: new Date(),
    })
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, id)))
    .returning();
  if (row!.status === "disabled") await deleteUserSessions(tx, actor.tenantId, id);
  await recordAudit(tx, actor, {
    action: "user.update",
    entityType: "user",
    entityId: id,
    unitId: row!.unitId,
    before: toUserDto(before),
    after: toUserDto(row!),
  });
  return toUserDto(row!);
}

/** Admin reset: sets a temporary password the user must change, unlocks, ends the user's sessions. */
export async function resetPassword(tx: Tx, actor: Actor, id: string, newPassword: string): Promise<void> {
  const user = await requireUserAccess(tx, actor, "org.user.manage", id);
  assertPasswordPolicy(newPassword);
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(newPassword),
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, id)));
  await deleteUserSessions(tx, actor.tenantId, id);
  await recordAudit(tx, actor, {
    action: "user.reset_password",
    entityType: "user",
    entityId: id,
    unitId: user.unitId,
  });
}

async function insertGrant(
  tx: Tx,
  actor: Actor,
  userId: string,
  role: TRole,
  unitId: string,
): Promise<string> {
  const [existing] = await tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.tenantId, actor.tenantId),
        eq(roleGrants.userId, userId),
        eq(roleGrants.role, role),
        eq(roleGrants.unitId, unitId),
        isNull(roleGrants.revokedAt),
      ),
    );
  if (existing) return existing.id;
  const id = newId();
  await tx.insert(roleGrants).values({
    tenantId: actor.tenantId,
    id,
    userId,
    role,
    unitId,
    grantedBy: actor.userId,
    createdAt: new Date(),
  });
  await recordAudit(tx, actor, {
    action: "role.grant",
    entityType: "user",
    entityId: userId,
    unitId,
    after: { grantId: id, role, unitId },
  });
  return id;
}

export async function listGrants(db: Queryable, actor: Actor, userId: string): Promise<TRoleGrant[]> {
  await requireUserAccess(db, actor, "org.user.read", userId);
  const rows = await db
    .select({ g: roleGrants, unitName: units.name })
    .from(roleGrants)
    .innerJoin(units, and(eq(units.tenantId, roleGrants.tenantId), eq(units.id, roleGrants.unitId)))
    .where(
      and(
        eq(roleGrants.tenantId, actor.tenantId),
        eq(roleGrants.userId, userId),
        isNull(roleGrants.revokedAt),
      ),
    )
    .orderBy(asc(roleGrants.createdAt));
  return rows.map((r) => ({
    id: r.g.id,
    userId: r.g.userId,
    role: r.g.role as TRole,
    unitId: r.g.unitId,
    unitName: r.unitName,
    createdAt: r.g.createdAt.toISOString(),
  }));
}

/** Grants a role at a unit: the actor needs grant rights over that unit and over the user's own unit. */
export async function grantRole(
  tx: Tx,
  actor: Actor,
  userId: string,
  role: TRole,
  unitId: string,
): Promise<string> {
  const user = await loadUser(tx, actor.tenantId, userId);
  if (user.kind !== "officer") throw invalidOperation("Chỉ cấp vai trò cho cán bộ, công chức");
  const paths = await requireAccess(tx, actor, "org.role.grant", [
    unitId,
    ...(user.unitId ? [user.unitId] : []),
  ]);
  if (!canGrant(actor, role, paths.get(unitId)!)) throw forbidden();
  return insertGrant(tx, actor, userId, role, unitId);
}

export async function revokeGrant(tx: Tx, actor: Actor, userId: string, grantId: string): Promise<void> {
  const [grant] = await tx
    .select()
    .from(roleGrants)
    .where(
      and(eq(roleGrants.tenantId, actor.tenantId), eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)),
    );
  if (!grant || grant.revokedAt) throw notFound();
  const path = (await requireAccess(tx, actor, "org.role.grant", [grant.unitId])).get(grant.unitId)!;
  if (!canGrant(actor, grant.role as TRole, path)) throw forbidden();
  if (grant.userId === actor.userId && grant.role === "tenant_admin") {
    throw invalidOperation("Không thể tự thu hồi quyền quản trị hệ thống của mình");
  }
  await tx
    .update(roleGrants)
    .set({ revokedAt: new Date() })
    .where(and(eq(roleGrants.tenantId, actor.tenantId), eq(roleGrants.id, grantId)));
  await recordAudit(tx, actor, {
    action: "role.revoke",
    entityType: "user",
    entityId: userId,
    unitId: grant.unitId,
    before: { grantId, role: grant.role, unitId: grant.unitId },
  });
}

type DelegationRow = typeof delegations.$inferSelect;
function toDelegationDto(d: DelegationRow, g: { role: string; unitId: string }): TDelegation {
  return {
    id: d.id,
    fromUserId: d.fromUserId,
    toUserId: d.toUserId,
    grantId: d.grantId,
    role: g.role as TRole,
    unitId: g.unitId,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    reason: d.reason,
    revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
  };
}

/**
 * Ủy quyền: lends one of a user's own grants to another officer for a date range. The holder may
 * delegate their own grant; an administrator may set it up for officers in their scope.
 */
export async function createDelegation(
  tx: Tx,
  actor: Actor,
  input: z.infer<typeof ZCreateDelegationSchema>,
): Promise<TDelegation> {
  const [grant] = await tx
    .select()
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.tenantId, actor.tenantId),
        eq(roleGrants.id, input.grantId),
        isNull(roleGrants.revokedAt),
      ),
    );
  if (!grant) throw notFound({ vi: "Không tìm thấy vai trò được ủy quyền", en: "Grant not found" });
  const ownGrant = grant.userId === actor.userId;
  if (!ownGrant) await requireAccess(tx, actor, "org.user.manage", [grant.unitId]);
  else if (!hasPermission(actor, "org.delegation.manage")) throw forbidden();
  if (grant.role === "tenant_admin") throw invalidOperation("Không ủy quyền vai trò quản trị hệ thống");
  const to = await loadUser(tx, actor.tenantId, input.toUserId);
  if (to.kind !== "officer" || to.status !== "active" || to.id === grant.userId) {
    throw invalidOperation("Người nhận ủy quyền phải là cán bộ khác, đang hoạt động");
  }
  if (to.unitId) await requireAccess(tx, actor, "org.user.read", [to.unitId]);
  const id = newId();
  const [row] = await tx
    .insert(delegations)
    .values({
      tenantId: actor.tenantId,
      id,
      grantId: grant.id,
      fromUserId: grant.userId,
      toUserId: to.id,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      reason: input.reason ?? null,
      createdBy: actor.userId,
      createdAt: new Date(),
    })
    .returning();
  const dto = toDelegationDto(row!, grant);
  await recordAudit(tx, actor, {
    action: "delegation.create",
    entityType: "delegation",
    entityId: id,
    unitId: grant.unitId,
    after: dto,
  });
  return dto;
}

const fromUser = alias(users, "from_user");
const toUser = alias(users, "to_user");

/** Delegations given or received by a user (the actor by default), with both officers' names. */
export async function listDelegations(db: Queryable, actor: Actor, userId?: string): Promise<TDelegation[]> {
  if (userId && userId !== actor.userId) await requireUserAccess(db, actor, "org.user.read", userId);
  const who = userId ?? actor.userId;
  const rows = await db
    .select({
      d: delegations,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      fromUserName: fromUser.fullName,
      toUserName: toUser.fullName,
    })
    .from(delegations)
    .innerJoin(
      roleGrants,
      and(eq(roleGrants.tenantId, delegations.tenantId), eq(roleGrants.id, delegations.grantId)),
    )
    .innerJoin(
      fromUser,
      and(eq(fromUser.tenantId, delegations.tenantId), eq(fromUser.id, delegations.fromUserId)),
    )
    .innerJoin(toUser, and(eq(toUser.tenantId, delegations.tenantId), eq(toUser.id, delegations.toUserId)))
    .where(
      and(
        eq(delegations.tenantId, actor.tenantId),
        or(eq(delegations.fromUserId, who), eq(delegations.toUserId, who)),
      ),
    )
    .orderBy(asc(delegations.startsOn));
  return rows.map((r) => ({
    ...toDelegationDto(r.d, r),
    fromUserName: r.fromUserName,
    toUserName: r.toUserName,
  }));
}

export async function revokeDelegation(tx: Tx, actor: Actor, id: string): Promise<void> {
  const [row] = await tx
    .select({ d: delegations, role: roleGrants.role, unitId: roleGrants.unitId })
    .from(delegations)
    .innerJoin(
      roleGrants,
      and(eq(roleGrants.tenantId, delegations.tenantId), eq(roleGrants.id, delegations.grantId)),
    )
    .where(and(eq(delegations.tenantId, actor.tenantId), eq(delegations.id, id)));
  if (!row || row.d.revokedAt) throw notFound();
  if (row.d.fromUserId !== actor.userId) await requireAccess(tx, actor, "org.user.manage", [row.unitId]);
  await tx
    .update(delegations)
    .set({ revokedAt: new Date() })
    .where(and(eq(delegations.tenantId, actor.tenantId), eq(delegations.id, id)));
  await recordAudit(tx, actor, {
    action: "delegation.revoke",
    entityType: "delegation",
    entityId: id,
    unitId: row.unitId,
    before: toDelegationDto(row.d, row),
  });
}

/**
 * Creates an account without an acting officer (installation bootstrap and demo data): the caller
 * is trusted, so no scope check; the creation is still audited under the system actor.
 */
export async function bootstrapUser(
  tx: Tx,
  actor: AuditActor,
  input: {
    kind?: "officer" | "citizen" | "business";
    username: string;
    email?: string | null;
    fullName: string;
    phone?: string | null;
    position?: string | null;
    unitId: string | null;
    password: string;
    roles?: { role: TRole; unitId: string }[];
    mustChangePassword?: boolean;
  },
): Promise<string> {
  const id = newId();
  const [row] = await tx
    .insert(users)
    .values({
      tenantId: actor.tenantId,
      id,
      kind: input.kind ?? "officer",
      username: input.username,
      email: input.email ?? null,
      fullName: input.fullName,
      nameSearch: foldVietnamese(`${input.fullName} ${input.username} ${input.email ?? ""}`),
      phone: input.phone ?? null,
      position: input.position ?? null,
      unitId: input.unitId,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "user.create",
    entityType: "user",
    entityId: id,
    unitId: input.unitId,
    after: toUserDto(row!),
  });
  for (const g of input.roles ?? []) {
    const grantId = newId();
    await tx.insert(roleGrants).values({
      tenantId: actor.tenantId,
      id: grantId,
      userId: id,
      role: g.role,
      unitId: g.unitId,
      grantedBy: null,
      createdAt: new Date(),
    });
    await recordAudit(tx, actor, {
      action: "role.grant",
      entityType: "user",
      entityId: id,
      unitId: g.unitId,
      after: { grantId, role: g.role, unitId: g.unitId },
    });
  }
  return id;
}
