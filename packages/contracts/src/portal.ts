import { z } from "zod";
import { ZInstant } from "./common";
import { DossierStatus } from "./dossiers";

/** A dossier code as printed on the receipt (form 01) and in its QR code. */
export const ZDossierCodeParamsSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(6)
    .max(60)
    .regex(/^[0-9A-Za-z.-]+$/, "Mã hồ sơ chỉ gồm chữ, số, dấu chấm và gạch ngang"),
});

/**
 * What anyone holding a dossier's code may read of it (the QR code of forms 01, 03, 04, 05): its
 * progress, never the applicant's papers, number or address; the name only with initials.
 */
export const ZPublicDossierStatusSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  applicantName: z.string(),
  status: DossierStatus,
  /** Handed in (received once accepted). */
  receivedAt: ZInstant,
  /** The appointment; null when refused, or while the desk waits for missing papers (none yet). */
  dueAt: ZInstant.nullable(),
  completedAt: ZInstant.nullable(),
  returnedAt: ZInstant.nullable(),
  late: z.boolean(),
});
export type TPublicDossierStatus = z.infer<typeof ZPublicDossierStatusSchema>;
