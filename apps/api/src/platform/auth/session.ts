import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import { type EffectiveGrantRow, effectiveGrantsSql, toEffectiveGrant } from "../../modules/org/access";
import type { Actor } from "../actor";
import { vnToday } from "../dates";
import { executePrepared, type Queryable } from "../db/client";
import { preparedFrom } from "../db/transactions";
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

/**
 * The session row with its user and the user's grants today (`effectiveGrantsSql`), as one prepared
 * statement of fixed text: every request runs it.
 */
const SESSION = preparedFrom(
  "eiso_session",
  sql`
      select s.user_id, s.csrf_token, s.active_unit_id,
             (extract(epoch from s.expires_at) * 1000)::float8 as expires_ms,
             (extract(epoch from s.last_seen_at) * 1000)::float8 as last_seen_ms,
             u.full_name, u.kind, u.status, u.must_change_password,
             coalesce((select json_agg(g) from (${effectiveGrantsSql(sql`s.tenant_id`, sql`s.user_id`, sql.placeholder("today"))}) g), '[]'::json) as grants
        from sessions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
       where s.tenant_id = ${sql.placeholder("tenant")} and s.id = ${sql.placeholder("id")}`,
  { tenant: "uuid", id: "text", today: "date" },
);

/**
 * Resolves the cookie to an actor with today's effective grants, or null when absent, expired or
 * disabled. Every request does this, so session, user and grants come in one round trip (the
 * grants aggregated beside the session row).
 */
export async function resolveSession(db: Queryable, cookieValue: string | undefined): Promise<Actor | null> {
  const key = parseCookie(cookieValue);
  if (!key) return null;
  const [row] = await executePrepared<{
    user_id: string;
    csrf_token: string;
    active_unit_id: string | null;
    expires_ms: number;
    last_seen_ms: number;
    full_name: string;
    kind: Actor["kind"];
    status: string;
    must_change_password: boolean;
    grants: EffectiveGrantRow[];
  }>(db, SESSION, [key.tenantId, key.id, vnToday()]);
  if (!row) return null;
  const now = Date.now();
  const expiresMs = Number(row.expires_ms);
  const lastSeenMs = Number(row.last_seen_ms);
  if (expiresMs <= now || lastSeenMs + IDLE_MS <= now || row.status !== "active") return null;
  if (now - lastSeenMs > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(and(eq(sessions.tenantId, key.tenantId), eq(sessions.id, key.id)));
  }
  return {
    tenantId: key.tenantId,
    userId: row.user_id,
    name: row.full_name,
    kind: row.kind,
    grants: row.grants.map(toEffectiveGrant),
    sessionId: key.id,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
    activeUnitId: row.active_unit_id,
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
