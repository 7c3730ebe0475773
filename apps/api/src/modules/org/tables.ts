import { sql } from "drizzle-orm";
import {
  boolean,
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
import { tenantColumns, timestamps } from "../../platform/db/columns";

/** A province or centrally-run city: one installation may serve several. */
export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  model: text("model", { enum: ["three_tier", "two_tier"] }).notNull(),
  rootUnitId: uuid("root_unit_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
});

/**
 * The agency tree. `path` is the materialised path of ids ("/root/…/self/") so a subtree is one
 * prefix query. Merged units stay as rows, moved under the unit that absorbed them, so all they
 * owned is still inside that unit's subtree.
 */
export const units = pgTable(
  "units",
  {
    ...tenantColumns,
    parentId: uuid("parent_id"),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameSearch: text("name_search").notNull(),
    shortName: text("short_name"),
    kind: text("kind").notNull(),
    address: text("address"),
    phone: text("phone"),
    email: text("email"),
    effectiveFrom: date("effective_from"),
    effectiveTo: date("effective_to"),
    status: text("status", { enum: ["active", "merged", "dissolved"] })
      .notNull()
      .default("active"),
    mergedIntoId: uuid("merged_into_id"),
    sortOrder: integer("sort_order").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("units_tenant_code").on(t.tenantId, t.code),
    index("units_path").using("btree", t.tenantId, sql`${t.path} text_pattern_ops`),
    index("units_parent").on(t.tenantId, t.parentId),
  ],
);

/** Domain history of a unit (created, renamed, moved, merged…), kept beside the audit log for display. */
export const unitEvents = pgTable(
  "unit_events",
  {
    ...tenantColumns,
    unitId: uuid("unit_id").notNull(),
    event: text("event").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    data: jsonb("data").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("unit_events_unit").on(t.tenantId, t.unitId, t.at),
  ],
);

export const users = pgTable(
  "users",
  {
    ...tenantColumns,
    kind: text("kind", { enum: ["officer", "citizen", "business"] }).notNull(),
    username: text("username").notNull(),
    email: text("email"),
    fullName: text("full_name").notNull(),
    nameSearch: text("name_search").notNull(),
    phone: text("phone"),
    position: text("position"),
    unitId: uuid("unit_id"),
    passwordHash: text("password_hash").notNull(),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    locale: text("locale").notNull().default("vi"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Sign-in is by username or e-mail without choosing a province, so both are unique installation-wide.
    uniqueIndex("users_username").on(sql`lower(${t.username})`),
    uniqueIndex("users_email").on(sql`lower(${t.email})`),
    index("users_unit").on(t.tenantId, t.unitId),
  ],
);

export const roleGrants = pgTable(
  "role_grants",
  {
    ...tenantColumns,
    userId: uuid("user_id").notNull(),
    role: text("role").notNull(),
    unitId: uuid("unit_id").notNull(),
    grantedBy: uuid("granted_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("role_grants_user").on(t.tenantId, t.userId),
    index("role_grants_unit").on(t.tenantId, t.unitId),
  ],
);

/** Ủy quyền: a grant lent to another officer for a date range (inclusive, Vietnamese dates). */
export const delegations = pgTable(
  "delegations",
  {
    ...tenantColumns,
    grantId: uuid("grant_id").notNull(),
    fromUserId: uuid("from_user_id").notNull(),
    toUserId: uuid("to_user_id").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    reason: text("reason"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("delegations_to").on(t.tenantId, t.toUserId),
    index("delegations_from").on(t.tenantId, t.fromUserId),
  ],
);
