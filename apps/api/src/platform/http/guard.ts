import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../actor";
import { resolveSession, SESSION_COOKIE } from "../auth/session";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Same-origin check for requests made before a session exists (sign-in, public forms). */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Authenticates and authorises every /api request from the route's declared `permission`:
 * "public" needs nothing, "authenticated" a session, "citizen" the session of a citizen or business
 * (the portal's use cases; officers use the back office), a permission name a role that carries it
 * somewhere (services then check the unit scope of the exact ids they touch). Mutations with a
 * session must echo its CSRF token in `x-csrf-token`.
 */
export function registerGuard(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (req) => {
    if (!req.url.startsWith("/api/") || req.is404) return;
    const permission = req.routeOptions.config.permission;
    if (!permission) throw new AppError("forbidden", "Route has no declared permission");
    const mutating = !SAFE_METHODS.has(req.method);
    const actor: Actor | null = await resolveSession(app.database.db, req.cookies[SESSION_COOKIE]);
    if (actor) actor.requestId = req.id;
    req.actor = actor;
    if (permission === "public") {
      if (mutating && !sameOrigin(req)) throw new AppError("csrf_failed");
      return;
    }
    if (!actor) throw new AppError("unauthenticated");
    if (mutating && req.headers["x-csrf-token"] !== actor.csrfToken) throw new AppError("csrf_failed");
    if (permission === "authenticated") return;
    if (actor.mustChangePassword) {
      throw new AppError("forbidden", {
        vi: "Bạn cần đổi mật khẩu được cấp trước khi tiếp tục làm việc",
        en: "Change the password you were given before you continue",
      });
    }
    if (permission === "citizen") {
      if (actor.kind === "officer")
        throw new AppError("forbidden", {
          vi: "Chức năng dành cho tài khoản công dân, tổ chức trên Cổng dịch vụ công",
          en: "This is for citizen and business accounts of the portal",
        });
      return;
    }
    if (!actor.grants.some((g) => g.permissions.has(permission))) throw new AppError("forbidden");
  });
}

/** The signed-in actor of a route whose permission is not "public". */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError("unauthenticated");
  return req.actor;
}
