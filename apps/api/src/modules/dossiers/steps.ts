import type { WorkingCalendar } from "@eiso/calendar";
import type { TStepKind } from "@eiso/contracts";
import { and, eq, inArray } from "drizzle-orm";
import type { Actor, AuditActor } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { vnToday } from "../../platform/dates";
import type { Tx } from "../../platform/db/client";
import { AppError, forbidden, invalidOperation } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { loadEffectiveGrants } from "../org/access";
import { unitSummaries } from "../org/units";
import type { CataloguePort, PublishedProcess } from "./catalogue-port";
import {
  edgesAfter,
  evaluate,
  graphOf,
  ProcessError,
  type ProcessGraph,
  startEdges,
  type TaskNode,
  walk,
} from "./engine";
import {
  addDossierEvent,
  bumpDossier,
  type DossierRow,
  loadStep,
  type StepRow,
  staleConflict,
} from "./store";
import { dossierSteps, dossierTokens } from "./tables";

export interface EngineContext {
  port: CataloguePort;
  calendar: WorkingCalendar;
  now: Date;
}

const HOUR = 3600_000;

/** Whether the actor holds `role` at a unit covering `unitPath` (own grant or a running delegation). */
export function holdsRoleAt(actor: Actor, role: string | null, unitPath: string | null): boolean {
  if (!role || !unitPath) return false;
  return actor.grants.some((g) => g.role === role && unitPath.startsWith(g.unitPath));
}

async function resolveUnit(
  tx: Tx,
  d: DossierRow,
  task: TaskNode,
  process: PublishedProcess,
  ctx: EngineContext,
) {
  let unitId: string;
  if (task.unit.kind === "unit") unitId = task.unit.unitId;
  else if (task.unit.relation === "agency") unitId = process.bindings.agency ?? d.agencyUnitId;
  else if (task.unit.relation === "reception_desk") unitId = process.bindings.reception_desk ?? d.deskUnitId;
  else
    unitId =
      process.bindings.field_division ??
      (await ctx.port.divisionInCharge(tx, d.tenantId, d.agencyUnitId, d.procedureId)) ??
      d.agencyUnitId;
  const unit = (await unitSummaries(tx, d.tenantId, [unitId])).get(unitId);
  if (!unit) throw new ProcessError(`step "${task.name}" has no acting unit`);
  return unit;
}

/**
 * Moves the dossier's flow along `edgeIds`: stores waits at parallel joins, activates the tasks it
 * reaches (each with its due time from its allotment, in working hours), and when the flow has
 * reached an end with nothing left active, marks the result ready.
 */
