import { ReloadOutlined } from "@ant-design/icons";
import { roleLabels, type TAuditEntry, type TRole, type TUnitKind, unitKindLabels } from "@eiso/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, Collapse, DatePicker, Flex, Select, Switch, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { DATE_FORMAT, formatDateTime, toApiDate } from "../common/dates";
import { labelSearch } from "../common/fold";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { shortId } from "../common/short-id";
import { useLabel } from "../i18n";
import { vi } from "../i18n/vi";
import { useUnits } from "../org/queries";
import { UnitSelect } from "../org/UnitSelect";
import { UserName } from "../org/UserName";
import { type DiffRow, diffEntries, entityLabel, roleOf, showValue } from "./audit-diff";

type ActionKey = keyof typeof vi.audit.actions;
type EntityKey = keyof typeof vi.audit.entityTypes;
const actionKeys = Object.keys(vi.audit.actions) as ActionKey[];
const entityKeys = Object.keys(vi.audit.entityTypes) as EntityKey[];

const actionColor = (action: string) =>
  action.startsWith("auth.login_failed") || action === "auth.locked" || action.endsWith("revoke")
    ? "red"
    : action.startsWith("auth.")
      ? "default"
      : action.endsWith("create") || action.endsWith("grant")
        ? "green"
        : action === "unit.merge"
          ? "purple"
          : "blue";

