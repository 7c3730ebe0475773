import type { TAssignment } from "@eiso/contracts";
import { Button, Empty, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Table } from "antd";
import { useState } from "react";
import { showError, showSuccess } from "../api/feedback";
import { useCurrentSession, usePermission } from "../auth/session";
import { UnitSelect } from "../org/UnitSelect";
import { useCt } from "./i18n";
import {
  useAssignments,
  useCreateAssignment,
  useFields,
  useProcedures,
  useRemoveAssignment,
} from "./queries";

/** Phân quyền phụ trách: which division or officer of an agency is in charge of which field or procedure. */
export function AssignmentsTab() {
  const ct = useCt();
  const can = usePermission();
  const session = useCurrentSession();
  const [agency, setAgency] = useState<string | undefined>(session.activeUnitId ?? undefined);
  const list = useAssignments(agency);
  const create = useCreateAssignment();
  const remove = useRemoveAssignment();
  const fields = useFields();
  const procedures = useProcedures({ pageSize: 500 });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const subjectType = Form.useWatch("subjectType", form) ?? "field";
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        agencyUnitId: agency!,
        subjectType: v.subjectType,
        subjectId: v.subjectId,
        assigneeUnitId: v.assigneeUnitId,
        note: v.note,
      });
      showSuccess(ct("procedure.saved"));
      setAdding(false);
      form.resetFields();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <UnitSelect
          value={agency ?? null}
          onChange={(v) => setAgency(typeof v === "string" ? v : undefined)}
          placeholder={ct("assignment.chooseAgency")}
          style={{ width: 420 }}
          data-testid="assignment-agency"
        />
        <div style={{ flex: 1 }} />
        {can("catalogue.manage") && agency ? (
          <Button type="primary" onClick={() => setAdding(true)}>
            {ct("assignment.new")}
          </Button>
        ) : null}
      </Flex>
      {agency ? (
        <Table<TAssignment>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data}
          pagination={false}
          data-testid="assignment-table"
          columns={[
            { title: ct("assignment.subject"), render: (_, a) => `${a.subjectCode} · ${a.subjectName}` },
            {
              title: ct("assignment.assignee"),
              render: (_, a) => a.assigneeUnitName ?? a.assigneeUserName ?? "—",
            },
            { title: ct("assignment.note"), dataIndex: "note" },
            ...(can("catalogue.manage")
              ? [
                  {
                    title: "",
                    width: 120,
                    render: (_: unknown, a: TAssignment) => (
                      <Popconfirm
                        title={ct("assignment.remove")}
                        onConfirm={() => remove.mutateAsync(a.id).catch(showError)}
                      >
                        <Button size="small" danger>
                          {ct("assignment.remove")}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <Empty description={ct("assignment.chooseAgency")} />
      )}
      <Modal
        open={adding}
        title={ct("assignment.new")}
        onCancel={() => setAdding(false)}
        onOk={submit}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ subjectType: "field" }}>
          <Form.Item name="subjectType" label={ct("assignment.subjectType")}>
            <Radio.Group
              options={[
                { value: "field", label: ct("procedure.field") },
                { value: "procedure", label: ct("page.tabs.procedures") },
              ]}
            />
          </Form.Item>
          <Form.Item name="subjectId" label={ct("assignment.subject")} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={
                subjectType === "field"
                  ? (fields.data ?? []).map((f) => ({ value: f.id, label: f.name }))
                  : (procedures.data?.items ?? []).map((p) => ({
                      value: p.id,
                      label: `${p.code} · ${p.name}`,
                    }))
              }
            />
          </Form.Item>
          <Form.Item name="assigneeUnitId" label={ct("assignment.unit")} rules={[{ required: true }]}>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="note" label={ct("assignment.note")}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
