import { z } from "zod";
import { ZInstant, ZUuid } from "./common";

export const ZAuditEntrySchema = z.object({
  id: ZUuid,
  seq: z.number().int(),
  at: ZInstant,
  actorId: ZUuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  unitId: ZUuid.nullable(),
  unitName: z.string().nullable().optional(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntrySchema>;

export const ZAuditQuerySchema = z.strictObject({
  unitId: ZUuid.optional(),
  actorId: ZUuid.optional(),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
