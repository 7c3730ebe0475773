import type { WorkingCalendar } from "@eiso/calendar";
import { SEND_BACK_STEP_KINDS } from "@eiso/contracts";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Actor, AuditActor, EffectiveGrant } from "../../platform/actor";
import { recordAudit } from "../../platform/audit/service";
import { vnToday } from "../../platform/dates";
import { type Queryable, rowsOf, type Tx } from "../../platform/db/client";
import { insertRows, type PlainQuery, updateWhere } from "../../platform/db/plain-writes";
import { writeTogether } from "../../platform/db/transactions";
import { AppError, forbidden, invalidOperation } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { loadEffectiveGrants } from "../org/access";
import { type UnitSummary, unitSummariesAndGrants } from "../org/units";
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
  type DossierRow,
  dossierEventRow,
  loadStep,
  type NewDossierEvent,
  type StepRow,
  staleConflict,
  type TransitionReads,
} from "./store";
import { dossierEvents, dossierSteps, dossiers, dossierTokens } from "./tables";

export interface EngineContext {
  port: CataloguePort;
  calendar: WorkingCalendar;
  now: Date;
  /** Units and officers' grants read already in the transaction (with the dossier's lock). */
  known?: Pick<TransitionReads, "units" | "grants">;
}

const HOUR = 3600_000;

/** Whether the actor holds `role` at a unit covering `unitPath` (own grant or a running delegation). */
export function holdsRoleAt(actor: Actor, role: string | null, unitPath: string | null): boolean {
  if (!role || !unitPath) return false;
  return actor.grants.some((g) => g.role === role && unitPath.startsWith(g.unitPath));
}

/** The unit that acts on `task` for this dossier: named in the process, or relative to the dossier's agency. */
export async function unitIdFor(
  tx: Queryable,
  d: DossierRow,
  task: TaskNode,
  process: PublishedProcess,
  ctx: Pick<EngineContext, "port">,
): Promise<string> {
  if (task.unit.kind === "unit") return task.unit.unitId;
  if (task.unit.relation === "agency") return process.bindings.agency ?? d.agencyUnitId;
  if (task.unit.relation === "reception_desk") return process.bindings.reception_desk ?? d.deskUnitId;
  return (
    process.bindings.field_division ??
    (await ctx.port.divisionInCharge(tx, d.tenantId, d.agencyUnitId, d.procedureId)) ??
    d.agencyUnitId
  );
}

type NewStep = typeof dossierSteps.$inferInsert;

/**
 * What one move of the flow writes, collected so that it reaches the database in one statement
 * (`writeFlow`): the step completed (with the version it was read at), the steps activated, the
 * dossier's new state when the flow ended, and the dossier's events, in the order they happened.
 */
interface FlowWrites {
  completion: { step: StepRow; set: Partial<NewStep> } | null;
  steps: StepRow[];
  dossier: { d: DossierRow; set: Partial<DossierRow> } | null;
  events: NewDossierEvent[];
}

const noWrites = (): FlowWrites => ({ completion: null, steps: [], dossier: null, events: [] });

/**
 * Sends a move's writes, with the transaction's next round trip; a step or dossier changed since it
 * was read fails the transaction with a conflict (409).
 */
async function writeFlow(tx: Tx, w: FlowWrites): Promise<void> {
  const writes: { query: PlainQuery; expectOne?: boolean }[] = [];
  const c = w.completion;
  if (c) {
    writes.push({
      query: updateWhere(
        dossierSteps,
        c.set,
        { tenantId: c.step.tenantId, id: c.step.id, status: "active", version: c.step.version },
        "id",
      ),
      expectOne: true,
    });
  }
  if (w.dossier) {
    const { d, set } = w.dossier;
    writes.push({
      query: updateWhere(
        dossiers,
        { ...set, version: d.version + 1 },
        { tenantId: d.tenantId, id: d.id, version: d.version },
        "id",
      ),
      expectOne: true,
    });
  }
  if (w.steps.length) writes.push({ query: insertRows(dossierSteps, w.steps, "id") });
  if (w.events.length) writes.push({ query: insertRows(dossierEvents, w.events, "id") });
  await writeTogether(tx, writes, staleConflict);
}

/** A step of `d` as it becomes active at `now`: a new id, nothing completed yet. */
function activeStepRow(
  d: DossierRow,
  now: Date,
  spec: Pick<
    StepRow,
    | "nodeId"
    | "name"
    | "stepKind"
    | "unitId"
    | "unitPath"
    | "role"
    | "assigneeId"
    | "previousStepId"
    | "allotmentMs"
    | "dueAt"
  >,
): StepRow {
  return {
    ...spec,
    tenantId: d.tenantId,
    id: newId(),
    dossierId: d.id,
    status: "active",
    startedAt: now,
    completedAt: null,
    completedBy: null,
    outcome: null,
    comment: null,
    escalatedAt: null,
    version: 0,
  };
}

