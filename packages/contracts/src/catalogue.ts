import { z } from "zod";
import type { TCondition } from "./catalogue-condition";
import { optionalText, text, ZDate, ZInstant, ZUuid } from "./common";
import { ZImportRowErrorSchema } from "./org";
import { Role } from "./permissions";

export * from "./catalogue-condition";
export * from "./catalogue-graph";
export * from "./catalogue-moddle";

// ---- Fields (lĩnh vực) ------------------------------------------------------------------------

export const ZFieldCode = z
  .string()
  .trim()
  .regex(
    /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/,
    "Mã lĩnh vực chỉ gồm chữ, số, dấu chấm, gạch (tối đa 40 ký tự)",
  );

export const FieldStatus = z.enum(["active", "inactive"]);

export const ZFieldSchema = z.object({
  id: ZUuid,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  ownerUnitId: ZUuid,
  status: FieldStatus,
  procedureCount: z.number().int(),
});
export type TField = z.infer<typeof ZFieldSchema>;

export const ZCreateFieldSchema = z.strictObject({
  code: ZFieldCode,
  name: text(300),
  description: optionalText(2000),
  /** The unit that maintains the entry; the tenant's root when absent (a province-wide field). */
  ownerUnitId: ZUuid.nullish(),
});
export const ZUpdateFieldSchema = z.strictObject({
  code: ZFieldCode.optional(),
  name: text(300).optional(),
  description: optionalText(2000),
  status: FieldStatus.optional(),
});

// ---- Procedures (thủ tục hành chính) ------------------------------------------------------------

export const ProcedureLevel = z.enum(["province", "district", "commune"]);
export type TProcedureLevel = z.infer<typeof ProcedureLevel>;
export const ProcedureMethod = z.enum(["counter", "online", "post"]);
export const OnlineLevel = z.enum(["full", "partial", "none"]);
export const ProcedureStatus = z.enum(["active", "suspended", "abolished"]);
export const DossierFieldType = z.enum(["text", "number", "date", "boolean", "select"]);

export const procedureLevelLabels: Record<TProcedureLevel, { vi: string; en: string }> = {
  province: { vi: "Cấp tỉnh", en: "Province" },
  district: { vi: "Cấp huyện", en: "District" },
  commune: { vi: "Cấp xã", en: "Commune" },
};
export const procedureMethodLabels: Record<z.infer<typeof ProcedureMethod>, { vi: string; en: string }> = {
  counter: { vi: "Trực tiếp", en: "At the counter" },
  online: { vi: "Trực tuyến", en: "Online" },
  post: { vi: "Dịch vụ bưu chính", en: "By post" },
};
export const onlineLevelLabels: Record<z.infer<typeof OnlineLevel>, { vi: string; en: string }> = {
  full: { vi: "Toàn trình", en: "Full" },
  partial: { vi: "Một phần", en: "Partial" },
  none: { vi: "Không", en: "None" },
};
export const procedureStatusLabels: Record<z.infer<typeof ProcedureStatus>, { vi: string; en: string }> = {
  active: { vi: "Đang áp dụng", en: "Active" },
  suspended: { vi: "Tạm ngưng", en: "Suspended" },
  abolished: { vi: "Đã bãi bỏ", en: "Abolished" },
};

/** National procedure code (e.g. 1.001612) or a local code. */
export const ZProcedureCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, "Mã thủ tục không đúng định dạng (ví dụ 1.001612)");

export const ZRequiredDocumentSchema = z.strictObject({
  name: text(1000),
  originals: z.number().int().min(0).max(50).default(1),
  copies: z.number().int().min(0).max(50).default(0),
  /**
   * false for a paper handed in "if any" or only in some cases ("… (nếu có)", "… (nếu ủy quyền)"):
   * listed, checked and counted when the applicant has it, never missing from a dossier without it.
   */
  required: z.boolean().default(true),
  /** Name and address of the form template (mẫu đơn, tờ khai) when the document has one. */
  templateName: optionalText(300),
  templateUrl: z.url().max(1000).nullish(),
  note: optionalText(1000),
});
export type TRequiredDocument = z.infer<typeof ZRequiredDocumentSchema>;
/** A paper as written in a request or a fixture (counts and `required` may be left to their defaults). */
export type TRequiredDocumentInput = z.input<typeof ZRequiredDocumentSchema>;

