import type {
  TBindings,
  TCompiledProcess,
  TDossierField,
  TFee,
  TProcessingTime,
  TRequiredDocument,
} from "@eiso/contracts";
import { sql } from "drizzle-orm";
import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "../../platform/db/columns";

/** Lĩnh vực: a category of procedures (Hộ tịch, Chứng thực, Xây dựng…). */
export const catalogueFields = pgTable(
  "catalogue_fields",
  {
    ...tenantColumns,
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameSearch: text("name_search").notNull(),
    description: text("description"),
    /** The unit that maintains the entry (the tenant's root for province-wide fields). */
    ownerUnitId: uuid("owner_unit_id").notNull(),
    status: text("status", { enum: ["active", "inactive"] })
      .notNull()
      .default("active"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("catalogue_fields_code").on(t.tenantId, t.code),
  ],
);

/** Thủ tục hành chính, with the attributes of the national procedure database. */
export const procedures = pgTable(
  "procedures",
  {
    ...tenantColumns,
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** Folded name + code, for accent-insensitive search. */
    nameSearch: text("name_search").notNull(),
    fieldId: uuid("field_id").notNull(),
    level: text("level", { enum: ["province", "district", "commune"] }).notNull(),
    implementingAgencies: text("implementing_agencies"),
    methods: jsonb("methods").$type<("counter" | "online" | "post")[]>().notNull(),
    documents: jsonb("documents").$type<TRequiredDocument[]>().notNull(),
    processingTime: jsonb("processing_time").$type<TProcessingTime | null>(),
    /** Legal time in working hours, derived from processing_time, for sorting and comparisons. */
    legalHours: doublePrecision("legal_hours"),
    fees: jsonb("fees").$type<TFee[]>().notNull(),
    feeNote: text("fee_note"),
    resultDocument: text("result_document"),
    legalBasis: text("legal_basis"),
    conditions: text("conditions"),
    description: text("description"),
    onlineLevel: text("online_level", { enum: ["full", "partial", "none"] }).notNull(),
    status: text("status", { enum: ["active", "suspended", "abolished"] }).notNull(),
    abolishedOn: date("abolished_on"),
    dossierFields: jsonb("dossier_fields").$type<TDossierField[]>().notNull(),
    ownerUnitId: uuid("owner_unit_id").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("procedures_code").on(t.tenantId, t.code),
    index("procedures_field").on(t.tenantId, t.fieldId),
  ],
);

/** Phân quyền phụ trách: a division or officer of an agency in charge of a field or a procedure. */
export const catalogueAssignments = pgTable(
  "catalogue_assignments",
  {
    ...tenantColumns,
    agencyUnitId: uuid("agency_unit_id").notNull(),
    subjectType: text("subject_type", { enum: ["field", "procedure"] }).notNull(),
    subjectId: uuid("subject_id").notNull(),
    assigneeUnitId: uuid("assignee_unit_id"),
    assigneeUserId: uuid("assignee_user_id"),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("catalogue_assignments_agency").on(t.tenantId, t.agencyUnitId, t.subjectType, t.subjectId),
  ],
);

/**
 * The internal process of a procedure at one agency (kind "agency"), or a tenant-level template
 * that agencies of one kind adopt (kind "template", owned by the tenant's root unit).
 */
export const processDefinitions = pgTable(
  "process_definitions",
  {
    ...tenantColumns,
    kind: text("kind", { enum: ["agency", "template"] }).notNull(),
    procedureId: uuid("procedure_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    name: text("name").notNull(),
    adopterKind: text("adopter_kind"),
    /** For an agency process adopted from a template. */
    templateId: uuid("template_id"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("process_definitions_procedure").on(t.tenantId, t.procedureId, t.unitId),
    index("process_definitions_unit").on(t.tenantId, t.unitId),
  ],
);

/**
 * One version of a process: draft → submitted → approved (decision number and date) → published
 * (effective date) → superseded. A published or superseded row never changes again except for the
 * superseded stamp; `compiled` is the graph the dossier engine runs.
 */
export const processVersions = pgTable(
  "process_versions",
  {
    ...tenantColumns,
    definitionId: uuid("definition_id").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: ["draft", "submitted", "approved", "published", "superseded"] }).notNull(),
    xml: text("xml").notNull(),
    compiled: jsonb("compiled").$type<TCompiledProcess | null>(),
    totalHours: doublePrecision("total_hours"),
    bindings: jsonb("bindings").$type<TBindings | null>(),
    adoptedFromVersionId: uuid("adopted_from_version_id"),
    createdBy: uuid("created_by"),
    createdByName: text("created_by_name"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedByName: text("submitted_by_name"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: uuid("approved_by"),
    approvedByName: text("approved_by_name"),
    decisionNumber: text("decision_number"),
    decisionDate: date("decision_date"),
    approvalNote: text("approval_note"),
    rejectedReason: text("rejected_reason"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedByName: text("published_by_name"),
    effectiveFrom: date("effective_from"),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    supersededBy: uuid("superseded_by"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("process_versions_number").on(t.tenantId, t.definitionId, t.version),
    index("process_versions_status").on(t.tenantId, t.definitionId, t.status),
  ],
);
