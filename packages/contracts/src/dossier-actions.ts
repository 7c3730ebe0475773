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

/** An officer a step can be handed to: holds the step's role over its unit today (own grant or delegation). */
export const ZStepCandidateSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  username: z.string(),
  position: z.string().nullable(),
});
export type TStepCandidate = z.infer<typeof ZStepCandidateSchema>;

/**
 * Where completing an active step takes the dossier now, by the engine's own walk of the process
 * (gateways decided on the dossier's data): `step`, one next step, with the officers the API
 * accepts as `nextAssigneeId`; `parallel`, several steps at once (each goes to its unit's queue);
 * `wait`, a parallel join still waiting for other branches; `end`, nothing follows this step;
 * `unknown`, the process cannot go on from here (no flow of a gateway matches the data).
 */
export const ZNextStepSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("step"),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    role: z.string(),
    candidates: z.array(ZStepCandidateSchema),
  }),
  z.object({
    kind: z.literal("parallel"),
    steps: z.array(z.object({ name: z.string(), unitName: z.string() })),
  }),
  z.object({ kind: z.enum(["wait", "end", "unknown"]) }),
]);
export type TNextStep = z.infer<typeof ZNextStepSchema>;

/**
 * GET /api/dossiers/:id/steps/:stepId/candidates: the officers the API accepts for an active step,
 * computed with the rules its endpoints enforce. `assignees`: who the step can be handed to (null
 * when the actor may not hand it over); `next`: the step completing it leads to (null when the
 * actor may not complete it).
 */
export const ZStepCandidatesSchema = z.object({
  assignees: z.array(ZStepCandidateSchema).nullable(),
  next: ZNextStepSchema.nullable(),
});
export type TStepCandidates = z.infer<typeof ZStepCandidatesSchema>;