/**
 * A paper the catalogue lists only "if any" or for some cases: "Văn bản thỏa thuận … (nếu có)",
 * "Văn bản ủy quyền (nếu ủy quyền đăng ký)" — a parenthesis opening with "nếu" (if).
 */
export function ifAnyPaper(name: string): boolean {
  return /\(\s*nếu[\s)]/iu.test(name.normalize("NFC"));
}

export const ZFeeSchema = z.strictObject({
  name: text(300),
  /** VND, integer. */
  amountVnd: z.number().int().min(0).max(100_000_000_000),
  note: optionalText(500),
});
export type TFee = z.infer<typeof ZFeeSchema>;

/** The data a dossier of the procedure carries; gateway conditions may only read these. */
export const ZDossierFieldSchema = z
  .strictObject({
    key: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,59}$/, "Mã trường: chữ không dấu, số, gạch dưới; bắt đầu bằng chữ"),
    label: text(200),
    type: DossierFieldType,
    options: z.array(text(200)).max(100).nullish(),
    required: z.boolean().default(false),
  })
  .refine((f) => f.type !== "select" || (f.options?.length ?? 0) > 0, {
    message: "Trường kiểu danh sách chọn cần ít nhất một lựa chọn",
    path: ["options"],
  });
export type TDossierField = z.infer<typeof ZDossierFieldSchema>;

export const ZProcessingTimeSchema = z.strictObject({
  amount: z.number().positive().max(10_000),
  unit: z.enum(["days", "hours"]),
});
export type TProcessingTime = z.infer<typeof ZProcessingTimeSchema>;

/** Working hours per working day used to compare allotments (hours) with legal times (days). */
export const WORKING_HOURS_PER_DAY = 8;

/** Legal processing time in working hours. */
export function legalHoursOf(t: TProcessingTime | null | undefined): number | null {
  if (!t) return null;
  return t.unit === "hours" ? t.amount : t.amount * WORKING_HOURS_PER_DAY;
}

const uniqueKeys = (fields: { key: string }[]) => new Set(fields.map((f) => f.key)).size === fields.length;

export const ZProcedureInputSchema = z.strictObject({
  code: ZProcedureCode,
  name: text(1000),
  fieldId: ZUuid,
  level: ProcedureLevel,
  implementingAgencies: optionalText(2000),
  methods: z.array(ProcedureMethod).max(3).default(["counter"]),
  documents: z.array(ZRequiredDocumentSchema).max(100).default([]),
  processingTime: ZProcessingTimeSchema.nullish(),
  fees: z.array(ZFeeSchema).max(20).default([]),
  feeNote: optionalText(2000),
  resultDocument: optionalText(2000),
  legalBasis: optionalText(10_000),
  conditions: optionalText(10_000),
  description: optionalText(20_000),
  onlineLevel: OnlineLevel.default("none"),
  status: ProcedureStatus.default("active"),
  abolishedOn: ZDate.nullish(),
  dossierFields: z
    .array(ZDossierFieldSchema)
    .max(100)
    .default([])
    .refine(uniqueKeys, "Mã trường dữ liệu bị trùng"),
  ownerUnitId: ZUuid.nullish(),
});
export type TProcedureInput = z.infer<typeof ZProcedureInputSchema>;

export const ZUpdateProcedureSchema = ZProcedureInputSchema.omit({ ownerUnitId: true })
  .partial()
  .extend({
    dossierFields: z
      .array(ZDossierFieldSchema)
      .max(100)
      .refine(uniqueKeys, "Mã trường dữ liệu bị trùng")
      .optional(),
  });
