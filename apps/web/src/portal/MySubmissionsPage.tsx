import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { onlineSubmissionStatusLabels, type TOnlineSubmission } from "@eiso/contracts";
import { Button, Card, Flex, Popconfirm, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { QueryError } from "../common/QueryState";
import { TwoLines } from "../common/TwoLines";
import { useDt } from "../dossiers/i18n";
import { formatShortDateTime, StatusTag } from "../dossiers/labels";
import { useLabel } from "../i18n";
import { PortalLayout } from "./PortalLayout";
import { useCancelSubmission, useMySubmissions } from "./queries";
import { SupplementModal } from "./SupplementModal";

const statusColors: Record<TOnlineSubmission["status"], string> = {
  pending: "gold",
  accepted: "green",
  supplement_requested: "orange",
  refused: "red",
  cancelled: "default",
};

/**
 * What the citizen reads of a submission: the desk's decision, except that a dossier asked to
 * complete at the desk and then completed has been accepted since (its own status says the rest).
 */
function shownStatus(s: TOnlineSubmission): TOnlineSubmission["status"] {
  const completed =
    s.status === "supplement_requested" &&
    !!s.dossierStatus &&
    !["waiting_supplement", "refused"].includes(s.dossierStatus);
  return completed ? "accepted" : s.status;
}

/** The citizen's online submissions: where each stands, the dossier code once received, the desk's reasons. */
export default function MySubmissionsPage() {
  const dt = useDt();
  const label = useLabel();
  const mine = useMySubmissions();
  const cancel = useCancelSubmission();
  const [supplementing, setSupplementing] = useState<TOnlineSubmission | null>(null);
  return (
    <PortalLayout>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <div>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {dt("portal.mineTitle")}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{dt("portal.mineSubtitle")}</Typography.Paragraph>
          </div>
          <Link to="/portal/nop-ho-so">
            <Button type="primary" icon={<PlusOutlined />} data-testid="new-submission">
              {dt("portal.submit")}
            </Button>
          </Link>
        </Flex>
        {mine.error ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
        <Table<TOnlineSubmission>
          rowKey="id"
          loading={mine.isFetching && !mine.data}
          dataSource={mine.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: dt("portal.empty") }}
          data-testid="my-submissions"
          columns={[
            {
              title: dt("portal.submittedAt"),
              key: "at",
              width: 150,
              render: (_, s) => formatShortDateTime(s.submittedAt),
            },
            {
              title: dt("common.procedure"),
              key: "procedure",
              render: (_, s) => <TwoLines main={s.procedureName} sub={s.agencyName} />,
            },
            {
              title: dt("portal.state"),
              key: "status",
              width: 220,
              render: (_, s) => {
                const status = shownStatus(s);
                return (
                  <Flex vertical gap={4} align="flex-start">
                    <Tag color={statusColors[status]} data-testid="submission-status" data-status={status}>
                      {label(onlineSubmissionStatusLabels, status)}
                    </Tag>
                    {s.dossierStatus && status === "accepted" ? <StatusTag status={s.dossierStatus} /> : null}
                    {s.results.map((r) => (
                      <a
                        key={r.id}
                        href={`/api/portal/submissions/${s.id}/results/${r.id}`}
                        data-testid="submission-result"
                      >
                        <DownloadOutlined /> {r.label}
                      </a>
                    ))}
                    {s.supplementSentAt ? (
                      <Tag color="blue" data-testid="supplement-sent">
                        {dt("portal.supplementSent", { at: formatShortDateTime(s.supplementSentAt) })}
                      </Tag>
                    ) : s.supplementRequest ? (
                      <Typography.Text type="warning" style={{ fontSize: 12 }}>
                        {dt("portal.supplementAsked")}: {s.supplementRequest.items.join("; ")}
                      </Typography.Text>
                    ) : null}
                    {s.reasons.length && status !== "accepted" && !s.supplementRequest ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {dt("portal.reasons")}: {s.reasons.join("; ")}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                );
              },
            },
            {
              title: dt("portal.dossierCode"),
              key: "code",
              width: 230,
              render: (_, s) =>
                s.dossierCode ? (
                  <Link
                    to={`/portal/tra-cuu/${encodeURIComponent(s.dossierCode)}`}
                    data-testid="submission-code"
                  >
                    {s.dossierCode}
                  </Link>
                ) : (
                  "—"
                ),
            },
            {
              title: "",
              key: "act",
              width: 110,
              render: (_, s) =>
                s.supplementRequest && !s.supplementSentAt ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setSupplementing(s)}
                    data-testid="supplement-open"
                  >
                    {dt("portal.supplement")}
                  </Button>
                ) : s.status === "pending" ? (
                  // The buttons say what they do: antd's default "Hủy" (dismiss) would read as
                  // "cancel the dossier" here.
                  <Popconfirm
                    title={dt("portal.cancelConfirm")}
                    onConfirm={() => cancel.mutateAsync(s.id)}
                    okText={dt("portal.cancelYes")}
                    cancelText={dt("portal.cancelNo")}
                    okButtonProps={{ danger: true }}
                  >
                    <Button size="small" danger data-testid="submission-cancel">
                      {dt("portal.cancel")}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      {supplementing ? (
        <SupplementModal submission={supplementing} onClose={() => setSupplementing(null)} />
      ) : null}
    </PortalLayout>
  );
}