export async function advance(
  tx: Tx,
  actor: AuditActor,
  d: DossierRow,
  process: PublishedProcess,
  edgeIds: string[],
  previous: { stepId: string | null; nextAssigneeId?: string | null | undefined },
  ctx: EngineContext,
): Promise<{ activated: StepRow[]; finished: boolean }> {
  const graph: ProcessGraph = graphOf(process.compiled);
  const tokens = await tx
    .select()
    .from(dossierTokens)
    .where(and(eq(dossierTokens.tenantId, d.tenantId), eq(dossierTokens.dossierId, d.id)));
  let result: ReturnType<typeof walk>;
  try {
    result = walk(
      graph,
      edgeIds,
      d.data as Record<string, unknown>,
      (nodeId) => new Set(tokens.filter((t) => t.nodeId === nodeId).map((t) => t.edgeId)),
      evaluate,
    );
  } catch (e) {
    if (e instanceof ProcessError)
      throw invalidOperation({ vi: `Không chuyển được bước: ${e.message}`, en: e.message });
    throw e;
  }
  for (const w of result.wait) {
    await tx
      .insert(dossierTokens)
      .values({ tenantId: d.tenantId, id: newId(), dossierId: d.id, nodeId: w.nodeId, edgeId: w.edgeId });
  }
  if (result.joined.length) {
    await tx
      .delete(dossierTokens)
      .where(
        and(
          eq(dossierTokens.tenantId, d.tenantId),
          eq(dossierTokens.dossierId, d.id),
          inArray(dossierTokens.nodeId, result.joined),
        ),
      );
  }
  const activated: StepRow[] = [];
  for (const a of result.activate) {
    const task = graph.nodes[a.nodeId] as TaskNode;
    const unit = await resolveUnit(tx, d, task, process, ctx);
    const allotmentMs = Math.round(task.allotmentHours * HOUR);
    let assigneeId: string | null = null;
    if (previous.nextAssigneeId) {
      await assertCanTake(tx, d.tenantId, previous.nextAssigneeId, task.role, unit.path, ctx.now);
      assigneeId = previous.nextAssigneeId;
    }
    const [step] = await tx
      .insert(dossierSteps)
      .values({
        tenantId: d.tenantId,
        id: newId(),
        dossierId: d.id,
        nodeId: task.id,
        name: task.name,
        stepKind: task.stepKind,
        status: "active",
        unitId: unit.id,
        unitPath: unit.path,
        role: task.role,
        assigneeId,
        previousStepId: previous.stepId,
        allotmentMs,
        startedAt: ctx.now,
        dueAt: ctx.calendar.addWorkingTime(ctx.now, { hours: task.allotmentHours }),
      })
      .returning();
    activated.push(step!);
    await addDossierEvent(tx, actor, d.id, "step.activated", {
      stepId: step!.id,
      at: ctx.now,
      data: {
        name: task.name,
        unitId: unit.id,
        unitName: unit.name,
        role: task.role,
        assigneeId,
        dueAt: step!.dueAt,
      },
    });
  }
  const stillActive = await tx
    .select({ id: dossierSteps.id })
    .from(dossierSteps)
    .where(
      and(
        eq(dossierSteps.tenantId, d.tenantId),
        eq(dossierSteps.dossierId, d.id),
        eq(dossierSteps.status, "active"),
      ),
    );
  const waiting = await tx
    .select({ id: dossierTokens.id })
    .from(dossierTokens)
    .where(and(eq(dossierTokens.tenantId, d.tenantId), eq(dossierTokens.dossierId, d.id)));
  const finished = result.ends > 0 && stillActive.length === 0 && waiting.length === 0;
  return { activated, finished };
}

/** Refuses to hand a step to someone who does not hold its role over its unit. */
async function assertCanTake(
  tx: Tx,
  tenantId: string,
  userId: string,
  role: string,
  unitPath: string,
  now: Date,
) {
  const grants = await loadEffectiveGrants(tx, tenantId, userId, vnToday(now));
  if (!grants.some((g) => g.role === role && unitPath.startsWith(g.unitPath))) {
    throw invalidOperation({
      vi: "Cán bộ được chọn không giữ vai trò của bước này tại đơn vị xử lý",
      en: "The chosen officer does not hold this step's role over its unit",
    });
  }
}

/** Starts the process of an accepted dossier; a first "receive" step is completed by the receiving clerk. */
export async function startProcess(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  process: PublishedProcess,
  ctx: EngineContext,
) {
  const graph = graphOf(process.compiled);
  const { activated } = await advance(tx, actor, d, process, startEdges(graph), { stepId: null }, ctx);
  for (const step of activated) {
    if (step.stepKind === "receive") {
      await completeActiveStep(tx, actor, d, process, step, { outcome: "done", comment: null }, ctx, {
        auto: true,
      });
    }
  }
}

