import { EISO_NAMESPACE, type TStepKind } from "@eiso/contracts";

/** One step of a process written in code (demo data, default drafts, tests). */
export interface StepSpec {
  id: string;
  name: string;
  stepKind: TStepKind;
  /** A unit id or a relative reference: "@agency", "@field_division", "@reception_desk". */
  unit: string;
  role: string;
  hours: number;
  /** Labels of documents that must be attached before the step completes. */
  requiredDocuments?: string[];
}

/** An exclusive decision whose branches rejoin: each branch has a condition, or is the default. */
export interface DecisionSpec {
  id: string;
  name: string;
  branches: { name?: string; condition?: string; isDefault?: boolean; steps: StepSpec[] }[];
}

export type ProcessPart = StepSpec | DecisionSpec;

const isDecision = (p: ProcessPart): p is DecisionSpec => "branches" in p;

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const SIZE = {
  start: { w: 36, h: 36 },
  end: { w: 36, h: 36 },
  task: { w: 110, h: 80 },
  gateway: { w: 50, h: 50 },
};
const GAP = 50;
const ROW = 130;
const MAIN_Y = 140;

interface Placed {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  labelAbove?: boolean;
}

/**
 * Writes BPMN 2.0 XML with the eiso extension and a laid-out diagram (so bpmn-js shows it): a start
 * event, the parts left to right (decisions fan out downwards and rejoin), an end event.
 */
