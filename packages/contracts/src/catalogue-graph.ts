/**
 * Process graphs as both sides see them: the designer builds one from the canvas to show the time
 * check live, the server builds one from the XML to validate, compile and diff. Pure functions.
 */

export type TGraphNodeType =
  | "start"
  | "end"
  | "userTask"
  | "exclusiveGateway"
  | "parallelGateway"
  | "timer"
  | "other";

export interface TGraphNode {
  id: string;
  name: string;
  type: TGraphNodeType;
  /** Allotment in working hours (user tasks) or the timer's duration. */
  hours?: number | null;
  stepKind?: string | null;
  unit?: string | null;
  role?: string | null;
  /** User tasks: the `eiso:requiredDocuments` value as written. */
  requiredDocuments?: string | null;
  attachedTo?: string | null;
}

export interface TGraphEdge {
  id: string;
  name?: string | null;
  source: string;
  target: string;
  conditionText?: string | null;
}

/**
 * Longest allotted time from the start event to any end, in working hours: the sum of user-task
 * allotments along the slowest path. Flows that loop back (send back for rework) and timer branches
 * (escalations) are not part of the nominal path. Returns null without a start event.
 */
export function longestPathHours(nodes: readonly TGraphNode[], edges: readonly TGraphEdge[]): number | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const start = nodes.find((n) => n.type === "start");
  if (!start) return null;
  const out = new Map<string, string[]>();
  for (const e of edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = out.get(e.source) ?? [];
    list.push(e.target);
    out.set(e.source, list);
  }
  const state = new Map<string, "open" | "done">();
  const best = new Map<string, number>();
  const weight = (n: TGraphNode) => (n.type === "userTask" && n.hours && n.hours > 0 ? n.hours : 0);
  // Iterative DFS: a flow into a node still on the stack is a loop back and is skipped.
  const visit = (rootId: string) => {
    const stack: { id: string; i: number }[] = [{ id: rootId, i: 0 }];
    state.set(rootId, "open");
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const succ = out.get(top.id) ?? [];
      if (top.i < succ.length) {
        const next = succ[top.i++]!;
        if (!state.has(next) && byId.get(next)?.type !== "timer") {
          state.set(next, "open");
          stack.push({ id: next, i: 0 });
        }
        continue;
      }
      let tail = 0;
      for (const s of succ) {
        if (state.get(s) === "done") tail = Math.max(tail, best.get(s) ?? 0);
      }
      best.set(top.id, weight(byId.get(top.id)!) + tail);
      state.set(top.id, "done");
      stack.pop();
    }
  };
  visit(start.id);
  return Math.round((best.get(start.id) ?? 0) * 100) / 100;
}

export interface TGraphDiff {
  added: { id: string; name: string; hours: number | null }[];
  removed: { id: string; name: string; hours: number | null }[];
  changed: { id: string; name: string; changes: { property: string; before: unknown; after: unknown }[] }[];
  timeChanges: { id: string; name: string; before: number | null; after: number | null }[];
  flowsAdded: string[];
  flowsRemoved: string[];
  totalHoursBefore: number | null;
  totalHoursAfter: number | null;
}

const STEP_PROPERTIES = ["name", "stepKind", "unit", "role", "hours", "requiredDocuments"] as const;

const flowLabel = (e: TGraphEdge, names: Map<string, string>) =>
  `${names.get(e.source) ?? e.source} → ${names.get(e.target) ?? e.target}${e.conditionText ? ` [${e.conditionText}]` : ""}`;

/** What changed between two versions of a process: steps (user tasks) by id, their times, and the flows. */
export function diffGraphs(
  before: { nodes: readonly TGraphNode[]; edges: readonly TGraphEdge[] },
  after: { nodes: readonly TGraphNode[]; edges: readonly TGraphEdge[] },
): TGraphDiff {
  const steps = (g: typeof before) =>
    new Map(g.nodes.filter((n) => n.type === "userTask").map((n) => [n.id, n]));
  const a = steps(before);
  const b = steps(after);
  const step = (n: TGraphNode) => ({ id: n.id, name: n.name, hours: n.hours ?? null });
  const diff: TGraphDiff = {
    added: [...b.values()].filter((n) => !a.has(n.id)).map(step),
    removed: [...a.values()].filter((n) => !b.has(n.id)).map(step),
    changed: [],
    timeChanges: [],
    flowsAdded: [],
    flowsRemoved: [],
    totalHoursBefore: longestPathHours(before.nodes, before.edges),
    totalHoursAfter: longestPathHours(after.nodes, after.edges),
  };
  for (const [id, old] of a) {
    const now = b.get(id);
    if (!now) continue;
    const changes = STEP_PROPERTIES.filter((p) => (old[p] ?? null) !== (now[p] ?? null)).map((p) => ({
      property: p,
      before: old[p] ?? null,
      after: now[p] ?? null,
    }));
    if (changes.length) diff.changed.push({ id, name: now.name, changes });
    if ((old.hours ?? null) !== (now.hours ?? null)) {
      diff.timeChanges.push({ id, name: now.name, before: old.hours ?? null, after: now.hours ?? null });
    }
  }
  for (const n of diff.added) diff.timeChanges.push({ id: n.id, name: n.name, before: null, after: n.hours });
  for (const n of diff.removed)
    diff.timeChanges.push({ id: n.id, name: n.name, before: n.hours, after: null });
  const namesA = new Map(before.nodes.map((n) => [n.id, n.name || n.id]));
  const namesB = new Map(after.nodes.map((n) => [n.id, n.name || n.id]));
  const key = (e: TGraphEdge) => `${e.source}→${e.target}|${e.conditionText ?? ""}`;
  const keysA = new Set(before.edges.map(key));
  const keysB = new Set(after.edges.map(key));
  diff.flowsAdded = after.edges.filter((e) => !keysA.has(key(e))).map((e) => flowLabel(e, namesB));
  diff.flowsRemoved = before.edges.filter((e) => !keysB.has(key(e))).map((e) => flowLabel(e, namesA));
  return diff;
}

/**
 * Parses an ISO 8601 duration of a timer (PT4H, P2D, P1DT4H, PT30M) into working hours, a day
 * being one working day of `hoursPerDay`. Returns null when it is not such a duration.
 */
export function durationToWorkingHours(iso: string, hoursPerDay = 8): number | null {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?$/.exec(iso.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  const hours = Number(m[1] ?? 0) * hoursPerDay + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
  return hours > 0 ? Math.round(hours * 100) / 100 : null;
}
