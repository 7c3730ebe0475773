import { SEND_BACK_STEP_KINDS, type TDossierActions, type TStepActions } from "@eiso/contracts";
import { type Actor, coversPath } from "../../platform/actor";
import { holdsRoleAt } from "./steps";
import type { DossierRow, StepRow } from "./store";

const OPEN = ["processing", "waiting_supplement"];
const CLOSED = ["returned", "refused", "stopped", "withdrawn"];

/** What `actor` may do on one step now, by the rules `actOnStep`, `claimStep` and `assignStep` enforce. */
export function stepActions(actor: Actor, d: DossierRow, step: StepRow): TStepActions {
  const active = step.status === "active" && d.status === "processing";
  const mayTake = active && holdsRoleAt(actor, step.role, step.unitPath);
  const complete = mayTake && (!step.assigneeId || step.assigneeId === actor.userId);
  return {
    claim: mayTake && !step.assigneeId,
    complete,
    sendBack: complete && SEND_BACK_STEP_KINDS.includes(step.stepKind) && step.previousStepId !== null,
    assign: active && (holdsRoleAt(actor, "leader", step.unitPath) || step.assigneeId === actor.userId),
  };
}

/**
 * The actions open to `actor` on a dossier, by the rules of the handling endpoints
 * (`requireDossierAction` and each one's state check), so the web does not repeat them.
 */
export function allowedActions(actor: Actor, d: DossierRow, steps: StepRow[]): TDossierActions {
  const atDesk =
    coversPath(actor, "dossier.receive", d.deskPath) || coversPath(actor, "dossier.return", d.deskPath);
  const atAgency = coversPath(actor, "dossier.process", d.agencyPath);
  const either = atDesk || atAgency;
  const open = OPEN.includes(d.status);
  return {
    atDesk,
    atAgency,
    requestSupplement: atAgency && d.status === "processing" && d.supplementCount < 1,
    supplementUsed: d.supplementCount >= 1,
    receiveSupplement: either && d.status === "waiting_supplement",
    apologise: atAgency && (open || d.status === "result_ready"),
    stop: atAgency && open,
    withdraw: either && open,
    returnResult: atDesk && d.status === "result_ready",
    archive: either && CLOSED.includes(d.status),
    steps: Object.fromEntries(
      steps.filter((s) => s.status === "active").map((s) => [s.id, stepActions(actor, d, s)]),
    ),
  };
}
