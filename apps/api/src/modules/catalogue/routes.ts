import {
  ZAdoptSchema,
  ZApproveSchema,
  ZAssignmentQuerySchema,
  ZAssignmentSchema,
  ZCreateAssignmentSchema,
  ZCreateDefinitionSchema,
  ZCreateFieldSchema,
  ZDefinitionQuerySchema,
  ZDefinitionSchema,
  ZDefinitionSummarySchema,
  ZDiffQuerySchema,
  ZFieldSchema,
  ZIdParamsSchema,
  ZNewVersionSchema,
  ZOkSchema,
  ZProcedureImportPreviewSchema,
  ZProcedureImportQuerySchema,
  ZProcedureInputSchema,
  ZProcedureListQuerySchema,
  ZProcedurePageSchema,
  ZProcedureSchema,
  ZPublishSchema,
  ZRejectSchema,
  ZSaveXmlSchema,
  ZUpdateFieldSchema,
  ZUpdateProcedureSchema,
  ZValidateSchema,
  ZValidationResultSchema,
  ZVersionDiffSchema,
  ZVersionSchema,
  ZVersionSummarySchema,
} from "@eiso/contracts";
import { z } from "zod";
import type { Tx } from "../../platform/db/client";
import { actorOf } from "../../platform/http/guard";
import { readUpload } from "../../platform/http/upload";
import type { Api, ModuleOptions } from "../registry";
import { adoptTemplate } from "./adopt-template";
import { createAssignment, listAssignments, removeAssignment } from "./assignments";
import { exportProcedures } from "./export-procedures";
import { createField, listFields, updateField } from "./fields";
import { importProcedures } from "./import-procedures";
import { createProcedure, getProcedure, listProcedures, updateProcedure } from "./procedures";
import { createDefinition, getDefinition, getVersion, listDefinitions, newVersion } from "./processes";
import { diffVersions } from "./version-diff";
import {
  approveVersion,
  publishVersion,
  rejectVersion,
  saveXml,
  submitVersion,
  validateVersion,
} from "./version-lifecycle";

/**
 * Procedure catalogue (fields, procedures, import/export, responsibility assignment) and process
 * designer (definitions, versions, validation, approval, publication, templates). Every handler:
 * authenticate (guard) → validate (zod) → transaction → load → authorise → act → audit → present;
 * the middle steps live in the service functions, which take the transaction and the actor.
 */
