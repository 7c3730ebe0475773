import {
  DossierFieldType,
  OnlineLevel,
  onlineLevelLabels,
  ProcedureLevel,
  ProcedureMethod,
  ProcedureStatus,
  procedureLevelLabels,
  procedureMethodLabels,
  procedureStatusLabels,
  type TProcedure,
} from "@eiso/contracts";
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
} from "antd";
import { useEffect } from "react";
import { useNavigate, useParams } from "react-router";
import { showError, showSuccess } from "../api/feedback";
import { useCanAt } from "../auth/scope";
import { useCurrentSession, usePermission } from "../auth/session";
import { fromApiDate, toApiDate } from "../common/dates";
import { PageHeader } from "../common/PageHeader";
import { PageSpinner, QueryError } from "../common/QueryState";
import { useLabel } from "../i18n";
import { UnitSelect } from "../org/UnitSelect";
import { useCt } from "./i18n";
import { ProcessesTab } from "./ProcessesTab";
import { useCreateDefinition, useFields, useProcedure, useSaveProcedure } from "./queries";

/** One procedure: its national-database attributes, required documents, fees, dossier data, processes. */
export default function ProcedureDetailPage() {
  const ct = useCt();
  const label = useLabel();
  const can = usePermission();
  const session = useCurrentSession();
  const navigate = useNavigate();
  const { id } = useParams();
  const isNew = id === "new";
  const procedure = useProcedure(isNew ? undefined : id);
  const fields = useFields();
  const save = useSaveProcedure();
  const createDefinition = useCreateDefinition();
  const [form] = Form.useForm();
  const [processForm] = Form.useForm();
  const canAt = useCanAt();
  // The catalogue is edited by those who manage the procedure's owner unit (the API says the same).
  const owner = session.scopeUnits.find((u) => u.id === procedure.data?.ownerUnitId);
  const editable = isNew ? can("catalogue.manage") : canAt("catalogue.manage", owner);

  useEffect(() => {
    const p = procedure.data;
    if (!p) return;
    form.setFieldsValue({
      ...p,
      processingAmount: p.processingTime?.amount ?? null,
      processingUnit: p.processingTime?.unit ?? "days",
      abolishedOn: fromApiDate(p.abolishedOn),
      dossierFields: p.dossierFields.map((f) => ({ ...f, options: f.options?.join(", ") ?? "" })),
    });
  }, [procedure.data, form]);

  if (procedure.error) return <QueryError error={procedure.error} />;
  if (!isNew && !procedure.data) return <PageSpinner />;

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      code: v.code,
      name: v.name,
      fieldId: v.fieldId,
      level: v.level,
      implementingAgencies: v.implementingAgencies || null,
      methods: v.methods ?? [],
      documents: (v.documents ?? []).map((d: Record<string, unknown>) => ({
        ...d,
        templateUrl: d.templateUrl || null,
      })),
      processingTime: v.processingAmount ? { amount: v.processingAmount, unit: v.processingUnit } : null,
      fees: v.fees ?? [],
      feeNote: v.feeNote || null,
      resultDocument: v.resultDocument || null,
      legalBasis: v.legalBasis || null,
      conditions: v.conditions || null,
      description: v.description || null,
      onlineLevel: v.onlineLevel,
      status: v.status,
      abolishedOn: toApiDate(v.abolishedOn),
      dossierFields: (v.dossierFields ?? []).map((f: Record<string, unknown>) => ({
        key: f.key,
        label: f.label,
        type: f.type,
        required: !!f.required,
        options:
          f.type === "select"
            ? String(f.options ?? "")
                .split(",")
                .map((o) => o.trim())
                .filter(Boolean)
            : null,
      })),
    };
    try {
      const saved: TProcedure = await save.mutateAsync({ id: isNew ? undefined : id, body });
      showSuccess(ct("procedure.saved"));
      if (isNew) navigate(`/catalogue/procedures/${saved.id}`, { replace: true });
    } catch (e) {
      showError(e);
    }
  };
  const newProcess = async (kind: "agency" | "template") => {
    const v =
      kind === "template" ? { unitId: session.tenant.rootUnitId } : await processForm.validateFields();
    try {
      const def = await createDefinition.mutateAsync({ procedureId: id!, unitId: v.unitId, kind });
      navigate(`/catalogue/processes/${def.id}`);
    } catch (e) {
      showError(e);
    }
  };
  const enumOptions = <K extends string>(
    values: readonly K[],
    labels: Record<K, { vi: string; en: string }>,
  ) => values.map((x) => ({ value: x, label: label(labels, x) }));

  return (
    <div data-testid="procedure-page">
      <PageHeader
        title={isNew ? ct("procedure.new") : procedure.data?.name}
        subtitle={procedure.data ? `${procedure.data.code} · ${procedure.data.fieldName}` : undefined}
        extra={
          editable ? (
            <Button type="primary" onClick={submit} loading={save.isPending} data-testid="save-procedure">
              {ct("procedure.save")}
            </Button>
          ) : undefined
        }
      />
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{
          methods: ["counter"],
          onlineLevel: "none",
          status: "active",
          processingUnit: "days",
          level: "commune",
        }}
      >
        <Card style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="code" label={ct("procedure.code")} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={18}>
              <Form.Item name="name" label={ct("procedure.name")} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="fieldId" label={ct("procedure.field")} rules={[{ required: true }]}>
                <Select options={(fields.data ?? []).map((f) => ({ value: f.id, label: f.name }))} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="level" label={ct("procedure.level")}>
                <Select options={enumOptions(ProcedureLevel.options, procedureLevelLabels)} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={ct("procedure.time")}>
                <Space.Compact style={{ width: "100%" }}>
                  <Form.Item name="processingAmount" noStyle>
                    <InputNumber min={0.25} step={0.5} style={{ width: "50%" }} />
                  </Form.Item>
                  <Form.Item name="processingUnit" noStyle>
                    <Select
                      style={{ width: "50%" }}
                      options={[
                        { value: "days", label: ct("procedure.days") },
                        { value: "hours", label: ct("procedure.hours") },
                      ]}
                    />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="methods" label={ct("procedure.methods")}>
                <Select
                  mode="multiple"
                  options={enumOptions(ProcedureMethod.options, procedureMethodLabels)}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="implementingAgencies" label={ct("procedure.agencies")}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="onlineLevel" label={ct("procedure.online")}>
                <Select options={enumOptions(OnlineLevel.options, onlineLevelLabels)} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="status" label={ct("procedure.status")}>
                <Select options={enumOptions(ProcedureStatus.options, procedureStatusLabels)} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="abolishedOn" label={ct("procedure.abolishedOn")}>
                <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="resultDocument" label={ct("procedure.result")}>
                <Input.TextArea autoSize />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="legalBasis" label={ct("procedure.legalBasis")}>
                <Input.TextArea autoSize />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="conditions" label={ct("procedure.conditions")}>
                <Input.TextArea autoSize />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="description" label={ct("procedure.description")}>
                <Input.TextArea autoSize />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={ct("procedure.documents")} style={{ marginBottom: 16 }}>
          <Form.List name="documents">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Flex key={item.key} gap={8} align="baseline">
                    <Form.Item name={[item.name, "name"]} rules={[{ required: true }]} style={{ flex: 3 }}>
                      <Input placeholder={ct("procedure.docName")} />
                    </Form.Item>
                    <Form.Item name={[item.name, "originals"]} initialValue={1}>
                      <InputNumber min={0} prefix={`${ct("procedure.originals")}:`} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[item.name, "copies"]} initialValue={0}>
                      <InputNumber min={0} prefix={`${ct("procedure.copies")}:`} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, "required"]}
                      initialValue={true}
                      valuePropName="checked"
                      getValueProps={(required) => ({ checked: required === false })}
                      getValueFromEvent={(e: { target: { checked: boolean } }) => !e.target.checked}
                    >
                      <Checkbox data-testid="doc-if-any" title={ct("procedure.docIfAnyHint")}>
                        {ct("procedure.docIfAny")}
                      </Checkbox>
                    </Form.Item>
                    <Form.Item name={[item.name, "templateName"]} style={{ flex: 1 }}>
                      <Input placeholder={ct("procedure.templateName")} />
                    </Form.Item>
                    <Form.Item name={[item.name, "templateUrl"]} style={{ flex: 1 }}>
                      <Input placeholder={ct("procedure.templateUrl")} />
                    </Form.Item>
                    <Button onClick={() => remove(item.name)}>−</Button>
                  </Flex>
                ))}
                <Button onClick={() => add({ originals: 1, copies: 0, required: true })}>
                  + {ct("procedure.docName")}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Row gutter={16}>
          <Col span={10}>
            <Card title={ct("procedure.fees")} style={{ marginBottom: 16 }}>
              <Form.List name="fees">
                {(items, { add, remove }) => (
                  <>
                    {items.map((item) => (
                      <Flex key={item.key} gap={8} align="baseline">
                        <Form.Item
                          name={[item.name, "name"]}
                          rules={[{ required: true }]}
                          style={{ flex: 1 }}
                        >
                          <Input placeholder={ct("procedure.feeName")} />
                        </Form.Item>
                        <Form.Item name={[item.name, "amountVnd"]} rules={[{ required: true }]}>
                          <InputNumber
                            min={0}
                            step={1000}
                            placeholder={ct("procedure.amount")}
                            style={{ width: 140 }}
                          />
                        </Form.Item>
                        <Button onClick={() => remove(item.name)}>−</Button>
                      </Flex>
                    ))}
                    <Button onClick={() => add()}>+ {ct("procedure.feeName")}</Button>
                  </>
                )}
              </Form.List>
              {/* Outside the list: inside, antd would name it fees.feeNote and turn the fees into an object. */}
              <Form.Item name="feeNote" label={ct("procedure.feeNote")} style={{ marginTop: 12 }}>
                <Input />
              </Form.Item>
            </Card>
          </Col>
          <Col span={14}>
            <Card title={ct("procedure.dossierFields")} style={{ marginBottom: 16 }}>
              <Form.List name="dossierFields">
                {(items, { add, remove }) => (
                  <>
                    {items.map((item) => (
                      <Flex key={item.key} gap={8} align="baseline">
                        <Form.Item
                          name={[item.name, "key"]}
                          rules={[{ required: true, pattern: /^[A-Za-z_][A-Za-z0-9_]*$/ }]}
                        >
                          <Input placeholder={ct("procedure.fieldKey")} style={{ width: 140 }} />
                        </Form.Item>
                        <Form.Item
                          name={[item.name, "label"]}
                          rules={[{ required: true }]}
                          style={{ flex: 1 }}
                        >
                          <Input placeholder={ct("procedure.fieldLabel")} />
                        </Form.Item>
                        <Form.Item name={[item.name, "type"]} initialValue="text">
                          <Select
                            style={{ width: 130 }}
                            options={DossierFieldType.options.map((t) => ({
                              value: t,
                              label: ct(`types.${t}`),
                            }))}
                          />
                        </Form.Item>
                        <Form.Item name={[item.name, "options"]} style={{ flex: 1 }}>
                          <Input placeholder={ct("procedure.fieldOptions")} />
                        </Form.Item>
                        <Form.Item name={[item.name, "required"]} valuePropName="checked">
                          <Switch size="small" />
                        </Form.Item>
                        <Button onClick={() => remove(item.name)}>−</Button>
                      </Flex>
                    ))}
                    <Button onClick={() => add({ type: "text" })}>+ {ct("procedure.fieldKey")}</Button>
                  </>
                )}
              </Form.List>
            </Card>
          </Col>
        </Row>
      </Form>
      {!isNew ? (
        <Card title={ct("procedure.processes")}>
          {can("process.design") ? (
            <Form form={processForm} layout="inline" style={{ marginBottom: 12 }}>
              <Form.Item name="unitId" label={ct("procedure.forUnit")} rules={[{ required: true }]}>
                <UnitSelect style={{ width: 360 }} data-testid="process-unit" />
              </Form.Item>
              <Button
                onClick={() => newProcess("agency")}
                loading={createDefinition.isPending}
                data-testid="create-process"
              >
                {ct("procedure.createProcess")}
              </Button>
              {session.grants.some((g) => g.role === "tenant_admin") ? (
                <Button style={{ marginLeft: 8 }} onClick={() => newProcess("template")}>
                  {ct("procedure.createTemplate")}
                </Button>
              ) : null}
            </Form>
          ) : null}
          <ProcessesTab procedureId={id} />
        </Card>
      ) : null}
    </div>
  );
}