interface Filters {
  unitId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The object of an entry by name: unit or user name, with the role for grants and delegations. */
function EntityCell({ entry, unitName }: { entry: TAuditEntry; unitName: ReadonlyMap<string, string> }) {
  const label = useLabel();
  const named = entityLabel(entry.before, entry.after);
  const role = roleOf(entry.after) ?? roleOf(entry.before);
  const roleText = role ? label(roleLabels, role) : null;
  let name: ReactNode;
  if (entry.entityType === "user") {
    name = named ?? (
      <UserName id={entry.entityId} known={entry.entityId === entry.actorId ? entry.actorName : undefined} />
    );
  } else if (entry.entityType === "unit") {
    name = named ?? unitName.get(entry.entityId) ?? shortId(entry.entityId);
  } else {
    name = named ?? roleText ?? shortId(entry.entityId);
  }
  return (
    <>
      {name}
      {roleText && name !== roleText ? (
        <Typography.Text type="secondary"> · {roleText}</Typography.Text>
      ) : null}
    </>
  );
}

function EntryDetails({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const label = useLabel();
  const rows = diffEntries(entry.before, entry.after);
  // Enumerated values read better as their labels; the raw JSON below keeps the stored form.
  const display = (field: string, v: unknown) =>
    field === "kind" && typeof v === "string" && v in unitKindLabels
      ? `${label(unitKindLabels, v as TUnitKind)} (${v})`
      : field === "role" && typeof v === "string" && v in roleLabels
        ? `${label(roleLabels, v as TRole)} (${v})`
        : showValue(v);
  const both = entry.before != null && entry.after != null;
  const [changedOnly, setChangedOnly] = useState(both);
  const shown = changedOnly ? rows.filter((r) => r.changed) : rows;
  return (
    <Flex vertical gap={8} style={{ padding: "4px 8px" }} data-testid="audit-details">
      <Flex gap={16} wrap align="center">
        <Typography.Text type="secondary">
          {t("audit.seq")}: {entry.seq}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t("audit.entity")}: <Typography.Text code>{entry.entityId}</Typography.Text>
        </Typography.Text>
        {entry.requestId ? (
          <Typography.Text type="secondary">
            {t("audit.requestId")}: <Typography.Text code>{entry.requestId}</Typography.Text>
          </Typography.Text>
        ) : null}
        {both ? (
          <Flex gap={6} align="center">
            <Switch size="small" checked={changedOnly} onChange={setChangedOnly} />
            <Typography.Text>{t("audit.changedOnly")}</Typography.Text>
          </Flex>
        ) : null}
      </Flex>
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t("audit.noChanges")}</Typography.Text>
      ) : (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={shown}
          rowClassName={(r) => (both && r.changed ? "eiso-diff-changed" : "")}
          columns={[
            {
              title: t("audit.field"),
              dataIndex: "field",
              width: 200,
              render: (f: string) => <Typography.Text code>{f}</Typography.Text>,
            },
            {
              title: t("audit.before"),
              dataIndex: "before",
              render: (v: unknown, r) => (
                <pre className="eiso-json" style={both && r.changed ? { color: "#a8071a" } : undefined}>
                  {display(r.field, v)}
                </pre>
              ),
            },
            {
              title: t("audit.after"),
              dataIndex: "after",
              render: (v: unknown, r) => (
                <pre className="eiso-json" style={both && r.changed ? { color: "#135200" } : undefined}>
                  {display(r.field, v)}
                </pre>
              ),
            },
          ]}
        />
      )}
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: "raw",
            label: t("audit.raw"),
            children: (
              <pre className="eiso-json">
                {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
              </pre>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** "Nhật ký hệ thống": the tenant's append-only audit log, filtered and paged by the API. */
export default function AuditLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data: units = [] } = useUnits(true);
  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const query = {
    unitId: filters.unitId,
    action: filters.action,
    entityType: filters.entityType,
    from: toApiDate(filters.range?.[0]) ?? undefined,
    to: toApiDate(filters.range?.[1]) ?? undefined,
    page,
    pageSize,
  };
  const entries = useQuery({
    queryKey: ["audit", query],
    queryFn: () => api.get<{ items: TAuditEntry[]; total: number }>("/api/audit", query),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const actionLabel = (a: string) =>
    actionKeys.includes(a as ActionKey) ? t(`audit.actions.${a as ActionKey}`) : a;
  const entityTypeLabel = (e: string) =>
    entityKeys.includes(e as EntityKey) ? t(`audit.entityTypes.${e as EntityKey}`) : e;

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        subtitle={t("audit.subtitle")}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void entries.refetch()}>
            {t("common.refresh")}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="audit-filters">
          <UnitSelect
            value={filters.unitId ?? null}
            onChange={(v) => set({ unitId: typeof v === "string" ? v : undefined })}
            allowClear
            placeholder={t("audit.unit")}
            style={{ width: 300 }}
          />
          <Select
            allowClear
            placeholder={t("audit.action")}
            value={filters.action}
            onChange={(v?: string) => set({ action: v })}
            style={{ width: 210 }}
            options={actionKeys.map((a) => ({ value: a, label: actionLabel(a) }))}
            data-testid="audit-action-filter"
            showSearch={labelSearch}
          />
          <Select
            allowClear
            placeholder={t("audit.entityType")}
            value={filters.entityType}
            onChange={(v?: string) => set({ entityType: v })}
            style={{ width: 160 }}
            options={entityKeys.map((e) => ({ value: e, label: entityTypeLabel(e) }))}
          />
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            value={filters.range ?? null}
            onChange={(r) => set({ range: r })}
            allowEmpty={[true, true]}
          />
          <Button
            onClick={() => set({ unitId: undefined, action: undefined, entityType: undefined, range: null })}
          >
            {t("common.reset")}
          </Button>
        </Flex>
        {entries.error && !entries.data ? (
          <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
        ) : (
          <Table<TAuditEntry>
            rowKey="id"
            size="middle"
            loading={entries.isFetching}
            dataSource={entries.data?.items ?? []}
            data-testid="audit-table"
            expandable={{ expandedRowRender: (e) => <EntryDetails entry={e} />, expandRowByClick: true }}
            pagination={{
              current: page,
              pageSize,
              total: entries.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => t("common.total", { count: total }),
              onChange: (p, s) => {
                setPage(s === pageSize ? p : 1);
                setPageSize(s);
              },
            }}
            columns={[
              {
                title: t("audit.at"),
                dataIndex: "at",
                width: 170,
                render: (at: string) => formatDateTime(at),
              },
              {
                title: t("audit.actor"),
                dataIndex: "actorName",
                width: 200,
                ellipsis: true,
                render: (n: string | null) =>
                  n ?? <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>,
              },
              {
                title: t("audit.action"),
                dataIndex: "action",
                width: 200,
                render: (a: string) => <Tag color={actionColor(a)}>{actionLabel(a)}</Tag>,
              },
              {
                title: t("audit.entity"),
                key: "entity",
                ellipsis: true,
                render: (_, e) => (
                  <span>
                    <Typography.Text type="secondary">{entityTypeLabel(e.entityType)}: </Typography.Text>
                    <EntityCell entry={e} unitName={unitName} />
                  </span>
                ),
              },
              {
                title: t("audit.unit"),
                dataIndex: "unitId",
                ellipsis: true,
                render: (id: string | null, e) =>
                  e.unitName ?? (id ? (unitName.get(id) ?? shortId(id)) : "—"),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
