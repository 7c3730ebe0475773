import { sql } from "drizzle-orm";
import {
  bigint,
  date,
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
import { tenantColumns } from "../../platform/db/columns";

/**
 * A dossier (hồ sơ). Denormalised names (procedure, applicant) are what the forms print and search
 * reads; the dossier keeps the process version it started with for its whole life.
 */
export const dossiers = pgTable(
  "dossiers",
  {
    ...tenantColumns,
    code: text("code").notNull(),
    procedureId: uuid("procedure_id").notNull(),
    procedureCode: text("procedure_code").notNull(),
    procedureName: text("procedure_name").notNull(),
    fieldId: uuid("field_id"),
    agencyUnitId: uuid("agency_unit_id").notNull(),
    /** Materialised path of the competent agency: "dossiers under unit X" is a prefix query. */
    agencyPath: text("agency_path").notNull(),
    deskUnitId: uuid("desk_unit_id").notNull(),
    deskPath: text("desk_path").notNull(),
    processVersionId: uuid("process_version_id"),
    method: text("method", { enum: ["counter", "online", "post"] }).notNull(),
    status: text("status").notNull(),
    applicant: jsonb("applicant").notNull(),
    applicantName: text("applicant_name").notNull(),
    applicantIdNumber: text("applicant_id_number"),
    searchText: text("search_text").notNull(),
    documents: jsonb("documents").notNull(),
    data: jsonb("data").notNull(),
    resultDelivery: text("result_delivery").notNull(),
    note: text("note"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    receivedBy: uuid("received_by"),
    /** Legal processing time in working milliseconds (from the procedure at receipt). */
    allowanceMs: bigint("allowance_ms", { mode: "number" }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    originalDueAt: timestamp("original_due_at", { withTimezone: true }).notNull(),
    /** Clock pauses (waiting for the applicant's supplement): [{start, end|null}]. */
    pauses: jsonb("pauses")
      .$type<{ start: string; end: string | null }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /**
     * While waiting for the applicant's supplement during handling: when the clock stopped (the
     * open pause's start); null otherwise, and for a dossier asked at the desk to complete its
     * papers (not accepted yet). A column, not read from `pauses`, so the statistics stay inside
     * the covering index `dossiers_settled`.
     */
    pausedSince: timestamp("paused_since", { withTimezone: true }),
    /**
     * The handling pause (Decree 118/2025 allows one supplement request during handling, so a
     * dossier's clock stops at most once), kept after it ends so that a report for a past period
     * sees the dossier as it stood then: when the clock stopped and resumed, and the appointment
     * before the resumption moved it (`original_due_at` holds the moved one). Columns, for the
     * statistics' covering index.
     */
    pauseStartedAt: timestamp("pause_started_at", { withTimezone: true }),
    pauseEndedAt: timestamp("pause_ended_at", { withTimezone: true }),
    originalDueBeforePause: timestamp("original_due_before_pause", { withTimezone: true }),
    supplementCount: integer("supplement_count").notNull().default(0),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    idempotencyKey: text("idempotency_key"),
    /** Optimistic lock for dossier-level transitions. */
    version: integer("version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("dossiers_code").on(t.tenantId, t.code),
    uniqueIndex("dossiers_idempotency").on(t.tenantId, t.idempotencyKey),
    index("dossiers_agency").using("btree", t.tenantId, sql`${t.agencyPath} text_pattern_ops`, t.receivedAt),
    index("dossiers_status_due").on(t.tenantId, t.status, t.dueAt),
    index("dossiers_received").on(t.tenantId, t.receivedAt),
    index("dossiers_procedure").on(t.tenantId, t.procedureId, t.receivedAt),
    index("dossiers_id_number").on(t.tenantId, t.applicantIdNumber),
    // Statistics read only the dossiers received, still open, or resolved or closed since a period's
    // start: a range of the first expression. The other columns are all the counting reads, so the
    // scan stays in the index (≈ 200 bytes a dossier) instead of fetching ≈ 1.7 kB rows from the heap.
    index("dossiers_settled").using(
      "btree",
      t.tenantId,
      sql`greatest(${t.receivedAt}, coalesce(${t.completedAt}, ${t.closedAt}, 'infinity'::timestamptz))`,
      t.agencyPath,
      t.status,
      t.pausedSince,
      t.receivedAt,
      t.completedAt,
      t.closedAt,
      t.originalDueAt,
      t.procedureId,
      t.fieldId,
      t.pauseStartedAt,
      t.pauseEndedAt,
      t.originalDueBeforePause,
    ),
  ],
);

/** Daily sequence per receiving agency: incremented in the receiving transaction, so codes are gap-free. */
export const dossierCounters = pgTable(
  "dossier_counters",
  {
    tenantId: uuid("tenant_id").notNull(),
    agencyCode: text("agency_code").notNull(),
    day: date("day").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.agencyCode, t.day] })],
);

/** A step of the process, as a row: the inbox, SLA and statistics are queries on this table. */
export const dossierSteps = pgTable(
  "dossier_steps",
  {
    ...tenantColumns,
    dossierId: uuid("dossier_id").notNull(),
    nodeId: text("node_id").notNull(),
    name: text("name").notNull(),
    stepKind: text("step_kind").notNull(),
    status: text("status", { enum: ["active", "completed", "cancelled"] }).notNull(),
    unitId: uuid("unit_id"),
    unitPath: text("unit_path"),
    role: text("role"),
    assigneeId: uuid("assignee_id"),
    /** The step that handed over to this one (for "send back" and the control sheet). */
    previousStepId: uuid("previous_step_id"),
    allotmentMs: bigint("allotment_ms", { mode: "number" }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedBy: uuid("completed_by"),
    outcome: text("outcome"),
    comment: text("comment"),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    version: integer("version").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("dossier_steps_dossier").on(t.tenantId, t.dossierId, t.startedAt),
    index("dossier_steps_assignee").on(t.tenantId, t.assigneeId, t.dueAt).where(sql`status = 'active'`),
    index("dossier_steps_unit")
      .using("btree", t.tenantId, sql`${t.unitPath} text_pattern_ops`, t.dueAt)
      .where(sql`status = 'active'`),
    index("dossier_steps_due").on(t.tenantId, t.dueAt).where(sql`status = 'active'`),
  ],
);

/** Parallel-gateway joins waiting for their other branches. */
export const dossierTokens = pgTable(
  "dossier_tokens",
  {
    ...tenantColumns,
    dossierId: uuid("dossier_id").notNull(),
    nodeId: text("node_id").notNull(),
    edgeId: text("edge_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("dossier_tokens_node").on(t.tenantId, t.dossierId, t.nodeId),
  ],
);

/** Kinds of dossier events the statistics count: supplement asked, refused, stopped, withdrawn. */
export const countedEventKinds = [
  "supplement_requested",
  "supplement_requested_at_reception",
  "refused",
  "stopped",
  "withdrawn",
] as const;
/** The kinds as SQL literals, inlined in queries so that the planner matches the partial index. */
export const countedEventKindsSql = sql.raw(countedEventKinds.map((k) => `'${k}'`).join(", "));

/** The dossier's own log: the ISO record of who did what, when. Append-only. */
export const dossierEvents = pgTable(
  "dossier_events",
  {
    ...tenantColumns,
    dossierId: uuid("dossier_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    stepId: uuid("step_id"),
    comment: text("comment"),
    data: jsonb("data").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("dossier_events_dossier").on(t.tenantId, t.dossierId, t.at),
    // A period's counted events, a few percent of the log, read from the index alone.
    index("dossier_events_counted")
      .on(t.tenantId, t.at, t.dossierId, t.kind)
      .where(sql`kind in (${countedEventKindsSql})`),
  ],
);

/** Forms issued for a dossier (01–06), kept as generated. */
export const dossierForms = pgTable(
  "dossier_forms",
  {
    ...tenantColumns,
    dossierId: uuid("dossier_id").notNull(),
    formNo: text("form_no").notNull(),
    data: jsonb("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("dossier_forms_dossier").on(t.tenantId, t.dossierId, t.formNo),
  ],
);

/**
 * A dossier submitted online by a citizen or business (portal), waiting in the online queue of the
 * desk that receives for its agency until a clerk checks it: accepted, asked to complete, or refused,
 * each through the ordinary reception (`receiveDossier`), which gives it a dossier and its code.
 */
export const onlineSubmissions = pgTable(
  "online_submissions",
  {
    ...tenantColumns,
    /** The portal account that submitted it. */
    accountId: uuid("account_id").notNull(),
    /** Chosen by the submitting browser: the same form sent twice is one submission. */
    clientKey: text("client_key").notNull(),
    procedureId: uuid("procedure_id").notNull(),
    procedureCode: text("procedure_code").notNull(),
    procedureName: text("procedure_name").notNull(),
    agencyUnitId: uuid("agency_unit_id").notNull(),
    deskUnitId: uuid("desk_unit_id").notNull(),
    /** Materialised path of the receiving desk: a clerk's queue is a prefix query on it. */
    deskPath: text("desk_path").notNull(),
    applicant: jsonb("applicant").notNull(),
    searchText: text("search_text").notNull(),
    documents: jsonb("documents").notNull(),
    data: jsonb("data").notNull(),
    resultDelivery: text("result_delivery").notNull(),
    note: text("note"),
    status: text("status", {
      enum: ["pending", "accepted", "supplement_requested", "refused", "cancelled"],
    }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by"),
    reasons: jsonb("reasons").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    dossierId: uuid("dossier_id"),
    dossierCode: text("dossier_code"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("online_submissions_client_key").on(t.tenantId, t.accountId, t.clientKey),
    index("online_submissions_account").on(t.tenantId, t.accountId, t.submittedAt),
    index("online_submissions_pending")
      .using("btree", t.tenantId, sql`${t.deskPath} text_pattern_ops`, t.submittedAt)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * Papers an applicant sends online for a dossier of theirs that waits for a supplement (asked at the
 * desk, or during handling with form 02). It waits in the desk's online queue until a clerk receives
 * it: the ordinary supplement receipt (the clock resumes, or the dossier is accepted), the scans
 * attached to the dossier.
 */
export const onlineSupplements = pgTable(
  "online_supplements",
  {
    ...tenantColumns,
    submissionId: uuid("submission_id").notNull(),
    dossierId: uuid("dossier_id").notNull(),
    accountId: uuid("account_id").notNull(),
    /** The dossier's reception desk: a clerk's queue is a prefix query on it. */
    deskPath: text("desk_path").notNull(),
    note: text("note"),
    documents: jsonb("documents").notNull(),
    /** pending; received by the desk; closed: the dossier stopped waiting by another way first. */
    status: text("status", { enum: ["pending", "received", "closed"] }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }),
    receivedBy: uuid("received_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One supplement waits at a time per dossier.
    uniqueIndex("online_supplements_one_pending").on(t.tenantId, t.dossierId).where(sql`status = 'pending'`),
    index("online_supplements_pending")
      .using("btree", t.tenantId, sql`${t.deskPath} text_pattern_ops`, t.submittedAt)
      .where(sql`status = 'pending'`),
  ],
);
