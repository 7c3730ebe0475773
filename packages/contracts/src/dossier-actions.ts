import { z } from "zod";
import type { TStepKind } from "./catalogue";

/** Step kinds a reviewer may send back to the step before (thẩm tra, phê duyệt, ký). */
export const SEND_BACK_STEP_KINDS: readonly string[] = ["review", "approve", "sign"] satisfies TStepKind[];

/** What the signed-in officer may do now on one active step. */
export const ZStepActionsSchema = z.object({
  /** Take the step from the unit or role queue. */
  claim: z.boolean(),
  /** Finish it (complete, direct, forward, approve, sign). */
  complete: z.boolean(),
  /** Send it back to the step before, with a reason. */
  sendBack: z.boolean(),
  /** Hand it to another officer (a leader over its unit, or its holder). */
  assign: z.boolean(),
});
export type TStepActions = z.infer<typeof ZStepActionsSchema>;

/**
 * The actions open to the signed-in officer on a dossier, computed by the API with the same rules
 * its endpoints enforce, so the web shows only usable buttons without re-implementing them. The
 * endpoints still check every request.
 */
export const ZDossierActionsSchema = z.object({
  /** Reception or return at the dossier's desk. */
  atDesk: z.boolean(),
  /** Handling at the competent agency. */
  atAgency: z.boolean(),
  requestSupplement: z.boolean(),
  /** The one supplement request of the handling stage is used (Decree 118/2025): shown, refused. */
  supplementUsed: z.boolean(),
  receiveSupplement: z.boolean(),
  apologise: z.boolean(),
  stop: z.boolean(),
  withdraw: z.boolean(),
  returnResult: z.boolean(),
  archive: z.boolean(),
  /** Per active step id. */
  steps: z.record(z.string(), ZStepActionsSchema),
});
export type TDossierActions = z.infer<typeof ZDossierActionsSchema>;
