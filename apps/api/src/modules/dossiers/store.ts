import type { TApplicant, TDossier, TStep } from "@eiso/contracts";
import { and, eq, sql } from "drizzle-orm";
import type { AuditActor, EffectiveGrant } from "../../platform/actor";
import type { Queryable, Tx } from "../../platform/db/client";
import { rowsFromJson } from "../../platform/db/json-rows";
import { preparedFrom, readWith, sqlLiteral, uuidLiteral } from "../../platform/db/transactions";
import { conflict, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { calendarStampSql } from "../calendar/service";
import { type EffectiveGrantRow, effectiveGrantsJson, toEffectiveGrant } from "../org/access";
import { type UnitSummary, type UnitSummaryJson, unitSummariesJson, unitSummaryMap } from "../org/units";
import { dossierEvents, dossierSteps, dossiers } from "./tables";

export type DossierRow = typeof dossiers.$inferSelect;
export type StepRow = typeof dossierSteps.$inferSelect;

export const notFoundDossier = () => notFound({ vi: "Không tìm thấy hồ sơ", en: "Dossier not found" });

/** Loads a dossier of the tenant; `lock` takes the row lock that serialises transitions of one dossier. */
export async function loadDossier(
  db: Queryable,
  tenantId: string,
  id: string,
  lock = false,
): Promise<DossierRow> {
  const query = db
    .select()
    .from(dossiers)
    .where(and(eq(dossiers.tenantId, tenantId), eq(dossiers.id, id)));
  // Prepared (named) statements: every transition and dossier page starts here.
  const [row] = lock
    ? await query.for("update").prepare("dossier_for_update").execute()
    : await query.prepare("dossier").execute();
  if (!row) throw notFoundDossier();
  return row;
}

/** What a transition reads with the dossier's lock, besides the dossier (see `lockForTransition`). */
export interface TransitionReads {
  step: StepRow | null;
  calendarStamp: string;
  /** The dossier's agency and reception desk: the units of most steps the flow activates. */
  units: Map<string, UnitSummary>;
  /** The grants today of the officer the request hands a step to, by id. */
  grants: Map<string, EffectiveGrant[]>;
}

/**
 * The dossier of a transition, locked (the lock serialises transitions of one dossier), read in one
 * round trip with what the transition reads next: the step it acts on, when the route names one;
 * the tenant calendar's change stamp (for `tenantCalendar`); the summaries of the dossier's agency
 * and desk; and the grants of `assigneeId`, the officer the request names to take the next step.
 */
export async function lockForTransition(
  tx: Tx,
  tenantId: string,
  id: string,
  stepId: string | null,
  assigneeId: string | null,
  today: string,
): Promise<{ dossier: DossierRow } & TransitionReads> {
  const [row] = await readWith(tx, LOCK_FOR_TRANSITION, [
    uuidLiteral(tenantId),
    uuidLiteral(id),
    uuidLiteral(stepId),
    uuidLiteral(assigneeId),
    `${sqlLiteral(today)}::date`,
  ]);
  if (!row) throw notFoundDossier();
  const r = row as {
    dossier: Record<string, unknown>;
    step: Record<string, unknown> | null;
    calendar_stamp: string | null;
    units: UnitSummaryJson[];
    grants: EffectiveGrantRow[];
  };
  if (stepId && !r.step) throw stepNotFound();
  return {
    dossier: rowsFromJson(dossiers, [r.dossier])[0]!,
    step: r.step ? rowsFromJson(dossierSteps, [r.step])[0]! : null,
    calendarStamp: r.calendar_stamp ?? "",
    units: unitSummaryMap(r.units),
    grants: new Map(assigneeId ? [[assigneeId, r.grants.map(toEffectiveGrant)]] : []),
  };
}

const at = {
  tenant: sql.placeholder("tenant"),
  id: sql.placeholder("id"),
  step: sql.placeholder("step"),
  assignee: sql.placeholder("assignee"),
  today: sql.placeholder("today"),
};
/**
 * `lockForTransition`'s query, prepared once per connection; it opens the transaction in its
 * round trip (`readWith`).
 */
const LOCK_FOR_TRANSITION = preparedFrom(
  "eiso_dossier_for_transition",
  sql`select row_to_json(d) as dossier,
      (select row_to_json(s) from ${dossierSteps} s
        where s.tenant_id = d.tenant_id and s.dossier_id = d.id and s.id = ${at.step}) as step,
      ${calendarStampSql(at.tenant)} as calendar_stamp,
      ${unitSummariesJson(at.tenant, sql`array[d.agency_unit_id, d.desk_unit_id]`)} as units,
      ${effectiveGrantsJson(at.tenant, at.assignee, at.today)} as grants
    from ${dossiers} d where d.tenant_id = ${at.tenant} and d.id = ${at.id}
    for update of d`,
  { tenant: "uuid", id: "uuid", step: "uuid", assignee: "uuid", today: "date" },
);

const stepNotFound = () => notFound({ vi: "Không tìm thấy bước xử lý", en: "Step not found" });

export async function loadStep(
  db: Queryable,
  tenantId: string,
  dossierId: string,
  stepId: string,
): Promise<StepRow> {
  const [row] = await db
    .select()
    .from(dossierSteps)
    .where(
      and(
        eq(dossierSteps.tenantId, tenantId),
        eq(dossierSteps.id, stepId),
        eq(dossierSteps.dossierId, dossierId),
      ),
    )
    .prepare("dossier_step")
    .execute();
  if (!row) throw stepNotFound();
  return row;
}

export type NewDossierEvent = typeof dossierEvents.$inferInsert;

/** A row of the dossier's own log (the ISO record of who did what, when), ready to insert. */
export function dossierEventRow(
  actor: AuditActor,
  dossierId: string,
  kind: string,
  input: { stepId?: string | null; comment?: string | null; data?: unknown; at?: Date } = {},
): NewDossierEvent {
  return {
    tenantId: actor.tenantId,
    id: newId(),
    dossierId,
    at: input.at ?? new Date(),
    kind,
    actorId: actor.userId,
    actorName: actor.name,
    stepId: input.stepId ?? null,
    comment: input.comment ?? null,
    data: input.data ?? {},
  };
}

/** Appends to the dossier's own log (the ISO record of who did what, when). */
export async function addDossierEvent(
  tx: Tx,
  actor: AuditActor,
  dossierId: string,
  kind: string,
  input: { stepId?: string | null; comment?: string | null; data?: unknown; at?: Date } = {},
): Promise<void> {
  await tx.insert(dossierEvents).values(dossierEventRow(actor, dossierId, kind, input));
}

/** Bumps the dossier's version if it is still the one the caller read; otherwise someone else acted first. */
export async function bumpDossier(
  tx: Tx,
  d: DossierRow,
  set: Partial<typeof dossiers.$inferInsert>,
): Promise<DossierRow> {
  const [row] = await tx
    .update(dossiers)
    .set({ ...set, version: d.version + 1 })
    .where(and(eq(dossiers.tenantId, d.tenantId), eq(dossiers.id, d.id), eq(dossiers.version, d.version)))
    .returning();
  if (!row) throw staleConflict();
  return row;
}

export const staleConflict = () =>
  conflict({
    vi: "Hồ sơ vừa được người khác xử lý. Vui lòng tải lại để xem trạng thái mới.",
    en: "Someone else acted on this dossier just now. Reload to see its current state.",
  });

/**
 * When the clock of a dossier waiting for the applicant's supplement stopped (the pause in
 * progress); null when it runs. A dossier asked to complete at the desk has no pause: its clock
 * has not started (`isLate` treats it so).
 */
export function pausedSince(d: Pick<DossierRow, "status" | "pausedSince">): Date | null {
  return d.status === "waiting_supplement" ? d.pausedSince : null;
}

/** `pausedSince` in SQL, of the dossier row aliased `d`. */
export const pausedSinceSql = sql`(case when d.status = 'waiting_supplement' then d.paused_since end)`;

/**
 * Asked at the desk to complete its papers and not back yet: not received (no clock, no
 * appointment). Waiting for a supplement during handling has its clock stopped instead.
 */
export function waitingAtDesk(d: Pick<DossierRow, "status" | "pausedSince">): boolean {
  return d.status === "waiting_supplement" && !d.pausedSince;
}

/** `waitingAtDesk` in SQL, of the dossier row aliased `d`. */
export const waitingAtDeskSql = sql`(d.status = 'waiting_supplement' and d.paused_since is null)`;

/**
 * Late = finished (or still open) after the original appointment; a dossier waiting for its
 * supplement is late only if it was when its clock stopped.
 */
export function isLate(
  d: Pick<DossierRow, "originalDueAt" | "completedAt" | "status" | "pausedSince">,
  now = new Date(),
): boolean {
  // Ended without a result: refused, stopped, withdrawn — also once archived like that.
  const closed =
    ["refused", "stopped", "withdrawn"].includes(d.status) || (d.status === "archived" && !d.completedAt);
  const end = d.completedAt ?? (closed ? null : d.status === "waiting_supplement" ? pausedSince(d) : now);
  return end !== null && end.getTime() > d.originalDueAt.getTime();
}

export function toDossierDto(
  d: DossierRow,
  extra: { agencyName?: string; deskName?: string } = {},
): TDossier {
  return {
    id: d.id,
    code: d.code,
    procedureId: d.procedureId,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    agencyUnitId: d.agencyUnitId,
    deskUnitId: d.deskUnitId,
    ...extra,
    method: d.method,
    status: d.status as TDossier["status"],
    applicant: d.applicant as TApplicant,
    documents: d.documents as TDossier["documents"],
    data: d.data as TDossier["data"],
    resultDelivery: d.resultDelivery as TDossier["resultDelivery"],
    receivedAt: d.receivedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    originalDueAt: d.originalDueAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
    returnedAt: d.returnedAt?.toISOString() ?? null,
    supplementCount: d.supplementCount,
    late: isLate(d),
    processVersionId: d.processVersionId,
    note: d.note,
  };
}

export function toStepDto(
  s: StepRow,
  names: { unit?: string | null; assignee?: string | null; completedBy?: string | null } = {},
  now = new Date(),
): TStep {
  return {
    id: s.id,
    dossierId: s.dossierId,
    nodeId: s.nodeId,
    name: s.name,
    stepKind: s.stepKind,
    status: s.status,
    unitId: s.unitId,
    unitName: names.unit ?? null,
    role: s.role as TStep["role"],
    assigneeId: s.assigneeId,
    assigneeName: names.assignee ?? null,
    startedAt: s.startedAt.toISOString(),
    dueAt: s.dueAt?.toISOString() ?? null,
    completedAt: s.completedAt?.toISOString() ?? null,
    completedByName: names.completedBy ?? null,
    outcome: s.outcome,
    comment: s.comment,
    version: s.version,
    late: !!s.dueAt && (s.completedAt ?? now).getTime() > s.dueAt.getTime(),
  };
}
