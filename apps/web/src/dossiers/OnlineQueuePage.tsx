import { AuditOutlined, PaperClipOutlined, SearchOutlined } from "@ant-design/icons";
import type { TOnlineSubmission, TOnlineSupplement } from "@eiso/contracts";
import { Button, Card, Flex, Input, Popconfirm, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { TwoLines } from "../common/TwoLines";
import { useDebounced } from "../org/UserPicker";
import { useDt } from "./i18n";
import { formatShortDateTime } from "./labels";
import { useOnlineQueue, useOnlineSupplements, useReceiveOnlineSupplement } from "./queries";

/** Hours since an instant, for "waiting for N hours". */
const hoursSince = (iso: string) =>
  Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 3600_000));

/**
 * The desk's online queue: dossiers submitted on the portal, waiting at the desks where the clerk
 * receives, oldest first. "Kiểm tra, tiếp nhận" opens the reception form filled from the submission.
 */
export default function OnlineQueuePage() {
  const dt = useDt();
  const supplements = useOnlineSupplements({ page: 1, pageSize: 200 });
  const [tab, setTab] = useState("new");
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const queue = useOnlineQueue({ q: q || undefined, page, pageSize });
  return (
    <>
      <PageHeader title={dt("online.queueTitle")} subtitle={dt("online.queueSubtitle")} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "new", label: `${dt("online.tabNew")} (${queue.data?.total ?? 0})` },
          {
            key: "supplements",
            label: `${dt("online.tabSupplements")} (${supplements.data?.total ?? 0})`,
          },
        ]}
        data-testid="online-tabs"
      />
      {tab === "supplements" ? <SupplementsTable query={supplements} /> : null}
      <Card style={{ display: tab === "new" ? undefined : "none" }}>
        <Flex justify="space-between" align="center" gap={12} style={{ marginBottom: 12 }} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={dt("online.searchPlaceholder")}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            style={{ maxWidth: 420 }}
            data-testid="online-queue-search"
          />
          <Typography.Text type="secondary">
            {dt("online.waitingCount", { count: queue.data?.total ?? 0 })}
          </Typography.Text>
        </Flex>
        {queue.error ? <QueryError error={queue.error} onRetry={() => void queue.refetch()} /> : null}
        <Table<TOnlineSubmission>
          rowKey="id"
          size="middle"
          loading={queue.isFetching}
          dataSource={queue.data?.items ?? []}
          data-testid="online-queue"
          locale={{ emptyText: dt("online.empty") }}
          pagination={{
            current: page,
            pageSize,
            total: queue.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            {
              title: dt("online.submittedAt"),
              key: "at",
              width: 170,
              render: (_, s) => {
                const hours = hoursSince(s.submittedAt);
                return (
                  <Flex vertical>
                    <span>{formatShortDateTime(s.submittedAt)}</span>
                    <Typography.Text type={hours >= 8 ? "danger" : "secondary"} style={{ fontSize: 12 }}>
                      {dt("online.waitingFor", { count: hours })}
                    </Typography.Text>
                  </Flex>
                );
              },
            },
            {
              title: dt("common.procedure"),
              key: "procedure",
              render: (_, s) => <TwoLines main={s.procedureName} sub={s.procedureCode} />,
            },
            {
              title: dt("common.applicant"),
              key: "applicant",
              render: (_, s) => (
                <TwoLines
                  main={s.applicant.name}
                  sub={[s.applicant.idNumber, s.applicant.phone].filter(Boolean).join(" · ")}
                />
              ),
            },
            {
              title: dt("common.agency"),
              key: "agency",
              render: (_, s) => (
                <TwoLines main={s.agencyName} sub={dt("online.atDesk", { desk: s.deskName })} />
              ),
            },
            {
              title: "",
              key: "act",
              width: 170,
              align: "right",
              render: (_, s) => (
                <Link to={`/dossiers/receive?submission=${s.id}`}>
                  <Button type="primary" icon={<AuditOutlined />} data-testid="online-check">
                    {dt("online.check")}
                  </Button>
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

/** Supplements sent online: what was asked, what came, and the clerk's "receive". */
function SupplementsTable({ query }: { query: ReturnType<typeof useOnlineSupplements> }) {
  const dt = useDt();
  const navigate = useNavigate();
  const receive = useReceiveOnlineSupplement();
  return (
    <Card>
      {query.error ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<TOnlineSupplement>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={false}
        data-testid="online-supplements"
        locale={{ emptyText: dt("online.noSupplements") }}
        columns={[
          {
            title: dt("online.submittedAt"),
            key: "at",
            width: 150,
            render: (_, s) => formatShortDateTime(s.submittedAt),
          },
          {
            title: dt("common.code"),
            key: "code",
            width: 230,
            render: (_, s) => (
              <TwoLines
                main={<Link to={`/dossiers/${s.dossierId}`}>{s.dossierCode}</Link>}
                sub={s.applicantName}
              />
            ),
          },
          {
            title: dt("online.asked"),
            key: "asked",
            render: (_, s) => (
              <Flex vertical gap={4}>
                <Tag color={s.stage === "handling" ? "orange" : "gold"} style={{ width: "fit-content" }}>
                  {dt(s.stage === "handling" ? "online.stageHandling" : "online.stageReception")}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.requested.join("; ")}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: dt("online.sent"),
            key: "sent",
            render: (_, s) => (
              <Flex vertical gap={2}>
                {s.note ? <span>{s.note}</span> : null}
                {s.documents.flatMap((d) =>
                  d.files.map((f) => (
                    <a
                      key={f.id}
                      href={`/api/dossiers/online-queue/${s.submissionId}/files/${f.id}`}
                      target="_blank"
                      rel="noopener"
                    >
                      <PaperClipOutlined /> {d.name}: {f.name}
                    </a>
                  )),
                )}
              </Flex>
            ),
          },
          {
            title: "",
            key: "act",
            width: 170,
            align: "right",
            render: (_, s) => (
              <Popconfirm
                title={dt("online.receiveSupplementConfirm")}
                onConfirm={() => receive.mutateAsync(s.id).then((d) => navigate(`/dossiers/${d.id}`))}
              >
                <Button type="primary" data-testid="online-receive-supplement">
                  {dt("online.receiveSupplement")}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
