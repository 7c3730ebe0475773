import {
  ZDossierCodeParamsSchema,
  ZIdParamsSchema,
  ZOnlineSubmissionPageSchema,
  ZOnlineSubmissionSchema,
  ZPortalFileSchema,
  ZPortalProcedureSchema,
  ZProcedureListQuerySchema,
  ZProcedurePageSchema,
  ZPublicDossierStatusSchema,
  ZSubmissionResultParamsSchema,
  ZSubmitOnlineSchema,
  ZSupplementOnlineSchema,
} from "@eiso/contracts";
import { fileTooLarge } from "../../platform/files/media-type";
import { actorOf } from "../../platform/http/guard";
import { perMinute } from "../../platform/http/rate-limit";
import { sendStoredFile } from "../../platform/http/send-file";
import { readUpload } from "../../platform/http/upload";
import { listProcedures } from "../catalogue/procedures";
import { catalogueForDossiers } from "../catalogue/runtime";
import {
  cancelSubmission,
  mySubmission,
  mySubmissions,
  portalProcedure,
  releasedResult,
  submitOnline,
  uploadPortalFile,
} from "../dossiers/online-submissions";
import { supplementOnline } from "../dossiers/online-supplements";
import { publicDossierStatus } from "../dossiers/tracking";
import type { Api, ModuleOptions } from "../registry";

/**
 * Public-facing use cases: tracking a dossier by the code on its receipt (no session), and for
 * citizen and business accounts the procedures they can submit, online submission, and their own
 * submissions with the dossier each became.
 */
export function registerPortalRoutes(app: Api, options: ModuleOptions): void {
  const db = () => app.database.db;
  const tags = ["portal"];
  app.get(
    "/api/public/dossiers/:code",
    {
      config: {
        permission: "public",
        rateLimit: perMinute(options.publicRateLimit),
      },
      schema: {
        tags,
        summary: "Tra cứu tình trạng hồ sơ theo mã (mã QR trên giấy tiếp nhận)",
        params: ZDossierCodeParamsSchema,
        response: { 200: ZPublicDossierStatusSchema },
      },
    },
    async (req) => publicDossierStatus(db(), req.params.code),
  );

  app.get(
    "/api/portal/procedures",
    {
      config: { permission: "citizen" },
      schema: {
        tags,
        summary: "Thủ tục hành chính đang áp dụng (tìm không dấu)",
        querystring: ZProcedureListQuerySchema.omit({ status: true }),
        response: { 200: ZProcedurePageSchema },
      },
    },
    async (req) => listProcedures(db(), actorOf(req), { ...req.query, status: "active" }),
  );

  app.get(
    "/api/portal/procedures/:id",
    {
      config: { permission: "citizen" },
      schema: {
        tags,
        summary:
          "Thủ tục: thành phần hồ sơ, thông tin cần khai, cơ quan giải quyết, nộp trực tuyến được không",
        params: ZIdParamsSchema,
        response: { 200: ZPortalProcedureSchema },
      },
    },
    async (req) =>
      portalProcedure(db(), actorOf(req), req.params.id, { port: catalogueForDossiers, now: new Date() }),
  );

  app.post(
    "/api/portal/submissions",
    {
      config: { permission: "citizen", rateLimit: perMinute(options.publicRateLimit) },
      schema: {
        tags,
        summary: "Nộp hồ sơ trực tuyến",
        body: ZSubmitOnlineSchema,
        response: { 201: ZOnlineSubmissionSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const submission = await db().transaction((tx) =>
        submitOnline(tx, actor, req.body, { port: catalogueForDossiers, now: new Date() }),
      );
      return reply.status(201).send(submission);
    },
  );

  app.post(
    "/api/portal/files",
    {
      config: { permission: "citizen", rateLimit: perMinute(options.publicRateLimit * 3) },
      schema: {
        tags,
        summary: "Tải lên bản quét giấy tờ để đính kèm hồ sơ nộp trực tuyến (PDF, DOCX, XLSX, PNG, JPEG)",
        consumes: ["multipart/form-data"],
        response: { 201: ZPortalFileSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, () => fileTooLarge(app.maxUploadBytes));
      const file = await db().transaction((tx) =>
        uploadPortalFile(tx, actor, {
          name: upload.filename,
          content: upload.content,
          maxBytes: app.maxUploadBytes,
        }),
      );
      return reply.status(201).send(file);
    },
  );

  app.get(
    "/api/portal/submissions",
    {
      config: { permission: "citizen" },
      schema: {
        tags,
        summary: "Hồ sơ tôi đã nộp trực tuyến",
        response: { 200: ZOnlineSubmissionPageSchema },
      },
    },
    async (req) => mySubmissions(db(), actorOf(req)),
  );

  app.get(
    "/api/portal/submissions/:id/results/:docId",
    {
      config: { permission: "citizen" },
      schema: {
        tags,
        summary: "Tải kết quả giải quyết được trả trực tuyến",
        params: ZSubmissionResultParamsSchema,
      },
    },
    async (req, reply) => {
      const { file, content } = await releasedResult(db(), actorOf(req), req.params.id, req.params.docId);
      return sendStoredFile(reply, file, content);
    },
  );

  app.post(
    "/api/portal/submissions/:id/supplement",
    {
      config: { permission: "citizen", rateLimit: perMinute(options.publicRateLimit) },
      schema: {
        tags,
        summary: "Nộp bổ sung trực tuyến cho hồ sơ đang chờ bổ sung",
        params: ZIdParamsSchema,
        body: ZSupplementOnlineSchema,
        response: { 201: ZOnlineSubmissionSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const submission = await db().transaction(async (tx) => {
        await supplementOnline(tx, actor, req.params.id, req.body, new Date());
        return mySubmission(tx, actor, req.params.id);
      });
      return reply.status(201).send(submission);
    },
  );

  app.post(
    "/api/portal/submissions/:id/cancel",
    {
      config: { permission: "citizen" },
      schema: {
        tags,
        summary: "Hủy hồ sơ đã nộp khi chưa được tiếp nhận",
        params: ZIdParamsSchema,
        response: { 200: ZOnlineSubmissionSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db().transaction((tx) => cancelSubmission(tx, actor, req.params.id, new Date()));
    },
  );
}