export type TUpdateProcedure = z.infer<typeof ZUpdateProcedureSchema>;

export const ZProcedureSchema = z.object({
  id: ZUuid,
  code: z.string(),
  name: z.string(),
  fieldId: ZUuid,
  fieldCode: z.string(),
  fieldName: z.string(),
  level: ProcedureLevel,
  implementingAgencies: z.string().nullable(),
  methods: z.array(ProcedureMethod),
  documents: z.array(ZRequiredDocumentSchema),
  processingTime: ZProcessingTimeSchema.nullable(),
  legalHours: z.number().nullable(),
  fees: z.array(ZFeeSchema),
  feeNote: z.string().nullable(),
  resultDocument: z.string().nullable(),
  legalBasis: z.string().nullable(),
  conditions: z.string().nullable(),
  description: z.string().nullable(),
  onlineLevel: OnlineLevel,
  status: ProcedureStatus,
  abolishedOn: ZDate.nullable(),
  dossierFields: z.array(ZDossierFieldSchema),
  ownerUnitId: ZUuid,
  updatedAt: ZInstant,
});
export type TProcedure = z.infer<typeof ZProcedureSchema>;

export const ZProcedureListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  fieldId: ZUuid.optional(),
  level: ProcedureLevel.optional(),
  status: ProcedureStatus.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type TProcedureListQuery = z.infer<typeof ZProcedureListQuerySchema>;

export const ZProcedureSummarySchema = ZProcedureSchema.pick({
  id: true,
  code: true,
  name: true,
  fieldId: true,
  fieldName: true,
  level: true,
  processingTime: true,
  legalHours: true,
  onlineLevel: true,
  status: true,
  ownerUnitId: true,
  fees: true,
});
export type TProcedureSummary = z.infer<typeof ZProcedureSummarySchema>;

export const ZProcedurePageSchema = z.object({
  items: z.array(ZProcedureSummarySchema),
  total: z.number().int(),
});

export const ZProcedureImportPreviewSchema = z.object({
  rows: z.array(
    z.object({
      row: z.number().int(),
      code: z.string(),
      name: z.string(),
      action: z.enum(["create", "update"]),
    }),
  ),
  errors: z.array(ZImportRowErrorSchema),
  applied: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
});
export type TProcedureImportPreview = z.infer<typeof ZProcedureImportPreviewSchema>;

export const ZProcedureImportQuerySchema = z.strictObject({
  mode: z.enum(["preview", "apply"]).default("preview"),
  ownerUnitId: ZUuid.optional(),
});

// ---- Responsibility assignment (phân quyền phụ trách) --------------------------------------------

export const AssignmentSubject = z.enum(["field", "procedure"]);

export const ZAssignmentSchema = z.object({
  id: ZUuid,
  agencyUnitId: ZUuid,
  subjectType: AssignmentSubject,
  subjectId: ZUuid,
  subjectCode: z.string(),
  subjectName: z.string(),
  assigneeUnitId: ZUuid.nullable(),
  assigneeUnitName: z.string().nullable(),
  assigneeUserId: ZUuid.nullable(),
  assigneeUserName: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: ZInstant,
});
export type TAssignment = z.infer<typeof ZAssignmentSchema>;

export const ZCreateAssignmentSchema = z
  .strictObject({
    agencyUnitId: ZUuid,
    subjectType: AssignmentSubject,
    subjectId: ZUuid,
    assigneeUnitId: ZUuid.nullish(),
    assigneeUserId: ZUuid.nullish(),
    note: optionalText(500),
  })
  .refine((a) => !!a.assigneeUnitId || !!a.assigneeUserId, {
    message: "Chọn đơn vị hoặc cán bộ phụ trách",
    path: ["assigneeUnitId"],
  });
export type TCreateAssignment = z.infer<typeof ZCreateAssignmentSchema>;

