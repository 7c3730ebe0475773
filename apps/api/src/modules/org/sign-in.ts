import type { TSession } from "@eiso/contracts";
import { rolePermissions } from "@eiso/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "../../platform/auth/password";
import { deleteUserSessions } from "../../platform/auth/session";
import type { Queryable, Tx } from "../../platform/db/client";
import { AppError } from "../../platform/errors";
import { tenants, units, users } from "./tables";
import { toUnitDto } from "./units";
import { toUserDto } from "./users";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

// A real hash to verify against when the login is unknown, so timing does not reveal which logins exist.
let dummyHash: Promise<string> | null = null;

export type SignInResult =
  | { ok: true; user: typeof users.$inferSelect }
  | {
      ok: false;
      error: AppError;
      audit?: { tenantId: string; userId: string; name: string; locked: boolean };
    };

/**
 * Checks a login (username or e-mail) and password. Failed attempts are counted in the database
 * (so every API node sees them) and lock the account for 15 minutes after 5 failures.
 */
export async function checkCredentials(
  db: Queryable,
  login: string,
  password: string,
): Promise<SignInResult> {
  const key = login.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${key} or lower(${users.email}) = ${key}`)
    .limit(1);
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password-1");
    await verifyPassword(await dummyHash, password);
    return { ok: false, error: new AppError("invalid_credentials") };
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    return { ok: false, error: lockedError(user.lockedUntil) };
  }
  const good = await verifyPassword(user.passwordHash, password);
  if (!good || user.status !== "active") {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    const lockedUntil = lock ? new Date(now + LOCKOUT_MS) : null;
    await db
      .update(users)
      .set({ failedLogins: lock ? 0 : failed, lockedUntil })
      .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)));
    return {
      ok: false,
      error: lock ? lockedError(lockedUntil!) : new AppError("invalid_credentials"),
      audit: { tenantId: user.tenantId, userId: user.id, name: user.fullName, locked: lock },
    };
  }
  if (user.failedLogins > 0 || user.lockedUntil) {
    await db
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.id)));
  }
  return { ok: true, user };
}

function lockedError(until: Date): AppError {
  const hhmm = new Date(until.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
  return new AppError(
    "account_locked",
    {
      vi: `Tài khoản tạm khóa đến ${hhmm} do đăng nhập sai nhiều lần`,
      en: `Account locked until ${hhmm} (UTC+7) after repeated failed sign-ins`,
    },
    { lockedUntil: until.toISOString() },
  );
}

/** The session payload the web app needs: user, tenant, grants and the units for the switcher. */
export async function describeSession(db: Queryable, actor: Actor): Promise<Omit<TSession, "csrfToken">> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, actor.userId)));
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, actor.tenantId));
  const unitIds = [...new Set(actor.grants.map((g) => g.unitId))];
  const scopeRows = unitIds.length
    ? await db
        .select()
        .from(units)
        .where(and(eq(units.tenantId, actor.tenantId), inArray(units.id, unitIds)))
    : [];
  const names = new Map(scopeRows.map((u) => [u.id, u.name]));
  const permissions = [...new Set(actor.grants.flatMap((g) => rolePermissions[g.role]))];
  const activeUnitId =
    actor.activeUnitId && unitIds.includes(actor.activeUnitId) ? actor.activeUnitId : (unitIds[0] ?? null);
  return {
    user: toUserDto(user!),
    tenant: {
      id: tenant!.id,
      code: tenant!.code,
      name: tenant!.name,
      model: tenant!.model,
      rootUnitId: tenant!.rootUnitId,
    },
    grants: actor.grants.map((g) => ({
      id: g.grantId,
      userId: actor.userId,
      role: g.role,
      unitId: g.unitId,
      unitName: names.get(g.unitId) ?? "",
      createdAt: new Date(0).toISOString(),
      delegatedBy: g.delegatedBy,
      validUntil: g.validUntil,
    })),
    permissions,
    scopeUnits: scopeRows.map((u) => toUnitDto(u)),
    activeUnitId,
  };
}

/** Changes one's own password; other sessions of the user end. */
export async function changeOwnPassword(
  tx: Tx,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, actor.userId)));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("invalid_credentials", {
      vi: "Mật khẩu hiện tại không đúng",
      en: "Current password is wrong",
    });
  }
  assertPasswordPolicy(newPassword);
  if (currentPassword === newPassword) {
    throw new AppError("password_policy", {
      vi: "Mật khẩu mới phải khác mật khẩu cũ",
      en: "Choose a new password",
    });
  }
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(newPassword),
      mustChangePassword: false,
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, actor.userId)));
  await deleteUserSessions(tx, actor.tenantId, actor.userId, actor.sessionId);
  await recordAudit(tx, actor, {
    action: "user.change_password",
    entityType: "user",
    entityId: actor.userId,
    unitId: user.unitId,
  });
}