/** Marks a step done (optimistic lock on its version) and advances the flow. */
async function completeActiveStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  process: PublishedProcess,
  step: StepRow,
  input: { outcome: string; comment?: string | null | undefined; nextAssigneeId?: string | null | undefined },
  ctx: EngineContext,
  opts: { auto?: boolean } = {},
) {
  const [done] = await tx
    .update(dossierSteps)
    .set({
      status: "completed",
      completedAt: ctx.now,
      completedBy: actor.userId,
      assigneeId: step.assigneeId ?? actor.userId,
      outcome: input.outcome,
      comment: input.comment ?? null,
      version: step.version + 1,
    })
    .where(
      and(
        eq(dossierSteps.tenantId, step.tenantId),
        eq(dossierSteps.id, step.id),
        eq(dossierSteps.status, "active"),
        eq(dossierSteps.version, step.version),
      ),
    )
    .returning();
  if (!done) throw staleConflict();
  await addDossierEvent(tx, actor, d.id, opts.auto ? "step.completed_at_reception" : "step.completed", {
    stepId: step.id,
    at: ctx.now,
    comment: input.comment ?? null,
    data: { name: step.name, outcome: input.outcome, late: !!step.dueAt && ctx.now > step.dueAt },
  });
  return advance(
    tx,
    actor,
    d,
    process,
    edgesAfter(graphOf(process.compiled), step.nodeId),
    { stepId: step.id, nextAssigneeId: input.nextAssigneeId },
    ctx,
  );
}

const SEND_BACK_KINDS: readonly string[] = ["review", "approve", "sign"] satisfies TStepKind[];

/**
 * An officer acts on a step: completes it (done / approve) or, at review, approval or signing,
 * sends it back to the step before with a reason. Checks the role and unit scope of the step,
 * the assignee, and the version the actor saw.
 */
export async function actOnStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  process: PublishedProcess,
  stepId: string,
  input: {
    version: number;
    outcome: "done" | "approve" | "send_back";
    comment?: string | null | undefined;
    nextAssigneeId?: string | null | undefined;
  },
  ctx: EngineContext,
): Promise<{ finished: boolean; returnedStep: boolean }> {
  if (d.status !== "processing") {
    throw invalidOperation({
      vi: `Hồ sơ đang ở trạng thái không xử lý được (${d.status})`,
      en: `The dossier is not in progress (${d.status})`,
    });
  }
  const step = await loadStep(tx, d.tenantId, d.id, stepId);
  if (!holdsRoleAt(actor, step.role, step.unitPath)) throw forbidden();
  if (step.status !== "active" || step.version !== input.version) throw staleConflict();
  if (step.assigneeId && step.assigneeId !== actor.userId) {
    throw new AppError("forbidden", {
      vi: "Bước này đã được giao cho cán bộ khác",
      en: "This step is assigned to another officer",
    });
  }
  if (input.outcome === "send_back") {
    if (!SEND_BACK_KINDS.includes(step.stepKind))
      throw invalidOperation("Chỉ bước thẩm tra, phê duyệt, ký mới được trả lại");
    if (!input.comment)
      throw invalidOperation({ vi: "Cần nêu lý do trả lại", en: "Give the reason for sending back" });
    if (!step.previousStepId) throw invalidOperation("Không có bước trước để trả lại");
    const previous = await loadStep(tx, d.tenantId, d.id, step.previousStepId);
    const [done] = await tx
      .update(dossierSteps)
      .set({
        status: "completed",
        completedAt: ctx.now,
        completedBy: actor.userId,
        assigneeId: actor.userId,
        outcome: "send_back",
        comment: input.comment,
        version: step.version + 1,
      })
      .where(
        and(
          eq(dossierSteps.tenantId, step.tenantId),
          eq(dossierSteps.id, step.id),
          eq(dossierSteps.status, "active"),
          eq(dossierSteps.version, step.version),
        ),
      )
      .returning();
    if (!done) throw staleConflict();
    const [again] = await tx
      .insert(dossierSteps)
      .values({
        tenantId: d.tenantId,
        id: newId(),
        dossierId: d.id,
        nodeId: previous.nodeId,
        name: previous.name,
        stepKind: previous.stepKind,
        status: "active",
        unitId: previous.unitId,
        unitPath: previous.unitPath,
        role: previous.role,
        assigneeId: previous.completedBy,
        previousStepId: previous.previousStepId,
        allotmentMs: previous.allotmentMs,
        startedAt: ctx.now,
        dueAt: ctx.calendar.addWorkingTime(ctx.now, { hours: previous.allotmentMs / HOUR }),
      })
      .returning();
    await addDossierEvent(tx, actor, d.id, "step.sent_back", {
      stepId: step.id,
      at: ctx.now,
      comment: input.comment,
      data: { name: step.name, to: previous.name, toStepId: again!.id, assigneeId: previous.completedBy },
    });
    await recordAudit(tx, actor, {
      action: "dossier.send_back",
      entityType: "dossier",
      entityId: d.id,
      unitId: step.unitId,
      after: { stepId: step.id, reason: input.comment },
    });
    return { finished: false, returnedStep: false };
  }
  const { finished } = await completeActiveStep(tx, actor, d, process, step, input, ctx);
  await recordAudit(tx, actor, {
    action: `dossier.step.${input.outcome}`,
    entityType: "dossier",
    entityId: d.id,
    unitId: step.unitId,
    after: { stepId: step.id, name: step.name, outcome: input.outcome },
  });
  if (finished) {
    await bumpDossier(tx, d, { status: "result_ready", completedAt: ctx.now });
    await addDossierEvent(tx, actor, d.id, "result.ready", { at: ctx.now });
  }
  return { finished, returnedStep: step.stepKind === "return" };
}

