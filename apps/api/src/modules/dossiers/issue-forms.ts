import { type TProcessingTime, WORKING_HOURS_PER_DAY } from "@eiso/contracts";
import { and, asc, eq, gte, lt, or, sql } from "drizzle-orm";
import { type Actor, coversPath } from "../../platform/actor";
import { vnEndOfDayExclusive, vnStartOfDay } from "../../platform/dates";
import type { Queryable } from "../../platform/db/client";
import { forbidden, notFound } from "../../platform/errors";
import { processingTimeText } from "../catalogue/procedure-columns";
import { tenants } from "../org/tables";
import { unitSummaries } from "../org/units";
import {
  apologyForm,
  type ControlSheetStep,
  controlSheetForm,
  type FormContext,
  type FormContextWithDue,
  type FormNumber,
  type GeneratedForm,
  receiptForm,
  refusalForm,
  stopNoticeForm,
  supplementRequestForm,
  type TrackingBookRow,
  type TrackingStatus,
  trackingBook,
} from "./forms";
import { readableDossier, userNames } from "./queries";
import { type DossierRow, isLate } from "./store";
import { dossierForms, dossierSteps, dossiers } from "./tables";

const deliveryText: Record<string, string> = {
  counter: "Tại Bộ phận Một cửa",
  post: "Qua dịch vụ bưu chính công ích",
  online: "Trực tuyến",
};

/**
 * The handling time the dossier was received with (its allowance of working time), as the
 * catalogue states such times: in working days when it is a whole or half number of them
 * ("2 ngày làm việc", "0,5 ngày làm việc"), otherwise in working hours.
 */
export function processingTimeOf(allowanceMs: number): TProcessingTime {
  const hours = allowanceMs / 3_600_000;
  const days = hours / WORKING_HOURS_PER_DAY;
  return Number.isInteger(days * 2) ? { amount: days, unit: "days" } : { amount: hours, unit: "hours" };
}

/** Public tracking page of a dossier (QR code on the forms). */
export const trackingUrl = (baseUrl: string, code: string) =>
  `${baseUrl}/portal/tra-cuu/${encodeURIComponent(code)}`;

async function contextOf(
  db: Queryable,
  d: DossierRow,
  officerId: string | null,
  issuedAt: Date,
  baseUrl: string,
): Promise<FormContext> {
  const units = await unitSummaries(db, d.tenantId, [d.agencyUnitId, d.deskUnitId]);
  const agency = units.get(d.agencyUnitId)!;
  const parent = agency.parentId
    ? (await unitSummaries(db, d.tenantId, [agency.parentId])).get(agency.parentId)
    : undefined;
  const [tenant] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, d.tenantId));
  const names = await userNames(db, d.tenantId, [officerId ?? d.receivedBy]);
  const applicant = d.applicant as FormContext["dossier"]["applicant"];
  return {
    agency: { name: agency.name, code: agency.code, parentName: parent?.name ?? null },
    desk: { name: units.get(d.deskUnitId)?.name ?? "" },
    dossier: {
      code: d.code,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      receivedAt: d.receivedAt,
      dueAt: ["refused"].includes(d.status) ? null : d.dueAt,
      processingTime: processingTimeText(processingTimeOf(d.allowanceMs)),
      method: d.method,
      applicant,
      documents: d.documents as FormContext["dossier"]["documents"],
      trackingUrl: trackingUrl(baseUrl, d.code),
      resultDelivery: deliveryText[d.resultDelivery] ?? d.resultDelivery,
    },
    officer: { name: names.get(officerId ?? d.receivedBy ?? "") ?? "" },
    issuedAt,
    place: tenant?.name ?? "",
  };
}

/** The control sheet's rows: each step as a hand-over from the step before it. */
async function controlSheetSteps(db: Queryable, d: DossierRow, now: Date): Promise<ControlSheetStep[]> {
  const steps = await db
    .select()
    .from(dossierSteps)
    .where(and(eq(dossierSteps.tenantId, d.tenantId), eq(dossierSteps.dossierId, d.id)))
    .orderBy(asc(dossierSteps.startedAt), asc(dossierSteps.id));
  const units = await unitSummaries(db, d.tenantId, [
    d.deskUnitId,
    ...steps.map((s) => s.unitId!).filter(Boolean),
  ]);
  const people = await userNames(db, d.tenantId, [
    d.receivedBy,
    ...steps.flatMap((s) => [s.assigneeId, s.completedBy]),
  ]);
  const byId = new Map(steps.map((s) => [s.id, s]));
  return steps
    .map((s) => {
      const prev = s.previousStepId ? byId.get(s.previousStepId) : undefined;
      const result =
        s.status !== "completed"
          ? ("in_progress" as const)
          : s.dueAt && s.completedAt! > s.dueAt
            ? ("late" as const)
            : ("on_time" as const);
      return {
        fromUnit: units.get(prev?.unitId ?? d.deskUnitId)?.name ?? "",
        fromPerson: people.get(prev?.completedBy ?? d.receivedBy ?? "") ?? "",
        toUnit: units.get(s.unitId ?? "")?.name ?? "",
        toPerson: people.get(s.completedBy ?? s.assigneeId ?? "") ?? "",
        handedAt: s.startedAt,
        dueAt: s.dueAt,
        doneAt: s.completedAt && s.status === "completed" ? s.completedAt : null,
        result: s.status === "cancelled" ? "in_progress" : result,
        note: s.outcome === "send_back" ? `Trả lại: ${s.comment ?? ""}` : s.comment,
      };
    })
    .filter((row) => row.toUnit || row.toPerson || now);
}

