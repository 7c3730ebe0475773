import type { Actor } from "../../platform/actor";
import type { Tx } from "../../platform/db/client";
import { requireStepDocuments } from "./documents/required-documents";
import { returnResult } from "./handling";
import { actOnStep, type EngineContext } from "./steps";
import { type DossierRow, loadDossier } from "./store";

/**
 * Completes (or sends back) a step of a locked dossier; a step whose process requires documents
 * completes only once they are attached. When the step is the process's "return"
 * step and the flow ends with it, the result is returned in the same transaction, under the same
 * rules as a return at the desk (a late dossier needs its apology letter first).
 */
export async function completeStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  stepId: string,
  input: Parameters<typeof actOnStep>[5],
  ctx: EngineContext,
): Promise<void> {
  const process = await ctx.port.processVersion(tx, d.tenantId, d.processVersionId!);
  await requireStepDocuments(tx, actor, d, process, stepId, input.outcome);
  const result = await actOnStep(tx, actor, d, process, stepId, input, ctx);
  if (result.finished && result.returnedStep) {
    const fresh = await loadDossier(tx, d.tenantId, d.id);
    await returnResult(tx, actor, fresh, { delivery: fresh.resultDelivery }, ctx);
  }
}