export function registerCatalogueRoutes(app: Api, _options: ModuleOptions): void {
  const db = () => app.database.db;
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) => db().transaction(fn);
  const tags = ["catalogue"];

  // ---- Fields ---------------------------------------------------------------------------------
  app.get(
    "/api/catalogue/fields",
    {
      config: { permission: "catalogue.read" },
      schema: { tags, summary: "Danh mục lĩnh vực", response: { 200: z.array(ZFieldSchema) } },
    },
    async (req) => listFields(db(), actorOf(req)),
  );

  app.post(
    "/api/catalogue/fields",
    {
      config: { permission: "catalogue.manage" },
      schema: { tags, summary: "Thêm lĩnh vực", body: ZCreateFieldSchema, response: { 201: ZFieldSchema } },
    },
    async (req, reply) => reply.status(201).send(await inTx((tx) => createField(tx, actorOf(req), req.body))),
  );

  app.patch(
    "/api/catalogue/fields/:id",
    {
      config: { permission: "catalogue.manage" },
      schema: {
        tags,
        summary: "Sửa lĩnh vực",
        params: ZIdParamsSchema,
        body: ZUpdateFieldSchema,
        response: { 200: ZFieldSchema },
      },
    },
    async (req) => inTx((tx) => updateField(tx, actorOf(req), req.params.id, req.body)),
  );

  // ---- Procedures -----------------------------------------------------------------------------
  app.get(
    "/api/procedures",
    {
      config: { permission: "catalogue.read" },
      schema: {
        tags,
        summary: "Tra cứu thủ tục hành chính (không phân biệt dấu)",
        querystring: ZProcedureListQuerySchema,
        response: { 200: ZProcedurePageSchema },
      },
    },
    async (req) => listProcedures(db(), actorOf(req), req.query),
  );

  app.get(
    "/api/procedures/export",
    {
      config: { permission: "catalogue.read" },
      schema: {
        tags,
        summary: "Xuất danh mục thủ tục ra tệp XLSX",
        querystring: ZProcedureListQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const file = await exportProcedures(db(), actorOf(req), req.query);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", 'attachment; filename="thu-tuc-hanh-chinh.xlsx"')
        .send(file);
    },
  );

  app.post(
    "/api/procedures/import",
    {
      config: { permission: "catalogue.manage" },
      schema: {
        tags,
        summary: "Nhập thủ tục từ tệp XLSX/CSV (mode=preview: xem trước; mode=apply: ghi)",
        querystring: ZProcedureImportQuerySchema,
        consumes: ["multipart/form-data"],
        response: { 200: ZProcedureImportPreviewSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const file = await readUpload(req);
      return inTx((tx) =>
        importProcedures(tx, actor, {
          buffer: file.content,
          ownerUnitId: req.query.ownerUnitId,
          apply: req.query.mode === "apply",
        }),
      );
    },
  );

  app.post(
    "/api/procedures",
    {
      config: { permission: "catalogue.manage" },
      schema: {
        tags,
        summary: "Thêm thủ tục",
        body: ZProcedureInputSchema,
        response: { 201: ZProcedureSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTx((tx) => createProcedure(tx, actorOf(req), req.body))),
  );

  app.get(
    "/api/procedures/:id",
    {
      config: { permission: "catalogue.read" },
      schema: { tags, params: ZIdParamsSchema, response: { 200: ZProcedureSchema } },
    },
    async (req) => getProcedure(db(), actorOf(req), req.params.id),
  );

  app.patch(
    "/api/procedures/:id",
    {
      config: { permission: "catalogue.manage" },
      schema: {
        tags,
        summary: "Sửa thủ tục (thành phần hồ sơ, dữ liệu hồ sơ, thời hạn, phí…)",
        params: ZIdParamsSchema,
        body: ZUpdateProcedureSchema,
        response: { 200: ZProcedureSchema },
      },
    },
    async (req) => inTx((tx) => updateProcedure(tx, actorOf(req), req.params.id, req.body)),
  );

  // ---- Responsibility assignment ---------------------------------------------------------------
  app.get(
    "/api/catalogue/assignments",
    {
      config: { permission: "catalogue.read" },
      schema: {
        tags,
        summary: "Phân quyền phụ trách lĩnh vực, thủ tục của một cơ quan",
        querystring: ZAssignmentQuerySchema,
        response: { 200: z.array(ZAssignmentSchema) },
      },
    },
    async (req) => listAssignments(db(), actorOf(req), req.query.agencyUnitId),
  );

  app.post(
    "/api/catalogue/assignments",
    {
      config: { permission: "catalogue.manage" },
      schema: {
        tags,
        summary: "Giao phòng/cán bộ phụ trách lĩnh vực hoặc thủ tục",
        body: ZCreateAssignmentSchema,
        response: { 201: ZAssignmentSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTx((tx) => createAssignment(tx, actorOf(req), req.body))),
  );

  app.post(
    "/api/catalogue/assignments/:id/remove",
    {
      config: { permission: "catalogue.manage" },
      schema: {
        tags,
        summary: "Bỏ phân quyền phụ trách",
        params: ZIdParamsSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await inTx((tx) => removeAssignment(tx, actorOf(req), req.params.id));
      return { ok: true as const };
    },
  );

  // ---- Process definitions ---------------------------------------------------------------------
  app.get(
    "/api/processes",
    {
      config: { permission: "catalogue.read" },
      schema: {
        tags,
        summary: "Quy trình nội bộ và quy trình mẫu",
        querystring: ZDefinitionQuerySchema,
        response: { 200: z.array(ZDefinitionSummarySchema) },
      },
    },
    async (req) => listDefinitions(db(), actorOf(req), req.query),
  );

  app.post(
    "/api/processes",
    {
      config: { permission: "process.design" },
      schema: {
        tags,
        summary: "Tạo quy trình cho thủ tục (kèm bản dự thảo đầu tiên)",
        body: ZCreateDefinitionSchema,
        response: { 201: ZDefinitionSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTx((tx) => createDefinition(tx, actorOf(req), req.body))),
  );

  app.get(
    "/api/processes/:id",
    {
      config: { permission: "catalogue.read" },
      schema: { tags, params: ZIdParamsSchema, response: { 200: ZDefinitionSchema } },
    },
    async (req) => getDefinition(db(), actorOf(req), req.params.id),
  );

  app.post(
    "/api/processes/:id/versions",
    {
      config: { permission: "process.design" },
      schema: {
        tags,
        summary: "Tạo phiên bản dự thảo mới",
        params: ZIdParamsSchema,
        body: ZNewVersionSchema,
        response: { 201: ZVersionSummarySchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await inTx((tx) => newVersion(tx, actorOf(req), req.params.id, req.body.fromVersionId))),
  );

  app.post(
    "/api/processes/:id/adopt",
    {
      config: { permission: "process.design" },
      schema: {
        tags,
        summary: "Áp dụng quy trình mẫu cho đơn vị, gán đơn vị thực hiện của mình",
        params: ZIdParamsSchema,
        body: ZAdoptSchema,
        response: { 200: ZDefinitionSchema },
      },
    },
    async (req) => inTx((tx) => adoptTemplate(tx, actorOf(req), req.params.id, req.body)),
  );

  // ---- Process versions ------------------------------------------------------------------------
  app.get(
    "/api/process-versions/diff",
    {
      config: { permission: "catalogue.read" },
      schema: {
        tags,
        summary: "So sánh hai phiên bản: bước thêm, bớt, thay đổi và thời gian",
        querystring: ZDiffQuerySchema,
        response: { 200: ZVersionDiffSchema },
      },
    },
    async (req) => diffVersions(db(), actorOf(req), req.query.from, req.query.to),
  );

  app.get(
    "/api/process-versions/:id",
    {
      config: { permission: "catalogue.read" },
      schema: { tags, params: ZIdParamsSchema, response: { 200: ZVersionSchema } },
    },
    async (req) => getVersion(db(), actorOf(req), req.params.id),
  );

  app.put(
    "/api/process-versions/:id/xml",
    {
      config: { permission: "process.design" },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: "Lưu sơ đồ BPMN của bản dự thảo",
        params: ZIdParamsSchema,
        body: ZSaveXmlSchema,
        response: { 200: ZVersionSummarySchema },
      },
    },
    async (req) => inTx((tx) => saveXml(tx, actorOf(req), req.params.id, req.body.xml)),
  );

  app.post(
    "/api/process-versions/:id/validate",
    {
      config: { permission: "process.design" },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: "Kiểm tra quy trình (không ghi): lỗi theo từng phần tử, tổng thời gian so với thời hạn",
        params: ZIdParamsSchema,
        body: ZValidateSchema,
        response: { 200: ZValidationResultSchema },
      },
    },
    async (req) => validateVersion(db(), actorOf(req), req.params.id, req.body.xml),
  );

  app.post(
    "/api/process-versions/:id/submit",
    {
      config: { permission: "process.design" },
      schema: {
        tags,
        summary: "Trình phê duyệt",
        params: ZIdParamsSchema,
        response: { 200: ZVersionSummarySchema },
      },
    },
    async (req) => inTx((tx) => submitVersion(tx, actorOf(req), req.params.id)),
  );

  app.post(
    "/api/process-versions/:id/approve",
    {
      config: { permission: "process.approve" },
      schema: {
        tags,
        summary: "Lãnh đạo phê duyệt (số, ngày quyết định)",
        params: ZIdParamsSchema,
        body: ZApproveSchema,
        response: { 200: ZVersionSummarySchema },
      },
    },
    async (req) => inTx((tx) => approveVersion(tx, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    "/api/process-versions/:id/reject",
    {
      config: { permission: "process.approve" },
      schema: {
        tags,
        summary: "Lãnh đạo trả lại bản trình",
        params: ZIdParamsSchema,
        body: ZRejectSchema,
        response: { 200: ZVersionSummarySchema },
      },
    },
    async (req) => inTx((tx) => rejectVersion(tx, actorOf(req), req.params.id, req.body.reason)),
  );

  app.post(
    "/api/process-versions/:id/publish",
    {
      config: { permission: "process.design" },
      schema: {
        tags,
        summary: "Ban hành (ngày hiệu lực); phiên bản đang áp dụng trước đó được thay thế",
        params: ZIdParamsSchema,
        body: ZPublishSchema,
        response: { 200: ZVersionSummarySchema },
      },
    },
    async (req) => inTx((tx) => publishVersion(tx, actorOf(req), req.params.id, req.body.effectiveFrom)),
  );
}
