import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt, ne } from "drizzle-orm";
import { loadEffectiveGrants } from "../../modules/org/access";
import { users } from "../../modules/org/tables";
import type { Actor } from "../actor";
import { vnToday } from "../dates";
import type { Queryable } from "../db/client";
import { sessions } from "./tables";

export const SESSION_COOKIE = "eiso_session";
/** Sessions end after 8 hours without activity, and after 12 hours in any case. */
export const IDLE_MS = 8 * 3600_000;
export const ABSOLUTE_MS = 12 * 3600_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface NewSession {
  cookieValue: string;
  csrfToken: string;
  sessionId: string;
}

/** Creates a session row; the cookie carries tenant id and a random token, the database only its hash. */
export async function createSession(
  db: Queryable,
  input: { tenantId: string; userId: string; activeUnitId: string | null; ip?: string; userAgent?: string },
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = new Date();
  const id = sha256(token);
  await db.insert(sessions).values({
    tenantId: input.tenantId,
    id,
    userId: input.userId,
    csrfToken,
    activeUnitId: input.activeUnitId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_MS),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { cookieValue: `${input.tenantId}.${token}`, csrfToken, sessionId: id };
}

function parseCookie(value: string | undefined): { tenantId: string; id: string } | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot !== 36) return null;
  const tenantId = value.slice(0, dot);
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) return null;
  return { tenantId, id: sha256(value.slice(dot + 1)) };
}

/** Resolves the cookie to an actor with today's effective grants, or null when absent, expired or disabled. */
export async function resolveSession(db: Queryable, cookieValue: string | undefined): Promise<Actor | null> {
  const key = parseCookie(cookieValue);
  if (!key) return null;
  const [row] = await db
    .select({
      session: sessions,
      user: {
        id: users.id,
        fullName: users.fullName,
        kind: users.kind,
        status: users.status,
        mustChangePassword: users.mustChangePassword,
      },
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tenantId, key.tenantId), eq(sessions.id, key.id)));
  if (!row) return null;
  const now = Date.now();
  const s = row.session;
  if (
    s.expiresAt.getTime() <= now ||
    s.lastSeenAt.getTime() + IDLE_MS <= now ||
    row.user.status !== "active"
  ) {
    return null;
  }
  if (now - s.lastSeenAt.getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(and(eq(sessions.tenantId, s.tenantId), eq(sessions.id, s.id)));
  }
  const grants = await loadEffectiveGrants(db, s.tenantId, s.userId, vnToday());
  return {
    tenantId: s.tenantId,
    userId: s.userId,
    name: row.user.fullName,
    kind: row.user.kind,
    grants,
    sessionId: s.id,
    csrfToken: s.csrfToken,
    mustChangePassword: row.user.mustChangePassword,
    activeUnitId: s.activeUnitId,
  };
}

export async function deleteSession(db: Queryable, tenantId: string, sessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
}

/** Ends every session of a user (after a password change or reset), optionally keeping the current one. */
export async function deleteUserSessions(db: Queryable, tenantId: string, userId: string, keep?: string) {
  const mine = and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId));
  await db.delete(sessions).where(keep ? and(mine, ne(sessions.id, keep)) : mine);
}

export async function setActiveUnit(db: Queryable, actor: Actor, unitId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ activeUnitId: unitId })
    .where(and(eq(sessions.tenantId, actor.tenantId), eq(sessions.id, actor.sessionId)));
}

/** Housekeeping for the worker. */
export async function purgeExpiredSessions(db: Queryable): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
