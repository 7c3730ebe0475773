import type { Actor } from "../../platform/actor";
import type { Tx } from "../../platform/db/client";
import { requireStepDocuments } from "./documents/required-documents";
import { returnResult } from "./handling";
import { actOnStep, type EngineContext } from "./steps";
import type { DossierRow, StepRow } from "./store";

/**
 * Completes (or sends back) a step of a locked dossier (the step as read with the dossier's lock); a step whose process requires documents
 * completes only once they are attached. When the step is the process's "return"
 * step and the flow ends with it, the result is returned in the same transaction, under the same
 * rules as a return at the desk (a late dossier needs its apology letter first). Answers with the
 * dossier's row as the transaction leaves it.
 */
export async function completeStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  step: StepRow,
  input: Parameters<typeof actOnStep>[5],
  ctx: EngineContext,
): Promise<DossierRow> {
  const process = await ctx.port.processVersion(tx, d.tenantId, d.processVersionId!);
  await requireStepDocuments(tx, actor, d, process, step, input.outcome);
  const result = await actOnStep(tx, actor, d, process, step, input, ctx);
  if (result.finished && result.returnedStep) {
    const ready = result.dossier;
    return returnResult(tx, actor, ready, { delivery: ready.resultDelivery }, ctx);
  }
  return result.dossier;
}
