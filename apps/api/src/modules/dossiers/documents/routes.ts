import {
  ZDossierDocumentListSchema,
  ZDossierDocumentSchema,
  ZDossierDocumentUploadQuerySchema,
  ZIdParamsSchema,
  ZUuid,
} from "@eiso/contracts";
import { z } from "zod";
import { fileTooLarge } from "../../../platform/files/media-type";
import { actorOf } from "../../../platform/http/guard";
import { sendStoredFile } from "../../../platform/http/send-file";
import { readUpload } from "../../../platform/http/upload";
import { catalogueForDossiers } from "../../catalogue/runtime";
import type { Api, ModuleOptions } from "../../registry";
import { assertReadable } from "../queries";
import { loadDossier } from "../store";
import { attachDocument } from "./attach-document";
import { documentContent } from "./document-content";
import { listDossierDocuments } from "./list-documents";

const tags = ["dossiers"];

/** Documents attached to a dossier: list, upload (multipart, one file), download. */
export function registerDossierDocumentRoutes(app: Api, _options: ModuleOptions): void {
  const db = () => app.database.db;

  app.get(
    "/api/dossiers/:id/documents",
    {
      config: { permission: "dossier.read" },
      schema: {
        tags,
        summary: "Tài liệu của hồ sơ (bản quét, tài liệu xử lý, kết quả) và tài liệu các bước đang cần",
        params: ZIdParamsSchema,
        response: { 200: ZDossierDocumentListSchema },
      },
    },
    async (req) =>
      listDossierDocuments(db(), actorOf(req), req.params.id, {
        port: catalogueForDossiers,
        maxUploadBytes: app.maxUploadBytes,
      }),
  );

  app.post(
    "/api/dossiers/:id/documents",
    {
      config: { permission: "dossier.process" },
      schema: {
        tags,
        summary:
          "Đính kèm tài liệu (PDF, DOCX, XLSX, PNG, JPEG; kiểm tra theo nội dung tệp); replaces= thay phiên bản cũ",
        params: ZIdParamsSchema,
        querystring: ZDossierDocumentUploadQuerySchema,
        consumes: ["multipart/form-data"],
        response: { 201: ZDossierDocumentSchema.pick({ id: true, kind: true, label: true, fileId: true }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, () => fileTooLarge(app.maxUploadBytes));
      const doc = await db().transaction(async (tx) => {
        const d = await loadDossier(tx, actor.tenantId, req.params.id, true);
        await assertReadable(tx, actor, d);
        return attachDocument(tx, actor, d, {
          ...req.query,
          fileName: upload.filename,
          content: upload.content,
          maxBytes: app.maxUploadBytes,
        });
      });
      return reply.status(201).send({ id: doc.id, kind: doc.kind, label: doc.label, fileId: doc.fileId });
    },
  );

  app.get(
    "/api/dossiers/:id/documents/:docId/content",
    {
      config: { permission: "dossier.read" },
      schema: {
        tags,
        summary: "Tải tài liệu của hồ sơ",
        params: z.strictObject({ id: ZUuid, docId: ZUuid }),
      },
    },
    async (req, reply) => {
      const { file, content } = await documentContent(db(), actorOf(req), req.params.id, req.params.docId);
      return sendStoredFile(reply, file, content);
    },
  );
}
