import { z } from "zod";
import { ZProcedureSchema } from "./catalogue";
import { optionalText, ZInstant, ZPageQuerySchema, ZUuid } from "./common";
import {
  DossierStatus,
  ResultDelivery,
  ZApplicantSchema,
  ZDossierDataSchema,
  ZDossierDocumentInputSchema,
  ZDossierSchema,
  ZReceiveDossierSchema,
} from "./dossiers";

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
  /**
   * The appointment; null when refused, while the desk waits for missing papers (none yet), and
   * once handling stopped or the applicant withdrew (none any more), archived or not.
   */
  dueAt: ZInstant.nullable(),
  completedAt: ZInstant.nullable(),
  returnedAt: ZInstant.nullable(),
  /**
   * How and when it ended without a result: refused at the desk (form 03), handling stopped
   * (form 05) or withdrawn by the applicant, also once archived; null otherwise.
   */
  closed: z.object({ as: z.enum(["refused", "stopped", "withdrawn"]), at: ZInstant }).nullable(),
  late: z.boolean(),
});
export type TPublicDossierStatus = z.infer<typeof ZPublicDossierStatusSchema>;

// ---- Online submission (nộp hồ sơ trực tuyến) and the desk's online queue ----------------------

/** Where an online submission stands: waiting at the desk, or what the desk decided. */
export const OnlineSubmissionStatus = z.enum([
  "pending",
  "accepted",
  "supplement_requested",
  "refused",
  "cancelled",
]);
export type TOnlineSubmissionStatus = z.infer<typeof OnlineSubmissionStatus>;

export const onlineSubmissionStatusLabels: Record<TOnlineSubmissionStatus, { vi: string; en: string }> = {
  pending: { vi: "Chờ tiếp nhận", en: "Waiting for the desk" },
  accepted: { vi: "Đã tiếp nhận", en: "Accepted" },
  supplement_requested: { vi: "Yêu cầu bổ sung, hoàn thiện", en: "Asked to complete" },
  refused: { vi: "Từ chối tiếp nhận", en: "Refused" },
  cancelled: { vi: "Đã hủy", en: "Cancelled" },
};

/** A file the applicant uploaded on the portal (a scanned paper), before or after submitting. */
export const ZPortalFileSchema = z.object({
  id: ZUuid,
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});
export type TPortalFile = z.infer<typeof ZPortalFileSchema>;

/** A paper of an online submission, with the scans the applicant attached to it (uploaded first). */
export const ZOnlineDocumentInputSchema = ZDossierDocumentInputSchema.extend({
  fileIds: z.array(ZUuid).max(10).default([]),
});

/** What a citizen or business sends from the portal; the desk decides on it (accept / complete / refuse). */
export const ZSubmitOnlineSchema = z.strictObject({
  procedureId: ZUuid,
  /** The competent agency, when several implement the procedure. */
  agencyUnitId: ZUuid.nullish(),
  applicant: ZApplicantSchema,
  documents: z.array(ZOnlineDocumentInputSchema).max(100),
  data: ZDossierDataSchema.default({}),
  resultDelivery: ResultDelivery.default("online"),
  note: optionalText(1000),
  /** Chosen by the browser once per form: sending the same form twice submits once. */
  clientKey: z.string().min(8).max(100),
});
export type TSubmitOnline = z.infer<typeof ZSubmitOnlineSchema>;
/** What the browser sends (defaults not applied yet). */
export type TSubmitOnlineInput = z.input<typeof ZSubmitOnlineSchema>;

/** A result document released to the applicant when the dossier was returned online. */
export const ZReleasedResultSchema = z.object({
  id: ZUuid,
  label: z.string(),
  fileName: z.string(),
  releasedAt: ZInstant,
});

