import {
  type TRouteAccess,
  ZAssignStepSchema,
  ZCompleteStepSchema,
  ZDossierDetailSchema,
  ZDossierDocumentInputSchema,
  ZDossierSchema,
  ZDossierSearchSchema,
  ZExtendSchema,
  ZIdParamsSchema,
  ZInboxCountsSchema,
  ZInboxPageSchema,
  ZInboxQuerySchema,
  ZOkSchema,
  ZOnlineQueueQuerySchema,
  ZOnlineSubmissionPageSchema,
  ZOnlineSubmissionSchema,
  ZOnlineSupplementPageSchema,
  ZPageQuerySchema,
  ZReceiveDossierSchema,
  ZReceiveOnlineResultSchema,
  ZReceiveOnlineSchema,
  ZReturnSchema,
  ZStatisticsSchema,
  ZStatsQuerySchema,
  ZStepCandidatesSchema,
  ZStopSchema,
  ZSubmissionFileParamsSchema,
  ZSupplementRequestSchema,
  ZUuid,
} from "@eiso/contracts";
import { z } from "zod";
import type { Actor } from "../../platform/actor";
import { vnToday } from "../../platform/dates";
import type { Tx } from "../../platform/db/client";
import { readAfterCommit } from "../../platform/db/transactions";
import { actorOf } from "../../platform/http/guard";
import { sendStoredFile } from "../../platform/http/send-file";
import { tenantCalendar } from "../calendar/service";
import { catalogueForDossiers, processXmlOf } from "../catalogue/runtime";
import type { Api, ModuleOptions } from "../registry";
import { completeStep } from "./complete-step";
import { formFileName } from "./forms";
import {
  apologise,
  archiveDossier,
  closeDossier,
  receiveSupplement,
  requestSupplement,
  returnResult,
} from "./handling";
import { deskTrackingBook, dossierForm } from "./issue-forms";
import { onlineQueue, queuedSubmission, receiveOnline, submissionFile } from "./online-submissions";
import { onlineSupplementQueue, receiveOnlineSupplement, supplementForDesk } from "./online-supplements";
import {
  assertReadable,
  DOSSIER_PAGE,
  dossierDetail,
  dossierRecordArgs,
  inbox,
  inboxCounts,
  pageFromRow,
  searchDossiers,
} from "./queries";
import { receiveDossier } from "./receive-dossier";
import { dossierStatistics, statisticsWorkbook } from "./statistics";
import { stepCandidates } from "./step-candidates";
import { assignStep, claimStep, type EngineContext } from "./steps";
import { type DossierRow, lockForTransition, type StepRow, type TransitionReads } from "./store";

const ZStepParams = z.strictObject({ id: ZUuid, stepId: ZUuid });
const ZVersionBody = z.strictObject({ version: z.number().int() });
const ZSupplementReceivedSchema = z.strictObject({
  documents: z.array(ZDossierDocumentInputSchema).max(50).optional(),
  note: z.string().max(1000).nullish(),
});

