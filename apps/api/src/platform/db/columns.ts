import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Columns every tenant-owned table starts with; the primary key is (tenant_id, id). */
export const tenantColumns = {
  tenantId: uuid("tenant_id").notNull(),
  id: uuid("id").notNull(),
};

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
};
