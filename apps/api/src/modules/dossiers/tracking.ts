import type { TDossierStatus, TPublicDossierStatus } from "@eiso/contracts";
import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client";
import { notFound } from "../../platform/errors";
import { tenants, units } from "../org/tables";
import { isLate, waitingAtDesk } from "./store";
import { dossiers } from "./tables";

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
    })
    .from(tenants)
    .innerJoin(dossiers, and(eq(dossiers.tenantId, tenants.id), eq(dossiers.code, code)))
    .innerJoin(units, and(eq(units.tenantId, dossiers.tenantId), eq(units.id, dossiers.agencyUnitId)))
    .limit(2);
  const d = rows.length === 1 ? rows[0]! : null;
  if (!d) {
    throw notFound({
      vi: "Không tìm thấy hồ sơ có mã này. Hãy kiểm tra lại mã trên Giấy tiếp nhận hồ sơ.",
      en: "No dossier has this code. Check the code on the receipt.",
    });
  }
  // Refused, or asked at the desk to complete its papers: not received (yet), so no appointment.
  const atDeskOnly = d.status === "refused" || waitingAtDesk(d);
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    agencyName: d.agencyName,
    applicantName: maskedName(d.applicantName),
    status: d.status as TDossierStatus,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: atDeskOnly ? null : d.dueAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
    returnedAt: d.returnedAt?.toISOString() ?? null,
    late: !atDeskOnly && isLate(d),
  };
}
