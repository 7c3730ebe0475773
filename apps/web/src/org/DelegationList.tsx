import { roleLabels, type TDelegation, type TRoleGrant } from "@eiso/contracts";
import {
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { showSuccess } from "../api/feedback";
import { DATE_FORMAT, formatDate, toApiDate } from "../common/dates";
import { labelSearch } from "../common/fold";
import { QueryError } from "../common/QueryState";
import { useLabel } from "../i18n";
import { delegationStatus } from "./delegation-status";
import { useCreateDelegation, useDelegations, useRevokeDelegation } from "./queries";
import { UserName } from "./UserName";
import { UserPicker } from "./UserPicker";

const statusColor = { active: "green", upcoming: "blue", expired: "default", revoked: "red" } as const;

/** Delegations given or received by a user (default: the signed-in user), with revoke. */
export function DelegationList({ userId, names }: { userId?: string; names?: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const label = useLabel();
  const delegations = useDelegations(userId);
  const revoke = useRevokeDelegation();
  if (delegations.error)
    return <QueryError error={delegations.error} onRetry={() => void delegations.refetch()} />;
  const statusLabel = {
    active: t("delegations.statusActive"),
    upcoming: t("delegations.statusUpcoming"),
    expired: t("delegations.statusExpired"),
    revoked: t("delegations.statusRevoked"),
  };
  return (
    <Table<TDelegation>
      size="small"
      rowKey="id"
      loading={delegations.isPending}
      dataSource={delegations.data ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("delegations.empty")} />,
      }}
      data-testid="delegation-list"
      columns={[
        {
          title: t("delegations.from"),
          key: "from",
          render: (_, d) => <UserName id={d.fromUserId} known={d.fromUserName ?? names?.get(d.fromUserId)} />,
        },
        {
          title: t("delegations.to"),
          key: "to",
          render: (_, d) => <UserName id={d.toUserId} known={d.toUserName ?? names?.get(d.toUserId)} />,
        },
        {
          title: t("grants.role"),
          dataIndex: "role",
          render: (r: TDelegation["role"]) => label(roleLabels, r),
        },
        {
          title: t("delegations.period"),
          key: "period",
          render: (_, d) => `${formatDate(d.startsOn)} – ${formatDate(d.endsOn)}`,
        },
        {
          title: t("delegations.reason"),
          dataIndex: "reason",
          render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text>,
        },
        {
          title: t("delegations.status"),
          key: "status",
          render: (_, d) => {
            const s = delegationStatus(d);
            return <Tag color={statusColor[s]}>{statusLabel[s]}</Tag>;
          },
        },
        {
          title: "",
          key: "actions",
          width: 100,
          render: (_, d) =>
            d.revokedAt || delegationStatus(d) === "expired" ? null : (
              <Popconfirm
                title={t("delegations.revokeConfirm")}
                okText={t("delegations.revoke")}
                cancelText={t("common.cancel")}
                onConfirm={() => revoke.mutateAsync(d.id).then(() => showSuccess(t("delegations.revoked")))}
              >
                <Button size="small" danger type="link">
                  {t("delegations.revoke")}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}

interface Values {
  grantId: string;
  toUserId: string;
  period: [Dayjs, Dayjs];
  reason?: string;
}

/** Lends one of `grants` (a user's own roles) to another officer for a date range. */
export function CreateDelegationModal({
  open,
  grants,
  fromUserId,
  onClose,
}: {
  open: boolean;
  grants: readonly TRoleGrant[];
  fromUserId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const create = useCreateDelegation();
  const [error, setError] = useState<string | null>(null);
  // Roles held through a delegation cannot be passed on, and system administration is never lent.
  const lendable = grants.filter((g) => !g.delegatedBy && g.role !== "tenant_admin");
  return (
    <Modal
      open={open}
      title={t("delegations.createTitle")}
      okText={t("delegations.create")}
      cancelText={t("common.cancel")}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
    >
      {error ? <Typography.Paragraph type="danger">{error}</Typography.Paragraph> : null}
      <Form
        name="delegation"
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ period: [dayjs(), dayjs().add(7, "day")] }}
        onFinish={(v) =>
          create.mutate(
            {
              grantId: v.grantId,
              toUserId: v.toUserId,
              startsOn: toApiDate(v.period[0])!,
              endsOn: toApiDate(v.period[1])!,
              reason: v.reason?.trim() || null,
            },
            {
              onSuccess: () => {
                setError(null);
                showSuccess(t("delegations.created"));
                onClose();
              },
              onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
            },
          )
        }
      >
        <Form.Item
          name="grantId"
          label={t("delegations.grant")}
          rules={[
            {
              required: true,
              message: t("common.requiredSelect", { field: t("delegations.grant").toLowerCase() }),
            },
          ]}
        >
          <Select
            notFoundContent={t("delegations.noGrants")}
            showSearch={labelSearch}
            options={lendable.map((g) => ({
              value: g.id,
              label: `${label(roleLabels, g.role)} — ${g.unitName ?? ""}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="toUserId"
          label={t("delegations.toUser")}
          rules={[
            {
              required: true,
              message: t("common.requiredSelect", { field: t("delegations.toUser").toLowerCase() }),
            },
          ]}
        >
          <UserPicker placeholder={t("delegations.toUserPlaceholder")} excludeIds={[fromUserId]} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t("delegations.period")}
          rules={[
            {
              required: true,
              message: t("common.requiredSelect", { field: t("delegations.period").toLowerCase() }),
            },
          ]}
        >
          <DatePicker.RangePicker format={DATE_FORMAT} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="reason" label={t("delegations.reason")} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} placeholder={t("delegations.reasonPlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
