import type { TDossierStatus, TPublicDossierStatus } from "@eiso/contracts";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client";
import { notFound } from "../../platform/errors";
import { tenants, units } from "../org/tables";
import { isLate, waitingAtDesk } from "./store";
import { dossierEvents, dossiers } from "./tables";

/** The statuses a dossier ends with when it has no result; each has its event of the same kind. */
const CLOSED_WITHOUT_RESULT = ["refused", "stopped", "withdrawn"] as const;
type ClosedAs = (typeof CLOSED_WITHOUT_RESULT)[number];
const closedWithoutResult = (status: string): status is ClosedAs =>
  (CLOSED_WITHOUT_RESULT as readonly string[]).includes(status);

/**
 * A code as the applicant types or scans it: trimmed, in capitals. Codes are made in capitals (the
 * agency's electronic identifier, `ZUnitCode`, the date and the number), so "000.10.11.h29-…"
 * finds "000.10.11.H29-…" through the unique index on the code.
 */
export function normalisedDossierCode(code: string): string {
  return code.trim().toUpperCase();
}

/** "Nguyễn Văn An" → "Nguyễn V. A.": enough for the applicant to recognise, not to identify anyone. */
export function maskedName(name: string): string {
  const [first = "", ...rest] = name.trim().split(/\s+/);
  return [first, ...rest.map((w) => `${w.charAt(0).toLocaleUpperCase("vi")}.`)].join(" ");
}

/**
 * A dossier's progress by its code, for anyone who holds the code (the tracking page the forms' QR
 * code opens; no session). Codes start with the receiving agency's electronic identifier, which
 * names the province, so they do not collide across tenants; a code found in two tenants is
 * answered as not found rather than guessed.
 */
export async function publicDossierStatus(db: Queryable, code: string): Promise<TPublicDossierStatus> {
  const rows = await db
    .select({
      tenantId: dossiers.tenantId,
      id: dossiers.id,
      code: dossiers.code,
      procedureCode: dossiers.procedureCode,
      procedureName: dossiers.procedureName,
      agencyName: units.name,
      applicantName: dossiers.applicantName,
      status: dossiers.status,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      originalDueAt: dossiers.originalDueAt,
      completedAt: dossiers.completedAt,
      returnedAt: dossiers.returnedAt,
      pausedSince: dossiers.pausedSince,
      closedAt: dossiers.closedAt,
    })
    .from(tenants)
    .innerJoin(
      dossiers,
      and(eq(dossiers.tenantId, tenants.id), eq(dossiers.code, normalisedDossierCode(code))),
    )
    .innerJoin(units, and(eq(units.tenantId, dossiers.tenantId), eq(units.id, dossiers.agencyUnitId)))
    .limit(2);
  const d = rows.length === 1 ? rows[0]! : null;
  if (!d) {
    throw notFound({
      vi: "Không tìm thấy hồ sơ có mã này. Hãy kiểm tra lại mã trên Giấy tiếp nhận hồ sơ.",
      en: "No dossier has this code. Check the code on the receipt.",
    });
  }
  const closed = await howClosed(db, d);
  // Refused, or asked at the desk to complete its papers: not received (yet), so no appointment;
  // stopped or withdrawn: none any more.
  const noAppointment = closed !== null || closedWithoutResult(d.status) || waitingAtDesk(d);
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    agencyName: d.agencyName,
    applicantName: maskedName(d.applicantName),
    status: d.status as TDossierStatus,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: noAppointment ? null : d.dueAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
    returnedAt: d.returnedAt?.toISOString() ?? null,
    closed,
    late: !noAppointment && isLate(d),
  };
}

/**
 * Refused, stopped or withdrawn, and when (`closed_at`); an archived dossier keeps the status it was
 * archived from only in its events, read when it was archived without having been returned (archiving
 * takes closed dossiers only, so that is one of the three).
 */
async function howClosed(
  db: Queryable,
  d: { tenantId: string; id: string; status: string; returnedAt: Date | null; closedAt: Date | null },
): Promise<TPublicDossierStatus["closed"]> {
  if (!d.closedAt) return null;
  if (closedWithoutResult(d.status)) return { as: d.status, at: d.closedAt.toISOString() };
  if (d.status !== "archived" || d.returnedAt) return null;
  const [event] = await db
    .select({ kind: dossierEvents.kind })
    .from(dossierEvents)
    .where(
      and(
        eq(dossierEvents.tenantId, d.tenantId),
        eq(dossierEvents.dossierId, d.id),
        inArray(dossierEvents.kind, [...CLOSED_WITHOUT_RESULT]),
      ),
    )
    .limit(1);
  return event && closedWithoutResult(event.kind) ? { as: event.kind, at: d.closedAt.toISOString() } : null;
}
