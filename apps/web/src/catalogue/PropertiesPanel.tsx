import {
  ConditionSyntaxError,
  checkCondition,
  commonRequiredDocuments,
  parseCondition,
  REQUIRED_DOCUMENTS_SEPARATOR,
  RelativeUnit,
  Role,
  relativeUnitLabels,
  requiredDocumentList,
  roleLabels,
  StepKind,
  stepKindLabels,
  type TDossierField,
  WORKING_HOURS_PER_DAY,
} from "@eiso/contracts";
import {
  Alert,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { useLabel, useLang } from "../i18n";
import { UnitSelect } from "../org/UnitSelect";
import { useCt } from "./i18n";

// biome-ignore lint/suspicious/noExplicitAny: bpmn-js elements and services are untyped
type Any = any;

const UUID = /^[0-9a-f-]{36}$/i;

/** Problems of a condition over the procedure's dossier fields, in Vietnamese; empty when sound. */
export function conditionProblems(text: string, fields: TDossierField[]): string[] {
  if (!text.trim()) return [];
  try {
    return checkCondition(parseCondition(text), fields);
  } catch (e) {
    if (e instanceof ConditionSyntaxError) return [e.message];
    throw e;
  }
}

/**
 * The side panel of the designer, bound to the element selected on the canvas: edits go through the
 * modeler's `modeling` service, so they are undoable and end up in the XML.
 */
export function PropertiesPanel({
  modeler,
  element,
  dossierFields,
  readOnly,
  revision,
}: {
  modeler: Any;
  element: Any | null;
  dossierFields: TDossierField[];
  readOnly: boolean;
  /** Bumped on every canvas change, so the panel re-reads the element. */
  revision: number;
}) {
  const ct = useCt();
  const label = useLabel();
  const lang = useLang();
  const [conditionDraft, setConditionDraft] = useState("");
  const bo = element?.businessObject;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read the element on every canvas change
  useEffect(() => {
    setConditionDraft(bo?.conditionExpression?.body ?? "");
  }, [bo, revision]);

  if (!element || !bo || element.type === "bpmn:Process" || element.type === "label") {
    return (
      <div data-testid="properties-panel">
        <Typography.Paragraph type="secondary">{ct("props.nothing")}</Typography.Paragraph>
        <Typography.Text strong>{ct("props.availableFields")}</Typography.Text>
        {dossierFields.length ? (
          <div style={{ marginTop: 8 }}>
            {dossierFields.map((f) => (
              <Tag key={f.key} style={{ marginBottom: 4 }} title={f.label}>
                {f.key}: {f.type}
                {f.options?.length ? ` (${f.options.join(" | ")})` : ""}
              </Tag>
            ))}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </div>
    );
  }

  const modeling = modeler.get("modeling");
  const moddle = modeler.get("moddle");
  const set = (props: Record<string, unknown>) => modeling.updateProperties(element, props);
  const attr = (name: string) => bo.get(`eiso:${name}`);
  const unit: string = attr("unit") ?? "";
  const unitMode = unit && UUID.test(unit) ? "absolute" : "relative";
  const source = bo.sourceRef;
  const fromExclusive = element.type === "bpmn:SequenceFlow" && source?.$type === "bpmn:ExclusiveGateway";
  const timer = element.type === "bpmn:BoundaryEvent" ? bo.eventDefinitions?.[0] : null;
  const problems = conditionProblems(conditionDraft, dossierFields);

  return (
    <Form layout="vertical" size="small" disabled={readOnly} data-testid="properties-panel">
      <Typography.Text type="secondary">
        {ct("props.element")}: {bo.$type.replace("bpmn:", "")} · {bo.id}
      </Typography.Text>
      <Form.Item label={ct("props.name")} style={{ marginTop: 8 }}>
        <Input
          data-testid="prop-name"
          value={bo.name ?? ""}
          onChange={(e) => set({ name: e.target.value })}
        />
      </Form.Item>

      {element.type === "bpmn:UserTask" ? (
        <>
          <Form.Item label={ct("props.stepKind")}>
            <div data-testid="prop-stepKind">
              <Select
                value={attr("stepKind") || undefined}
                onChange={(v) => set({ "eiso:stepKind": v })}
                options={StepKind.options.map((k) => ({ value: k, label: label(stepKindLabels, k) }))}
              />
            </div>
          </Form.Item>
          <Form.Item label={ct("props.unitMode")}>
            <Radio.Group
              value={unitMode}
              onChange={(e) => set({ "eiso:unit": e.target.value === "relative" ? "@agency" : undefined })}
              options={[
                { value: "relative", label: ct("props.relative") },
                { value: "absolute", label: ct("props.absolute") },
              ]}
            />
          </Form.Item>
          <Form.Item>
            {unitMode === "relative" ? (
              <div data-testid="prop-unit">
                <Select
                  value={unit ? unit : undefined}
                  onChange={(v) => set({ "eiso:unit": v })}
                  options={RelativeUnit.options.map((r) => ({
                    value: `@${r}`,
                    label: label(relativeUnitLabels, r),
                  }))}
                />
              </div>
            ) : (
              <UnitSelect
                data-testid="prop-unit-absolute"
                value={UUID.test(unit) ? unit : null}
                onChange={(v) => set({ "eiso:unit": typeof v === "string" ? v : undefined })}
              />
            )}
          </Form.Item>
          <Form.Item label={ct("props.role")}>
            <div data-testid="prop-role">
              <Select
                value={attr("role") || undefined}
                onChange={(v) => set({ "eiso:role": v })}
                options={Role.options
                  .filter((r) => r !== "tenant_admin" && r !== "dost_inspector")
                  .map((r) => ({ value: r, label: label(roleLabels, r) }))}
              />
            </div>
          </Form.Item>
          <Form.Item
            label={ct("props.hours")}
            extra={
              attr("hours")
                ? `= ${Math.round((Number(attr("hours")) / WORKING_HOURS_PER_DAY) * 100) / 100} ${ct("procedure.days")}`
                : undefined
            }
          >
            <InputNumber
              data-testid="prop-hours"
              min={0.25}
              max={10000}
              step={0.5}
              style={{ width: "100%" }}
              value={attr("hours") ?? null}
              onChange={(v) => set({ "eiso:hours": v ?? undefined })}
            />
          </Form.Item>
          <Form.Item label={ct("props.requiredDocuments")} extra={ct("props.requiredDocumentsHint")}>
            <div data-testid="prop-requiredDocuments">
              <Select
                mode="tags"
                tokenSeparators={[REQUIRED_DOCUMENTS_SEPARATOR]}
                value={requiredDocumentList(attr("requiredDocuments"))}
                onChange={(labels: string[]) => {
                  const list = requiredDocumentList(labels.join(REQUIRED_DOCUMENTS_SEPARATOR));
                  set({
                    "eiso:requiredDocuments": list.length
                      ? list.join(REQUIRED_DOCUMENTS_SEPARATOR)
                      : undefined,
                  });
                }}
                options={commonRequiredDocuments.map((c) => ({
                  value: c.vi,
                  label: lang === "vi" ? c.vi : `${c.vi} (${c.en})`,
                }))}
              />
            </div>
          </Form.Item>
        </>
      ) : null}

      {element.type === "bpmn:SequenceFlow" ? (
        fromExclusive ? (
          <>
            <Form.Item
              label={ct("props.condition")}
              extra={ct("props.conditionHint")}
              validateStatus={problems.length ? "error" : undefined}
              help={problems.length ? problems.join("; ") : undefined}
            >
              <Input.TextArea
                data-testid="prop-condition"
                autoSize
                value={conditionDraft}
                onChange={(e) => setConditionDraft(e.target.value)}
                onBlur={() =>
                  set({
                    conditionExpression: conditionDraft.trim()
                      ? moddle.create("bpmn:FormalExpression", { body: conditionDraft.trim() })
                      : undefined,
                  })
                }
              />
            </Form.Item>
            <Checkbox
              checked={source.default === bo}
              onChange={(e) =>
                modeling.updateProperties(modeler.get("elementRegistry").get(source.id), {
                  default: e.target.checked ? bo : undefined,
                })
              }
            >
              {ct("props.isDefault")}
            </Checkbox>
            <Space wrap style={{ marginTop: 12 }}>
              {dossierFields.map((f) => (
                <Tag key={f.key} title={f.label}>
                  {f.key}
                </Tag>
              ))}
            </Space>
          </>
        ) : null
      ) : null}

      {timer?.$type === "bpmn:TimerEventDefinition" ? (
        <Form.Item label={ct("props.duration")}>
          <Input
            data-testid="prop-duration"
            value={timer.timeDuration?.body ?? ""}
            onChange={(e) =>
              modeling.updateModdleProperties(element, timer, {
                timeDuration: moddle.create("bpmn:FormalExpression", { body: e.target.value }),
              })
            }
          />
        </Form.Item>
      ) : null}
      {bo.$type === "bpmn:Task" ? <Alert type="warning" showIcon title="Task → User Task" /> : null}
    </Form>
  );
}