export const ZAssignmentQuerySchema = z.strictObject({ agencyUnitId: ZUuid });

// ---- Process definitions and versions ------------------------------------------------------------

export const StepKind = z.enum(["receive", "assign", "process", "review", "approve", "sign", "return"]);
export type TStepKind = z.infer<typeof StepKind>;
export const stepKindLabels: Record<TStepKind, { vi: string; en: string }> = {
  receive: { vi: "Tiếp nhận", en: "Receive" },
  assign: { vi: "Phân công", en: "Assign" },
  process: { vi: "Xử lý, thẩm định", en: "Process" },
  review: { vi: "Xem xét", en: "Review" },
  approve: { vi: "Phê duyệt", en: "Approve" },
  sign: { vi: "Ký, ban hành", en: "Sign" },
  return: { vi: "Trả kết quả", en: "Return result" },
};

/** Separator of the labels in `eiso:requiredDocuments` ("Dự thảo kết quả;Phiếu thẩm định"). */
export const REQUIRED_DOCUMENTS_SEPARATOR = ";";
/** Most labels a step may require, and the longest label. */
export const REQUIRED_DOCUMENTS_MAX = 20;
export const DOCUMENT_LABEL_MAX = 200;

/**
 * The labels of an `eiso:requiredDocuments` value: split on ";" (or new lines), trimmed, Unicode
 * normalised (NFC, so labels typed on different keyboards compare equal), empties and repeats dropped.
 */
export function requiredDocumentList(value: string | null | undefined): string[] {
  if (!value) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of value.split(/[;\n]/)) {
    const label = raw.normalize("NFC").replace(/\s+/g, " ").trim();
    if (!label || seen.has(documentLabelKey(label))) continue;
    seen.add(documentLabelKey(label));
    out.push(label);
  }
  return out;
}

/** How two document labels are compared: NFC, spaces collapsed, case-insensitive (accents count). */
export function documentLabelKey(label: string): string {
  return label.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi");
}

/** Labels offered in the designer for a step's required documents: what agencies usually attach. */
export const commonRequiredDocuments: { vi: string; en: string }[] = [
  { vi: "Dự thảo kết quả", en: "Draft result" },
  { vi: "Phiếu thẩm định", en: "Appraisal sheet" },
  { vi: "Tờ trình", en: "Submission memo" },
  { vi: "Kết quả đã ký", en: "Signed result" },
  { vi: "Biên bản kiểm tra thực địa", en: "Site inspection record" },
];

/** Units named relative to the agency that receives the dossier. */
export const RelativeUnit = z.enum(["agency", "field_division", "reception_desk"]);
export type TRelativeUnit = z.infer<typeof RelativeUnit>;
export const relativeUnitLabels: Record<TRelativeUnit, { vi: string; en: string }> = {
  agency: { vi: "Cơ quan tiếp nhận (lãnh đạo cơ quan)", en: "The receiving agency (its leadership)" },
  field_division: {
    vi: "Phòng chuyên môn phụ trách lĩnh vực",
    en: "The division in charge of the procedure's field",
  },
  reception_desk: { vi: "Bộ phận Tiếp nhận và Trả kết quả", en: "The reception desk" },
};

/** The acting unit of a step as the engine reads it. */
export const ZActingUnitSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unit"), unitId: ZUuid }),
  z.object({ kind: z.literal("relative"), relation: RelativeUnit }),
]);
export type TActingUnit = z.infer<typeof ZActingUnitSchema>;

