import {
  KeyOutlined,
  LockOutlined,
  MoreOutlined,
  PlusOutlined,
  SearchOutlined,
  UnlockOutlined,
} from "@ant-design/icons";
import type { TUser } from "@eiso/contracts";
import { App, Button, Card, Dropdown, Flex, Input, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { showError, showSuccess } from "../api/feedback";
import { useCanAt } from "../auth/scope";
import { useCurrentSession, usePermission } from "../auth/session";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { useUnits, useUpdateUser, useUsers } from "./queries";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { UnitSelect } from "./UnitSelect";
import { UserDrawer } from "./UserDrawer";
import { UserFormModal } from "./UserFormModal";
import { useDebounced } from "./UserPicker";
import { UserStatusTags } from "./UserStatusTags";

export default function UsersPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const session = useCurrentSession();
  const can = usePermission();
  const canAt = useCanAt();
  const [search, setSearch] = useState("");
  const [unitId, setUnitId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [form, setForm] = useState<{ user: TUser | null } | null>(null);
  const [opened, setOpened] = useState<TUser | null>(null);
  const [resetting, setResetting] = useState<TUser | null>(null);
  const q = useDebounced(search.trim());
  const users = useUsers({ q: q || undefined, unitId, page, pageSize });
  const { data: units = [] } = useUnits(false);
  const update = useUpdateUser();
  const unitOf = (u: TUser) => units.find((x) => x.id === u.unitId);
  const mayManage = (u: TUser) => can("org.user.manage") && canAt("org.user.manage", unitOf(u));

  const toggleStatus = (u: TUser) => {
    const disabling = u.status === "active";
    modal.confirm({
      title: disabling ? t("users.disable") : t("users.enable"),
      content: disabling
        ? t("users.disableConfirm", { name: u.fullName })
        : t("users.enableConfirm", { name: u.fullName }),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      okButtonProps: { danger: disabling },
      onOk: () =>
        update
          .mutateAsync({ id: u.id, patch: { status: disabling ? "disabled" : "active" } })
          .then(() => showSuccess(disabling ? t("users.disabledDone") : t("users.enabledDone")))
          .catch(showError),
    });
  };

  return (
    <>
      <PageHeader
        title={t("users.title")}
        subtitle={t("users.subtitle")}
        extra={
          can("org.user.manage") ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ user: null })}
              data-testid="create-user"
            >
              {t("users.create")}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t("users.searchPlaceholder")}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            style={{ width: 340 }}
            data-testid="user-search"
          />
          <UnitSelect
            value={unitId ?? null}
            onChange={(v) => {
              setUnitId(typeof v === "string" ? v : undefined);
              setPage(1);
            }}
            allowClear
            placeholder={t("users.unitFilter")}
            style={{ width: 420 }}
          />
        </Flex>
        {users.error && !users.data ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<TUser>
            rowKey="id"
            size="middle"
            loading={users.isFetching}
            dataSource={users.data?.items ?? []}
            data-testid="user-table"
            locale={{ emptyText: t("users.empty") }}
            scroll={{ x: 960 }}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t("common.total", { count: total }),
              onChange: (p, s) => {
                setPage(s === pageSize ? p : 1);
                setPageSize(s);
              },
            }}
            columns={[
              {
                title: t("users.fullName"),
                key: "name",
                render: (_, u) => (
                  <Flex vertical>
                    <Typography.Link onClick={() => setOpened(u)} strong>
                      {u.fullName}
                    </Typography.Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {u.username}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { title: t("users.unit"), dataIndex: "unitName", ellipsis: true },
              { title: t("users.position"), dataIndex: "position", render: (p: string | null) => p ?? "—" },
              {
                title: t("users.email"),
                dataIndex: "email",
                ellipsis: true,
                render: (e: string | null) => e ?? "—",
              },
              { title: t("users.status"), key: "status", render: (_, u) => <UserStatusTags user={u} /> },
              {
                title: t("common.actions"),
                key: "actions",
                width: 170,
                fixed: "right",
                render: (_, u) => (
                  <Flex gap={4}>
                    <Button size="small" onClick={() => setOpened(u)}>
                      {t("users.manage")}
                    </Button>
                    {mayManage(u) ? (
                      <Dropdown
                        trigger={["click"]}
                        menu={{
                          items: [
                            { key: "edit", label: t("common.edit") },
                            { key: "reset", icon: <KeyOutlined />, label: t("users.resetPassword") },
                            u.status === "active"
                              ? {
                                  key: "toggle",
                                  icon: <LockOutlined />,
                                  danger: true,
                                  label: t("users.disable"),
                                  disabled: u.id === session.user.id,
                                }
                              : { key: "toggle", icon: <UnlockOutlined />, label: t("users.enable") },
                          ],
                          onClick: ({ key }) => {
                            if (key === "edit") setForm({ user: u });
                            if (key === "reset") setResetting(u);
                            if (key === "toggle") toggleStatus(u);
                          },
                        }}
                      >
                        <Button size="small" icon={<MoreOutlined />} aria-label={t("common.more")} />
                      </Dropdown>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      <UserFormModal
        open={!!form}
        user={form?.user ?? null}
        defaultUnitId={unitId ?? session.activeUnitId ?? undefined}
        onClose={() => setForm(null)}
        onCreated={(u) => setSearch(u.username)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <UserDrawer user={opened} onClose={() => setOpened(null)} />
    </>
  );
}
