import {
  SEND_BACK_STEP_KINDS,
  type TDossierActions,
  type TDossierStatus,
  type TStepActions,
} from "@eiso/contracts";
import { type Actor, coversPath } from "../../platform/actor";
import { holdsRoleAt } from "./steps";
import type { DossierRow, StepRow } from "./store";

/**
 * The rules of who may do what on a dossier, in one place: the handling endpoints enforce them,
 * the dossier page lists them (`allowedActions`), documents follow them.
 */

/** Still being handled, or waiting for the applicant's supplement. */
export const OPEN_STATUSES: readonly TDossierStatus[] = ["processing", "waiting_supplement"];
/** Finished one way or another, not yet archived. */
export const CLOSED_STATUSES: readonly TDossierStatus[] = ["returned", "refused", "stopped", "withdrawn"];
/** A record from then on: nothing is attached or changed any more. */
export const READ_ONLY_STATUSES: readonly TDossierStatus[] = [...CLOSED_STATUSES, "archived"];

export const hasStatus = (d: Pick<DossierRow, "status">, statuses: readonly TDossierStatus[]) =>
  (statuses as readonly string[]).includes(d.status);

/** Reception or return at the dossier's desk. */
export const atDesk = (actor: Actor, d: DossierRow) =>
  coversPath(actor, "dossier.receive", d.deskPath) || coversPath(actor, "dossier.return", d.deskPath);

/** Handling at the dossier's competent agency. */
export const atAgency = (actor: Actor, d: DossierRow) => coversPath(actor, "dossier.process", d.agencyPath);

/** The officer may work the step now: it is active, they hold its role over its unit, it is theirs or unassigned. */
export function mayWorkStep(actor: Actor, step: StepRow): boolean {
  return (
    step.status === "active" &&
    holdsRoleAt(actor, step.role, step.unitPath) &&
    (!step.assigneeId || step.assigneeId === actor.userId)
  );
}

/** What `actor` may do on one step now, by the rules `actOnStep`, `claimStep` and `assignStep` enforce. */
export function stepActions(actor: Actor, d: DossierRow, step: StepRow): TStepActions {
  const active = step.status === "active" && d.status === "processing";
  const complete = active && mayWorkStep(actor, step);
  return {
    claim: complete && !step.assigneeId,
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
  const desk = atDesk(actor, d);
  const agency = atAgency(actor, d);
  const either = desk || agency;
  const open = hasStatus(d, OPEN_STATUSES);
  return {
    atDesk: desk,
    atAgency: agency,
    requestSupplement: agency && d.status === "processing" && d.supplementCount < 1,
    supplementUsed: d.supplementCount >= 1,
    receiveSupplement: either && d.status === "waiting_supplement",
    apologise: agency && (open || d.status === "result_ready"),
    stop: agency && open,
    withdraw: either && open,
    returnResult: desk && d.status === "result_ready",
    archive: either && hasStatus(d, CLOSED_STATUSES),
    steps: Object.fromEntries(
      steps.filter((s) => s.status === "active").map((s) => [s.id, stepActions(actor, d, s)]),
    ),
  };
}
