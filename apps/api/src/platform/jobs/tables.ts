import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenantColumns } from "../db/columns";

/** Side effects written in the same transaction as the change that causes them; a worker delivers them. */
export const outbox = pgTable(
  "outbox",
  {
    ...tenantColumns,
    topic: text("topic").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    doneAt: timestamp("done_at", { withTimezone: true }),
    lastError: text("last_error"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("outbox_pending").on(t.availableAt)],
);
