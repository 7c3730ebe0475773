import { z } from "zod";
import { ZInstant, ZUuid } from "./common";
import { DossierStatus } from "./dossiers";
import { Role } from "./permissions";

/** One row of an inbox: an active step and the dossier it belongs to. */
export const ZInboxItemSchema = z.object({
  stepId: ZUuid,
  stepName: z.string(),
  stepKind: z.string(),
  stepDueAt: ZInstant.nullable(),
  stepVersion: z.number().int(),
  assigneeId: ZUuid.nullable(),
  role: Role.nullable(),
  unitId: ZUuid,
  dossierId: ZUuid,
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  dossierStatus: DossierStatus,
  dossierDueAt: ZInstant,
  /** The step's own due time has passed. */
  overdue: z.boolean(),
});
export type TInboxItem = z.infer<typeof ZInboxItemSchema>;

export const ZInboxPageSchema = z.object({ items: z.array(ZInboxItemSchema), total: z.number().int() });

/** Menu badges: my steps, my units' steps, steps I could claim by role, and the overdue ones of each. */
export const ZInboxCountsSchema = z.object({
  mine: z.number().int(),
  unit: z.number().int(),
  role: z.number().int(),
  /** My steps past their due time. */
  overdue: z.number().int(),
  /** Steps of the units in my scope past their due time (what a leader follows up). */
  overdueUnit: z.number().int(),
  /** Unassigned steps I could claim, past their due time. */
  overdueRole: z.number().int(),
  /** Online submissions waiting at the desks where I receive (0 without the right to receive). */
  onlineQueue: z.number().int(),
});
export type TInboxCounts = z.infer<typeof ZInboxCountsSchema>;
