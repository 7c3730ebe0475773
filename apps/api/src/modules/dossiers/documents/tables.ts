import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantColumns } from "../../../platform/db/columns";

/**
 * A document attached to a dossier: the applicant's papers scanned at the desk, working papers of a
 * step, or the result. The content is a stored file; a new version supersedes a row, nothing is
 * deleted (the dossier is an ISO record).
 */
export const dossierDocuments = pgTable(
  "dossier_documents",
  {
    ...tenantColumns,
    dossierId: uuid("dossier_id").notNull(),
    /** The step it was attached for (working papers, a drafted result); null for the dossier as a whole. */
    stepId: uuid("step_id"),
    kind: text("kind", { enum: ["submitted", "working", "result"] }).notNull(),
    /** What the document is ("Dự thảo kết quả", "Tờ khai"): steps require documents by this label. */
    label: text("label").notNull(),
    fileId: uuid("file_id").notNull(),
    uploadedBy: uuid("uploaded_by"),
    uploadedByName: text("uploaded_by_name"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    supersededBy: uuid("superseded_by"),
    /** When the result was returned online: from then on the applicant may download it. */
    releasedAt: timestamp("released_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("dossier_documents_dossier").on(t.tenantId, t.dossierId, t.uploadedAt),
  ],
);
