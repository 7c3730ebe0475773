import type { TDossierDocumentUploadQuery } from "@eiso/contracts";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/actor";
import { recordAudit } from "../../../platform/audit/service";
import type { Tx } from "../../../platform/db/client";
import { AppError, forbidden, invalidOperation } from "../../../platform/errors";
import { fileStore } from "../../../platform/files/stored-files";
import { newId } from "../../../platform/ids";
import { addDossierEvent, type DossierRow } from "../store";
import { dossierSteps } from "../tables";
import { isReadOnly, readOnlyRefusal, uploadRights } from "./document-access";
import { dossierDocuments } from "./tables";

/**
 * Attaches an uploaded file to a locked dossier: checks that the dossier is still open and that the
 * officer may attach this kind (for this step), stores the file (size and content checked), records
 * the document, a superseded earlier version if any, the dossier event and the audit entry.
 */
export async function attachDocument(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  input: TDossierDocumentUploadQuery & { fileName: string | undefined; content: Buffer; maxBytes: number },
) {
  if (isReadOnly(d)) throw readOnlyRefusal(d);
  const steps = await tx
    .select()
    .from(dossierSteps)
    .where(
      and(
        eq(dossierSteps.tenantId, d.tenantId),
        eq(dossierSteps.dossierId, d.id),
        eq(dossierSteps.status, "active"),
      ),
    );
  const rights = uploadRights(actor, d, steps);
  if (!rights.kinds.includes(input.kind)) {
    throw forbidden({
      vi: "Bạn không được đính kèm loại tài liệu này vào hồ sơ lúc này",
      en: "You may not attach this kind of document to the dossier now",
    });
  }
  let stepId: string | null = null;
  if (input.kind !== "submitted" && input.stepId) {
    if (!rights.steps.some((s) => s.id === input.stepId)) {
      throw forbidden({
        vi: "Chỉ người đang xử lý bước mới đính kèm tài liệu cho bước đó",
        en: "Only the officer handling a step attaches documents to it",
      });
    }
    stepId = input.stepId;
  } else if (input.kind === "working") {
    throw new AppError("validation_failed", {
      vi: "Tài liệu xử lý phải gắn với bước đang xử lý (stepId)",
      en: "A working document belongs to the step being handled (stepId)",
    });
  } else if (input.kind === "result" && !rights.kinds.includes("submitted")) {
    // Not at the desk: a result comes from the step being handled.
    throw new AppError("validation_failed", {
      vi: "Chọn bước đang xử lý mà kết quả thuộc về (stepId)",
      en: "Choose the step the result belongs to (stepId)",
    });
  }
  let replaced: typeof dossierDocuments.$inferSelect | undefined;
  if (input.replaces) {
    [replaced] = await tx
      .select()
      .from(dossierDocuments)
      .where(
        and(
          eq(dossierDocuments.tenantId, d.tenantId),
          eq(dossierDocuments.dossierId, d.id),
          eq(dossierDocuments.id, input.replaces),
        ),
      );
    if (!replaced)
      throw invalidOperation({ vi: "Không có tài liệu cần thay", en: "No such document to replace" });
    if (replaced.supersededAt || replaced.kind !== input.kind) {
      throw invalidOperation({
        vi: "Chỉ thay được phiên bản hiện hành của tài liệu cùng loại",
        en: "Only the current version of a document of the same kind can be replaced",
      });
    }
  }

  const file = await fileStore.put(
    tx,
    { tenantId: d.tenantId, userId: actor.userId },
    { name: input.fileName, content: input.content, maxBytes: input.maxBytes },
  );
  const now = file.createdAt;
  const id = newId();
  const [doc] = await tx
    .insert(dossierDocuments)
    .values({
      tenantId: d.tenantId,
      id,
      dossierId: d.id,
      stepId,
      kind: input.kind,
      label: input.label.normalize("NFC"),
      fileId: file.id,
      uploadedBy: actor.userId,
      uploadedByName: actor.name,
      uploadedAt: now,
    })
    .returning();
  if (replaced) {
    await tx
      .update(dossierDocuments)
      .set({ supersededAt: now, supersededBy: id })
      .where(and(eq(dossierDocuments.tenantId, d.tenantId), eq(dossierDocuments.id, replaced.id)));
  }
  const record = {
    documentId: id,
    kind: input.kind,
    label: doc!.label,
    stepId,
    fileId: file.id,
    fileName: file.name,
    mediaType: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    replaces: replaced?.id ?? null,
  };
  await addDossierEvent(tx, actor, d.id, "document.attached", { stepId, at: now, data: record });
  await recordAudit(tx, actor, {
    action: "dossier.document.attach",
    entityType: "dossier",
    entityId: d.id,
    unitId: d.agencyUnitId,
    after: record,
  });
  return doc!;
}
