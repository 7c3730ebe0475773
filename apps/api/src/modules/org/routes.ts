import {
  ZAuditEntrySchema,
  ZAuditQuerySchema,
  ZChangePasswordSchema,
  ZCreateDelegationSchema,
  ZCreateUnitSchema,
  ZCreateUserSchema,
  ZDelegationSchema,
  ZGrantRoleSchema,
  ZIdParamsSchema,
  ZLoginSchema,
  ZMergeUnitsSchema,
  ZMoveUnitSchema,
  ZOkSchema,
  ZResetPasswordSchema,
  ZRoleGrantSchema,
  ZSessionSchema,
  ZSwitchUnitSchema,
  ZTenantSchema,
  ZUnitEventSchema,
  ZUnitImportPreviewSchema,
  ZUnitListQuerySchema,
  ZUnitSchema,
  ZUpdateUnitSchema,
  ZUpdateUserSchema,
  ZUserListQuerySchema,
  ZUserSchema,
  ZUuid,
} from "@eiso/contracts";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { scopePaths } from "../../platform/actor";
import { listAudit, recordAudit } from "../../platform/audit/service";
import {
  createSession,
  deleteSession,
  resolveSession,
  SESSION_COOKIE,
  setActiveUnit,
} from "../../platform/auth/session";
import { vnEndOfDayExclusive, vnStartOfDay } from "../../platform/dates";
import type { Tx } from "../../platform/db/client";
import { forbidden } from "../../platform/errors";
import { actorOf } from "../../platform/http/guard";
import { perMinute } from "../../platform/http/rate-limit";
import { readUpload } from "../../platform/http/upload";
import type { Api, ModuleOptions } from "../registry";
import { requireAccess } from "./access";
import { importUnits } from "./import-units";
import { changeOwnPassword, checkCredentials, describeSession } from "./sign-in";
import { tenants } from "./tables";
import {
  createUnit,
  formerUnits,
  getUnit,
  listUnits,
  mergeUnits,
  moveUnit,
  unitHistory,
  unitSummaries,
  updateUnit,
} from "./units";
import {
  createDelegation,
  createUser,
  getUser,
  grantRole,
  listDelegations,
  listGrants,
  listUsers,
  resetPassword,
  revokeDelegation,
  revokeGrant,
  updateUser,
} from "./users";

const ZPagedUsers = z.object({ items: z.array(ZUserSchema), total: z.number().int() });

