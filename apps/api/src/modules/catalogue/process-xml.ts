import {
  durationToWorkingHours,
  eisoModdleDescriptor,
  type TGraphEdge,
  type TGraphNode,
} from "@eiso/contracts";
import { BpmnModdle, type ModdleElement } from "bpmn-moddle";

/** A problem found in a process, naming the element it is about. */
export interface ProcessProblem {
  elementId: string | null;
  elementName: string | null;
  code: string;
  message: string;
}

export interface ReadEdge extends TGraphEdge {
  name: string;
  conditionText: string | null;
  isDefault: boolean;
}

export interface ReadNode extends TGraphNode {
  /** Timer boundary events: interrupting or not. */
  interrupting?: boolean;
  /** Exclusive gateways: the id of the default flow. */
  defaultFlowId?: string | null;
  /** The BPMN type as written, for messages about unsupported elements. */
  bpmnType: string;
}

export interface ReadProcess {
  nodes: ReadNode[];
  edges: ReadEdge[];
  /** Elements outside the supported subset, and XML that could not be read. */
  problems: ProcessProblem[];
}

// Building the BPMN meta-model is the costly part of a parse; one instance serves every parse.
let shared: BpmnModdle | null = null;
const moddle = () => {
  shared ??= new BpmnModdle({ eiso: eisoModdleDescriptor });
  return shared;
};

const typeLabels: Record<string, string> = {
  "bpmn:StartEvent": "Sự kiện bắt đầu",
  "bpmn:EndEvent": "Sự kiện kết thúc",
  "bpmn:UserTask": "Bước",
  "bpmn:Task": "Công việc",
  "bpmn:ExclusiveGateway": "Cổng rẽ nhánh",
  "bpmn:ParallelGateway": "Cổng song song",
  "bpmn:BoundaryEvent": "Sự kiện biên",
  "bpmn:SequenceFlow": "Luồng",
};

/** "Bước "Thẩm định" (Task_3)": how messages name an element. */
export function describeElement(type: string, id: string | null, name: string | null): string {
  const label = typeLabels[type] ?? type.replace(/^bpmn:/, "");
  return `${label}${name ? ` "${name}"` : ""}${id ? ` (${id})` : ""}`;
}

const problemAt = (el: ModdleElement, code: string, message: string): ProcessProblem => ({
  elementId: el.id ?? null,
  elementName: el.name || null,
  code,
  message: `${describeElement(el.$type, el.id ?? null, el.name || null)}: ${message}`,
});

const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/**
 * Reads BPMN XML into a plain graph, reporting every element outside the supported subset
 * (DESIGN.md "Workflow"): start/end events without event definitions, user tasks, exclusive and
 * parallel gateways, timer boundary events, sequence flows. Artifacts, lanes and diagram data are
 * ignored. Unsupported elements stay in the graph as "other" so reachability is judged on the real
 * shape of the diagram.
 */
