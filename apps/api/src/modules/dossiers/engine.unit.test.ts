import { parseCondition } from "@eiso/contracts";
import { describe, expect, it } from "vitest";
import {
  edgesAfter,
  evaluate,
  type GraphNode,
  longestPathHours,
  type ProcessGraph,
  startEdges,
  walk,
} from "./engine";

const task = (id: string, hours = 8): GraphNode => ({
  id,
  type: "task",
  name: id,
  stepKind: "process",
  role: "officer",
  unit: { kind: "relative", relation: "agency" },
  allotmentHours: hours,
});

const none = () => new Set<string>();

describe("process engine", () => {
  const gateway: ProcessGraph = {
    nodes: {
      s: { id: "s", type: "start", name: "" },
      receive: task("receive"),
      g: { id: "g", type: "exclusive", name: "Diện tích?", defaultEdgeId: "e_small" },
      big: task("big"),
      small: task("small"),
      e: { id: "e", type: "end", name: "" },
    },
    edges: [
      { id: "e1", from: "s", to: "receive", condition: null },
      { id: "e2", from: "receive", to: "g", condition: null },
      { id: "e_big", from: "g", to: "big", condition: parseCondition("area > 100") },
      { id: "e_small", from: "g", to: "small", condition: null },
      { id: "e3", from: "big", to: "e", condition: null },
      { id: "e4", from: "small", to: "e", condition: null },
    ],
  };

  it.each([
    [{ area: 250 }, "big"],
    [{ area: 80 }, "small"],
    [{}, "small"],
  ])("routes an exclusive gateway by dossier fields %j → %s", (data, expected) => {
    const first = walk(gateway, startEdges(gateway), data, none, evaluate);
    expect(first.activate).toEqual([{ nodeId: "receive", viaEdge: "e1" }]);
    const next = walk(gateway, edgesAfter(gateway, "receive"), data, none, evaluate);
    expect(next.activate.map((a) => a.nodeId)).toEqual([expected]);
  });

  it("fails clearly when no gateway flow matches and there is no default", () => {
    const strict: ProcessGraph = {
      ...gateway,
      nodes: { ...gateway.nodes, g: { id: "g", type: "exclusive", name: "Diện tích?", defaultEdgeId: null } },
      edges: gateway.edges.map((e) =>
        e.id === "e_small" ? { ...e, condition: parseCondition("area > 1000") } : e,
      ),
    };
    expect(() => walk(strict, edgesAfter(strict, "receive"), { area: 5 }, none, evaluate)).toThrow(
      /Diện tích\?/,
    );
  });

  const parallel: ProcessGraph = {
    nodes: {
      s: { id: "s", type: "start", name: "" },
      split: { id: "split", type: "parallel", name: "" },
      a: task("a", 4),
      b: task("b", 12),
      join: { id: "join", type: "parallel", name: "" },
      approve: task("approve", 2),
      e: { id: "e", type: "end", name: "" },
    },
    edges: [
      { id: "e1", from: "s", to: "split", condition: null },
      { id: "ea", from: "split", to: "a", condition: null },
      { id: "eb", from: "split", to: "b", condition: null },
      { id: "ja", from: "a", to: "join", condition: null },
      { id: "jb", from: "b", to: "join", condition: null },
      { id: "e2", from: "join", to: "approve", condition: null },
      { id: "e3", from: "approve", to: "e", condition: null },
    ],
  };

  it("splits into parallel steps and joins only when every branch has arrived", () => {
    const start = walk(parallel, startEdges(parallel), {}, none, evaluate);
    expect(start.activate.map((a) => a.nodeId).sort()).toEqual(["a", "b"]);
    const afterA = walk(parallel, edgesAfter(parallel, "a"), {}, none, evaluate);
    expect(afterA.activate).toEqual([]);
    expect(afterA.wait).toEqual([{ nodeId: "join", edgeId: "ja" }]);
    const afterB = walk(
      parallel,
      edgesAfter(parallel, "b"),
      {},
      (n) => new Set(n === "join" ? ["ja"] : []),
      evaluate,
    );
    expect(afterB.joined).toEqual(["join"]);
    expect(afterB.activate.map((a) => a.nodeId)).toEqual(["approve"]);
    expect(walk(parallel, edgesAfter(parallel, "approve"), {}, none, evaluate).ends).toBe(1);
  });

  it("allots the longest path's hours", () => {
    expect(longestPathHours(parallel)).toBe(14);
    expect(longestPathHours(gateway)).toBe(16);
  });
});
