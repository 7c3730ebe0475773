import { z } from "zod";
import { optionalText, text, ZDate, ZInstant, ZUuid } from "./common";
import { ZDossierActionsSchema } from "./dossier-actions";
import { Role } from "./permissions";

/** Where a dossier stands in its life (Decree 118/2025 one-stop-shop handling). */
export const DossierStatus = z.enum([
  "processing",
  "waiting_supplement",
  "result_ready",
  "returned",
  "archived",
  "refused",
  "stopped",
  "withdrawn",
]);
export type TDossierStatus = z.infer<typeof DossierStatus>;

export const dossierStatusLabels: Record<TDossierStatus, { vi: string; en: string }> = {
  processing: { vi: "Đang giải quyết", en: "In progress" },
  waiting_supplement: { vi: "Chờ bổ sung", en: "Waiting for supplement" },
  result_ready: { vi: "Có kết quả, chờ trả", en: "Result ready" },
  returned: { vi: "Đã trả kết quả", en: "Returned" },
  archived: { vi: "Đã lưu trữ", en: "Archived" },
  refused: { vi: "Từ chối tiếp nhận", en: "Refused" },
  stopped: { vi: "Dừng giải quyết", en: "Handling stopped" },
  withdrawn: { vi: "Công dân rút hồ sơ", en: "Withdrawn" },
};

export const SubmissionMethod = z.enum(["counter", "online", "post"]);
export const ResultDelivery = z.enum(["counter", "post", "online"]);

export const ZApplicantSchema = z.strictObject({
  name: text(200),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{6,20}$/, "Số định danh/CCCD không hợp lệ")
    .nullish(),
  organization: optionalText(300),
  address: optionalText(500),
  phone: optionalText(30),
  email: z.email().max(200).nullish(),
});
export type TApplicant = z.infer<typeof ZApplicantSchema>;

export const ZDossierDocumentInputSchema = z.strictObject({
  name: text(300),
  originals: z.number().int().min(0).max(100),
  copies: z.number().int().min(0).max(100),
  note: optionalText(300),
});

/** Field values of the dossier that gateways branch on (keys declared by the procedure). */
export const ZDossierDataSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,59}$/),
  z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
);

export const ZReceiveDossierSchema = z.strictObject({
  procedureId: ZUuid,
  /** The reception desk (unit) where it is handed in; any desk of the province may receive any dossier. */
  deskUnitId: ZUuid,
  /** The competent agency when several implement the procedure; otherwise derived from the catalogue. */
  agencyUnitId: ZUuid.nullish(),
  method: SubmissionMethod.default("counter"),
  applicant: ZApplicantSchema,
  documents: z.array(ZDossierDocumentInputSchema).max(100),
  data: ZDossierDataSchema.default({}),
  resultDelivery: ResultDelivery.default("counter"),
  note: optionalText(1000),
  /**
   * The same key twice creates one dossier (e.g. a portal's submission id). Keys beginning
   * `eiso-queue-` are eISO's own online queue's (one per submission), not for clients to send.
   */
  idempotencyKey: z
    .string()
    .min(8)
    .max(100)
    .refine(
      (k) => !k.startsWith("eiso-queue-"),
      "Khóa bắt đầu bằng eiso-queue- dành riêng cho hàng đợi trực tuyến",
    )
    .nullish(),
  /** Decision at the desk: accept, or ask for supplement / refuse before accepting (forms 02/03). */
  decision: z.enum(["accept", "request_supplement", "refuse"]).default("accept"),
  reasons: z.array(text(500)).max(30).default([]),
});
export type TReceiveDossier = z.infer<typeof ZReceiveDossierSchema>;