/**
 * Where the flow goes from `edgeIds` on the dossier's data and the tokens waiting at its joins (read
 * only for a process with joins: tokens exist only there). Throws `ProcessError` when no branch of
 * a decision matches. Writes nothing: `advance` records what it returns, the step candidates only
 * read it.
 */
export async function walkFrom(
  db: Queryable,
  d: Pick<DossierRow, "tenantId" | "id" | "data">,
  graph: ProcessGraph,
  edgeIds: string[],
): Promise<ReturnType<typeof walk>> {
  const tokens = hasJoins(graph)
    ? await db
        .select({ nodeId: dossierTokens.nodeId, edgeId: dossierTokens.edgeId })
        .from(dossierTokens)
        .where(and(eq(dossierTokens.tenantId, d.tenantId), eq(dossierTokens.dossierId, d.id)))
    : [];
  return walk(
    graph,
    edgeIds,
    d.data as Record<string, unknown>,
    (nodeId) => new Set(tokens.filter((t) => t.nodeId === nodeId).map((t) => t.edgeId)),
    evaluate,
  );
}

/** Whether a parallel join of the graph can hold tokens (a gateway with more than one incoming flow). */
function hasJoins(graph: ProcessGraph): boolean {
  return Object.values(graph.nodes).some(
    (n) => n.type === "parallel" && graph.edges.filter((e) => e.to === n.id).length > 1,
  );
}

/**
 * Moves the dossier's flow along `edgeIds`: stores waits at parallel joins, activates the tasks it
 * reaches (each with its due time from its allotment, in working hours), and tells whether the flow
 * has reached an end with nothing left active. The steps and events go into `w`, for the caller to
 * write; `previous.stepId` is the step being completed by the same move (still active until then).
 */
