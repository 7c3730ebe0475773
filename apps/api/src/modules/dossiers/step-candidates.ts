import type { TNextStep, TStepCandidate, TStepCandidates } from "@eiso/contracts";
import type { Actor } from "../../platform/actor";
import { vnToday } from "../../platform/dates";
import type { Queryable } from "../../platform/db/client";
import { forbidden, invalidOperation } from "../../platform/errors";
import { type OfficerWithRole, officersWithRole } from "../org/access";
import { unitSummaries } from "../org/units";
import { stepActions } from "./allowed-actions";
import type { CataloguePort, PublishedProcess } from "./catalogue-port";
import { edgesAfter, graphOf, ProcessError, type TaskNode } from "./engine";
import { readableDossier } from "./queries";
import { unitIdFor, walkFrom } from "./steps";
import { type DossierRow, loadStep, type StepRow, staleConflict } from "./store";

/**
 * The officers the API accepts for an active step, for the dialogs that hand it on: who the step can
 * be handed to (`assignStep` checks the same role over the same unit) and, when the actor may
 * complete it, the step completing it leads to with who may take that one (`nextAssigneeId`, which
 * the engine checks against the next step's role and unit). Read like the dossier (403 outside the
 * actor's reach, 404 without the dossier or the step); 409 when the step is no longer in progress.
 */
export async function stepCandidates(
  db: Queryable,
  actor: Actor,
  input: { dossierId: string; stepId: string; port: CataloguePort; now?: Date },
): Promise<TStepCandidates> {
  const d = await readableDossier(db, actor, input.dossierId);
  const step = await loadStep(db, actor.tenantId, d.id, input.stepId);
  const can = stepActions(actor, d, step);
  if (!can.complete && !can.assign) {
    if (step.status !== "active") throw staleConflict();
    if (d.status !== "processing") {
      throw invalidOperation({
        vi: `Hồ sơ đang ở trạng thái không xử lý được (${d.status})`,
        en: `The dossier is not in progress (${d.status})`,
      });
    }
    throw forbidden();
  }
  const today = vnToday(input.now);
  return {
    assignees:
      can.assign && step.role && step.unitPath
        ? candidates(await officersWithRole(db, d.tenantId, step.role, step.unitPath, today))
        : null,
    next: can.complete ? await nextStep(db, d, step, input.port, today) : null,
  };
}

/**
 * Where completing `step` takes the flow now: the engine's `walk` from the step's outgoing flows on
 * the dossier's data and the tokens waiting at its joins, as `advance` makes it (without writing).
 */
async function nextStep(
  db: Queryable,
  d: DossierRow,
  step: StepRow,
  port: CataloguePort,
  today: string,
): Promise<TNextStep> {
  if (!d.processVersionId) return { kind: "unknown" };
  const process: PublishedProcess = await port.processVersion(db, d.tenantId, d.processVersionId);
  const graph = graphOf(process.compiled);
  let result: Awaited<ReturnType<typeof walkFrom>>;
  try {
    result = await walkFrom(db, d, graph, edgesAfter(graph, step.nodeId));
  } catch (e) {
    if (e instanceof ProcessError) return { kind: "unknown" };
    throw e;
  }
  const tasks = result.activate.map((a) => graph.nodes[a.nodeId] as TaskNode);
  if (tasks.length === 0) return { kind: result.wait.length ? "wait" : "end" };
  const unitIds: string[] = [];
  for (const task of tasks) unitIds.push(await unitIdFor(db, d, task, process, { port }));
  const units = await unitSummaries(db, d.tenantId, unitIds);
  if (tasks.length > 1) {
    return {
      kind: "parallel",
      steps: tasks.map((t, i) => ({ name: t.name, unitName: units.get(unitIds[i]!)?.name ?? "" })),
    };
  }
  const task = tasks[0]!;
  const unit = units.get(unitIds[0]!);
  if (!unit) return { kind: "unknown" };
  return {
    kind: "step",
    name: task.name,
    unitId: unit.id,
    unitName: unit.name,
    role: task.role,
    candidates: candidates(await officersWithRole(db, d.tenantId, task.role, unit.path, today)),
  };
}

/** Officers by name, as the pickers list them. */
function candidates(officers: OfficerWithRole[]): TStepCandidate[] {
  return officers
    .map(({ id, fullName, username, position }) => ({ id, fullName, username, position }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, "vi") || a.username.localeCompare(b.username));
}