const nodeBase = { id: z.string(), name: z.string() };
export const ZCompiledNodeSchema = z.discriminatedUnion("type", [
  z.object({ ...nodeBase, type: z.literal("start") }),
  z.object({ ...nodeBase, type: z.literal("end") }),
  z.object({
    ...nodeBase,
    type: z.literal("userTask"),
    stepKind: StepKind,
    unit: ZActingUnitSchema,
    role: Role,
    /** Allotment in working hours. */
    hours: z.number().positive(),
    /** Labels of documents that must be attached before the step completes; absent when none. */
    requiredDocuments: z.array(z.string()).optional(),
  }),
  z.object({ ...nodeBase, type: z.literal("exclusiveGateway"), defaultFlowId: z.string().nullable() }),
  z.object({ ...nodeBase, type: z.literal("parallelGateway") }),
  z.object({
    ...nodeBase,
    type: z.literal("timer"),
    attachedTo: z.string(),
    hours: z.number().positive(),
    interrupting: z.boolean(),
  }),
]);
export type TCompiledNode = z.infer<typeof ZCompiledNodeSchema>;

export const ZCompiledEdgeSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  target: z.string(),
  /** Parsed condition tree (see catalogue-condition.ts); null when unconditional. */
  condition: z.custom<TCondition>().nullable(),
  conditionText: z.string().nullable(),
  isDefault: z.boolean(),
});
export type TCompiledEdge = z.infer<typeof ZCompiledEdgeSchema>;

/**
 * What the dossier engine runs: the validated process as a plain graph, stored beside the XML on
 * publish so that nothing parses XML at run time.
 */
export const ZCompiledProcessSchema = z.object({
  schemaVersion: z.literal(1),
  startId: z.string(),
  nodes: z.array(ZCompiledNodeSchema),
  edges: z.array(ZCompiledEdgeSchema),
  /** Longest path from start to an end, in working hours (loops and timer branches excluded). */
  totalHours: z.number(),
  /** Dossier fields read by conditions. */
  fields: z.array(z.string()),
});
export type TCompiledProcess = z.infer<typeof ZCompiledProcessSchema>;

export const ProcessKind = z.enum(["agency", "template"]);
export const VersionStatus = z.enum(["draft", "submitted", "approved", "published", "superseded"]);
export type TVersionStatus = z.infer<typeof VersionStatus>;
export const versionStatusLabels: Record<TVersionStatus, { vi: string; en: string }> = {
  draft: { vi: "Dự thảo", en: "Draft" },
  submitted: { vi: "Chờ phê duyệt", en: "Submitted" },
  approved: { vi: "Đã phê duyệt", en: "Approved" },
  published: { vi: "Đang áp dụng", en: "Published" },
  superseded: { vi: "Đã thay thế", en: "Superseded" },
};

export const ZBindingsSchema = z.strictObject({
  agency: ZUuid.nullish(),
  field_division: ZUuid.nullish(),
  reception_desk: ZUuid.nullish(),
});
export type TBindings = z.infer<typeof ZBindingsSchema>;

export const ZVersionSummarySchema = z.object({
  id: ZUuid,
  definitionId: ZUuid,
  version: z.number().int(),
  status: VersionStatus,
  totalHours: z.number().nullable(),
  createdAt: ZInstant,
  createdByName: z.string().nullable(),
  submittedAt: ZInstant.nullable(),
  approvedAt: ZInstant.nullable(),
  approvedByName: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: ZDate.nullable(),
  rejectedReason: z.string().nullable(),
  publishedAt: ZInstant.nullable(),
  effectiveFrom: ZDate.nullable(),
  supersededAt: ZInstant.nullable(),
  adoptedFromVersionId: ZUuid.nullable(),
});
export type TVersionSummary = z.infer<typeof ZVersionSummarySchema>;

export const ZDefinitionSummarySchema = z.object({
  id: ZUuid,
  kind: ProcessKind,
  name: z.string(),
  procedureId: ZUuid,
  procedureCode: z.string(),
  procedureName: z.string(),
  legalHours: z.number().nullable(),
  unitId: ZUuid,
  unitName: z.string(),
  /** For templates: the kind of agency that adopts it (e.g. commune). */
  adopterKind: z.string().nullable(),
  templateId: ZUuid.nullable(),
  published: ZVersionSummarySchema.nullable(),
  latest: ZVersionSummarySchema.nullable(),
});
export type TDefinitionSummary = z.infer<typeof ZDefinitionSummarySchema>;