export function registerOrgRoutes(app: Api, options: ModuleOptions): void {
  const db = () => app.database.db;
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) => db().transaction(fn);
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: options.secureCookies,
  };

  // ---- Authentication -------------------------------------------------------------------------
  app.post(
    "/api/auth/login",
    {
      config: {
        permission: "public",
        rateLimit: perMinute(options.publicRateLimit),
      },
      schema: { tags: ["auth"], summary: "Đăng nhập", body: ZLoginSchema, response: { 200: ZSessionSchema } },
    },
    async (req, reply) => {
      const result = await checkCredentials(db(), req.body.login, req.body.password);
      if (!result.ok) {
        if (result.audit) {
          const a = result.audit;
          await inTx((tx) =>
            recordAudit(
              tx,
              { tenantId: a.tenantId, userId: a.userId, name: a.name, requestId: req.id },
              {
                action: a.locked ? "auth.locked" : "auth.login_failed",
                entityType: "user",
                entityId: a.userId,
              },
            ),
          );
        }
        throw result.error;
      }
      const user = result.user;
      const session = await inTx(async (tx) => {
        const s = await createSession(tx, {
          tenantId: user.tenantId,
          userId: user.id,
          activeUnitId: user.unitId,
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? "",
        });
        await recordAudit(
          tx,
          { tenantId: user.tenantId, userId: user.id, name: user.fullName, requestId: req.id },
          {
            action: "auth.login",
            entityType: "user",
            entityId: user.id,
            unitId: user.unitId,
            after: { ip: req.ip },
          },
        );
        return s;
      });
      reply.setCookie(SESSION_COOKIE, session.cookieValue, cookieOptions);
      const actor = await resolveSession(db(), session.cookieValue);
      return { ...(await describeSession(db(), actor!)), csrfToken: session.csrfToken };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { permission: "authenticated" },
      schema: { tags: ["auth"], summary: "Đăng xuất", response: { 200: ZOkSchema } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await inTx(async (tx) => {
        await deleteSession(tx, actor.tenantId, actor.sessionId);
        await recordAudit(tx, actor, { action: "auth.logout", entityType: "user", entityId: actor.userId });
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/api/auth/session",
    {
      config: { permission: "authenticated" },
      schema: { tags: ["auth"], summary: "Phiên làm việc hiện tại", response: { 200: ZSessionSchema } },
    },
    async (req) => {
      const actor = actorOf(req);
      return { ...(await describeSession(db(), actor)), csrfToken: actor.csrfToken };
    },
  );

  app.post(
    "/api/auth/password",
    {
      config: {
        permission: "authenticated",
        rateLimit: perMinute(options.publicRateLimit),
      },
      schema: {
        tags: ["auth"],
        summary: "Đổi mật khẩu",
        body: ZChangePasswordSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await inTx((tx) => changeOwnPassword(tx, actor, req.body.currentPassword, req.body.newPassword));
      return { ok: true as const };
    },
  );

  app.put(
    "/api/auth/active-unit",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["auth"],
        summary: "Chọn đơn vị làm việc",
        body: ZSwitchUnitSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!actor.grants.some((g) => g.unitId === req.body.unitId)) throw forbidden();
      await setActiveUnit(db(), actor, req.body.unitId);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/tenant",
    { config: { permission: "authenticated" }, schema: { tags: ["org"], response: { 200: ZTenantSchema } } },
    async (req) => {
      const [t] = await db()
        .select()
        .from(tenants)
        .where(eq(tenants.id, actorOf(req).tenantId));
      return { id: t!.id, code: t!.code, name: t!.name, model: t!.model, rootUnitId: t!.rootUnitId };
    },
  );

  // ---- Units ----------------------------------------------------------------------------------
  app.get(
    "/api/units",
    {
      config: { permission: "org.unit.read" },
      schema: {
        tags: ["org"],
        summary: "Danh sách đơn vị trong phạm vi được giao",
        querystring: ZUnitListQuerySchema,
        response: { 200: z.array(ZUnitSchema) },
      },
    },
    async (req) =>
      listUnits(db(), actorOf(req), {
        rootId: req.query.rootId,
        includeFormer: req.query.includeFormer === "true",
        q: req.query.q,
      }),
  );

  app.post(
    "/api/units",
    {
      config: { permission: "org.unit.manage" },
      schema: {
        tags: ["org"],
        summary: "Thêm đơn vị",
        body: ZCreateUnitSchema,
        response: { 201: ZUnitSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await inTx((tx) => createUnit(tx, actorOf(req), req.body))),
  );

  app.post(
    "/api/units/merge",
    {
      config: { permission: "org.unit.manage" },
      schema: {
        tags: ["org"],
        summary: "Sáp nhập đơn vị",
        body: ZMergeUnitsSchema,
        response: { 200: ZUnitSchema },
      },
    },
    async (req) => inTx((tx) => mergeUnits(tx, actorOf(req), req.body)),
  );

  app.post(
    "/api/units/import",
    {
      config: { permission: "org.unit.manage" },
      schema: {
        tags: ["org"],
        summary: "Nhập đơn vị từ tệp XLSX/CSV (mode=preview: xem trước; mode=apply: ghi)",
        querystring: z.strictObject({
          mode: z.enum(["preview", "apply"]).default("preview"),
          parentId: ZUuid,
        }),
        consumes: ["multipart/form-data"],
        response: { 200: ZUnitImportPreviewSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const file = await readUpload(req);
      return inTx((tx) =>
        importUnits(tx, actor, {
          buffer: file.content,
          filename: file.filename,
          parentId: req.query.parentId,
          apply: req.query.mode === "apply",
        }),
      );
    },
  );

  app.get(
    "/api/units/:id",
    {
      config: { permission: "org.unit.read" },
      schema: { tags: ["org"], params: ZIdParamsSchema, response: { 200: ZUnitSchema } },
    },
    async (req) => getUnit(db(), actorOf(req), req.params.id),
  );

  app.patch(
    "/api/units/:id",
    {
      config: { permission: "org.unit.manage" },
      schema: {
        tags: ["org"],
        summary: "Sửa đơn vị",
        params: ZIdParamsSchema,
        body: ZUpdateUnitSchema,
        response: { 200: ZUnitSchema },
      },
    },
    async (req) => inTx((tx) => updateUnit(tx, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    "/api/units/:id/move",
    {
      config: { permission: "org.unit.manage" },
      schema: {
        tags: ["org"],
        summary: "Chuyển đơn vị",
        params: ZIdParamsSchema,
        body: ZMoveUnitSchema,
        response: { 200: ZUnitSchema },
      },
    },
    async (req) => inTx((tx) => moveUnit(tx, actorOf(req), req.params.id, req.body.newParentId)),
  );

  app.get(
    "/api/units/:id/history",
    {
      config: { permission: "org.unit.read" },
      schema: {
        tags: ["org"],
        summary: "Lịch sử đơn vị (kể cả các đơn vị đã sáp nhập vào)",
        params: ZIdParamsSchema,
        response: { 200: z.array(ZUnitEventSchema.extend({ unitName: z.string() })) },
      },
    },
    async (req) => unitHistory(db(), actorOf(req), req.params.id),
  );

  app.get(
    "/api/units/:id/former",
    {
      config: { permission: "org.unit.read" },
      schema: {
        tags: ["org"],
        summary: "Các đơn vị đã sáp nhập vào đơn vị này",
        params: ZIdParamsSchema,
        response: { 200: z.array(ZUnitSchema) },
      },
    },
    async (req) => formerUnits(db(), actorOf(req), req.params.id),
  );

  // ---- Users, roles, delegation ----------------------------------------------------------------
  app.get(
    "/api/users",
    {
      config: { permission: "org.user.read" },
      schema: { tags: ["org"], querystring: ZUserListQuerySchema, response: { 200: ZPagedUsers } },
    },
    async (req) => listUsers(db(), actorOf(req), req.query),
  );

  app.post(
    "/api/users",
    {
      config: { permission: "org.user.manage" },
      schema: {
        tags: ["org"],
        summary: "Tạo tài khoản cán bộ",
        body: ZCreateUserSchema,
        response: { 201: ZUserSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await inTx((tx) => createUser(tx, actorOf(req), req.body))),
  );

  app.get(
    "/api/users/:id",
    {
      config: { permission: "org.user.read" },
      schema: { tags: ["org"], params: ZIdParamsSchema, response: { 200: ZUserSchema } },
    },
    async (req) => getUser(db(), actorOf(req), req.params.id),
  );

  app.patch(
    "/api/users/:id",
    {
      config: { permission: "org.user.manage" },
      schema: {
        tags: ["org"],
        params: ZIdParamsSchema,
        body: ZUpdateUserSchema,
        response: { 200: ZUserSchema },
      },
    },
    async (req) => inTx((tx) => updateUser(tx, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    "/api/users/:id/reset-password",
    {
      config: { permission: "org.user.manage" },
      schema: {
        tags: ["org"],
        summary: "Đặt lại mật khẩu",
        params: ZIdParamsSchema,
        body: ZResetPasswordSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await inTx((tx) => resetPassword(tx, actorOf(req), req.params.id, req.body.newPassword));
      return { ok: true as const };
    },
  );

  app.get(
    "/api/users/:id/grants",
    {
      config: { permission: "org.user.read" },
      schema: { tags: ["org"], params: ZIdParamsSchema, response: { 200: z.array(ZRoleGrantSchema) } },
    },
    async (req) => listGrants(db(), actorOf(req), req.params.id),
  );

  app.post(
    "/api/users/:id/grants",
    {
      config: { permission: "org.role.grant" },
      schema: {
        tags: ["org"],
        summary: "Phân quyền",
        params: ZIdParamsSchema,
        body: ZGrantRoleSchema,
        response: { 201: z.object({ id: ZUuid }) },
      },
    },
    async (req, reply) => {
      const id = await inTx((tx) =>
        grantRole(tx, actorOf(req), req.params.id, req.body.role, req.body.unitId),
      );
      return reply.status(201).send({ id });
    },
  );

  app.post(
    "/api/users/:id/grants/:grantId/revoke",
    {
      config: { permission: "org.role.grant" },
      schema: {
        tags: ["org"],
        summary: "Thu hồi quyền",
        params: z.strictObject({ id: ZUuid, grantId: ZUuid }),
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await inTx((tx) => revokeGrant(tx, actorOf(req), req.params.id, req.params.grantId));
      return { ok: true as const };
    },
  );

  app.get(
    "/api/delegations",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["org"],
        summary: "Ủy quyền đã giao hoặc được nhận",
        querystring: z.strictObject({ userId: ZUuid.optional() }),
        response: { 200: z.array(ZDelegationSchema) },
      },
    },
    async (req) => listDelegations(db(), actorOf(req), req.query.userId),
  );

  app.post(
    "/api/delegations",
    {
      config: { permission: "org.delegation.manage" },
      schema: {
        tags: ["org"],
        summary: "Ủy quyền",
        body: ZCreateDelegationSchema,
        response: { 201: ZDelegationSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTx((tx) => createDelegation(tx, actorOf(req), req.body))),
  );

  app.post(
    "/api/delegations/:id/revoke",
    {
      config: { permission: "org.delegation.manage" },
      schema: {
        tags: ["org"],
        summary: "Thu hồi ủy quyền",
        params: ZIdParamsSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await inTx((tx) => revokeDelegation(tx, actorOf(req), req.params.id));
      return { ok: true as const };
    },
  );

  // ---- Audit log ------------------------------------------------------------------------------
  app.get(
    "/api/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "Nhật ký hệ thống",
        querystring: ZAuditQuerySchema,
        response: { 200: z.object({ items: z.array(ZAuditEntrySchema), total: z.number().int() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      let unitPaths = scopePaths(actor, "audit.read");
      if (q.unitId) unitPaths = [(await requireAccess(db(), actor, "audit.read", [q.unitId])).get(q.unitId)!];
      // Entries without a unit (sign-ins of citizens, tenant settings) are for tenant administrators only.
      const tenantWide = actor.grants.some((g) => g.role === "tenant_admin") && !q.unitId;
      const result = await listAudit(db(), actor.tenantId, {
        unitPaths: tenantWide ? undefined : unitPaths,
        actorId: q.actorId,
        entityType: q.entityType,
        entityId: q.entityId,
        action: q.action,
        from: q.from ? vnStartOfDay(q.from) : undefined,
        to: q.to ? vnEndOfDayExclusive(q.to) : undefined,
        page: q.page,
        pageSize: q.pageSize,
      });
      const unitNames = await unitSummaries(
        db(),
        actor.tenantId,
        result.items.flatMap((r) => (r.unitId ? [r.unitId] : [])),
      );
      return {
        total: result.total,
        items: result.items.map((r) => ({
          id: r.id,
          seq: r.seq,
          at: r.at.toISOString(),
          actorId: r.actorId,
          actorName: r.actorName,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          unitId: r.unitId,
          unitName: r.unitId ? (unitNames.get(r.unitId)?.name ?? null) : null,
          before: r.before,
          after: r.after,
          requestId: r.requestId,
        })),
      };
    },
  );
}
