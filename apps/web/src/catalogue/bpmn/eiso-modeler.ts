import { eisoModdleDescriptor, type TGraphEdge, type TGraphNode } from "@eiso/contracts";
import Modeler from "bpmn-js/lib/Modeler";
import { i18n } from "../../i18n";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import "bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css";

// biome-ignore lint/suspicious/noExplicitAny: bpmn-js services and moddle elements are untyped at this level
type Any = any;

/** Palette and context pad limited to the supported subset; generic tasks become user tasks. */
class EisoPalette {
  static $inject = ["palette", "create", "elementFactory", "translate"];
  constructor(
    palette: Any,
    private create: Any,
    private elementFactory: Any,
    private translate: Any,
  ) {
    palette.registerProvider(500, this);
  }
  getPaletteEntries() {
    const shape = (type: string, event: Any) =>
      this.create.start(event, this.elementFactory.createShape({ type }));
    return (entries: Record<string, unknown>) => {
      for (const key of [
        "create.intermediate-event",
        "create.task",
        "create.data-object",
        "create.data-store",
        "create.subprocess-expanded",
        "create.participant-expanded",
        "create.group",
      ]) {
        delete entries[key];
      }
      entries["create.user-task"] = {
        group: "activity",
        className: "bpmn-icon-user-task",
        title: this.translate("Create user task"),
        action: {
          dragstart: (e: Any) => shape("bpmn:UserTask", e),
          click: (e: Any) => shape("bpmn:UserTask", e),
        },
      };
      entries["create.parallel-gateway"] = {
        group: "gateway",
        className: "bpmn-icon-gateway-parallel",
        title: this.translate("Create parallel gateway"),
        action: {
          dragstart: (e: Any) => shape("bpmn:ParallelGateway", e),
          click: (e: Any) => shape("bpmn:ParallelGateway", e),
        },
      };
      return entries;
    };
  }
}

class EisoContextPad {
  static $inject = ["contextPad", "autoPlace", "elementFactory", "translate"];
  constructor(
    contextPad: Any,
    private autoPlace: Any,
    private elementFactory: Any,
    private translate: Any,
  ) {
    contextPad.registerProvider(500, this);
  }
  getContextPadEntries() {
    return (entries: Record<string, Any>) => {
      for (const key of Object.keys(entries)) {
        if (
          /^append\.(receive-task|.*-intermediate-event|intermediate-event|compensation-activity)$/.test(key)
        ) {
          delete entries[key];
        }
      }
      if (entries["append.append-task"]) {
        entries["append.append-task"] = {
          ...entries["append.append-task"],
          className: "bpmn-icon-user-task",
          title: this.translate("Append user task"),
          action: {
            click: (_e: Any, element: Any) =>
              this.autoPlace.append(element, this.elementFactory.createShape({ type: "bpmn:UserTask" })),
          },
        };
      }
      return entries;
    };
  }
}

const vietnamese: Record<string, string> = {
  "Activate hand tool": "Công cụ kéo",
  "Activate lasso tool": "Chọn vùng",
  "Activate create/remove space tool": "Thêm/bớt khoảng trống",
  "Activate global connect tool": "Nối luồng",
  "Create start event": "Sự kiện bắt đầu",
  "Create end event": "Sự kiện kết thúc",
  "Create gateway": "Cổng rẽ nhánh",
  "Create user task": "Bước xử lý",
  "Create parallel gateway": "Cổng song song",
  "Append user task": "Thêm bước xử lý",
  "Append end event": "Thêm sự kiện kết thúc",
  "Append gateway": "Thêm cổng",
  "Append text annotation": "Thêm ghi chú",
  "Change element": "Đổi loại phần tử",
  "Change type": "Đổi loại",
  Delete: "Xóa",
  "Connect to other element": "Nối tới phần tử khác",
  "Connect using sequence/message flow or association": "Nối luồng",
};

/** bpmn-js's own labels (palette, context pad) in the interface language. */
function translate(template: string, replacements?: Record<string, string>) {
  const text = i18n.language === "en" ? template : (vietnamese[template] ?? template);
  return text.replace(/{([^}]+)}/g, (_, key) => replacements?.[key] ?? `{${key}}`);
}

const eisoModule = {
  __init__: ["eisoPalette", "eisoContextPad"],
  eisoPalette: ["type", EisoPalette],
  eisoContextPad: ["type", EisoContextPad],
  translate: ["value", translate],
};

/** A bpmn-js modeler that reads and writes the `eiso` extension attributes. */
export function createModeler(container: HTMLElement): Any {
  return new Modeler({
    container,
    moddleExtensions: { eiso: eisoModdleDescriptor as unknown as Record<string, unknown> },
    additionalModules: [eisoModule],
  });
}

const TYPES: Record<string, TGraphNode["type"]> = {
  "bpmn:StartEvent": "start",
  "bpmn:EndEvent": "end",
  "bpmn:UserTask": "userTask",
  "bpmn:ExclusiveGateway": "exclusiveGateway",
  "bpmn:ParallelGateway": "parallelGateway",
  "bpmn:BoundaryEvent": "timer",
};

/** The process graph as drawn on the canvas, for the live time check. */
export function graphOf(modeler: Any): { nodes: TGraphNode[]; edges: TGraphEdge[] } {
  const registry = modeler.get("elementRegistry");
  const nodes: TGraphNode[] = [];
  const edges: TGraphEdge[] = [];
  for (const el of registry.getAll() as Any[]) {
    const bo = el.businessObject;
    if (!bo || el.type === "label") continue;
    if (el.type === "bpmn:SequenceFlow") {
      edges.push({
        id: bo.id,
        source: bo.sourceRef?.id,
        target: bo.targetRef?.id,
        conditionText: bo.conditionExpression?.body ?? null,
      });
      continue;
    }
    const type = TYPES[el.type];
    if (!type && !/Task|Event|Gateway|SubProcess/.test(el.type)) continue;
    const hours = Number(bo.get?.("eiso:hours"));
    nodes.push({
      id: bo.id,
      name: bo.name ?? "",
      type: type ?? "other",
      hours: Number.isFinite(hours) && hours > 0 ? hours : null,
      attachedTo: bo.attachedToRef?.id ?? null,
    });
  }
  return { nodes, edges };
}
