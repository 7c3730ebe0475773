import type { TField } from "@eiso/contracts";
import { Button, Flex, Form, Input, Modal, Table } from "antd";
import { useState } from "react";
import { showError, showSuccess } from "../api/feedback";
import { usePermission } from "../auth/session";
import { UnitSelect } from "../org/UnitSelect";
import { useCt } from "./i18n";
import { useFields, useSaveField } from "./queries";

/** Fields (lĩnh vực) of the tenant with their number of procedures; add and rename. */
export function FieldsTab() {
  const ct = useCt();
  const can = usePermission();
  const fields = useFields();
  const save = useSaveField();
  const [editing, setEditing] = useState<Partial<TField> | null>(null);
  const [form] = Form.useForm();
  const open = (f: Partial<TField>) => {
    setEditing(f);
    form.setFieldsValue({ code: f.code, name: f.name, ownerUnitId: f.ownerUnitId });
  };
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync(
        editing?.id
          ? { id: editing.id, code: values.code, name: values.name }
          : { ...values, ownerUnitId: values.ownerUnitId ?? null },
      );
      showSuccess(ct("procedure.saved"));
      setEditing(null);
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      {can("catalogue.manage") ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => open({})}>
            {ct("field.new")}
          </Button>
        </Flex>
      ) : null}
      <Table<TField>
        rowKey="id"
        size="middle"
        loading={fields.isLoading}
        dataSource={fields.data}
        pagination={false}
        columns={[
          { title: ct("field.code"), dataIndex: "code", width: 140 },
          { title: ct("field.name"), dataIndex: "name" },
          { title: ct("field.count"), dataIndex: "procedureCount", width: 120 },
          ...(can("catalogue.manage")
            ? [
                {
                  title: "",
                  width: 90,
                  render: (_: unknown, f: TField) => (
                    <Button size="small" onClick={() => open(f)}>
                      ✎
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.id ? editing.name : ct("field.new")}
        onCancel={() => setEditing(null)}
        onOk={submit}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="code" label={ct("field.code")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={ct("field.name")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          {!editing?.id ? (
            <Form.Item name="ownerUnitId" label={ct("field.owner")}>
              <UnitSelect allowClear />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