export function buildProcessXml(spec: { processId?: string; name: string; parts: ProcessPart[] }): string {
  const processId = spec.processId ?? "Process_1";
  const elements: string[] = [];
  const flows: string[] = [];
  const shapes: Placed[] = [];
  const edges: { id: string; points: [number, number][] }[] = [];
  let flowNo = 0;

  const place = (id: string, kind: keyof typeof SIZE, x: number, cy: number): Placed => {
    const p = { id, x, y: cy - SIZE[kind].h / 2, w: SIZE[kind].w, h: SIZE[kind].h };
    shapes.push(p);
    return p;
  };
  const connect = (
    from: Placed,
    to: Placed,
    opts: { name?: string; condition?: string; route?: [number, number][] } = {},
  ) => {
    const id = `Flow_${++flowNo}`;
    const cond = opts.condition
      ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(opts.condition)}</bpmn:conditionExpression>`
      : "";
    flows.push(
      `<bpmn:sequenceFlow id="${id}"${opts.name ? ` name="${esc(opts.name)}"` : ""} sourceRef="${from.id}" targetRef="${to.id}">${cond}</bpmn:sequenceFlow>`,
    );
    const fy = from.y + from.h / 2;
    const ty = to.y + to.h / 2;
    let points: [number, number][];
    if (opts.route) points = opts.route;
    else if (fy === ty)
      points = [
        [from.x + from.w, fy],
        [to.x, ty],
      ];
    else if (ty > fy)
      points = [
        [from.x + from.w / 2, from.y + from.h],
        [from.x + from.w / 2, ty],
        [to.x, ty],
      ];
    else
      points = [
        [from.x + from.w, fy],
        [to.x + to.w / 2, fy],
        [to.x + to.w / 2, to.y + to.h],
      ];
    edges.push({ id, points });
    return id;
  };
  const task = (s: StepSpec, x: number, cy: number) => {
    elements.push(
      `<bpmn:userTask id="${s.id}" name="${esc(s.name)}" eiso:stepKind="${s.stepKind}" eiso:unit="${esc(s.unit)}" eiso:role="${s.role}" eiso:hours="${s.hours}"${s.requiredDocuments?.length ? ` eiso:requiredDocuments="${esc(s.requiredDocuments.join(";"))}"` : ""} />`,
    );
    return place(s.id, "task", x, cy);
  };

  elements.push(`<bpmn:startEvent id="StartEvent_1" name="Bắt đầu" />`);
  let prev = place("StartEvent_1", "start", 100, MAIN_Y);
  let x = prev.x + prev.w + GAP;
  for (const part of spec.parts) {
    if (!isDecision(part)) {
      const t = task(part, x, MAIN_Y);
      connect(prev, t);
      prev = t;
      x = t.x + t.w + GAP;
      continue;
    }
    const split = place(part.id, "gateway", x, MAIN_Y);
    // Its name above it: below, the flows of the other branches leave it.
    split.labelAbove = true;
    const defaultFlow: string[] = [];
    connect(prev, split);
    const bx0 = split.x + split.w + GAP;
    const ends: { last: Placed; row: number; name?: string | undefined; condition?: string | undefined }[] =
      [];
    let maxX = bx0;
    part.branches.forEach((b, i) => {
      const cy = MAIN_Y + i * ROW;
      let bx = bx0;
      let last: Placed = split;
      let first = true;
      for (const s of b.steps) {
        const t = task(s, bx, cy);
        const id = connect(last, t, first ? { name: b.name, condition: b.condition } : {});
        if (first && b.isDefault) defaultFlow.push(id);
        first = false;
        last = t;
        bx = t.x + t.w + GAP;
      }
      maxX = Math.max(maxX, bx);
      ends.push({ last, row: cy, ...(first ? { name: b.name, condition: b.condition } : {}) });
      if (first && b.isDefault) defaultFlow.push(`pending:${i}`);
    });
    const joinId = `${part.id}_join`;
    const join = place(joinId, "gateway", maxX, MAIN_Y);
    for (const [i, e] of ends.entries()) {
      // A branch without steps below the first runs along its own row, down from the split and up
      // into the join, not straight across the first branch's tasks.
      const route: [number, number][] | undefined =
        e.last === split && e.row !== MAIN_Y
          ? [
              [split.x + split.w / 2, split.y + split.h],
              [split.x + split.w / 2, e.row],
              [join.x + join.w / 2, e.row],
              [join.x + join.w / 2, join.y + join.h],
            ]
          : undefined;
      const id = connect(e.last, join, { name: e.name, condition: e.condition, ...(route ? { route } : {}) });
      const pending = defaultFlow.indexOf(`pending:${i}`);
      if (pending >= 0) defaultFlow[pending] = id;
    }
    elements.push(
      `<bpmn:exclusiveGateway id="${part.id}" name="${esc(part.name)}"${defaultFlow[0] ? ` default="${defaultFlow[0]}"` : ""} />`,
    );
    elements.push(`<bpmn:exclusiveGateway id="${joinId}" />`);
    prev = join;
    x = join.x + join.w + GAP;
  }
  elements.push(`<bpmn:endEvent id="EndEvent_1" name="Kết thúc" />`);
  connect(prev, place("EndEvent_1", "end", x, MAIN_Y));

  const di = [
    ...shapes.map(
      (s) =>
        `<bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}"${s.id.includes("Gateway") || s.w === 50 ? ' isMarkerVisible="true"' : ""}><dc:Bounds x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" />${s.labelAbove ? `<bpmndi:BPMNLabel><dc:Bounds x="${s.x - 35}" y="${s.y - 34}" width="${s.w + 70}" height="27" /></bpmndi:BPMNLabel>` : ""}</bpmndi:BPMNShape>`,
    ),
    ...edges.map(
      (e) =>
        `<bpmndi:BPMNEdge id="${e.id}_di" bpmnElement="${e.id}">${e.points.map(([px, py]) => `<di:waypoint x="${px}" y="${py}" />`).join("")}</bpmndi:BPMNEdge>`,
    ),
  ];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:eiso="${EISO_NAMESPACE}" id="Definitions_1" targetNamespace="http://eiso.gov.vn/bpmn">`,
    `<bpmn:process id="${processId}" name="${esc(spec.name)}" isExecutable="true">`,
    ...elements,
    ...flows,
    `</bpmn:process>`,
    `<bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">`,
    ...di,
    `</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
    `</bpmn:definitions>`,
    "",
  ].join("\n");
}

/**
 * The usual one-stop-shop skeleton (receive → assign → process → approve → return) as the first
 * draft of a new process, with allotments that fit `legalHours` when known.
 */
export function defaultProcessXml(name: string, legalHours: number | null): string {
  const total = legalHours && legalHours > 0 ? legalHours : 40;
  // Quarter hours, rounded down, so the skeleton never exceeds the legal time.
  const share = (f: number) => Math.max(0.25, Math.floor(total * f * 4) / 4);
  return buildProcessXml({
    name,
    parts: [
      {
        id: "Task_receive",
        name: "Tiếp nhận hồ sơ",
        stepKind: "receive",
        unit: "@reception_desk",
        role: "reception_clerk",
        hours: share(0.05),
      },
      {
        id: "Task_assign",
        name: "Phân công xử lý",
        stepKind: "assign",
        unit: "@field_division",
        role: "leader",
        hours: share(0.1),
      },
      {
        id: "Task_process",
        name: "Thẩm định hồ sơ",
        stepKind: "process",
        unit: "@field_division",
        role: "officer",
        hours: share(0.55),
      },
      {
        id: "Task_approve",
        name: "Phê duyệt kết quả",
        stepKind: "approve",
        unit: "@agency",
        role: "leader",
        hours: share(0.2),
      },
      {
        id: "Task_return",
        name: "Trả kết quả",
        stepKind: "return",
        unit: "@reception_desk",
        role: "reception_clerk",
        hours: share(0.05),
      },
    ],
  });
}