export const ZVersionSchema = ZVersionSummarySchema.extend({
  xml: z.string(),
  compiled: ZCompiledProcessSchema.nullable(),
  bindings: ZBindingsSchema.nullable(),
  approvalNote: z.string().nullable(),
  publishedByName: z.string().nullable(),
  submittedByName: z.string().nullable(),
  /** Definition context the designer needs on one page. */
  definition: ZDefinitionSummarySchema,
});
export type TVersion = z.infer<typeof ZVersionSchema>;

export const ZDefinitionSchema = ZDefinitionSummarySchema.extend({
  versions: z.array(ZVersionSummarySchema),
  dossierFields: z.array(ZDossierFieldSchema),
});
export type TDefinition = z.infer<typeof ZDefinitionSchema>;

export const ZDefinitionQuerySchema = z.strictObject({
  procedureId: ZUuid.optional(),
  unitId: ZUuid.optional(),
  kind: ProcessKind.optional(),
  templateId: ZUuid.optional(),
});

export const ZCreateDefinitionSchema = z.strictObject({
  procedureId: ZUuid,
  /** The agency whose internal process this is; for a template, the tenant's root unit. */
  unitId: ZUuid,
  kind: ProcessKind.default("agency"),
  name: optionalText(500),
  adopterKind: optionalText(50),
  /** Initial BPMN XML; a minimal receive → process → approve → return draft when absent. */
  xml: z.string().max(2_000_000).nullish(),
});

export const ZNewVersionSchema = z.strictObject({
  /** Copy the diagram of this version (default: the latest). */
  fromVersionId: ZUuid.nullish(),
});

export const ZSaveXmlSchema = z.strictObject({ xml: z.string().min(1).max(2_000_000) });
export const ZValidateSchema = z.strictObject({ xml: z.string().min(1).max(2_000_000).nullish() });

export const ZApproveSchema = z.strictObject({
  decisionNumber: text(100),
  decisionDate: ZDate,
  note: optionalText(2000),
});
export const ZRejectSchema = z.strictObject({ reason: text(2000) });
export const ZPublishSchema = z.strictObject({ effectiveFrom: ZDate });

export const ZAdoptSchema = z.strictObject({
  unitId: ZUuid,
  bindings: ZBindingsSchema.default({}),
  effectiveFrom: ZDate,
});

export const ZProcessProblemSchema = z.object({
  elementId: z.string().nullable(),
  elementName: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type TProcessProblem = z.infer<typeof ZProcessProblemSchema>;

export const ZValidationResultSchema = z.object({
  ok: z.boolean(),
  problems: z.array(ZProcessProblemSchema),
  totalHours: z.number().nullable(),
  legalHours: z.number().nullable(),
  /** Total allotment exceeds the legal time. */
  exceedsLegalTime: z.boolean(),
});
export type TValidationResult = z.infer<typeof ZValidationResultSchema>;

export const ZStepDiffSchema = z.object({
  id: z.string(),
  name: z.string(),
  hours: z.number().nullable(),
});
export const ZVersionDiffSchema = z.object({
  from: z.object({ id: ZUuid, version: z.number().int() }),
  to: z.object({ id: ZUuid, version: z.number().int() }),
  added: z.array(ZStepDiffSchema),
  removed: z.array(ZStepDiffSchema),
  changed: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      changes: z.array(z.object({ property: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  timeChanges: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      before: z.number().nullable(),
      after: z.number().nullable(),
    }),
  ),
  flowsAdded: z.array(z.string()),
  flowsRemoved: z.array(z.string()),
  totalHoursBefore: z.number().nullable(),
  totalHoursAfter: z.number().nullable(),
});
export type TVersionDiff = z.infer<typeof ZVersionDiffSchema>;

export const ZDiffQuerySchema = z.strictObject({ from: ZUuid, to: ZUuid });