export const ZOnlineSubmissionSchema = z.object({
  id: ZUuid,
  procedureId: ZUuid,
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyUnitId: ZUuid,
  agencyName: z.string(),
  deskUnitId: ZUuid,
  deskName: z.string(),
  applicant: ZApplicantSchema,
  documents: z.array(ZDossierDocumentInputSchema.extend({ files: z.array(ZPortalFileSchema) })),
  data: ZDossierDataSchema,
  resultDelivery: ResultDelivery,
  note: z.string().nullable(),
  status: OnlineSubmissionStatus,
  submittedAt: ZInstant,
  submittedByName: z.string(),
  decidedAt: ZInstant.nullable(),
  decidedByName: z.string().nullable(),
  /** The desk's reasons (supplement or refusal). */
  reasons: z.array(z.string()),
  /** The dossier the desk created from it (accepted, asked to complete, or refused: each has a code). */
  dossierId: ZUuid.nullable(),
  dossierCode: z.string().nullable(),
  /** That dossier's status now (the citizen follows it here). */
  dossierStatus: DossierStatus.nullable(),
  /** Results returned online: the applicant downloads them here. */
  results: z.array(ZReleasedResultSchema),
  /** While the dossier waits for a supplement: what was asked (form 02) and when. */
  supplementRequest: z.object({ items: z.array(z.string()), at: ZInstant }).nullable(),
  /** A supplement sent online and not yet received by the desk. */
  supplementSentAt: ZInstant.nullable(),
});
export type TOnlineSubmission = z.infer<typeof ZOnlineSubmissionSchema>;

export const ZOnlineSubmissionPageSchema = z.object({
  items: z.array(ZOnlineSubmissionSchema),
  total: z.number().int(),
});

export const ZSubmissionResultParamsSchema = z.strictObject({ id: ZUuid, docId: ZUuid });

export const ZSubmissionFileParamsSchema = z.strictObject({ id: ZUuid, fileId: ZUuid });

export const ZOnlineQueueQuerySchema = ZPageQuerySchema.extend({
  /** Only submissions waiting at this desk (and the desks under it). */
  deskUnitId: ZUuid.optional(),
  /** Applicant, ID number or procedure, without accents. */
  q: z.string().trim().max(200).optional(),
});
export type TOnlineQueueQuery = z.infer<typeof ZOnlineQueueQuerySchema>;

/**
 * The desk's decision on an online submission. The applicant, papers, data and delivery are the
 * submission's unless the clerk sends corrected ones (no defaults here: absent means "as submitted").
 */
export const ZReceiveOnlineSchema = z.strictObject({
  applicant: ZApplicantSchema.optional(),
  documents: ZReceiveDossierSchema.shape.documents.optional(),
  data: ZDossierDataSchema.optional(),
  resultDelivery: ResultDelivery.optional(),
  note: optionalText(1000),
  decision: ZReceiveDossierSchema.shape.decision,
  reasons: ZReceiveDossierSchema.shape.reasons,
});
export type TReceiveOnline = z.infer<typeof ZReceiveOnlineSchema>;

export const ZReceiveOnlineResultSchema = z.object({
  submission: ZOnlineSubmissionSchema,
  dossier: ZDossierSchema,
});

/** A procedure as the portal shows it to someone about to submit online. */
export const ZPortalProcedureSchema = ZProcedureSchema.pick({
  id: true,
  code: true,
  name: true,
  fieldName: true,
  level: true,
  methods: true,
  documents: true,
  processingTime: true,
  fees: true,
  feeNote: true,
  resultDocument: true,
  conditions: true,
  onlineLevel: true,
  dossierFields: true,
}).extend({
  /** Agencies that handle it (a published process), each with the desk that receives its online dossiers. */
  agencies: z.array(
    z.object({ unitId: ZUuid, unitName: z.string(), deskUnitId: ZUuid, deskName: z.string() }),
  ),
  /** Can be submitted online now (offered online, active, with a published process). */
  online: z.boolean(),
});
export type TPortalProcedure = z.infer<typeof ZPortalProcedureSchema>;

/** Papers sent online for a dossier of the account that waits for a supplement. */
export const ZSupplementOnlineSchema = z.strictObject({
  note: optionalText(1000),
  documents: z.array(ZOnlineDocumentInputSchema).min(1).max(50),
});
export type TSupplementOnline = z.infer<typeof ZSupplementOnlineSchema>;
export type TSupplementOnlineInput = z.input<typeof ZSupplementOnlineSchema>;

/** A supplement waiting in the desk's online queue. */
export const ZOnlineSupplementSchema = z.object({
  id: ZUuid,
  submissionId: ZUuid,
  dossierId: ZUuid,
  dossierCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  /** Asked at the desk before acceptance, or during handling (the clock is stopped). */
  stage: z.enum(["reception", "handling"]),
  requested: z.array(z.string()),
  note: z.string().nullable(),
  documents: z.array(ZDossierDocumentInputSchema.extend({ files: z.array(ZPortalFileSchema) })),
  submittedAt: ZInstant,
});
export type TOnlineSupplement = z.infer<typeof ZOnlineSupplementSchema>;

export const ZOnlineSupplementPageSchema = z.object({
  items: z.array(ZOnlineSupplementSchema),
  total: z.number().int(),
});
