import { integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenantColumns } from "../../platform/db/columns";

/** A tenant's change to one year's official schedule (extra days off, swapped working days). */
export const calendarOverrides = pgTable(
  "calendar_overrides",
  {
    ...tenantColumns,
    year: integer("year").notNull(),
    mode: text("mode", { enum: ["extend", "replace"] }).notNull(),
    days: jsonb("days")
      .$type<{ date: string; name: string; kind: "holiday" | "compensatory" | "swap-off" | "swap-work" }[]>()
      .notNull(),
    source: text("source"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    updatedBy: text("updated_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("calendar_overrides_year").on(t.tenantId, t.year),
  ],
);

/** A tenant's office hours (default 07:30–11:30, 13:00–17:00, Monday–Friday). */
export const calendarSettings = pgTable("calendar_settings", {
  tenantId: uuid("tenant_id").primaryKey(),
  officeHours: jsonb("office_hours")
    .$type<{ periods: { start: string; end: string }[]; weekdays: number[] }>()
    .notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  updatedBy: text("updated_by"),
});
