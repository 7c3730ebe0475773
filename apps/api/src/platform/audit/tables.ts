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

/**
 * Append-only and hash-chained: each row's hash covers its content and the previous hash of its
 * chain. A tenant has one chain per unit (`chain` = the entry's unit) and one for entries without a
 * unit (`chain` = the tenant's id, which also holds every row written before chains were per unit).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    ...tenantColumns,
    chain: uuid("chain").notNull(),
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
    unique("audit_log_chain_seq").on(t.tenantId, t.chain, t.seq),
    index("audit_log_at").on(t.tenantId, t.at),
    index("audit_log_entity").on(t.tenantId, t.entityType, t.entityId),
    index("audit_log_unit_at").on(t.tenantId, t.unitId, t.at),
    index("audit_log_actor_at").on(t.tenantId, t.actorId, t.at),
  ],
);

/** The head of each chain; locking this row serialises the appends to one chain. */
export const auditHeads = pgTable(
  "audit_heads",
  {
    tenantId: uuid("tenant_id").notNull(),
    chain: uuid("chain").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.chain] })],
);
