import {
  legalHoursOf,
  type TDossierField,
  type TValidationResult,
  type TVersionStatus,
  type TVersionSummary,
} from "@eiso/contracts";
import { and, eq } from "drizzle-orm";
import type { Actor, AuditActor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import type { Queryable, Tx } from "../../platform/db/client";
import { AppError, invalidOperation } from "../../platform/errors";
import { requireAccess } from "../org/access";
import { unitInfos } from "./org-lookup";
import { loadProcedure } from "./procedures";
import { readProcessXml } from "./process-xml";
import {
  type DefinitionRow,
  loadDefinition,
  loadVersion,
  toVersionSummary,
  type VersionRow,
  versionsOf,
} from "./processes";
import { processVersions } from "./tables";
import { absoluteUnitIds, type ValidationOutcome, validateProcess } from "./validate-process";

const statusWords: Record<TVersionStatus, string> = {
  draft: "dự thảo",
  submitted: "đã trình, chờ phê duyệt",
  approved: "đã phê duyệt",
  published: "đã ban hành",
  superseded: "đã được thay thế",
};

/**
 * The one place that says which state a version must be in for an action. A published or superseded
 * version matches none of the editing states, so every path that changes a version refuses it here.
 */
export function assertStatus(v: VersionRow, allowed: TVersionStatus[], action: string): void {
  if (allowed.includes(v.status)) return;
  const frozen = v.status === "published" || v.status === "superseded";
  throw invalidOperation(
    {
      vi: frozen
        ? `Phiên bản ${v.version} ${statusWords[v.status]} nên không thể thay đổi (${action}); hãy tạo phiên bản mới`
        : `Không thể ${action}: phiên bản ${v.version} đang ở trạng thái ${statusWords[v.status]}`,
      en: frozen
        ? `Version ${v.version} is ${v.status} and cannot be changed (${action}); create a new version`
        : `Cannot ${action}: version ${v.version} is ${v.status}`,
    },
    { status: v.status },
  );
}

/** Validates XML against the subset and the procedure's dossier fields, checking named units exist. */
export async function checkProcess(
  db: Queryable,
  tenantId: string,
  dossierFields: readonly TDossierField[],
  xml: string,
): Promise<ValidationOutcome> {
  const read = await readProcessXml(xml);
  const known = await unitInfos(db, tenantId, absoluteUnitIds(read));
  return validateProcess(read, { dossierFields, knownUnitIds: new Set(known.keys()) });
}

function refused(outcome: ValidationOutcome): AppError {
  const list = outcome.problems.map((p) => p.message);
  return new AppError(
    "invalid_operation",
    {
      vi: `Quy trình chưa hợp lệ (${list.length} lỗi): ${list.slice(0, 5).join("; ")}${list.length > 5 ? "; …" : ""}`,
      en: `The process is not valid (${list.length} problems): ${list.slice(0, 5).join("; ")}`,
    },
    { problems: outcome.problems },
  );
}

async function context(db: Queryable, actor: Actor, versionId: string, lock: boolean) {
  const version = await loadVersion(db, actor.tenantId, versionId);
  const def = await loadDefinition(db, actor.tenantId, version.definitionId, lock);
  return { version, def };
}

async function update(
  tx: Tx,
  actor: AuditActor,
  def: DefinitionRow,
  before: VersionRow,
  action: string,
  set: Partial<VersionRow>,
): Promise<VersionRow> {
  const [row] = await tx
    .update(processVersions)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(processVersions.tenantId, actor.tenantId), eq(processVersions.id, before.id)))
    .returning();
  const { xml: _x, compiled: _c, ...changed } = set;
  await recordAudit(tx, actor, {
    action,
    entityType: "process_version",
    entityId: before.id,
    unitId: def.unitId,
    before: { status: before.status, version: before.version },
    after: { ...changed, ...(set.xml !== undefined ? { xmlLength: set.xml.length } : {}) },
  });
  return row!;
}

/** Saves the diagram of a draft. */
export async function saveXml(
  tx: Tx,
  actor: Actor,
  versionId: string,
  xml: string,
): Promise<TVersionSummary> {
  const { version, def } = await context(tx, actor, versionId, true);
  await requireAccess(tx, actor, "process.design", [def.unitId]);
  assertStatus(version, ["draft"], "lưu sơ đồ");
  const procedure = await loadProcedure(tx, actor.tenantId, def.procedureId);
  const outcome = await checkProcess(tx, actor.tenantId, procedure.dossierFields, xml);
  if (outcome.problems.some((p) => p.code === "xml_invalid")) throw refused(outcome);
  return toVersionSummary(
    await update(tx, actor, def, version, "process.version.save", {
      xml,
      totalHours: outcome.totalHours,
      rejectedReason: version.rejectedReason,
    }),
  );
}

/** Checks a version (or XML about to be saved to it) without changing anything. */
export async function validateVersion(
  db: Queryable,
  actor: Actor,
  versionId: string,
  xml?: string | null,
): Promise<TValidationResult> {
  const { version, def } = await context(db, actor, versionId, false);
  await requireAccess(db, actor, "process.design", [def.unitId]);
  const procedure = await loadProcedure(db, actor.tenantId, def.procedureId);
  const outcome = await checkProcess(db, actor.tenantId, procedure.dossierFields, xml ?? version.xml);
  const legalHours = legalHoursOf(procedure.processingTime);
  return {
    ok: outcome.problems.length === 0,
    problems: outcome.problems,
    totalHours: outcome.totalHours,
    legalHours,
    exceedsLegalTime: legalHours !== null && outcome.totalHours !== null && outcome.totalHours > legalHours,
  };
}

