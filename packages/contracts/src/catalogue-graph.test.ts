import { describe, expect, it } from "vitest";
import {
  diffGraphs,
  durationToWorkingHours,
  longestPathHours,
  type TGraphEdge,
  type TGraphNode,
} from "./catalogue-graph";

const task = (id: string, hours: number, extra: Partial<TGraphNode> = {}): TGraphNode => ({
  id,
  name: id,
  type: "userTask",
  hours,
  ...extra,
});
const node = (id: string, type: TGraphNode["type"]): TGraphNode => ({ id, name: id, type });
const flow = (source: string, target: string, conditionText?: string): TGraphEdge => ({
  id: `${source}_${target}`,
  source,
  target,
  conditionText: conditionText ?? null,
});

describe("longestPathHours", () => {
  it("adds the allotments of a straight process", () => {
    const nodes = [node("s", "start"), task("a", 4), task("b", 8), task("c", 12), node("e", "end")];
    expect(longestPathHours(nodes, [flow("s", "a"), flow("a", "b"), flow("b", "c"), flow("c", "e")])).toBe(
      24,
    );
  });

  it("takes the slower branch of a gateway and of parallel work", () => {
    const nodes = [
      node("s", "start"),
      node("g", "exclusiveGateway"),
      task("fast", 4),
      task("slow", 16),
      node("j", "exclusiveGateway"),
      node("p", "parallelGateway"),
      task("x", 2),
      task("y", 6),
      node("pj", "parallelGateway"),
      node("e", "end"),
    ];
    const edges = [
      flow("s", "g"),
      flow("g", "fast", "a > 1"),
      flow("g", "slow"),
      flow("fast", "j"),
      flow("slow", "j"),
      flow("j", "p"),
      flow("p", "x"),
      flow("p", "y"),
      flow("x", "pj"),
      flow("y", "pj"),
      flow("pj", "e"),
    ];
    expect(longestPathHours(nodes, edges)).toBe(22);
  });

  it("ignores a loop back for rework and timer escalations", () => {
    const nodes = [
      node("s", "start"),
      task("process", 8),
      task("review", 4),
      node("g", "exclusiveGateway"),
      { ...node("t", "timer"), hours: 2, attachedTo: "review" },
      task("escalate", 40),
      node("e", "end"),
    ];
    const edges = [
      flow("s", "process"),
      flow("process", "review"),
      flow("review", "g"),
      flow("g", "process", "rejected"),
      flow("g", "e"),
      flow("t", "escalate"),
      flow("escalate", "e"),
    ];
    expect(longestPathHours(nodes, edges)).toBe(12);
  });

  it("returns null without a start event", () => {
    expect(longestPathHours([task("a", 1)], [])).toBeNull();
  });
});

describe("diffGraphs", () => {
  it("lists added, removed and changed steps, time changes and flows", () => {
    const before = {
      nodes: [node("s", "start"), task("a", 4, { role: "officer" }), task("b", 8), node("e", "end")],
      edges: [flow("s", "a"), flow("a", "b"), flow("b", "e")],
    };
    const after = {
      nodes: [node("s", "start"), task("a", 6, { role: "leader" }), task("c", 2), node("e", "end")],
      edges: [flow("s", "a"), flow("a", "c"), flow("c", "e")],
    };
    const d = diffGraphs(before, after);
    expect(d.added).toEqual([{ id: "c", name: "c", hours: 2 }]);
    expect(d.removed).toEqual([{ id: "b", name: "b", hours: 8 }]);
    expect(d.changed).toEqual([
      {
        id: "a",
        name: "a",
        changes: [
          { property: "role", before: "officer", after: "leader" },
          { property: "hours", before: 4, after: 6 },
        ],
      },
    ]);
    expect(d.timeChanges).toEqual([
      { id: "a", name: "a", before: 4, after: 6 },
      { id: "c", name: "c", before: null, after: 2 },
      { id: "b", name: "b", before: 8, after: null },
    ]);
    expect(d.flowsAdded).toEqual(["a → c", "c → e"]);
    expect(d.flowsRemoved).toEqual(["a → b", "b → e"]);
    expect([d.totalHoursBefore, d.totalHoursAfter]).toEqual([12, 8]);
  });
});

describe("durationToWorkingHours", () => {
  it.each([
    ["PT4H", 4],
    ["P2D", 16],
    ["P1DT4H", 12],
    ["PT30M", 0.5],
    ["P0D", null],
    ["4 hours", null],
    ["", null],
  ])("%s → %s", (iso, hours) => {
    expect(durationToWorkingHours(iso)).toBe(hours);
  });
});
