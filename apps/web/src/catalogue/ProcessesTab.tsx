import { type TDefinitionSummary, type TVersionSummary, versionStatusLabels } from "@eiso/contracts";
import { Button, DatePicker, Form, Modal, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { showError, showSuccess } from "../api/feedback";
import { usePermission } from "../auth/session";
import { toApiDate } from "../common/dates";
import { useLabel } from "../i18n";
import { UnitSelect } from "../org/UnitSelect";
import { useCt } from "./i18n";
import { useAdoptTemplate, useDefinitions } from "./queries";

/** Processes in the user's scope and the tenant's templates, with adoption of a template by a unit. */
export function ProcessesTab({ procedureId }: { procedureId?: string }) {
  const ct = useCt();
  const label = useLabel();
  const can = usePermission();
  const list = useDefinitions(procedureId ? { procedureId } : {});
  const adopt = useAdoptTemplate();
  const [adopting, setAdopting] = useState<TDefinitionSummary | null>(null);
  const [form] = Form.useForm();
  const version = (v: TVersionSummary | null) =>
    v ? (
      <span>
        v{v.version} <Tag>{label(versionStatusLabels, v.status)}</Tag>
        {v.totalHours !== null ? (
          <Typography.Text type="secondary">{v.totalHours} giờ</Typography.Text>
        ) : null}
      </span>
    ) : (
      ct("process.none")
    );
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await adopt.mutateAsync({
        templateId: adopting!.id,
        unitId: v.unitId,
        effectiveFrom: toApiDate(v.effectiveFrom)!,
        bindings: { field_division: v.fieldDivision ?? null, reception_desk: v.receptionDesk ?? null },
      });
      showSuccess(ct("process.adopted"));
      setAdopting(null);
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      <Table<TDefinitionSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="process-table"
        columns={[
          {
            title: ct("process.name"),
            render: (_, d) => (
              <Link to={`/catalogue/processes/${d.id}`}>
                {d.procedureCode} · {d.name}
              </Link>
            ),
          },
          { title: ct("process.unit"), dataIndex: "unitName", width: 260 },
          {
            title: ct("process.kind"),
            width: 150,
            render: (_, d) =>
              d.kind === "template" ? (
                <Tag color="purple">{ct("process.template")}</Tag>
              ) : (
                ct("process.agency")
              ),
          },
          { title: ct("process.published"), width: 200, render: (_, d) => version(d.published) },
          { title: ct("process.latest"), width: 200, render: (_, d) => version(d.latest) },
          {
            title: "",
            width: 130,
            render: (_, d) =>
              d.kind === "template" && d.published && can("process.design") ? (
                <Button size="small" onClick={() => setAdopting(d)} data-testid={`adopt-${d.procedureCode}`}>
                  {ct("process.adopt")}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!adopting}
        title={ct("process.adoptTitle")}
        onCancel={() => setAdopting(null)}
        onOk={submit}
        confirmLoading={adopt.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label={ct("process.unit")} rules={[{ required: true }]}>
            <UnitSelect />
          </Form.Item>
          <Typography.Paragraph type="secondary">{ct("process.bindings")}</Typography.Paragraph>
          <Form.Item name="fieldDivision" label="@field_division">
            <UnitSelect allowClear />
          </Form.Item>
          <Form.Item name="receptionDesk" label="@reception_desk">
            <UnitSelect allowClear />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={ct("process.effectiveFrom")} rules={[{ required: true }]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
