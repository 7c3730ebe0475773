import {
  ConditionSyntaxError,
  checkCondition,
  conditionFields,
  DOCUMENT_LABEL_MAX,
  longestPathHours,
  parseCondition,
  REQUIRED_DOCUMENTS_MAX,
  RelativeUnit,
  Role,
  requiredDocumentList,
  StepKind,
  type TActingUnit,
  type TCompiledEdge,
  type TCompiledNode,
  type TCompiledProcess,
  type TCondition,
  type TDossierField,
} from "@eiso/contracts";
import { describeElement, type ProcessProblem, type ReadNode, type ReadProcess } from "./process-xml";

export interface ValidationContext {
  /** The procedure's dossier fields: conditions may read only these. */
  dossierFields: readonly TDossierField[];
  /** Ids of the tenant's units among those the process names (absolute acting units). */
  knownUnitIds: ReadonlySet<string>;
}

export interface ValidationOutcome {
  problems: ProcessProblem[];
  /** The graph the dossier engine runs; null while there are problems. */
  compiled: TCompiledProcess | null;
  /** Longest path in working hours, computed even for a draft with problems. */
  totalHours: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const bpmnTypeOf: Record<ReadNode["type"], string> = {
  start: "bpmn:StartEvent",
  end: "bpmn:EndEvent",
  userTask: "bpmn:UserTask",
  exclusiveGateway: "bpmn:ExclusiveGateway",
  parallelGateway: "bpmn:ParallelGateway",
  timer: "bpmn:BoundaryEvent",
  other: "",
};

/** Parses an `eiso:unit` value: a unit id, or "@agency" / "@field_division" / "@reception_desk". */
export function parseActingUnit(value: string | null | undefined): TActingUnit | null {
  if (!value) return null;
  if (value.startsWith("@")) {
    const rel = RelativeUnit.safeParse(value.slice(1));
    return rel.success ? { kind: "relative", relation: rel.data } : null;
  }
  return UUID.test(value) ? { kind: "unit", unitId: value.toLowerCase() } : null;
}

/** Unit ids named as absolute acting units, to look up before validating. */
export function absoluteUnitIds(read: ReadProcess): string[] {
  return read.nodes
    .map((n) => parseActingUnit(n.unit))
    .flatMap((u) => (u?.kind === "unit" ? [u.unitId] : []));
}

/**
 * Checks a read process against the supported subset and the procedure's data, and compiles it.
 * Rejected: unreachable steps, dead ends (a step that leads nowhere or never reaches an end), user
 * tasks without unit, role, time or step kind (or with an over-long list of required documents), conditions that do not parse or read unknown fields,
 * conditions where they mean nothing, gateways whose branches cannot be chosen, unsupported elements.
 */
export function validateProcess(read: ReadProcess, ctx: ValidationContext): ValidationOutcome {
  const problems: ProcessProblem[] = [...read.problems];
  const nodes = new Map(read.nodes.map((n) => [n.id, n]));
  const at = (n: ReadNode, code: string, message: string) =>
    problems.push({
      elementId: n.id,
      elementName: n.name || null,
      code,
      message: `${describeElement(n.bpmnType || bpmnTypeOf[n.type], n.id, n.name || null)}: ${message}`,
    });
  const outgoing = new Map<string, typeof read.edges>();
  const incoming = new Map<string, typeof read.edges>();
  for (const e of read.edges) {
    const flow = { $type: "bpmn:SequenceFlow", id: e.id, name: e.name };
    if (!nodes.has(e.source) || !nodes.has(e.target)) {
      problems.push({
        elementId: e.id,
        elementName: e.name || null,
        code: "dangling_flow",
        message: `${describeElement(flow.$type, e.id, e.name || null)}: thiếu điểm đầu hoặc điểm cuối`,
      });
      continue;
    }
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e]);
    incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  }
  const outOf = (id: string) => outgoing.get(id) ?? [];
  const inOf = (id: string) => incoming.get(id) ?? [];

  // ---- Shape: one start, at least one end, every step leads somewhere ----
  const starts = read.nodes.filter((n) => n.type === "start");
  const ends = read.nodes.filter((n) => n.type === "end");
  if (starts.length === 0 && read.nodes.length) {
    problems.push({
      elementId: null,
      elementName: null,
      code: "no_start",
      message: "Quy trình chưa có sự kiện bắt đầu",
    });
  }
  for (const extra of starts.slice(1)) at(extra, "many_starts", "quy trình chỉ được có một sự kiện bắt đầu");
  if (ends.length === 0 && read.nodes.length) {
    problems.push({
      elementId: null,
      elementName: null,
      code: "no_end",
      message: "Quy trình chưa có sự kiện kết thúc",
    });
  }
  const deadEnds = new Set<string>();
  for (const n of read.nodes) {
    const outs = outOf(n.id);
    if (n.type === "end") {
      if (outs.length) at(n, "flow_after_end", "sự kiện kết thúc không được có luồng đi ra");
      if (!inOf(n.id).length) at(n, "unreachable", "không có luồng nào đi tới");
      continue;
    }
    if (n.type === "other") continue;
    if (outs.length === 0) {
      deadEnds.add(n.id);
      at(n, "dead_end", "ngõ cụt: không có luồng đi ra (mọi bước phải dẫn tới sự kiện kết thúc)");
      continue;
    }
    if ((n.type === "start" || n.type === "userTask") && outs.length > 1) {
      at(
        n,
        "many_outgoing",
        `có ${outs.length} luồng đi ra; dùng cổng rẽ nhánh hoặc cổng song song để tách luồng`,
      );
    }
    if ((n.type === "start" || n.type === "timer") && inOf(n.id).length) {
      at(n, "flow_into_event", "không được có luồng đi vào");
    }
  }

  // ---- Reachability: forward from the start (timers with their task), backward from the ends ----
  const attachedTimers = new Map<string, ReadNode[]>();
  for (const n of read.nodes) {
    if (n.type === "timer" && n.attachedTo) {
      attachedTimers.set(n.attachedTo, [...(attachedTimers.get(n.attachedTo) ?? []), n]);
    }
  }
  const reached = new Set<string>();
  const queue = starts.slice(0, 1).map((s) => s.id);
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const e of outOf(id)) queue.push(e.target);
    for (const t of attachedTimers.get(id) ?? []) queue.push(t.id);
  }
  const canFinish = new Set<string>();
  const back = ends.map((e) => e.id);
  while (back.length) {
    const id = back.pop()!;
    if (canFinish.has(id)) continue;
    canFinish.add(id);
    for (const e of inOf(id)) back.push(e.source);
  }
  for (const n of read.nodes) {
    if (n.type === "end" || n.type === "other") continue;
    if (starts.length && !reached.has(n.id)) {
      at(n, "unreachable", "không thể tới được từ sự kiện bắt đầu");
    } else if (!deadEnds.has(n.id) && ends.length && !canFinish.has(n.id)) {
      at(n, "dead_end", "ngõ cụt: từ đây không có đường tới sự kiện kết thúc");
    }
  }

  // ---- Steps: unit, role, time, kind ----
  const compiledNodes: TCompiledNode[] = [];
  for (const n of read.nodes) {
    switch (n.type) {
      case "start":
      case "end":
      case "parallelGateway":
        compiledNodes.push({ id: n.id, name: n.name, type: n.type });
        break;
      case "exclusiveGateway":
        compiledNodes.push({ id: n.id, name: n.name, type: n.type, defaultFlowId: n.defaultFlowId ?? null });
        break;
      case "timer": {
        const host = n.attachedTo ? nodes.get(n.attachedTo) : undefined;
        if (host?.type !== "userTask") at(n, "timer_host", "hẹn giờ phải gắn vào một bước xử lý (User Task)");
        if (n.hours) {
          compiledNodes.push({
            id: n.id,
            name: n.name,
            type: "timer",
            attachedTo: n.attachedTo ?? "",
            hours: n.hours,
            interrupting: n.interrupting !== false,
          });
        }
        break;
      }
      case "userTask": {
        const unit = parseActingUnit(n.unit);
        if (!n.unit) at(n, "task_missing_unit", "chưa chọn đơn vị thực hiện");
        else if (!unit) at(n, "task_bad_unit", `đơn vị thực hiện "${n.unit}" không hợp lệ`);
        else if (unit.kind === "unit" && !ctx.knownUnitIds.has(unit.unitId)) {
          at(n, "task_unknown_unit", "đơn vị thực hiện không tồn tại trong hệ thống");
        }
        const role = Role.safeParse(n.role);
        if (!n.role) at(n, "task_missing_role", "chưa chọn vai trò xử lý");
        else if (!role.success) at(n, "task_bad_role", `vai trò "${n.role}" không hợp lệ`);
        if (n.hours === null || n.hours === undefined)
          at(n, "task_missing_time", "chưa nhập thời gian xử lý (giờ làm việc)");
        else if (!(n.hours > 0) || n.hours > 10_000)
          at(n, "task_bad_time", "thời gian xử lý phải lớn hơn 0 giờ");
        const requiredDocuments = requiredDocumentList(n.requiredDocuments);
        if (requiredDocuments.length > REQUIRED_DOCUMENTS_MAX)
          at(
            n,
            "task_too_many_documents",
            `yêu cầu ${requiredDocuments.length} tài liệu; tối đa ${REQUIRED_DOCUMENTS_MAX}`,
          );
        for (const label of requiredDocuments.filter((l) => l.length > DOCUMENT_LABEL_MAX)) {
          at(
            n,
            "task_bad_document_label",
            `tên tài liệu "${label.slice(0, 40)}…" dài quá ${DOCUMENT_LABEL_MAX} ký tự`,
          );
        }
        const kind = StepKind.safeParse(n.stepKind);
        if (!n.stepKind) at(n, "task_missing_kind", "chưa chọn loại bước (tiếp nhận, phân công, xử lý…)");
        else if (!kind.success) at(n, "task_bad_kind", `loại bước "${n.stepKind}" không hợp lệ`);
        if (unit && role.success && kind.success && n.hours && n.hours > 0) {
          compiledNodes.push({
            id: n.id,
            name: n.name,
            type: "userTask",
            stepKind: kind.data,
            unit,
            role: role.data,
            hours: n.hours,
            // Only when set, so processes without the attribute compile exactly as before.
            ...(requiredDocuments.length ? { requiredDocuments } : {}),
          });
        }
        break;
      }
      default:
        break;
    }
  }

  // ---- Flows: conditions only out of exclusive gateways, over known fields ----
  const conditions = new Map<string, TCondition>();
  for (const e of read.edges) {
    const src = nodes.get(e.source);
    const flowName = describeElement("bpmn:SequenceFlow", e.id, e.name || null);
    const flowProblem = (code: string, message: string) =>
      problems.push({
        elementId: e.id,
        elementName: e.name || null,
        code,
        message: `${flowName}: ${message}`,
      });
    if (e.conditionText === null) continue;
    if (src?.type !== "exclusiveGateway") {
      flowProblem(
        "condition_not_allowed",
        "chỉ luồng ra khỏi cổng rẽ nhánh (exclusive gateway) mới có điều kiện",
      );
      continue;
    }
    if (e.conditionText === "") {
      flowProblem("condition_missing", "điều kiện đang để trống");
      continue;
    }
    try {
      const tree = parseCondition(e.conditionText);
      const issues = checkCondition(tree, ctx.dossierFields);
      for (const issue of issues) {
        flowProblem(
          /không có trong dữ liệu/.test(issue) ? "condition_unknown_field" : "condition_type",
          `điều kiện "${e.conditionText}": ${issue}`,
        );
      }
      if (!issues.length) conditions.set(e.id, tree);
    } catch (err) {
      if (!(err instanceof ConditionSyntaxError)) throw err;
      flowProblem(
        "condition_syntax",
        `điều kiện "${e.conditionText}" sai cú pháp: ${err.message} (vị trí ${err.position + 1})`,
      );
    }
  }
  for (const n of read.nodes) {
    if (n.type === "exclusiveGateway") {
      const outs = outOf(n.id);
      if (n.defaultFlowId && !outs.some((e) => e.id === n.defaultFlowId)) {
        at(n, "bad_default", "luồng mặc định không phải là luồng đi ra của cổng này");
      }
      if (outs.length > 1) {
        for (const e of outs) {
          if (e.conditionText === null && e.id !== n.defaultFlowId) {
            at(
              n,
              "condition_missing",
              `luồng ${e.name ? `"${e.name}" ` : ""}(${e.id}) chưa có điều kiện và không phải luồng mặc định`,
            );
          }
        }
      }
    }
  }

  const totalHours = longestPathHours(read.nodes, read.edges);
  if (problems.length || !starts[0]) return { problems, compiled: null, totalHours };
  const edges: TCompiledEdge[] = read.edges.map((e) => ({
    id: e.id,
    name: e.name,
    source: e.source,
    target: e.target,
    condition: conditions.get(e.id) ?? null,
    conditionText: e.conditionText,
    isDefault: e.isDefault,
  }));
  return {
    problems,
    totalHours,
    compiled: {
      schemaVersion: 1,
      startId: starts[0].id,
      nodes: compiledNodes,
      edges,
      totalHours: totalHours ?? 0,
      fields: [...new Set([...conditions.values()].flatMap(conditionFields))],
    },
  };
}
