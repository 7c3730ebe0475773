import { bigint, customType, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantColumns } from "../db/columns";

/** PostgreSQL `bytea` as a Node Buffer (node-postgres answers Buffers, PGlite Uint8Arrays). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Stored files (uploads): the content lives in the database because API nodes are stateless and
 * share nothing else. Rows are never deleted; what refers to a file decides whether it is current.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    ...tenantColumns,
    name: text("name").notNull(),
    mediaType: text("media_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Hex SHA-256 of the content: integrity check, and what records cite. */
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
