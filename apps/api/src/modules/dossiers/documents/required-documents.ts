import { documentLabelKey, type TCompiledProcess } from "@eiso/contracts";
import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../../../platform/actor";
import type { Queryable } from "../../../platform/db/client";
import { AppError } from "../../../platform/errors";
import { mayWorkStep } from "../allowed-actions";
import type { PublishedProcess } from "../catalogue-port";
import type { DossierRow, StepRow } from "../store";
import { dossierSteps } from "../tables";
import { dossierDocuments } from "./tables";

/** A current (not superseded) document as the requirement check sees it. */
export interface AttachedDocument {
  kind: "submitted" | "working" | "result";
  label: string;
  /** The process node of the step it was attached for; null when attached to the dossier. */
  nodeId: string | null;
}

/** The labels a user task of the process requires before it completes (none for older processes). */
export function requiredDocumentsOf(compiled: TCompiledProcess, nodeId: string): string[] {
  const node = compiled.nodes.find((n) => n.id === nodeId);
  return node?.type === "userTask" ? (node.requiredDocuments ?? []) : [];
}

/**
 * Which required labels are still missing for a step at `nodeId`: a working or result document with
 * the label counts when it was attached for that step (any earlier round of it, after a send back)
 * or for the dossier as a whole. The applicant's scanned papers do not stand in for work products.
 */
export function missingDocuments(required: string[], attached: AttachedDocument[], nodeId: string): string[] {
  const present = new Set(
    attached
      .filter((a) => a.kind !== "submitted" && (a.nodeId === null || a.nodeId === nodeId))
      .map((a) => documentLabelKey(a.label)),
  );
  return required.filter((label) => !present.has(documentLabelKey(label)));
}

/** The dossier's current documents with the process node of the step each was attached for. */
export async function attachedDocuments(
  db: Queryable,
  tenantId: string,
  dossierId: string,
): Promise<AttachedDocument[]> {
  return db
    .select({ kind: dossierDocuments.kind, label: dossierDocuments.label, nodeId: dossierSteps.nodeId })
    .from(dossierDocuments)
    .leftJoin(
      dossierSteps,
      and(eq(dossierSteps.tenantId, dossierDocuments.tenantId), eq(dossierSteps.id, dossierDocuments.stepId)),
    )
    .where(
      and(
        eq(dossierDocuments.tenantId, tenantId),
        eq(dossierDocuments.dossierId, dossierId),
        isNull(dossierDocuments.supersededAt),
      ),
    );
}

/**
 * Refuses to complete a step whose process requires documents that are not attached yet, naming
 * them. Sending back is never blocked. Costs nothing for processes without such steps; leaves the
 * refusals of the engine (not the role, not the assignee, a finished step) to the engine, so they
 * keep their answer.
 */
export async function requireStepDocuments(
  db: Queryable,
  actor: Actor,
  d: DossierRow,
  process: PublishedProcess,
  step: StepRow,
  outcome: string,
): Promise<void> {
  if (outcome === "send_back") return;
  const anyRequired = process.compiled.nodes.some(
    (n) => n.type === "userTask" && (n.requiredDocuments?.length ?? 0) > 0,
  );
  if (!anyRequired) return;
  // Someone who may not act on the step hears the engine's refusal, not which documents are missing.
  if (!mayWorkStep(actor, step)) return;
  const required = requiredDocumentsOf(process.compiled, step.nodeId);
  if (!required.length) return;
  const missing = missingDocuments(required, await attachedDocuments(db, d.tenantId, d.id), step.nodeId);
  if (!missing.length) return;
  const list = missing.map((m) => `«${m}»`).join(", ");
  throw new AppError(
    "documents_required",
    {
      vi: `Bước «${step.name}» chưa hoàn thành được: cần đính kèm ${list}`,
      en: `Step «${step.name}» cannot complete yet: attach ${list}`,
    },
    { stepId: step.id, missing },
  );
}
