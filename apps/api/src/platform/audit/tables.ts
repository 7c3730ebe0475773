import {
  bigint,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns } from "../db/columns";

/** Append-only, hash-chained per tenant: each row's hash covers its content and the previous hash. */
export const auditLog = pgTable(
  "audit_log",
  {
    ...tenantColumns,
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    unitId: uuid("unit_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("audit_log_tenant_seq").on(t.tenantId, t.seq),
    index("audit_log_entity").on(t.tenantId, t.entityType, t.entityId),
    index("audit_log_unit").on(t.tenantId, t.unitId, t.seq),
    index("audit_log_actor").on(t.tenantId, t.actorId, t.seq),
  ],
);

/** The head of each tenant's chain; locking this row serialises appends within a tenant. */
export const auditHeads = pgTable("audit_heads", {
  tenantId: uuid("tenant_id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});
