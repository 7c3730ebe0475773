import { ReloadOutlined } from "@ant-design/icons";
import {
  dossierStatusLabels,
  roleLabels,
  stepKindLabels,
  type TDossierStatus,
  type TRole,
  type TStepKind,
} from "@eiso/contracts";
import { Badge, Button, Card, Flex, Segmented, Select, Table, Tabs, Typography } from "antd";
import { type HTMLAttributes, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { showSuccess } from "../api/feedback";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { useLabel } from "../i18n";
import { useDebounced } from "../org/UserPicker";
import { useDt } from "./i18n";
import { DueTag, formatShortDateTime, StatusTag } from "./labels";
import {
  type TInboxItem,
  type TInboxScope,
  useClaimStep,
  useInbox,
  useInboxCounts,
  useProcedureOptions,
} from "./queries";

const scopes: TInboxScope[] = ["mine", "unit", "role"];
/** Dossier statuses that have steps waiting: in progress, or paused for the applicant's supplement. */
const stepStatuses: TDossierStatus[] = ["processing", "waiting_supplement"];

/** The officer's work: steps assigned to them, to their units, or waiting for someone of their role. */
export default function InboxPage() {
  const dt = useDt();
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const scope = (scopes.find((s) => s === params.get("scope")) ?? "mine") as TInboxScope;
  const due = (["soon", "overdue"] as const).find((d) => d === params.get("due"));
  const procedureId = params.get("procedureId") ?? undefined;
  const status = stepStatuses.find((st) => st === params.get("status"));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [procSearch, setProcSearch] = useState("");
  const procedures = useProcedureOptions(useDebounced(procSearch.trim()));
  const counts = useInboxCounts(true);
  const inbox = useInbox({ scope, due, procedureId, status, page, pageSize });
  const claim = useClaimStep();
  // The overdue badge counts the tab's own steps.
  const overdueHere = counts.data
    ? { mine: counts.data.overdue, unit: counts.data.overdueUnit, role: counts.data.overdueRole }[scope]
    : 0;

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };

  const doClaim = (item: TInboxItem) =>
    claim.mutate(item, {
      onSuccess: () => {
        showSuccess(dt("inbox.claimed", { code: item.code }));
        navigate(`/dossiers/${item.dossierId}`);
      },
    });

  const tabLabel = (s: TInboxScope) => (
    <Flex align="center" gap={6}>
      {dt(`inbox.${s}`)}
      <Badge
        count={counts.data?.[s] ?? 0}
        showZero
        color={s === "mine" ? "#1552a8" : "#8c99ad"}
        overflowCount={999}
        data-testid={`inbox-count-${s}`}
      />
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={dt("inbox.title")}
        subtitle={dt("inbox.subtitle")}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void inbox.refetch()} loading={inbox.isFetching}>
            {t("common.refresh")}
          </Button>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={scope}
          onChange={(k) => setParam("scope", k === "mine" ? undefined : k)}
          items={scopes.map((s) => ({ key: s, label: tabLabel(s) }))}
          data-testid="inbox-tabs"
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            value={procedureId}
            placeholder={dt("inbox.procedureFilter")}
            showSearch={{ filterOption: false, onSearch: setProcSearch }}
            options={(procedures.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.code} · ${p.name}`,
            }))}
            onChange={(v?: string) => setParam("procedureId", v)}
            style={{ width: 420 }}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            value={status}
            placeholder={dt("inbox.statusFilter")}
            options={stepStatuses.map((st) => ({ value: st, label: label(dossierStatusLabels, st) }))}
            onChange={(v?: string) => setParam("status", v)}
            style={{ width: 200 }}
            data-testid="inbox-status"
          />
          <Segmented
            value={due ?? "all"}
            onChange={(v) => setParam("due", v === "all" ? undefined : String(v))}
            options={[
              { value: "all", label: dt("inbox.allDue") },
              { value: "soon", label: dt("common.dueSoon") },
              {
                value: "overdue",
                label: (
                  <span>
                    {dt("common.overdue")}
                    {overdueHere ? (
                      <Badge count={overdueHere} size="small" style={{ marginLeft: 6 }} />
                    ) : null}
                  </span>
                ),
              },
            ]}
            data-testid="inbox-due"
          />
        </Flex>
        {inbox.error && !inbox.data ? (
          <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : (
          <Table<TInboxItem>
            rowKey="stepId"
            size="middle"
            loading={inbox.isFetching}
            dataSource={inbox.data?.items ?? []}
            data-testid="inbox-table"
            locale={{ emptyText: dt("inbox.empty") }}
            onRow={(item) => ({ "data-code": item.code }) as HTMLAttributes<HTMLElement>}
            pagination={{
              current: page,
              pageSize,
              total: inbox.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t("common.total", { count: total }),
              onChange: (p, s) => {
                setPage(s === pageSize ? p : 1);
                setPageSize(s);
              },
            }}
            columns={[
              {
                title: dt("common.code"),
                key: "code",
                width: 210,
                render: (_, r) => (
                  <Flex vertical align="start" gap={4}>
                    <Link to={`/dossiers/${r.dossierId}`} style={{ fontWeight: 600 }}>
                      {r.code}
                    </Link>
                    {/* Paused for the applicant: the clock is stopped, nothing is due meanwhile. */}
                    {r.dossierStatus !== "processing" ? <StatusTag status={r.dossierStatus} /> : null}
                  </Flex>
                ),
              },
              {
                title: dt("common.procedure"),
                dataIndex: "procedureName",
                render: (name: string) => <div style={{ minWidth: 220 }}>{name}</div>,
              },
              { title: dt("common.applicant"), dataIndex: "applicantName", width: 170 },
              {
                title: dt("common.step"),
                key: "step",
                width: 240,
                render: (_, r) => (
                  <Flex vertical>
                    <Typography.Text>{r.stepName}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {label(stepKindLabels, r.stepKind as TStepKind)} · {label(roleLabels, r.role as TRole)}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: dt("common.stepDue"),
                key: "stepDue",
                width: 160,
                // A paused dossier's clock is stopped: its due time only counts when it was late already.
                render: (_, r) =>
                  r.dossierStatus === "waiting_supplement" && !r.overdue ? (
                    <DueTag due={r.stepDueAt} done />
                  ) : (
                    <DueTag due={r.stepDueAt} />
                  ),
              },
              {
                title: dt("common.dueAt"),
                key: "due",
                width: 130,
                render: (_, r) => formatShortDateTime(r.dossierDueAt),
              },
              {
                title: t("common.actions"),
                key: "actions",
                width: 120,
                render: (_, r) =>
                  scope === "role" ? (
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      loading={claim.isPending && claim.variables?.stepId === r.stepId}
                      onClick={() => doClaim(r)}
                      data-testid="inbox-claim"
                    >
                      {dt("inbox.claim")}
                    </Button>
                  ) : (
                    <Link to={`/dossiers/${r.dossierId}`}>
                      <Button size="small">{dt("common.open")}</Button>
                    </Link>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
