/**
 * The process engine's pure core: given a compiled process graph, the dossier's field values and
 * the tokens waiting at parallel joins, where does the flow go from some edges? Persistence lives
 * in the dossier service; this file has no I/O so its rules are tested table-driven.
 */

import { evaluateCondition, type TActingUnit, type TCompiledProcess, type TCondition } from "@eiso/contracts";

export type UnitRule = TActingUnit;

export interface TaskNode {
  id: string;
  type: "task";
  name: string;
  stepKind: string;
  role: string;
  unit: UnitRule;
  allotmentHours: number;
}
export type GraphNode =
  | { id: string; type: "start" | "end"; name: string }
  | { id: string; type: "exclusive"; name: string; defaultEdgeId: string | null }
  | { id: string; type: "parallel"; name: string }
  | TaskNode;

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  /** Parsed condition over dossier fields; evaluated by the caller's evaluator. */
  condition: TCondition | null;
}

export interface ProcessGraph {
  nodes: Record<string, GraphNode>;
  edges: GraphEdge[];
}

export type ConditionEvaluator = (condition: TCondition, data: Record<string, unknown>) => boolean;

export const evaluate: ConditionEvaluator = (condition, data) => evaluateCondition(condition, data);

/** The engine's view of a published process (timer boundary events are handled by escalation). */
export function graphOf(compiled: TCompiledProcess): ProcessGraph {
  const nodes: Record<string, GraphNode> = {};
  for (const n of compiled.nodes) {
    switch (n.type) {
      case "start":
      case "end":
        nodes[n.id] = { id: n.id, type: n.type, name: n.name };
        break;
      case "userTask":
        nodes[n.id] = {
          id: n.id,
          type: "task",
          name: n.name,
          stepKind: n.stepKind,
          role: n.role,
          unit: n.unit,
          allotmentHours: n.hours,
        };
        break;
      case "exclusiveGateway":
        nodes[n.id] = { id: n.id, type: "exclusive", name: n.name, defaultEdgeId: n.defaultFlowId };
        break;
      case "parallelGateway":
        nodes[n.id] = { id: n.id, type: "parallel", name: n.name };
        break;
      case "timer":
        break;
    }
  }
  const edges = compiled.edges
    .filter((e) => nodes[e.source] && nodes[e.target])
    .map((e) => ({ id: e.id, from: e.source, to: e.target, condition: e.condition }));
  return { nodes, edges };
}

export interface WalkResult {
  /** Tasks to activate, with the edge that reached them. */
  activate: { nodeId: string; viaEdge: string }[];
  /** Arrivals at parallel joins that must wait for other branches. */
  wait: { nodeId: string; edgeId: string }[];
  /** Joins completed by this walk: their stored tokens are consumed. */
  joined: string[];
  /** End events reached. */
  ends: number;
}

export class ProcessError extends Error {}

const outgoing = (g: ProcessGraph, nodeId: string) => g.edges.filter((e) => e.from === nodeId);
const incoming = (g: ProcessGraph, nodeId: string) => g.edges.filter((e) => e.to === nodeId);

export function startEdges(g: ProcessGraph): string[] {
  const starts = Object.values(g.nodes).filter((n) => n.type === "start");
  if (starts.length !== 1) throw new ProcessError("process must have exactly one start event");
  return outgoing(g, starts[0]!.id).map((e) => e.id);
}

/** Edges leaving a task when it completes. */
export function edgesAfter(g: ProcessGraph, nodeId: string): string[] {
  return outgoing(g, nodeId).map((e) => e.id);
}

/**
 * Follows edges through gateways until tasks, joins still waiting, or end events. Exclusive
 * gateways take the first outgoing edge whose condition holds (else the default edge); parallel
 * gateways split to every outgoing edge and join when every incoming edge has a token.
 */
export function walk(
  g: ProcessGraph,
  edgeIds: string[],
  data: Record<string, unknown>,
  waitingAt: (nodeId: string) => ReadonlySet<string>,
  evaluate: ConditionEvaluator,
): WalkResult {
  const result: WalkResult = { activate: [], wait: [], joined: [], ends: 0 };
  const arrived = new Map<string, Set<string>>();
  const queue = [...edgeIds];
  let guard = 0;
  while (queue.length) {
    if (++guard > 10_000) throw new ProcessError("process loops without reaching a task");
    const edgeId = queue.shift()!;
    const edge = g.edges.find((e) => e.id === edgeId);
    if (!edge) throw new ProcessError(`unknown edge ${edgeId}`);
    const node = g.nodes[edge.to];
    if (!node) throw new ProcessError(`edge ${edgeId} leads to unknown node ${edge.to}`);
    switch (node.type) {
      case "task":
        result.activate.push({ nodeId: node.id, viaEdge: edge.id });
        break;
      case "end":
        result.ends++;
        break;
      case "start":
        throw new ProcessError(`edge ${edgeId} leads back to the start event`);
      case "exclusive": {
        const out = outgoing(g, node.id);
        const taken =
          out.find(
            (e) => e.id !== node.defaultEdgeId && e.condition !== null && evaluate(e.condition, data),
          ) ??
          out.find((e) => e.id === node.defaultEdgeId) ??
          (out.length === 1 && out[0]!.condition === null ? out[0] : undefined) ??
          out.find((e) => e.condition === null);
        if (!taken) {
          throw new ProcessError(
            `no outgoing flow of gateway "${node.name || node.id}" matches the dossier data`,
          );
        }
        queue.push(taken.id);
        break;
      }
      case "parallel": {
        const ins = incoming(g, node.id);
        if (ins.length <= 1) {
          queue.push(...outgoing(g, node.id).map((e) => e.id));
          break;
        }
        const here = arrived.get(node.id) ?? new Set(waitingAt(node.id));
        here.add(edge.id);
        arrived.set(node.id, here);
        if (ins.every((e) => here.has(e.id))) {
          result.joined.push(node.id);
          arrived.delete(node.id);
          result.wait = result.wait.filter((w) => w.nodeId !== node.id);
          queue.push(...outgoing(g, node.id).map((e) => e.id));
        } else {
          result.wait.push({ nodeId: node.id, edgeId: edge.id });
        }
        break;
      }
    }
  }
  return result;
}

/** Working hours of the longest path from start to end (what the process allots in total). */
export function longestPathHours(g: ProcessGraph): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const from = (nodeId: string): number => {
    if (memo.has(nodeId)) return memo.get(nodeId)!;
    if (visiting.has(nodeId)) return 0;
    visiting.add(nodeId);
    const node = g.nodes[nodeId];
    const own = node?.type === "task" ? node.allotmentHours : 0;
    const next = outgoing(g, nodeId).map((e) => from(e.to));
    visiting.delete(nodeId);
    const total = own + (next.length ? Math.max(...next) : 0);
    memo.set(nodeId, total);
    return total;
  };
  const start = Object.values(g.nodes).find((n) => n.type === "start");
  return start ? from(start.id) : 0;
}