async function advance(
  tx: Tx,
  actor: AuditActor,
  d: DossierRow,
  process: PublishedProcess,
  edgeIds: string[],
  previous: { stepId: string | null; nextAssigneeId?: string | null | undefined },
  ctx: EngineContext,
  w: FlowWrites,
): Promise<{ activated: StepRow[]; finished: boolean }> {
  const graph: ProcessGraph = graphOf(process.compiled);
  const joins = hasJoins(graph);
  let result: ReturnType<typeof walk>;
  try {
    result = await walkFrom(tx, d, graph, edgeIds);
  } catch (e) {
    if (e instanceof ProcessError)
      throw invalidOperation({ vi: `Không chuyển được bước: ${e.message}`, en: e.message });
    throw e;
  }
  if (result.wait.length) {
    await tx.insert(dossierTokens).values(
      result.wait.map((t) => ({
        tenantId: d.tenantId,
        id: newId(),
        dossierId: d.id,
        nodeId: t.nodeId,
        edgeId: t.edgeId,
      })),
    );
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
  const tasks = result.activate.map((a) => graph.nodes[a.nodeId] as TaskNode);
  const unitIds: string[] = [];
  for (const task of tasks) unitIds.push(await unitIdFor(tx, d, task, process, ctx));
  // Read with the dossier's lock in the common case (the agency's and desk's units, the officer the
  // request names); asked here otherwise (a division in charge, a unit named in the process).
  const assignee = previous.nextAssigneeId ?? null;
  const known = ctx.known;
  const knownGrants = assignee ? known?.grants.get(assignee) : [];
  const { units, grants: assigneeGrants } =
    tasks.length === 0
      ? { units: new Map<string, UnitSummary>(), grants: [] }
      : known && knownGrants && unitIds.every((id) => known.units.has(id))
        ? { units: known.units, grants: knownGrants }
        : await unitSummariesAndGrants(tx, d.tenantId, unitIds, assignee, vnToday(ctx.now));
  const activated: StepRow[] = [];
  for (const [i, task] of tasks.entries()) {
    const unit = units.get(unitIds[i]!);
    if (!unit) throw new ProcessError(`step "${task.name}" has no acting unit`);
    let assigneeId: string | null = null;
    if (previous.nextAssigneeId) {
      assertHolds(assigneeGrants, task.role, unit.path);
      assigneeId = previous.nextAssigneeId;
    }
    const step = activeStepRow(d, ctx.now, {
      nodeId: task.id,
      name: task.name,
      stepKind: task.stepKind,
      unitId: unit.id,
      unitPath: unit.path,
      role: task.role,
      assigneeId,
      previousStepId: previous.stepId,
      allotmentMs: Math.round(task.allotmentHours * HOUR),
      dueAt: ctx.calendar.addWorkingTime(ctx.now, { hours: task.allotmentHours }),
    });
    activated.push(step);
    w.steps.push(step);
    w.events.push(
      dossierEventRow(actor, d.id, "step.activated", {
        stepId: step.id,
        at: ctx.now,
        data: {
          name: task.name,
          unitId: unit.id,
          unitName: unit.name,
          role: task.role,
          assigneeId,
          dueAt: step.dueAt,
        },
      }),
    );
  }
  // The flow is over when it reached an end and nothing is active or waiting any more.
  let finished = false;
  if (result.ends > 0 && activated.length === 0) {
    const active = and(
      eq(dossierSteps.tenantId, d.tenantId),
      eq(dossierSteps.dossierId, d.id),
      eq(dossierSteps.status, "active"),
      previous.stepId ? ne(dossierSteps.id, previous.stepId) : undefined,
    );
    const waiting = and(eq(dossierTokens.tenantId, d.tenantId), eq(dossierTokens.dossierId, d.id));
    const [left] = rowsOf<{ left: boolean }>(
      await tx.execute(
        joins
          ? sql`select exists (${tx.select({ id: dossierSteps.id }).from(dossierSteps).where(active)})
                  or exists (${tx.select({ id: dossierTokens.id }).from(dossierTokens).where(waiting)}) as left`
          : sql`select exists (${tx.select({ id: dossierSteps.id }).from(dossierSteps).where(active)}) as left`,
      ),
    );
    finished = !left?.left;
  }
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
  assertHolds(await loadEffectiveGrants(tx, tenantId, userId, vnToday(now)), role, unitPath);
}

/** Refuses unless `grants` (of the officer a step goes to) hold `role` over the unit at `unitPath`. */
function assertHolds(grants: EffectiveGrant[], role: string, unitPath: string) {
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
  const w = noWrites();
  const { activated } = await advance(tx, actor, d, process, startEdges(graph), { stepId: null }, ctx, w);
  await writeFlow(tx, w);
  for (const step of activated) {
    if (step.stepKind === "receive") {
      const next = noWrites();
      await completeActiveStep(tx, actor, d, process, step, { outcome: "done", comment: null }, ctx, next, {
        auto: true,
      });
      await writeFlow(tx, next);
    }
  }
}

/** Marks a step done (optimistic lock on its version) and advances the flow, into `w`. */
async function completeActiveStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  process: PublishedProcess,
  step: StepRow,
  input: { outcome: string; comment?: string | null | undefined; nextAssigneeId?: string | null | undefined },
  ctx: EngineContext,
  w: FlowWrites,
  opts: { auto?: boolean } = {},
) {
  w.completion = {
    step,
    set: {
      status: "completed",
      completedAt: ctx.now,
      completedBy: actor.userId,
      assigneeId: step.assigneeId ?? actor.userId,
      outcome: input.outcome,
      comment: input.comment ?? null,
      version: step.version + 1,
    },
  };
  w.events.push(
    dossierEventRow(actor, d.id, opts.auto ? "step.completed_at_reception" : "step.completed", {
      stepId: step.id,
      at: ctx.now,
      comment: input.comment ?? null,
      data: { name: step.name, outcome: input.outcome, late: !!step.dueAt && ctx.now > step.dueAt },
    }),
  );
  return advance(
    tx,
    actor,
    d,
    process,
    edgesAfter(graphOf(process.compiled), step.nodeId),
    { stepId: step.id, nextAssigneeId: input.nextAssigneeId },
    ctx,
    w,
  );
}

/**
 * An officer acts on a step: completes it (done / approve) or, at review, approval or signing,
 * sends it back to the step before with a reason. Checks the role and unit scope of the step,
 * the assignee, and the version the actor saw. Answers with the dossier's row after the move.
 */
