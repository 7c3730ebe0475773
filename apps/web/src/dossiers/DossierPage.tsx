import { ArrowLeftOutlined, ReloadOutlined } from "@ant-design/icons";
import type { TDossierField } from "@eiso/contracts";
import { Button, Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageSpinner, QueryError } from "../common/QueryState";
import { DossierActions } from "./DossierActions";
import { DossierDocumentsCard } from "./DossierDocumentsCard";
import { DossierTimeline } from "./DossierTimeline";
import { FormsCard } from "./FormsCard";
import { useDt } from "./i18n";
import { endedWithoutResult, formatShortDateTime, StatusTag } from "./labels";
import { ProcessDiagram } from "./ProcessDiagram";
import { type TDossierDetail, useDossier, useProcedure } from "./queries";
import { StepsTable } from "./StepsTable";

/**
 * One dossier: who, what, when due; the actions open to the officer; the diagram, timeline, forms,
 * attached documents and control sheet.
 */
export default function DossierPage() {
  const { id } = useParams();
  const dossier = useDossier(id);
  if (dossier.error && !dossier.data)
    return <QueryError error={dossier.error} onRetry={() => void dossier.refetch()} />;
  if (!dossier.data) return <PageSpinner />;
  return (
    <DossierView
      dossier={dossier.data}
      refreshing={dossier.isFetching}
      onRefresh={() => void dossier.refetch()}
    />
  );
}

