import { PlusOutlined } from "@ant-design/icons";
import { roleLabels, type TRole, type TRoleGrant, type TUser } from "@eiso/contracts";
import { Button, Card, Empty, Flex, Form, Popconfirm, Select, Table } from "antd";
import { useTranslation } from "react-i18next";
import { showSuccess } from "../api/feedback";
import { useCanAt } from "../auth/scope";
import { usePermission } from "../auth/session";
import { formatDate } from "../common/dates";
import { labelSearch } from "../common/fold";
import { QueryError } from "../common/QueryState";
import { useLabel } from "../i18n";
import { useGrantRole, useGrants, useRevokeGrant } from "./queries";
import { UnitSelect } from "./UnitSelect";
import { useGrantableRoles } from "./UserFormModal";

/** A user's roles (each at a unit, covering its subtree): list, grant, revoke. */
export function GrantsPanel({ user }: { user: TUser }) {
  const { t } = useTranslation();
  const label = useLabel();
  const can = usePermission();
  const canAt = useCanAt();
  const grants = useGrants(user.id);
  const grant = useGrantRole();
  const revoke = useRevokeGrant();
  const grantable = useGrantableRoles();
  const [form] = Form.useForm<{ role: TRole; unitId: string }>();
  const mayGrant = can("org.role.grant") && user.kind === "officer";
  if (grants.error) return <QueryError error={grants.error} onRetry={() => void grants.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Table<TRoleGrant>
        size="small"
        rowKey="id"
        loading={grants.isPending}
        dataSource={grants.data ?? []}
        pagination={false}
        data-testid="grant-list"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("grants.empty")} /> }}
        columns={[
          { title: t("grants.role"), dataIndex: "role", render: (r: TRole) => label(roleLabels, r) },
          { title: t("grants.unit"), dataIndex: "unitName" },
          {
            title: t("grants.since"),
            dataIndex: "createdAt",
            width: 110,
            render: (d: string) => formatDate(d),
          },
          {
            title: "",
            key: "actions",
            width: 90,
            render: (_, g) =>
              mayGrant ? (
                <Popconfirm
                  title={t("grants.revokeConfirm", {
                    role: label(roleLabels, g.role),
                    unit: g.unitName ?? "",
                  })}
                  okText={t("grants.revoke")}
                  cancelText={t("common.cancel")}
                  onConfirm={() =>
                    revoke.mutateAsync({ userId: user.id, grantId: g.id }).then(() => {
                      showSuccess(t("grants.revoked"));
                      return grants.refetch();
                    })
                  }
                >
                  <Button size="small" type="link" danger>
                    {t("grants.revoke")}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      {mayGrant ? (
        <Card size="small" title={t("grants.grant")}>
          <Form
            name="grant-role"
            form={form}
            layout="vertical"
            initialValues={{ unitId: user.unitId ?? undefined }}
            onFinish={(v) =>
              grant.mutate(
                { userId: user.id, role: v.role, unitId: v.unitId },
                {
                  onSuccess: () => {
                    showSuccess(t("grants.granted"));
                    form.resetFields(["role"]);
                    void grants.refetch();
                  },
                },
              )
            }
          >
            <Flex gap={8} align="flex-end" wrap>
              <Form.Item
                name="role"
                label={t("grants.role")}
                style={{ flex: "1 1 200px", marginBottom: 0 }}
                rules={[
                  {
                    required: true,
                    message: t("common.requiredSelect", { field: t("grants.role").toLowerCase() }),
                  },
                ]}
              >
                <Select
                  showSearch={labelSearch}
                  options={grantable.map((r) => ({ value: r, label: label(roleLabels, r) }))}
                />
              </Form.Item>
              <Form.Item
                name="unitId"
                label={t("grants.unit")}
                style={{ flex: "2 1 280px", marginBottom: 0 }}
                rules={[
                  {
                    required: true,
                    message: t("common.requiredSelect", { field: t("grants.unit").toLowerCase() }),
                  },
                ]}
              >
                <UnitSelect selectable={(u) => canAt("org.role.grant", u)} />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={grant.isPending}>
                {t("grants.grant")}
              </Button>
            </Flex>
          </Form>
        </Card>
      ) : null}
    </Flex>
  );
}