export async function actOnStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  process: PublishedProcess,
  step: StepRow,
  input: {
    version: number;
    outcome: "done" | "approve" | "send_back";
    comment?: string | null | undefined;
    nextAssigneeId?: string | null | undefined;
  },
  ctx: EngineContext,
): Promise<{ finished: boolean; returnedStep: boolean; dossier: DossierRow }> {
  if (d.status !== "processing") {
    throw invalidOperation({
      vi: `Hồ sơ đang ở trạng thái không xử lý được (${d.status})`,
      en: `The dossier is not in progress (${d.status})`,
    });
  }
  if (!holdsRoleAt(actor, step.role, step.unitPath)) throw forbidden();
  if (step.status !== "active" || step.version !== input.version) throw staleConflict();
  if (step.assigneeId && step.assigneeId !== actor.userId) {
    throw new AppError("forbidden", {
      vi: "Bước này đã được giao cho cán bộ khác",
      en: "This step is assigned to another officer",
    });
  }
  const w = noWrites();
  if (input.outcome === "send_back") {
    if (!SEND_BACK_STEP_KINDS.includes(step.stepKind))
      throw invalidOperation("Chỉ bước thẩm tra, phê duyệt, ký mới được trả lại");
    if (!input.comment)
      throw invalidOperation({ vi: "Cần nêu lý do trả lại", en: "Give the reason for sending back" });
    if (!step.previousStepId) throw invalidOperation("Không có bước trước để trả lại");
    const previous = await loadStep(tx, d.tenantId, d.id, step.previousStepId);
    w.completion = {
      step,
      set: {
        status: "completed",
        completedAt: ctx.now,
        completedBy: actor.userId,
        assigneeId: actor.userId,
        outcome: "send_back",
        comment: input.comment,
        version: step.version + 1,
      },
    };
    const again = activeStepRow(d, ctx.now, {
      nodeId: previous.nodeId,
      name: previous.name,
      stepKind: previous.stepKind,
      unitId: previous.unitId,
      unitPath: previous.unitPath,
      role: previous.role,
      assigneeId: previous.completedBy,
      previousStepId: previous.previousStepId,
      allotmentMs: previous.allotmentMs,
      dueAt: ctx.calendar.addWorkingTime(ctx.now, { hours: previous.allotmentMs / HOUR }),
    });
    w.steps.push(again);
    w.events.push(
      dossierEventRow(actor, d.id, "step.sent_back", {
        stepId: step.id,
        at: ctx.now,
        comment: input.comment,
        data: { name: step.name, to: previous.name, toStepId: again.id, assigneeId: previous.completedBy },
      }),
    );
    await writeFlow(tx, w);
    await recordAudit(tx, actor, {
      action: "dossier.send_back",
      entityType: "dossier",
      entityId: d.id,
      unitId: step.unitId,
      after: { stepId: step.id, reason: input.comment },
    });
    return { finished: false, returnedStep: false, dossier: d };
  }
  const { finished } = await completeActiveStep(tx, actor, d, process, step, input, ctx, w);
  let dossier = d;
  if (finished) {
    w.dossier = { d, set: { status: "result_ready", completedAt: ctx.now } };
    w.events.push(dossierEventRow(actor, d.id, "result.ready", { at: ctx.now }));
    // What the update below writes (it changes nothing else of the row).
    dossier = { ...d, ...w.dossier.set, version: d.version + 1 };
  }
  await writeFlow(tx, w);
  await recordAudit(tx, actor, {
    action: `dossier.step.${input.outcome}`,
    entityType: "dossier",
    entityId: d.id,
    unitId: step.unitId,
    after: { stepId: step.id, name: step.name, outcome: input.outcome },
  });
  return { finished, returnedStep: step.stepKind === "return", dossier };
}

/** Takes an unassigned step from the unit or role queue. */
export async function claimStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  step: StepRow,
  version: number,
  now: Date,
) {
  if (!holdsRoleAt(actor, step.role, step.unitPath)) throw forbidden();
  if (step.status !== "active" || step.version !== version || step.assigneeId) throw staleConflict();
  await setAssignee(tx, step, actor.userId);
  await addDossierEvent(tx, actor, d.id, "step.claimed", {
    stepId: step.id,
    at: now,
    data: { name: step.name },
  });
}

/**
 * A leader over the step's unit (or the current assignee) hands the step to another officer who
 * holds its role there: phân công / chuyển xử lý.
 */
export async function assignStep(
  tx: Tx,
  actor: Actor,
  d: DossierRow,
  step: StepRow,
  input: { version: number; assigneeId: string; comment?: string | null | undefined },
  now: Date,
) {
  const leader = holdsRoleAt(actor, "leader", step.unitPath);
  const holder = step.assigneeId === actor.userId;
  if (!leader && !holder) throw forbidden();
  if (step.status !== "active" || step.version !== input.version) throw staleConflict();
  await assertCanTake(tx, d.tenantId, input.assigneeId, step.role!, step.unitPath!, now);
  await setAssignee(tx, step, input.assigneeId);
  await addDossierEvent(tx, actor, d.id, step.assigneeId ? "step.reassigned" : "step.assigned", {
    stepId: step.id,
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
    after: { assigneeId: input.assigneeId, stepId: step.id },
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