/**
 * Renders one of forms 01–06 of a dossier from its data and log. Forms 02–05 exist only once the
 * matching action was taken (the issued form's data is kept); 06 can be printed at any time.
 */
export async function dossierForm(
  db: Queryable,
  actor: Actor,
  id: string,
  formNo: FormNumber,
  baseUrl: string,
  now = new Date(),
): Promise<GeneratedForm & { dossierCode: string }> {
  const d = await readableDossier(db, actor, id);
  return { ...(await formOf(db, actor, d, formNo, baseUrl, now)), dossierCode: d.code };
}

/** Form `formNo` (01–06) of the dossier `d`, which the actor may read. */
async function formOf(
  db: Queryable,
  actor: Actor,
  d: DossierRow,
  formNo: FormNumber,
  baseUrl: string,
  now: Date,
): Promise<GeneratedForm> {
  const [issued] = await db
    .select()
    .from(dossierForms)
    .where(
      and(
        eq(dossierForms.tenantId, d.tenantId),
        eq(dossierForms.dossierId, d.id),
        eq(dossierForms.formNo, formNo),
      ),
    )
    .orderBy(sql`${dossierForms.createdAt} desc`)
    .limit(1);
  if (!issued && formNo !== "06")
    throw notFound({ vi: `Hồ sơ chưa có Mẫu ${formNo}`, en: `No form ${formNo} for this dossier` });
  const ctx = await contextOf(db, d, issued?.createdBy ?? actor.userId, issued?.createdAt ?? now, baseUrl);
  const data = (issued?.data ?? {}) as Record<string, unknown>;
  const leader = { name: ctx.officer.name, position: "THỦ TRƯỞNG CƠ QUAN" };
  switch (formNo) {
    case "01":
      return receiptForm(ctx as FormContextWithDue);
    case "02":
      return supplementRequestForm(ctx, {
        items: (data.items as { requirement: string; reason: string }[]) ?? [],
      });
    case "03":
      return refusalForm(ctx, { reasons: (data.reasons as string[]) ?? [] });
    case "04":
      return apologyForm(
        { ...ctx, dossier: { ...ctx.dossier, dueAt: d.originalDueAt } } as FormContextWithDue,
        { leader, reason: String(data.reason ?? ""), newDueAt: new Date(String(data.newDueAt)) },
      );
    case "05":
      return stopNoticeForm(ctx, { reason: String(data.reason ?? ""), leader });
    case "06":
      return controlSheetForm(ctx, { steps: await controlSheetSteps(db, d, now) });
    default:
      throw notFound();
  }
}

function trackingStatus(d: DossierRow, now: Date): TrackingStatus {
  switch (d.status) {
    case "refused":
    case "stopped":
    case "withdrawn":
      return d.status;
    case "waiting_supplement":
      return "supplement_requested";
    case "returned":
    case "archived":
      if (!d.returnedAt) return d.status === "archived" ? "returned_on_time" : "in_progress";
      return isLate(d, now)
        ? "returned_late"
        : d.completedAt && d.completedAt < d.originalDueAt
          ? "returned_early"
          : "returned_on_time";
    default:
      return isLate(d, now) ? "overdue" : "in_progress";
  }
}

/** Form 07: the tracking book of one reception desk for a period (XLSX). */
export async function deskTrackingBook(
  db: Queryable,
  actor: Actor,
  deskUnitId: string,
  from: string,
  to: string,
  now = new Date(),
) {
  const desk = (await unitSummaries(db, actor.tenantId, [deskUnitId])).get(deskUnitId);
  if (!desk) throw notFound();
  if (!coversPath(actor, "dossier.read", desk.path)) throw forbidden();
  const start = vnStartOfDay(from);
  const end = vnEndOfDayExclusive(to);
  const rows = await db
    .select()
    .from(dossiers)
    .where(
      and(
        eq(dossiers.tenantId, actor.tenantId),
        eq(dossiers.deskUnitId, deskUnitId),
        or(
          and(gte(dossiers.receivedAt, start), lt(dossiers.receivedAt, end)),
          and(gte(dossiers.returnedAt, start), lt(dossiers.returnedAt, end)),
        ),
      ),
    )
    .orderBy(asc(dossiers.receivedAt));
  const agencies = await unitSummaries(
    db,
    actor.tenantId,
    rows.map((r) => r.agencyUnitId),
  );
  const parent = desk.parentId
    ? (await unitSummaries(db, actor.tenantId, [desk.parentId])).get(desk.parentId)
    : undefined;
  const book: TrackingBookRow[] = rows.map((r) => {
    const a = r.applicant as { address?: string | null; phone?: string | null };
    return {
      code: r.code,
      procedureName: r.procedureName,
      applicantName: r.applicantName,
      applicantAddress: a.address ?? null,
      applicantPhone: a.phone ?? null,
      handlingAgency: agencies.get(r.agencyUnitId)?.name ?? null,
      receivedAt: r.receivedAt,
      dueAt: r.status === "refused" ? null : r.dueAt,
      handedToAgencyAt: r.status === "refused" ? null : r.receivedAt,
      resultReceivedAt: r.completedAt,
      returnedAt: r.returnedAt,
      status: trackingStatus(r, now),
      note: r.note,
    };
  });
  return trackingBook({
    agency: { name: parent?.name ?? desk.name, code: parent?.code ?? desk.code },
    desk: desk.name,
    from: start,
    to: new Date(end.getTime() - 1),
    rows: book,
    issuedAt: now,
  });
}