export function registerDossierRoutes(app: Api, _options: ModuleOptions): void {
  const db = () => app.database.db;
  /** The engine's context; `read` is what a transition read with the dossier's lock (`lockForTransition`). */
  const context = async (
    tx: Tx,
    actor: Actor,
    now = new Date(),
    read?: Pick<TransitionReads, "calendarStamp" | "units" | "grants">,
  ): Promise<EngineContext> => ({
    port: catalogueForDossiers,
    calendar: await tenantCalendar(tx, actor.tenantId, read?.calendarStamp),
    now,
    ...(read ? { known: { units: read.units, grants: read.grants } } : {}),
  });
  /**
   * Runs a dossier transition in one transaction with the dossier row locked, read once with its
   * lock together with the step acted on (`stepId`, when the route names one; 404 when the dossier
   * has no such step) and the calendar's change stamp.
   */
  const transition = <T>(
    actor: Actor,
    id: string,
    on: { stepId?: string | null; assigneeId?: string | null | undefined },
    fn: (tx: Tx, ctx: EngineContext, d: DossierRow, step: StepRow | null) => Promise<T>,
  ) =>
    db().transaction(async (tx) => {
      const now = new Date();
      const {
        dossier: d,
        step,
        ...read
      } = await lockForTransition(
        tx,
        actor.tenantId,
        id,
        on.stepId ?? null,
        on.assigneeId ?? null,
        vnToday(now),
      );
      await assertReadable(tx, actor, d);
      return fn(tx, await context(tx, actor, now, read), d, step);
    });
  /**
   * A transition that answers with the dossier page, read in the round trip that commits (right
   * after the COMMIT): the actor could read the dossier when the transaction began.
   */
  const transitionPage = async (
    actor: Actor,
    id: string,
    on: Parameters<typeof transition>[2],
    act: (tx: Tx, ctx: EngineContext, d: DossierRow, step: StepRow | null) => Promise<unknown>,
  ) => {
    const page = await transition(actor, id, on, async (tx, ctx, d, step) => {
      await act(tx, ctx, d, step);
      return readAfterCommit(tx, DOSSIER_PAGE, dossierRecordArgs(d));
    });
    return pageFromRow(actor, (await page.rows)[0]!);
  };
  const detail = (actor: Actor, id: string) => dossierDetail(db(), actor, id);
  /**
   * A dossier transition: POST with the dossier's (and step's) id in the path; `act` runs in one
   * transaction with the dossier read once and locked; the answer is the dossier page after it.
   */
  const transitionRoute = <P extends typeof ZIdParamsSchema | typeof ZStepParams, B extends z.ZodType>(
    path: string,
    spec: { permission: TRouteAccess; summary: string; params: P; body: B },
    act: (
      tx: Tx,
      ctx: EngineContext,
      d: DossierRow,
      actor: Actor,
      input: { params: z.infer<P>; body: z.infer<B>; step: StepRow | null },
    ) => Promise<unknown>,
  ) =>
    app.post(
      path,
      {
        config: { permission: spec.permission },
        schema: {
          tags: ["dossiers"],
          summary: spec.summary,
          params: spec.params,
          body: spec.body,
          response: { 200: ZDossierDetailSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const params = req.params as z.infer<P>;
        const body = req.body as z.infer<B>;
        const stepId = "stepId" in params ? params.stepId : null;
        return transitionPage(actor, params.id, { stepId }, (tx, ctx, d, step) =>
          act(tx, ctx, d, actor, { params, body, step }),
        );
      },
    );

  app.post(
    "/api/dossiers",
    {
      config: { permission: "dossier.receive" },
      schema: {
        tags: ["dossiers"],
        summary: "Tiếp nhận hồ sơ (tại bất kỳ Bộ phận Một cửa nào của tỉnh)",
        body: ZReceiveDossierSchema,
        // The whole dossier page (names, steps, forms, next actions): the desk goes on from it.
        response: { 201: ZDossierDetailSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // The page is read in the round trip that commits (right after the COMMIT), as a transition's.
      const page = await db().transaction(async (tx) => {
        const d = await receiveDossier(tx, actor, req.body, await context(tx, actor));
        await assertReadable(tx, actor, d);
        return readAfterCommit(tx, DOSSIER_PAGE, dossierRecordArgs(d));
      });
      return reply.status(201).send(pageFromRow(actor, (await page.rows)[0]!));
    },
  );

  // ---- The online queue: submissions from the portal waiting at the desks where the clerk receives.
  app.get(
    "/api/dossiers/online-queue",
    {
      config: { permission: "dossier.receive" },
      schema: {
        tags: ["dossiers"],
        summary: "Hồ sơ nộp trực tuyến chờ tiếp nhận",
        querystring: ZOnlineQueueQuerySchema,
        response: { 200: ZOnlineSubmissionPageSchema },
      },
    },
    async (req) => onlineQueue(db(), actorOf(req), req.query),
  );

  app.get(
    "/api/dossiers/online-queue/supplements",
    {
      config: { permission: "dossier.receive" },
      schema: {
        tags: ["dossiers"],
        summary: "Hồ sơ bổ sung nộp trực tuyến chờ tiếp nhận",
        querystring: ZPageQuerySchema,
        response: { 200: ZOnlineSupplementPageSchema },
      },
    },
    async (req) => onlineSupplementQueue(db(), actorOf(req), req.query),
  );

  app.post(
    "/api/dossiers/online-queue/supplements/:id/receive",
    {
      config: { permission: "dossier.receive" },
      schema: {
        tags: ["dossiers"],
        summary: "Tiếp nhận hồ sơ bổ sung nộp trực tuyến (đồng hồ chạy lại, hoặc tiếp nhận hồ sơ)",
        params: ZIdParamsSchema,
        response: { 200: ZDossierDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const supplement = await supplementForDesk(db(), actor, req.params.id);
      return transitionPage(actor, supplement.dossierId, {}, (tx, ctx, d) =>
        receiveOnlineSupplement(tx, actor, d, supplement.id, ctx),
      );
    },
  );

  app.get(
    "/api/dossiers/online-queue/:id",
    {
      config: { permission: "dossier.receive" },
      schema: {
        tags: ["dossiers"],
        summary: "Một hồ sơ nộp trực tuyến (để kiểm tra và tiếp nhận)",
        params: ZIdParamsSchema,
        response: { 200: ZOnlineSubmissionSchema },
      },
    },
    async (req) => queuedSubmission(db(), actorOf(req), req.params.id),
  );

  app.get(
    "/api/dossiers/online-queue/:id/files/:fileId",
    {
      config: { permission: "dossier.receive" },
      schema: {
        tags: ["dossiers"],
        summary: "Bản quét người nộp gửi kèm hồ sơ trực tuyến",
        params: ZSubmissionFileParamsSchema,
      },
    },
    async (req, reply) => {
      const { file, content } = await submissionFile(db(), actorOf(req), req.params.id, req.params.fileId);
      return sendStoredFile(reply, file, content);
    },
  );

  app.post(
    "/api/dossiers/online-queue/:id/receive",
    {
      config: { permission: "dossier.receive" },
      schema: {
        tags: ["dossiers"],
        summary: "Tiếp nhận, yêu cầu bổ sung hoặc từ chối hồ sơ nộp trực tuyến",
        params: ZIdParamsSchema,
        body: ZReceiveOnlineSchema,
        response: { 200: ZReceiveOnlineResultSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db().transaction(async (tx) =>
        receiveOnline(tx, actor, req.params.id, req.body, await context(tx, actor)),
      );
    },
  );

  app.get(
    "/api/dossiers",
    {
      config: { permission: "dossier.read" },
      schema: {
        tags: ["dossiers"],
        summary: "Tìm kiếm hồ sơ",
        querystring: ZDossierSearchSchema,
        response: { 200: z.object({ items: z.array(ZDossierSchema), total: z.number().int() }) },
      },
    },
    async (req) => searchDossiers(db(), actorOf(req), req.query),
  );

  app.get(
    "/api/dossiers/inbox",
    {
      config: { permission: "dossier.process" },
      schema: {
        tags: ["dossiers"],
        summary: "Hồ sơ cần xử lý",
        querystring: ZInboxQuerySchema,
        response: { 200: ZInboxPageSchema },
      },
    },
    async (req) => inbox(db(), actorOf(req), req.query),
  );

  app.get(
    "/api/dossiers/inbox/counts",
    {
      config: { permission: "authenticated" },
      schema: {
        tags: ["dossiers"],
        response: { 200: ZInboxCountsSchema },
      },
    },
    async (req) => inboxCounts(db(), actorOf(req)),
  );

  app.get(
    "/api/dossiers/statistics",
    {
      config: { permission: "dossier.stats" },
      schema: {
        tags: ["dossiers"],
        summary:
          "Thống kê tình hình giải quyết hồ sơ theo đơn vị và kỳ (theo đơn vị trực thuộc, lĩnh vực hoặc thủ tục)",
        querystring: ZStatsQuerySchema,
        response: { 200: ZStatisticsSchema },
      },
    },
    async (req) => dossierStatistics(db(), actorOf(req), req.query),
  );

  app.get(
    "/api/dossiers/statistics.xlsx",
    {
      config: { permission: "dossier.stats" },
      schema: {
        tags: ["dossiers"],
        summary: "Xuất thống kê (XLSX): theo đơn vị, lĩnh vực và thủ tục",
        querystring: ZStatsQuerySchema,
      },
    },
    async (req, reply) => {
      const workbook = await statisticsWorkbook(db(), actorOf(req), req.query);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename="thong-ke-ho-so-${req.query.from}-${req.query.to}.xlsx"`,
        )
        .send(workbook);
    },
  );

  app.get(
    "/api/dossiers/tracking-book.xlsx",
    {
      config: { permission: "dossier.read" },
      schema: {
        tags: ["dossiers"],
        summary: "Sổ theo dõi hồ sơ (Mẫu 07) của một Bộ phận Một cửa",
        querystring: z.strictObject({ deskUnitId: ZUuid, from: z.iso.date(), to: z.iso.date() }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const book = await deskTrackingBook(db(), actorOf(req), q.deskUnitId, q.from, q.to);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename="${formFileName("07", `${q.from}_${q.to}`, "xlsx")}"`,
        )
        .send(book);
    },
  );

  app.get(
    "/api/dossiers/:id/forms/:formNo",
    {
      config: { permission: "dossier.read" },
      schema: {
        tags: ["dossiers"],
        summary: "Biểu mẫu 01–06 của hồ sơ (DOCX hoặc bản in HTML)",
        params: z.strictObject({ id: ZUuid, formNo: z.enum(["01", "02", "03", "04", "05", "06"]) }),
        querystring: z.strictObject({ format: z.enum(["docx", "html"]).default("docx") }),
      },
    },
    async (req, reply) => {
      const baseUrl = `${req.protocol}://${req.headers.host ?? "localhost"}`;
      const form = await dossierForm(db(), actorOf(req), req.params.id, req.params.formNo, baseUrl);
      if (req.query.format === "html") return reply.type("text/html; charset=utf-8").send(form.html);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header(
          "content-disposition",
          `attachment; filename="${formFileName(req.params.formNo, form.dossierCode, "docx")}"`,
        )
        .send(form.docx);
    },
  );

  app.get(
    "/api/dossiers/:id",
    {
      config: { permission: "dossier.read" },
      schema: { tags: ["dossiers"], params: ZIdParamsSchema, response: { 200: ZDossierDetailSchema } },
    },
    async (req) => detail(actorOf(req), req.params.id),
  );

  app.get(
    "/api/dossiers/:id/process",
    {
      config: { permission: "dossier.read" },
      schema: {
        tags: ["dossiers"],
        summary: "Sơ đồ quy trình của hồ sơ (BPMN) với các bước đã và đang xử lý",
        params: ZIdParamsSchema,
        response: {
          200: z.object({ xml: z.string(), active: z.array(z.string()), completed: z.array(z.string()) }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const d = await detail(actor, req.params.id);
      const xml = d.processVersionId ? await processXmlOf(db(), actor.tenantId, d.processVersionId) : "";
      return {
        xml,
        active: [...new Set(d.steps.filter((s) => s.status === "active").map((s) => s.nodeId))],
        completed: [...new Set(d.steps.filter((s) => s.status === "completed").map((s) => s.nodeId))],
      };
    },
  );

  app.post(
    "/api/dossiers/:id/steps/:stepId/complete",
    {
      config: { permission: "dossier.process" },
      schema: {
        tags: ["dossiers"],
        summary: "Hoàn thành bước (xử lý, thẩm tra, phê duyệt) hoặc trả lại bước trước",
        params: ZStepParams,
        body: ZCompleteStepSchema,
        response: { 200: ZDossierDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return transitionPage(
        actor,
        req.params.id,
        { stepId: req.params.stepId, assigneeId: req.body.nextAssigneeId },
        (tx, ctx, d, step) => completeStep(tx, actor, d, step!, req.body, ctx),
      );
    },
  );

  app.get(
    "/api/dossiers/:id/steps/:stepId/candidates",
    {
      config: { permission: "dossier.process" },
      schema: {
        tags: ["dossiers"],
        summary:
          "Cán bộ có thể nhận bước (chuyển xử lý) và bước tiếp theo khi hoàn thành bước, theo vai trò và đơn vị xử lý",
        params: ZStepParams,
        response: { 200: ZStepCandidatesSchema },
      },
    },
    async (req) =>
      stepCandidates(db(), actorOf(req), {
        dossierId: req.params.id,
        stepId: req.params.stepId,
        port: catalogueForDossiers,
      }),
  );

  transitionRoute(
    "/api/dossiers/:id/steps/:stepId/claim",
    { permission: "dossier.process", summary: "Nhận xử lý bước", params: ZStepParams, body: ZVersionBody },
    (tx, ctx, d, actor, { body, step }) => claimStep(tx, actor, d, step!, body.version, ctx.now),
  );

  transitionRoute(
    "/api/dossiers/:id/steps/:stepId/assign",
    {
      permission: "dossier.process",
      summary: "Phân công / chuyển xử lý",
      params: ZStepParams,
      body: ZAssignStepSchema,
    },
    (tx, ctx, d, actor, { body, step }) => assignStep(tx, actor, d, step!, body, ctx.now),
  );

  transitionRoute(
    "/api/dossiers/:id/supplement-request",
    {
      permission: "dossier.process",
      summary: "Yêu cầu bổ sung hồ sơ (Mẫu 02; chỉ một lần)",
      params: ZIdParamsSchema,
      body: ZSupplementRequestSchema,
    },
    (tx, ctx, d, actor, { body }) => requestSupplement(tx, actor, d, body.items, ctx),
  );

  transitionRoute(
    "/api/dossiers/:id/supplement-received",
    {
      permission: "dossier.read",
      summary: "Nhận hồ sơ bổ sung (đồng hồ chạy lại)",
      params: ZIdParamsSchema,
      body: ZSupplementReceivedSchema,
    },
    (tx, ctx, d, actor, { body }) => receiveSupplement(tx, actor, d, body, ctx),
  );

  transitionRoute(
    "/api/dossiers/:id/apology",
    {
      permission: "dossier.process",
      summary: "Văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
      params: ZIdParamsSchema,
      body: ZExtendSchema,
    },
    (tx, ctx, d, actor, { body }) => apologise(tx, actor, d, body, ctx),
  );

  transitionRoute(
    "/api/dossiers/:id/stop",
    {
      permission: "dossier.process",
      summary: "Dừng giải quyết hồ sơ (Mẫu 05)",
      params: ZIdParamsSchema,
      body: ZStopSchema,
    },
    (tx, ctx, d, actor, { body }) => closeDossier(tx, actor, d, "stopped", body.reason, ctx),
  );

  transitionRoute(
    "/api/dossiers/:id/withdraw",
    { permission: "dossier.read", summary: "Công dân rút hồ sơ", params: ZIdParamsSchema, body: ZStopSchema },
    (tx, ctx, d, actor, { body }) => closeDossier(tx, actor, d, "withdrawn", body.reason, ctx),
  );

  transitionRoute(
    "/api/dossiers/:id/return",
    { permission: "dossier.return", summary: "Trả kết quả", params: ZIdParamsSchema, body: ZReturnSchema },
    (tx, ctx, d, actor, { body }) => returnResult(tx, actor, d, body, ctx),
  );

  app.post(
    "/api/dossiers/:id/archive",
    {
      config: { permission: "dossier.read" },
      schema: {
        tags: ["dossiers"],
        summary: "Lưu trữ hồ sơ",
        params: ZIdParamsSchema,
        body: z.strictObject({}).optional(),
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await transition(actor, req.params.id, {}, (tx, ctx, d) => archiveDossier(tx, actor, d, ctx));
      return { ok: true as const };
    },
  );
}