/** Draft → submitted for approval; refused with every problem named when the process is not valid. */
export async function submitVersion(tx: Tx, actor: Actor, versionId: string): Promise<TVersionSummary> {
  const { version, def } = await context(tx, actor, versionId, true);
  await requireAccess(tx, actor, "process.design", [def.unitId]);
  assertStatus(version, ["draft"], "trình phê duyệt");
  const procedure = await loadProcedure(tx, actor.tenantId, def.procedureId);
  const outcome = await checkProcess(tx, actor.tenantId, procedure.dossierFields, version.xml);
  if (!outcome.compiled) throw refused(outcome);
  return toVersionSummary(
    await update(tx, actor, def, version, "process.version.submit", {
      status: "submitted",
      compiled: outcome.compiled,
      totalHours: outcome.totalHours,
      submittedAt: new Date(),
      submittedByName: actor.name,
      rejectedReason: null,
    }),
  );
}

/** A leader approves a submitted version, recording the approving decision (number and date). */
export async function approveVersion(
  tx: Tx,
  actor: Actor,
  versionId: string,
  input: { decisionNumber: string; decisionDate: string; note?: string | null | undefined },
): Promise<TVersionSummary> {
  const { version, def } = await context(tx, actor, versionId, true);
  await requireAccess(tx, actor, "process.approve", [def.unitId]);
  assertStatus(version, ["submitted"], "phê duyệt");
  return toVersionSummary(
    await update(tx, actor, def, version, "process.version.approve", {
      status: "approved",
      approvedAt: new Date(),
      approvedBy: actor.userId,
      approvedByName: actor.name,
      decisionNumber: input.decisionNumber,
      decisionDate: input.decisionDate,
      approvalNote: input.note ?? null,
    }),
  );
}

/** A leader sends a submitted version back to draft with the reason. */
export async function rejectVersion(
  tx: Tx,
  actor: Actor,
  versionId: string,
  reason: string,
): Promise<TVersionSummary> {
  const { version, def } = await context(tx, actor, versionId, true);
  await requireAccess(tx, actor, "process.approve", [def.unitId]);
  assertStatus(version, ["submitted"], "trả lại");
  return toVersionSummary(
    await update(tx, actor, def, version, "process.version.reject", {
      status: "draft",
      rejectedReason: reason,
      compiled: null,
      submittedAt: null,
      submittedByName: null,
    }),
  );
}

/**
 * Puts the process into effect and stores its compiled graph; the version published before it
 * becomes superseded (dossiers already running stay on it). Validated again: a unit named in the
 * process may have been merged away since submission.
 */
export async function publishVersion(
  tx: Tx,
  actor: Actor,
  versionId: string,
  effectiveFrom: string,
): Promise<TVersionSummary> {
  const { version, def } = await context(tx, actor, versionId, true);
  await requireAccess(tx, actor, "process.design", [def.unitId]);
  assertStatus(version, ["approved"], "ban hành");
  const procedure = await loadProcedure(tx, actor.tenantId, def.procedureId);
  const outcome = await checkProcess(tx, actor.tenantId, procedure.dossierFields, version.xml);
  if (!outcome.compiled) throw refused(outcome);
  return toVersionSummary(
    await putIntoEffect(tx, actor, def, version, { effectiveFrom, compiled: outcome.compiled }),
  );
}

/** Marks `version` published and supersedes the one in effect; shared by publish and template adoption. */
export async function putIntoEffect(
  tx: Tx,
  actor: AuditActor,
  def: DefinitionRow,
  version: VersionRow,
  set: Partial<VersionRow> & { effectiveFrom: string },
): Promise<VersionRow> {
  const current = (await versionsOf(tx, actor.tenantId, [def.id])).filter(
    (v) => v.status === "published" && v.id !== version.id,
  );
  const published = await update(tx, actor, def, version, "process.version.publish", {
    ...set,
    status: "published",
    publishedAt: new Date(),
    publishedByName: actor.name,
    totalHours: set.compiled?.totalHours ?? version.totalHours,
  });
  for (const old of current) {
    await update(tx, actor, def, old, "process.version.supersede", {
      status: "superseded",
      supersededAt: new Date(),
      supersededBy: published.id,
    });
  }
  return published;
}

/**
 * Records a process that was approved outside eISO (data taken over from an existing system, the
 * demo) as published: validated and compiled like any other, with the approving decision given.
 */
export async function publishApprovedElsewhere(
  tx: Tx,
  actor: AuditActor,
  def: DefinitionRow,
  draft: VersionRow,
  approval: { decisionNumber: string; decisionDate: string; approvedByName: string; effectiveFrom: string },
): Promise<VersionRow> {
  const procedure = await loadProcedure(tx, actor.tenantId, def.procedureId);
  const outcome = await checkProcess(tx, actor.tenantId, procedure.dossierFields, draft.xml);
  if (!outcome.compiled) throw refused(outcome);
  const now = new Date();
  return putIntoEffect(tx, actor, def, draft, {
    compiled: outcome.compiled,
    submittedAt: now,
    submittedByName: actor.name,
    approvedAt: now,
    approvedByName: approval.approvedByName,
    decisionNumber: approval.decisionNumber,
    decisionDate: approval.decisionDate,
    effectiveFrom: approval.effectiveFrom,
  });
}
