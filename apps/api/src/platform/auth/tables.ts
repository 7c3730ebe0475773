import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Server-side sessions, so any API node can serve any request. `id` is the SHA-256 of the cookie token. */
export const sessions = pgTable(
  "sessions",
  {
    tenantId: uuid("tenant_id").notNull(),
    id: text("id").notNull(),
    userId: uuid("user_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    activeUnitId: uuid("active_unit_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("sessions_user").on(t.tenantId, t.userId)],
);
