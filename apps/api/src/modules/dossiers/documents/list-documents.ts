import type { TDossierDocument, TDossierDocumentList } from "@eiso/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/actor";
import type { Queryable } from "../../../platform/db/client";
import { fileStore } from "../../../platform/files/stored-files";
import type { CataloguePort } from "../catalogue-port";
import { readableDossier } from "../queries";
import { dossierSteps } from "../tables";
import { uploadRights } from "./document-access";
import { missingDocuments, requiredDocumentsOf } from "./required-documents";
import { dossierDocuments } from "./tables";

type DocumentRow = typeof dossierDocuments.$inferSelect;

/**
 * The documents of a dossier the officer may read, every version (newest first within a kind is the
 * caller's choice), the documents its active steps still need, and what the officer may attach now.
 */
export async function listDossierDocuments(
  db: Queryable,
  actor: Actor,
  dossierId: string,
  options: { port: CataloguePort; maxUploadBytes: number },
): Promise<TDossierDocumentList> {
  const d = await readableDossier(db, actor, dossierId);
  const rows = await db
    .select()
    .from(dossierDocuments)
    .where(and(eq(dossierDocuments.tenantId, d.tenantId), eq(dossierDocuments.dossierId, d.id)))
    .orderBy(asc(dossierDocuments.uploadedAt), asc(dossierDocuments.id));
  const steps = await db
    .select()
    .from(dossierSteps)
    .where(and(eq(dossierSteps.tenantId, d.tenantId), eq(dossierSteps.dossierId, d.id)));
  const stepById = new Map(steps.map((s) => [s.id, s]));
  const files = await fileStore.describe(
    db,
    d.tenantId,
    rows.map((r) => r.fileId),
  );
  const items = rows.map((r): TDossierDocument => {
    const f = files.get(r.fileId);
    return {
      id: r.id,
      dossierId: r.dossierId,
      stepId: r.stepId,
      stepName: r.stepId ? (stepById.get(r.stepId)?.name ?? null) : null,
      kind: r.kind,
      label: r.label,
      fileId: r.fileId,
      fileName: f?.name ?? "",
      mediaType: f?.mediaType ?? "application/octet-stream",
      size: f?.size ?? 0,
      sha256: f?.sha256 ?? "",
      uploadedByName: r.uploadedByName,
      uploadedAt: r.uploadedAt.toISOString(),
      supersededAt: r.supersededAt?.toISOString() ?? null,
      supersededById: r.supersededBy,
      releasedAt: r.releasedAt?.toISOString() ?? null,
    };
  });

  const active = steps.filter((s) => s.status === "active");
  const requirements: TDossierDocumentList["requirements"] = [];
  if (active.length && d.processVersionId) {
    const process = await options.port.processVersion(db, d.tenantId, d.processVersionId);
    const attached = currentAttached(rows, stepById);
    for (const s of active) {
      const required = requiredDocumentsOf(process.compiled, s.nodeId);
      if (!required.length) continue;
      const missing = new Set(missingDocuments(required, attached, s.nodeId));
      requirements.push({
        stepId: s.id,
        stepName: s.name,
        documents: required.map((label) => ({ label, attached: !missing.has(label) })),
      });
    }
  }
  const rights = uploadRights(actor, d, active);
  return {
    items,
    requirements,
    upload: {
      kinds: rights.kinds,
      steps: rights.steps.map((s) => ({ id: s.id, name: s.name })),
      maxBytes: options.maxUploadBytes,
    },
  };
}

function currentAttached(rows: DocumentRow[], stepById: Map<string, { nodeId: string }>) {
  return rows
    .filter((r) => !r.supersededAt)
    .map((r) => ({
      kind: r.kind,
      label: r.label,
      nodeId: r.stepId ? (stepById.get(r.stepId)?.nodeId ?? null) : null,
    }));
}