export async function readProcessXml(xml: string): Promise<ReadProcess> {
  const problems: ProcessProblem[] = [];
  let definitions: ModdleElement;
  try {
    const result = await moddle().fromXML(xml);
    definitions = result.rootElement;
    for (const w of result.warnings) {
      const unknown = /unknown type <([^>]+)>/.exec(w.message);
      const line = /line: (\d+)/.exec(w.message)?.[1];
      problems.push({
        elementId: null,
        elementName: null,
        code: unknown ? "unsupported_element" : "xml_warning",
        message: unknown
          ? `Phần tử <${unknown[1]}>${line ? ` (dòng ${line})` : ""} không được hỗ trợ`
          : `Không đọc được một phần của tệp: ${w.message.split("\n")[0]}`,
      });
    }
  } catch (e) {
    return {
      nodes: [],
      edges: [],
      problems: [
        {
          elementId: null,
          elementName: null,
          code: "xml_invalid",
          message: `Tệp BPMN không hợp lệ: ${(e as Error).message.split("\n")[0]}`,
        },
      ],
    };
  }
  if (!definitions.$instanceOf("bpmn:Definitions")) {
    return {
      nodes: [],
      edges: [],
      problems: [
        { elementId: null, elementName: null, code: "xml_invalid", message: "Không phải tệp BPMN 2.0" },
      ],
    };
  }
  const roots: ModdleElement[] = definitions.rootElements ?? [];
  const processes = roots.filter((r) => r.$type === "bpmn:Process");
  for (const r of roots) {
    if (r.$type === "bpmn:Collaboration" && (r.participants?.length ?? 0) > 1) {
      problems.push(
        problemAt(r, "unsupported_element", "chỉ hỗ trợ một quy trình, không hỗ trợ nhiều bể (pool)"),
      );
    }
  }
  if (processes.length !== 1) {
    problems.push({
      elementId: null,
      elementName: null,
      code: processes.length === 0 ? "no_process" : "many_processes",
      message:
        processes.length === 0
          ? "Tệp không có quy trình nào"
          : "Tệp có nhiều quy trình; mỗi thủ tục chỉ một quy trình",
    });
    if (processes.length === 0) return { nodes: [], edges: [], problems };
  }
  const proc = processes[0]!;
  const nodes: ReadNode[] = [];
  const edges: ReadEdge[] = [];
  const defaults = new Set<string>();

  const base = (el: ModdleElement, type: TGraphNode["type"]): ReadNode => ({
    id: el.id ?? "",
    name: str(el.name) ?? "",
    type,
    bpmnType: el.$type,
  });
  const visit = (elements: ModdleElement[]) => {
    for (const el of elements) {
      const defs: ModdleElement[] = el.eventDefinitions ?? [];
      switch (el.$type) {
        case "bpmn:SequenceFlow": {
          const condition = el.conditionExpression as ModdleElement | undefined;
          edges.push({
            id: el.id ?? "",
            name: str(el.name) ?? "",
            source: el.sourceRef?.id ?? "",
            target: el.targetRef?.id ?? "",
            conditionText: condition ? (str(condition.body) ?? "") : null,
            isDefault: false,
          });
          break;
        }
        case "bpmn:StartEvent":
        case "bpmn:EndEvent": {
          nodes.push(base(el, el.$type === "bpmn:StartEvent" ? "start" : "end"));
          if (defs.length) {
            problems.push(
              problemAt(
                el,
                "unsupported_element",
                `loại sự kiện ${defs.map((d) => d.$type.replace(/^bpmn:/, "")).join(", ")} không được hỗ trợ; chỉ dùng sự kiện bắt đầu/kết thúc thường`,
              ),
            );
          }
          break;
        }
        case "bpmn:UserTask": {
          const hours = el.get("eiso:hours");
          nodes.push({
            ...base(el, "userTask"),
            stepKind: str(el.get("eiso:stepKind")),
            unit: str(el.get("eiso:unit")),
            role: str(el.get("eiso:role")),
            hours: typeof hours === "number" && Number.isFinite(hours) ? hours : null,
            requiredDocuments: str(el.get("eiso:requiredDocuments")),
          });
          if (el.loopCharacteristics) {
            problems.push(
              problemAt(
                el,
                "unsupported_element",
                "bước lặp nhiều lần (multi-instance/loop) không được hỗ trợ",
              ),
            );
          }
          break;
        }
        case "bpmn:ExclusiveGateway": {
          const node = base(el, "exclusiveGateway");
          node.defaultFlowId = el.default?.id ?? null;
          if (node.defaultFlowId) defaults.add(node.defaultFlowId);
          nodes.push(node);
          break;
        }
        case "bpmn:ParallelGateway":
          nodes.push(base(el, "parallelGateway"));
          break;
        case "bpmn:BoundaryEvent": {
          const node: ReadNode = { ...base(el, "timer"), attachedTo: el.attachedToRef?.id ?? null };
          node.interrupting = el.cancelActivity !== false;
          const timer = defs.length === 1 && defs[0]!.$type === "bpmn:TimerEventDefinition" ? defs[0]! : null;
          if (!timer) {
            node.type = "other";
            const kinds = defs.map((d) => d.$type.replace(/^bpmn:/, "").replace(/EventDefinition$/, ""));
            problems.push(
              problemAt(
                el,
                "unsupported_element",
                `sự kiện biên loại ${kinds.join(", ") || "không xác định"} không được hỗ trợ; chỉ hỗ trợ hẹn giờ (timer)`,
              ),
            );
          } else {
            const duration = str(timer.timeDuration?.body);
            node.hours = duration ? durationToWorkingHours(duration) : null;
            if (!duration || node.hours === null) {
              problems.push(
                problemAt(
                  el,
                  "timer_duration",
                  `cần thời lượng hẹn giờ dạng ISO 8601 (ví dụ PT4H, P1D = 1 ngày làm việc)${duration ? `, không phải "${duration}"` : ""}`,
                ),
              );
            }
          }
          nodes.push(node);
          break;
        }
        case "bpmn:TextAnnotation":
        case "bpmn:Association":
        case "bpmn:Group":
          break;
        default: {
          nodes.push(base(el, "other"));
          const hint =
            el.$type === "bpmn:Task"
              ? "công việc chung chưa được định nghĩa; hãy đổi thành bước xử lý (User Task)"
              : `loại phần tử ${el.$type.replace(/^bpmn:/, "")} không được hỗ trợ`;
          problems.push(problemAt(el, "unsupported_element", hint));
        }
      }
    }
  };
  visit(proc.flowElements ?? []);
  for (const e of edges) e.isDefault = defaults.has(e.id);
  return { nodes, edges, problems };
}