/** Takes an unassigned step from the unit or role queue. */
export async function claimStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  stepId: string,
  version: number,
  now: Date,
) {
  const step = await loadStep(tx, d.tenantId, d.id, stepId);
  if (!holdsRoleAt(actor, step.role, step.unitPath)) throw forbidden();
  if (step.status !== "active" || step.version !== version || step.assigneeId) throw staleConflict();
  await setAssignee(tx, step, actor.userId);
  await addDossierEvent(tx, actor, d.id, "step.claimed", { stepId, at: now, data: { name: step.name } });
}

/**
 * A leader over the step's unit (or the current assignee) hands the step to another officer who
 * holds its role there: phân công / chuyển xử lý.
 */
export async function assignStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  stepId: string,
  input: { version: number; assigneeId: string; comment?: string | null | undefined },
  now: Date,
) {
  const step = await loadStep(tx, d.tenantId, d.id, stepId);
  const leader = holdsRoleAt(actor, "leader", step.unitPath);
  const holder = step.assigneeId === actor.userId;
  if (!leader && !holder) throw forbidden();
  if (step.status !== "active" || step.version !== input.version) throw staleConflict();
  await assertCanTake(tx, d.tenantId, input.assigneeId, step.role!, step.unitPath!, now);
  await setAssignee(tx, step, input.assigneeId);
  await addDossierEvent(tx, actor, d.id, step.assigneeId ? "step.reassigned" : "step.assigned", {
    stepId,
    at: now,
    comment: input.comment ?? null,
    data: { name: step.name, from: step.assigneeId, to: input.assigneeId },
  });
  await recordAudit(tx, actor, {
    action: "dossier.assign",
    entityType: "dossier",
    entityId: d.id,
    unitId: step.unitId,
    before: { assigneeId: step.assigneeId },
    after: { assigneeId: input.assigneeId, stepId },
  });
}

async function setAssignee(tx: Tx, step: StepRow, userId: string) {
  const [row] = await tx
    .update(dossierSteps)
    .set({ assigneeId: userId, version: step.version + 1 })
    .where(
      and(
        eq(dossierSteps.tenantId, step.tenantId),
        eq(dossierSteps.id, step.id),
        eq(dossierSteps.version, step.version),
        eq(dossierSteps.status, "active"),
      ),
    )
    .returning();
  if (!row) throw staleConflict();
}

/** Cancels every active step (stop, withdraw). */
export async function cancelActiveSteps(tx: Tx, d: DossierRow, now: Date) {
  await tx
    .update(dossierSteps)
    .set({ status: "cancelled", completedAt: now })
    .where(
      and(
        eq(dossierSteps.tenantId, d.tenantId),
        eq(dossierSteps.dossierId, d.id),
        eq(dossierSteps.status, "active"),
      ),
    );
  await tx
    .delete(dossierTokens)
    .where(and(eq(dossierTokens.tenantId, d.tenantId), eq(dossierTokens.dossierId, d.id)));
}