export const ZStepSchema = z.object({
  id: ZUuid,
  dossierId: ZUuid,
  nodeId: z.string(),
  name: z.string(),
  stepKind: z.string(),
  status: z.enum(["active", "completed", "cancelled"]),
  unitId: ZUuid.nullable(),
  unitName: z.string().nullable().optional(),
  role: Role.nullable(),
  assigneeId: ZUuid.nullable(),
  assigneeName: z.string().nullable().optional(),
  startedAt: ZInstant,
  dueAt: ZInstant.nullable(),
  completedAt: ZInstant.nullable(),
  completedByName: z.string().nullable().optional(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  version: z.number().int(),
  late: z.boolean(),
});
export type TStep = z.infer<typeof ZStepSchema>;

export const ZDossierEventSchema = z.object({
  id: ZUuid,
  at: ZInstant,
  kind: z.string(),
  actorName: z.string().nullable(),
  stepId: ZUuid.nullable(),
  comment: z.string().nullable(),
  data: z.unknown(),
});

export const ZDossierSchema = z.object({
  id: ZUuid,
  code: z.string(),
  procedureId: ZUuid,
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyUnitId: ZUuid,
  agencyName: z.string().optional(),
  deskUnitId: ZUuid,
  deskName: z.string().optional(),
  method: SubmissionMethod,
  status: DossierStatus,
  applicant: ZApplicantSchema,
  documents: z.array(ZDossierDocumentInputSchema),
  data: ZDossierDataSchema,
  resultDelivery: ResultDelivery,
  receivedAt: ZInstant,
  dueAt: ZInstant,
  originalDueAt: ZInstant,
  completedAt: ZInstant.nullable(),
  returnedAt: ZInstant.nullable(),
  supplementCount: z.number().int(),
  late: z.boolean(),
  processVersionId: ZUuid.nullable(),
  note: z.string().nullable(),
});
export type TDossier = z.infer<typeof ZDossierSchema>;

export const ZDossierDetailSchema = ZDossierSchema.extend({
  steps: z.array(ZStepSchema),
  events: z.array(ZDossierEventSchema),
  forms: z.array(z.object({ formNo: z.string(), createdAt: ZInstant, id: ZUuid })),
  /** What the signed-in officer may do on it now. */
  actions: ZDossierActionsSchema,
});

export const ZCompleteStepSchema = z.strictObject({
  version: z.number().int(),
  outcome: z.enum(["done", "approve", "send_back"]).default("done"),
  comment: optionalText(2000),
  /** Officer who takes the next step (direct / assign). */
  nextAssigneeId: ZUuid.nullish(),
});

export const ZAssignStepSchema = z.strictObject({
  version: z.number().int(),
  assigneeId: ZUuid,
  comment: optionalText(1000),
});

export const ZSupplementRequestSchema = z.strictObject({
  items: z
    .array(z.strictObject({ requirement: text(500), reason: text(500) }))
    .min(1)
    .max(30),
});
export const ZExtendSchema = z.strictObject({ reason: text(2000), newDueAt: ZInstant });
export const ZStopSchema = z.strictObject({ reason: text(2000) });
export const ZReturnSchema = z.strictObject({ delivery: ResultDelivery, note: optionalText(1000) });

export const ZInboxQuerySchema = z.strictObject({
  scope: z.enum(["mine", "unit", "role"]).default("mine"),
  procedureId: ZUuid.optional(),
  status: DossierStatus.optional(),
  due: z.enum(["soon", "overdue"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZDossierSearchSchema = z.strictObject({
  q: z.string().max(200).optional(),
  code: z.string().max(60).optional(),
  idNumber: z.string().max(20).optional(),
  procedureId: ZUuid.optional(),
  unitId: ZUuid.optional(),
  status: DossierStatus.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** How the rows of the statistics break down the unit's dossiers: by direct sub-unit, field or procedure. */
export const StatsGroupBy = z.enum(["unit", "field", "procedure"]);
export type TStatsGroupBy = z.infer<typeof StatsGroupBy>;

export const ZStatsQuerySchema = z.strictObject({
  unitId: ZUuid.optional(),
  from: ZDate,
  to: ZDate,
  groupBy: StatsGroupBy.default("unit"),
});

/** Id of the row of dossiers that have no field (received before fields were recorded). */
export const NO_FIELD_ID = "00000000-0000-0000-0000-000000000000";

/** The counts of the periodic one-stop-shop report, in the order of the official table. */
export const STATS_COUNT_KEYS = [
  "receivedNew",
  "carriedOver",
  "resolvedOnTime",
  "resolvedLate",
  "inProgressOnTime",
  "inProgressOverdue",
  "supplementRequested",
  "refused",
  "stopped",
  "withdrawn",
] as const;
export type TStatsCountKey = (typeof STATS_COUNT_KEYS)[number];

export const ZStatsRowSchema = z.object({
  /** The sub-unit, field or procedure the row counts (the unit itself for the total and own rows). */
  unitId: ZUuid,
  unitName: z.string(),
  ...(Object.fromEntries(STATS_COUNT_KEYS.map((k) => [k, z.number().int()])) as Record<
    TStatsCountKey,
    z.ZodNumber
  >),
  onTimeRate: z.number().nullable(),
});
export type TStatsRow = z.infer<typeof ZStatsRowSchema>;

/** The unit's whole subtree (total), the dossiers its own agency handles (own), and one row per group. */
export const ZStatisticsSchema = z.object({
  total: ZStatsRowSchema.nullable(),
  own: ZStatsRowSchema.nullable(),
  rows: z.array(ZStatsRowSchema),
});
export type TStatistics = z.infer<typeof ZStatisticsSchema>;

// ---- Documents attached to a dossier (scans, working papers, the result) -------------------------

/**
 * `submitted`: the applicant's papers scanned at the desk; `result`: the result document (draft,
 * signed, as returned); `working`: papers attached while processing a step (appraisal sheet, memo).
 */
export const DossierDocumentKind = z.enum(["submitted", "working", "result"]);
export type TDossierDocumentKind = z.infer<typeof DossierDocumentKind>;
export const dossierDocumentKindLabels: Record<TDossierDocumentKind, { vi: string; en: string }> = {
  submitted: { vi: "Giấy tờ công dân nộp (bản quét)", en: "Applicant's papers (scanned)" },
  working: { vi: "Tài liệu xử lý", en: "Working documents" },
  result: { vi: "Kết quả giải quyết", en: "Result documents" },
};

/** One stored version of a document attached to a dossier; a newer upload supersedes it, nothing is deleted. */
export const ZDossierDocumentSchema = z.object({
  id: ZUuid,
  dossierId: ZUuid,
  stepId: ZUuid.nullable(),
  stepName: z.string().nullable(),
  kind: DossierDocumentKind,
  label: z.string(),
  fileId: ZUuid,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedByName: z.string().nullable(),
  uploadedAt: ZInstant,
  /** Set when a newer version replaced this one. */
  supersededAt: ZInstant.nullable(),
  supersededById: ZUuid.nullable(),
  /** Set when the result was returned online: the applicant may download it. */
  releasedAt: ZInstant.nullable(),
});
export type TDossierDocument = z.infer<typeof ZDossierDocumentSchema>;

/** Documents an active step needs before it completes, each with whether it is attached. */
export const ZStepDocumentRequirementSchema = z.object({
  stepId: ZUuid,
  stepName: z.string(),
  documents: z.array(z.object({ label: z.string(), attached: z.boolean() })),
});
export type TStepDocumentRequirement = z.infer<typeof ZStepDocumentRequirementSchema>;

export const ZDossierDocumentListSchema = z.object({
  items: z.array(ZDossierDocumentSchema),
  requirements: z.array(ZStepDocumentRequirementSchema),
  /** What the signed-in officer may upload now: kinds, and the active steps they hold (for `working`). */
  upload: z.object({
    kinds: z.array(DossierDocumentKind),
    steps: z.array(z.object({ id: ZUuid, name: z.string() })),
    maxBytes: z.number().int(),
  }),
});
export type TDossierDocumentList = z.infer<typeof ZDossierDocumentListSchema>;

/** Upload parameters (the file itself is the multipart body's `file` part). */
export const ZDossierDocumentUploadQuerySchema = z.strictObject({
  kind: DossierDocumentKind,
  label: text(200),
  /** The step the document belongs to: required for `working`, optional for `result`. */
  stepId: ZUuid.optional(),
  /** A document of this dossier that the upload replaces as its new version. */
  replaces: ZUuid.optional(),
});
export type TDossierDocumentUploadQuery = z.infer<typeof ZDossierDocumentUploadQuerySchema>;