function DossierView({
  dossier: d,
  refreshing,
  onRefresh,
}: {
  dossier: TDossierDetail;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const dt = useDt();
  const { t } = useTranslation();
  const extended = d.dueAt !== d.originalDueAt;
  const atDeskOnly = d.status === "waiting_supplement" && d.steps.length === 0;
  // Refused (never an appointment), stopped or withdrawn (none any more), archived so or not.
  const ended = endedWithoutResult(d);
  // When handling stopped or the applicant withdrew: its event (a refusal is the day it was handed in).
  const closing = d.events.find((e) => e.kind === "stopped" || e.kind === "withdrawn");
  return (
    <Flex vertical gap={16} data-testid="dossier-page" data-code={d.code}>
      <Card className="eiso-dossier-header" styles={{ body: { padding: 20 } }}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex align="center" gap={10} wrap>
              <Link to="/dossiers/search" aria-label={dt("search.title")}>
                <ArrowLeftOutlined />
              </Link>
              <Typography.Title
                level={3}
                style={{ margin: 0 }}
                copyable={{ text: d.code }}
                data-testid="dossier-code"
              >
                {d.code}
              </Typography.Title>
              <StatusTag status={d.status} />
              {d.late && !ended ? <Tag color="red">{dt("dossier.lateFlag")}</Tag> : null}
              {extended ? <Tag color="orange">{dt("dossier.extended")}</Tag> : null}
              {d.supplementCount > 0 ? <Tag color="gold">{dt("dossier.supplemented")}</Tag> : null}
            </Flex>
            <Typography.Text style={{ fontSize: 15 }}>
              <Typography.Text type="secondary">{d.procedureCode}</Typography.Text> · {d.procedureName}
            </Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <DossierActions dossier={d} part="dossier" />
            <Button
              icon={<ReloadOutlined />}
              onClick={onRefresh}
              loading={refreshing}
              aria-label={t("common.refresh")}
            />
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, lg: 2, xxl: 3 }}
          style={{ marginTop: 16 }}
          items={[
            {
              key: "applicant",
              label: dt("common.applicant"),
              children: (
                <span>
                  <Typography.Text strong>{d.applicant.name}</Typography.Text>
                  {d.applicant.idNumber ? ` · ${d.applicant.idNumber}` : ""}
                  {d.applicant.phone ? ` · ${d.applicant.phone}` : ""}
                </span>
              ),
            },
            { key: "agency", label: dt("common.agency"), children: d.agencyName ?? "—" },
            { key: "desk", label: dt("common.desk"), children: d.deskName ?? "—" },
            { key: "received", label: dt("common.receivedAt"), children: formatShortDateTime(d.receivedAt) },
            {
              key: "due",
              label: dt("common.dueAt"),
              children: ended ? (
                // Refused at the desk (form 03): never received, no appointment; stopped or
                // withdrawn: no appointment any more.
                <span data-testid="dossier-due">{dt("common.none")}</span>
              ) : atDeskOnly ? (
                // Asked at the desk to complete its papers: not received yet, so no appointment.
                <span data-testid="dossier-due">
                  <Typography.Text type="secondary">{dt("dossier.noAppointment")}</Typography.Text>
                </span>
              ) : (
                <span data-testid="dossier-due">
                  <Typography.Text strong type={d.late ? "danger" : undefined}>
                    {formatShortDateTime(d.dueAt)}
                  </Typography.Text>
                  {extended ? (
                    <Typography.Text type="secondary">
                      {" "}
                      ({dt("common.originalDueAt")}: {formatShortDateTime(d.originalDueAt)})
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            },
            ...(ended && closing
              ? [
                  {
                    key: "closed",
                    label: dt(`common.closedOn.${closing.kind as "stopped" | "withdrawn"}`),
                    children: <span data-testid="dossier-closed">{formatShortDateTime(closing.at)}</span>,
                  },
                ]
              : []),
            {
              key: "method",
              label: dt("common.method"),
              children: `${dt(`methods.${d.method}`)} · ${dt("common.delivery")}: ${dt(`deliveries.${d.resultDelivery}`)}`,
            },
          ]}
        />
        <DossierActions dossier={d} part="steps" />
      </Card>
      <Card title={dt("dossier.diagram")} styles={{ body: { padding: 12 } }} data-testid="diagram-card">
        <ProcessDiagram
          dossierId={d.id}
          finished={!["processing", "waiting_supplement"].includes(d.status)}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card title={dt("dossier.timeline")} styles={{ body: { paddingBottom: 0 } }}>
            <DossierTimeline dossier={d} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Flex vertical gap={16}>
            <Card title={dt("dossier.forms")}>
              <FormsCard dossier={d} />
            </Card>
            <DocumentsCard dossier={d} />
            <DossierDocumentsCard dossier={d} />
          </Flex>
        </Col>
      </Row>
      <Card title={dt("dossier.steps")} styles={{ body: { padding: 0 } }}>
        <StepsTable steps={d.steps} paused={d.status === "waiting_supplement"} />
      </Card>
    </Flex>
  );
}

/** What the applicant handed in, and the dossier data the process branches on. */
function DocumentsCard({ dossier: d }: { dossier: TDossierDetail }) {
  const dt = useDt();
  const procedure = useProcedure(d.procedureId);
  const fields: TDossierField[] = procedure.data?.dossierFields ?? [];
  const labelOf = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  const shown = (v: unknown) =>
    v === true
      ? dt("reception.yes")
      : v === false
        ? dt("reception.no")
        : v === null || v === ""
          ? "—"
          : String(v);
  return (
    <Card title={dt("dossier.documents")}>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={d.documents}
        locale={{ emptyText: dt("dossier.noData") }}
        columns={[
          { title: dt("reception.docName"), dataIndex: "name" },
          { title: dt("reception.originals"), dataIndex: "originals", width: 90, align: "center" },
          { title: dt("reception.copies"), dataIndex: "copies", width: 80, align: "center" },
        ]}
      />
      {Object.keys(d.data).length ? (
        <Descriptions
          size="small"
          column={1}
          title={dt("dossier.data")}
          style={{ marginTop: 16 }}
          items={Object.entries(d.data).map(([k, v]) => ({ key: k, label: labelOf(k), children: shown(v) }))}
        />
      ) : null}
    </Card>
  );
}
