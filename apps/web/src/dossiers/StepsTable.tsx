import { roleLabels, stepKindLabels, type TRole, type TStepKind } from "@eiso/contracts";
import { Flex, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useLabel } from "../i18n";
import { type DossierKey, useDt } from "./i18n";
import { formatShortDateTime } from "./labels";
import type { TDossierStep } from "./queries";

/**
 * The control sheet (form 06) on screen: every step the dossier went through, who held it, when it
 * started, its due time, when it was done and whether on time.
 */
export function StepsTable({ steps, paused = false }: { steps: TDossierStep[]; paused?: boolean }) {
  const dt = useDt();
  const label = useLabel();
  const now = dayjs();
  return (
    <Table<TDossierStep>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={steps}
      data-testid="steps-table"
      scroll={{ x: 1000 }}
      columns={[
        { title: "#", key: "n", width: 40, render: (_, __, i) => i + 1 },
        {
          title: dt("dossier.stepName"),
          key: "name",
          render: (_, s) => (
            <Flex vertical>
              <Typography.Text strong>{s.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {label(stepKindLabels, s.stepKind as TStepKind)}
                {s.role ? ` · ${label(roleLabels, s.role as TRole)}` : ""}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: dt("dossier.stepUnit"), dataIndex: "unitName", width: 190, render: (u) => u ?? "—" },
        {
          title: dt("dossier.person"),
          key: "person",
          render: (_, s) => s.completedByName ?? s.assigneeName ?? "—",
        },
        {
          title: dt("dossier.started"),
          dataIndex: "startedAt",
          width: 130,
          render: (v: string) => formatShortDateTime(v),
        },
        {
          title: dt("dossier.due"),
          dataIndex: "dueAt",
          width: 130,
          render: (v: string | null) => formatShortDateTime(v),
        },
        {
          title: dt("dossier.done"),
          dataIndex: "completedAt",
          width: 130,
          render: (v: string | null) => formatShortDateTime(v),
        },
        {
          title: dt("dossier.result"),
          key: "outcome",
          render: (_, s) =>
            s.status === "cancelled" ? (
              <Tag>{dt("dossier.cancelled")}</Tag>
            ) : s.outcome ? (
              <Flex vertical>
                <span>{dt(`outcomes.${s.outcome}` as DossierKey)}</span>
                {s.comment ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.comment}
                  </Typography.Text>
                ) : null}
              </Flex>
            ) : (
              "—"
            ),
        },
        {
          title: dt("dossier.punctuality"),
          key: "late",
          width: 120,
          render: (_, s) => {
            if (s.status === "active") {
              // While the dossier waits for its supplement the clock is stopped: the API says whether
              // the step was late when it stopped.
              const overdue = paused ? s.late : !!s.dueAt && dayjs(s.dueAt).isBefore(now);
              if (paused && !overdue) return <Tag color="gold">{dt("dossier.paused")}</Tag>;
              return (
                <Tag color={overdue ? "red" : "processing"}>
                  {overdue ? dt("common.overdue") : dt("dossier.processing")}
                </Tag>
              );
            }
            if (s.status === "cancelled") return "—";
            return s.late ? (
              <Tag color="red">{dt("common.late")}</Tag>
            ) : (
              <Tag color="green">{dt("common.onTime")}</Tag>
            );
          },
        },
      ]}
    />
  );
}
