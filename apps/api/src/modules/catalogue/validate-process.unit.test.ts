import type { TDossierField } from "@eiso/contracts";
import { describe, expect, it } from "vitest";
import { buildProcessXml, defaultProcessXml, type StepSpec } from "./process-builder";
import { readProcessXml } from "./process-xml";
import { absoluteUnitIds, parseActingUnit, validateProcess } from "./validate-process";

const fields: TDossierField[] = [
  { key: "landArea", label: "Diện tích đất (m²)", type: "number", required: true },
  {
    key: "purpose",
    label: "Mục đích",
    type: "select",
    options: ["residential", "commercial"],
    required: false,
  },
];
const unitId = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const ctx = { dossierFields: fields, knownUnitIds: new Set([unitId]) };

const step = (id: string, hours: number, extra: Partial<StepSpec> = {}): StepSpec => ({
  id,
  name: `Bước ${id}`,
  stepKind: "process",
  unit: "@field_division",
  role: "officer",
  hours,
  ...extra,
});

/** A process without diagram data, for shapes the builder does not draw. */
const raw = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:eiso="http://eiso.gov.vn/schema/bpmn/1.0" id="D" targetNamespace="t">
<bpmn:process id="P" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const task = (
  id: string,
  attrs = 'eiso:stepKind="process" eiso:unit="@agency" eiso:role="leader" eiso:hours="8"',
) => `<bpmn:userTask id="${id}" name="Bước ${id}" ${attrs} />`;
const flow = (id: string, from: string, to: string, condition?: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${
    condition
      ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>`
      : ""
  }</bpmn:sequenceFlow>`;

async function check(xml: string) {
  return validateProcess(await readProcessXml(xml), ctx);
}

describe("validateProcess accepts the supported subset", () => {
  it("compiles a four-step process with its allotments and total time", async () => {
    const xml = buildProcessXml({
      name: "Đăng ký khai sinh",
      parts: [
        step("T1", 2, { stepKind: "receive", unit: "@reception_desk", role: "reception_clerk" }),
        step("T2", 12, { unit: unitId }),
        step("T3", 4, { stepKind: "approve", unit: "@agency", role: "leader" }),
        step("T4", 2, { stepKind: "return", unit: "@reception_desk", role: "reception_clerk" }),
      ],
    });
    const out = await check(xml);
    expect(out.problems).toEqual([]);
    expect(out.totalHours).toBe(20);
    const c = out.compiled!;
    expect(c.startId).toBe("StartEvent_1");
    expect(c.nodes.filter((n) => n.type === "userTask")).toHaveLength(4);
    expect(c.nodes.find((n) => n.id === "T2")).toMatchObject({
      type: "userTask",
      unit: { kind: "unit", unitId },
      role: "officer",
      hours: 12,
    });
    expect(c.nodes.find((n) => n.id === "T1")).toMatchObject({
      unit: { kind: "relative", relation: "reception_desk" },
    });
    expect(c.edges).toHaveLength(5);
  });

  it("compiles gateway conditions into trees and keeps the default flow", async () => {
    const xml = buildProcessXml({
      name: "Cấp phép xây dựng",
      parts: [
        step("T1", 4),
        {
          id: "Gateway_area",
          name: "Diện tích?",
          branches: [
            {
              name: "Lớn",
              condition: 'landArea > 100 and purpose = "residential"',
              steps: [step("Big", 40)],
            },
            { name: "Khác", isDefault: true, steps: [step("Small", 16)] },
          ],
        },
        step("T9", 4, { stepKind: "approve", role: "leader", unit: "@agency" }),
      ],
    });
    const out = await check(xml);
    expect(out.problems).toEqual([]);
    expect(out.totalHours).toBe(48);
    const conditional = out.compiled!.edges.find((e) => e.conditionText);
    expect(conditional?.condition).toEqual({
      op: "and",
      args: [
        { op: "cmp", field: "landArea", cmp: ">", value: 100 },
        { op: "cmp", field: "purpose", cmp: "=", value: "residential" },
      ],
    });
    const gateway = out.compiled!.nodes.find((n) => n.id === "Gateway_area");
    expect(gateway).toMatchObject({ type: "exclusiveGateway" });
    expect(out.compiled!.edges.find((e) => e.isDefault)?.target).toBe("Small");
    expect(out.compiled!.fields.sort()).toEqual(["landArea", "purpose"]);
  });

  it("accepts parallel work and a timer escalation on a step", async () => {
    const xml = raw(`
      <bpmn:startEvent id="S" />${task("A")}
      <bpmn:parallelGateway id="Split" />${task("B")}${task("C")}
      <bpmn:parallelGateway id="Join" />
      <bpmn:boundaryEvent id="Late" name="Quá hạn" attachedToRef="B" cancelActivity="false">
        <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1DT4H</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>${task("Escalate")}
      <bpmn:endEvent id="E" /><bpmn:endEvent id="E2" />
      ${flow("f1", "S", "A")}${flow("f2", "A", "Split")}${flow("f3", "Split", "B")}${flow("f4", "Split", "C")}
      ${flow("f5", "B", "Join")}${flow("f6", "C", "Join")}${flow("f7", "Join", "E")}
      ${flow("f8", "Late", "Escalate")}${flow("f9", "Escalate", "E2")}`);
    const out = await check(xml);
    expect(out.problems).toEqual([]);
    expect(out.compiled!.nodes.find((n) => n.id === "Late")).toEqual({
      id: "Late",
      name: "Quá hạn",
      type: "timer",
      attachedTo: "B",
      hours: 12,
      interrupting: false,
    });
    expect(out.totalHours).toBe(16);
  });

  it("carries the documents a step requires into the compiled process, and none where none are named", async () => {
    const xml = buildProcessXml({
      name: "Cấp giấy phép xây dựng",
      parts: [
        step("T1", 8, { requiredDocuments: ["Dự thảo kết quả", " Phiếu thẩm định ", "dự thảo kết quả"] }),
        step("T2", 4, { stepKind: "sign", unit: "@agency", role: "leader" }),
      ],
    });
    expect(xml).toContain('eiso:requiredDocuments="Dự thảo kết quả; Phiếu thẩm định ;dự thảo kết quả"');
    const out = await check(xml);
    expect(out.problems).toEqual([]);
    expect(out.compiled!.nodes.find((n) => n.id === "T1")).toMatchObject({
      requiredDocuments: ["Dự thảo kết quả", "Phiếu thẩm định"],
    });
    expect(out.compiled!.nodes.find((n) => n.id === "T2")).not.toHaveProperty("requiredDocuments");
  });

  it("produces a valid default draft for a new process", async () => {
    const out = await check(defaultProcessXml("Thủ tục", 24));
    expect(out.problems).toEqual([]);
    expect(out.totalHours).toBeLessThanOrEqual(24);
  });
});

describe("validateProcess refuses what the engine cannot run, naming the element", () => {
  const codes = (out: { problems: { code: string }[] }) => out.problems.map((p) => p.code);

  it("refuses a dead end", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" />${task("A")}${task("Stuck")}<bpmn:exclusiveGateway id="G" /><bpmn:endEvent id="E" />
        ${flow("f1", "S", "A")}${flow("f2", "A", "G")}${flow("f3", "G", "E", "landArea &gt; 5")}${flow("f4", "G", "Stuck", "landArea &lt;= 5")}`),
    );
    expect(codes(out)).toEqual(["dead_end"]);
    expect(out.problems[0]).toMatchObject({ elementId: "Stuck", elementName: "Bước Stuck" });
    expect(out.problems[0]!.message).toMatch(/Bước "Bước Stuck" \(Stuck\).*ngõ cụt/);
    expect(out.compiled).toBeNull();
  });

  it("refuses a loop that never reaches an end", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" />${task("A")}${task("B")}<bpmn:endEvent id="E" />
        ${flow("f1", "S", "A")}${flow("f2", "A", "B")}${flow("f3", "B", "A")}`),
    );
    expect(out.problems.map((p) => [p.code, p.elementId])).toEqual([
      ["unreachable", "E"],
      ["dead_end", "S"],
      ["dead_end", "A"],
      ["dead_end", "B"],
    ]);
  });

  it("refuses an unreachable step", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" />${task("A")}${task("Orphan")}<bpmn:endEvent id="E" />
        ${flow("f1", "S", "A")}${flow("f2", "A", "E")}${flow("f3", "Orphan", "E")}`),
    );
    expect(out.problems.map((p) => [p.code, p.elementId])).toEqual([["unreachable", "Orphan"]]);
  });

  it("refuses a condition over a field the procedure does not have", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" /><bpmn:exclusiveGateway id="G" name="Loại nhà" default="f3" />${task("A")}${task("B")}<bpmn:endEvent id="E" />
        ${flow("f1", "S", "G")}${flow("f2", "G", "A", "floorCount &gt; 3")}${flow("f3", "G", "B")}${flow("f4", "A", "E")}${flow("f5", "B", "E")}`),
    );
    expect(codes(out)).toEqual(["condition_unknown_field"]);
    expect(out.problems[0]!.elementId).toBe("f2");
    expect(out.problems[0]!.message).toMatch(/Luồng \(f2\).*floorCount.*không có trong dữ liệu hồ sơ/);
  });

  it("refuses a condition with a syntax error and a gateway branch without condition", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" /><bpmn:exclusiveGateway id="G" />${task("A")}${task("B")}<bpmn:endEvent id="E" />
        ${flow("f1", "S", "G")}${flow("f2", "G", "A", "landArea &gt;")}${flow("f3", "G", "B")}${flow("f4", "A", "E")}${flow("f5", "B", "E")}`),
    );
    expect(codes(out).sort()).toEqual(["condition_missing", "condition_syntax"]);
  });

  it("refuses a condition on a flow that does not leave an exclusive gateway", async () => {
    const out = await check(
      raw(
        `<bpmn:startEvent id="S" />${task("A")}<bpmn:endEvent id="E" />${flow("f1", "S", "A")}${flow("f2", "A", "E", "landArea &gt; 1")}`,
      ),
    );
    expect(codes(out)).toEqual(["condition_not_allowed"]);
  });

  it("refuses tasks without role, unit, time or kind", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" />
        ${task("NoRole", 'eiso:stepKind="process" eiso:unit="@agency" eiso:hours="8"')}
        ${task("NoUnit", 'eiso:stepKind="process" eiso:role="officer" eiso:hours="8"')}
        ${task("NoTime", 'eiso:stepKind="process" eiso:unit="@agency" eiso:role="officer"')}
        ${task("NoKind", 'eiso:unit="@agency" eiso:role="officer" eiso:hours="8"')}
        ${task("Stranger", `eiso:stepKind="process" eiso:unit="0190a1b2-c3d4-7e5f-8a9b-000000000000" eiso:role="mayor" eiso:hours="0"`)}
        <bpmn:endEvent id="E" />
        ${flow("f1", "S", "NoRole")}${flow("f2", "NoRole", "NoUnit")}${flow("f3", "NoUnit", "NoTime")}${flow("f4", "NoTime", "NoKind")}
        ${flow("f5", "NoKind", "Stranger")}${flow("f6", "Stranger", "E")}`),
    );
    expect(out.problems.map((p) => [p.code, p.elementId])).toEqual([
      ["task_missing_role", "NoRole"],
      ["task_missing_unit", "NoUnit"],
      ["task_missing_time", "NoTime"],
      ["task_missing_kind", "NoKind"],
      ["task_unknown_unit", "Stranger"],
      ["task_bad_role", "Stranger"],
      ["task_bad_time", "Stranger"],
    ]);
    expect(out.problems[0]!.message).toBe('Bước "Bước NoRole" (NoRole): chưa chọn vai trò xử lý');
  });

  it("refuses a compensation event and other elements outside the subset", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" />${task("A")}
        <bpmn:boundaryEvent id="Comp" name="Bồi hoàn" attachedToRef="A"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        <bpmn:serviceTask id="Svc" name="Gửi thư" /><bpmn:task id="Plain" name="Việc chung" />
        <bpmn:endEvent id="E"><bpmn:terminateEventDefinition /></bpmn:endEvent>
        ${flow("f1", "S", "A")}${flow("f2", "A", "Svc")}${flow("f3", "Svc", "Plain")}${flow("f4", "Plain", "E")}`),
    );
    const unsupported = out.problems.filter((p) => p.code === "unsupported_element");
    expect(unsupported.map((p) => p.elementId)).toEqual(["Comp", "Svc", "Plain", "E"]);
    expect(unsupported[0]!.message).toMatch(
      /Sự kiện biên "Bồi hoàn" \(Comp\).*Compensate.*không được hỗ trợ/,
    );
    expect(unsupported[2]!.message).toMatch(/User Task/);
  });

  it("reports unknown XML elements and unreadable files", async () => {
    const unknown = await check(
      raw(`<bpmn:startEvent id="S" /><bpmn:magic id="M" /><bpmn:endEvent id="E" />${flow("f", "S", "E")}`),
    );
    expect(codes(unknown)).toEqual(["unsupported_element"]);
    expect(unknown.problems[0]!.message).toMatch(/bpmn:magic/i);
    expect(codes(await check("<not-bpmn"))).toEqual(["xml_invalid"]);
  });

  it("refuses a timer without a usable duration", async () => {
    const out = await check(
      raw(`<bpmn:startEvent id="S" />${task("A")}<bpmn:endEvent id="E" />
        <bpmn:boundaryEvent id="T" attachedToRef="A"><bpmn:timerEventDefinition><bpmn:timeDuration>soon</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        ${flow("f1", "S", "A")}${flow("f2", "A", "E")}${flow("f3", "T", "E")}`),
    );
    expect(codes(out)).toEqual(["timer_duration"]);
  });

  it("refuses a step that requires too many documents or an over-long document name", async () => {
    const many = Array.from({ length: 21 }, (_, i) => `Tài liệu ${i + 1}`).join(";");
    const long = "Văn bản ".repeat(30);
    const out = await check(
      raw(`<bpmn:startEvent id="S" />${task("A", `eiso:stepKind="process" eiso:unit="@agency" eiso:role="leader" eiso:hours="8" eiso:requiredDocuments="${many}"`)}
        ${task("B", `eiso:stepKind="sign" eiso:unit="@agency" eiso:role="leader" eiso:hours="8" eiso:requiredDocuments="${long}"`)}
        <bpmn:endEvent id="E" />${flow("f1", "S", "A")}${flow("f2", "A", "B")}${flow("f3", "B", "E")}`),
    );
    expect(codes(out)).toEqual(["task_too_many_documents", "task_bad_document_label"]);
    expect(out.problems[0]!.message).toContain("(A)");
    expect(out.compiled).toBeNull();
  });
});

describe("parseActingUnit", () => {
  it.each([
    ["@agency", { kind: "relative", relation: "agency" }],
    ["@field_division", { kind: "relative", relation: "field_division" }],
    [unitId, { kind: "unit", unitId }],
    ["@mayor", null],
    ["not-a-uuid", null],
    ["", null],
  ])("%s", (value, expected) => {
    expect(parseActingUnit(value)).toEqual(expected);
  });

  it("lists the absolute units a process names", async () => {
    const read = await readProcessXml(
      buildProcessXml({ name: "x", parts: [step("A", 1, { unit: unitId }), step("B", 1)] }),
    );
    expect(absoluteUnitIds(read)).toEqual([unitId]);
  });
});
