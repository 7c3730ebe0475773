import { DownloadOutlined, FileExcelOutlined } from "@ant-design/icons";
import { NO_FIELD_ID, STATS_COUNT_KEYS, type TStatsGroupBy, type TStatsRow } from "@eiso/contracts";
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useCanAt } from "../auth/scope";
import { useCurrentSession } from "../auth/session";
import { DATE_FORMAT, toApiDate } from "../common/dates";
import { useNumberFormat } from "../common/numbers";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { useUnits } from "../org/queries";
import { UnitSelect } from "../org/UnitSelect";
import { useDt } from "./i18n";
import { OnTimeRate } from "./OnTimeRate";
import { dossierLinks, useStatistics } from "./queries";
import { StatisticsChart } from "./StatisticsChart";
import { headlineFigures, unitRows, withActivity } from "./statistics-rows";

type Period = [Dayjs, Dayjs];
const counts = STATS_COUNT_KEYS;

/** Statistics of one-stop handling per unit and period, with the tracking book (form 07) per desk. */
export default function StatisticsPage() {
  const dt = useDt();
  const format = useNumberFormat();
  const session = useCurrentSession();
  const canAt = useCanAt();
  const { data: units = [] } = useUnits(false);
  const today = dayjs();
  const [unitId, setUnitId] = useState<string | undefined>(session.activeUnitId ?? undefined);
  const [period, setPeriod] = useState<Period>([today.startOf("month"), today]);
  const [groupBy, setGroupBy] = useState<TStatsGroupBy>("unit");
  const query = {
    unitId,
    from: toApiDate(period[0]) ?? "",
    to: toApiDate(period[1]) ?? "",
    groupBy,
  };
  const stats = useStatistics(query);
  const total = stats.data?.total ?? null;
  const rows = useMemo(() => {
    const data = stats.data;
    if (!data?.total) return [];
    if (groupBy === "field")
      return data.rows.map((r) => (r.unitId === NO_FIELD_ID ? { ...r, unitName: dt("stats.noField") } : r));
    if (groupBy === "procedure") return data.rows;
    return unitRows(data, dt("stats.own"));
  }, [stats.data, groupBy, dt]);
  const active = withActivity(rows);

  const desks = units.filter((u) => u.kind === "service_centre" && canAt("dossier.read", u));
  const [deskId, setDeskId] = useState<string | undefined>();
  const desk = deskId ?? desks[0]?.id;

  const quarterStart = today.month(today.month() - (today.month() % 3)).startOf("month");
  const presets: { label: string; value: Period }[] = [
    { label: dt("stats.thisMonth"), value: [today.startOf("month"), today] },
    {
      label: dt("stats.lastMonth"),
      value: [today.subtract(1, "month").startOf("month"), today.subtract(1, "month").endOf("month")],
    },
    { label: dt("stats.thisQuarter"), value: [quarterStart, today] },
    { label: dt("stats.thisYear"), value: [today.startOf("year"), today] },
  ];

  const num = (k: (typeof counts)[number], title: string) => ({
    title,
    dataIndex: k,
    key: k,
    width: 74,
    align: "right" as const,
    render: (v: number) => (v ? format.number(v) : <Typography.Text type="secondary">0</Typography.Text>),
  });

  return (
    <>
      <PageHeader
        title={dt("stats.title")}
        subtitle={dt("stats.subtitle")}
        extra={
          <Button
            icon={<FileExcelOutlined />}
            href={dossierLinks.statisticsXlsx(query)}
            disabled={!total}
            data-testid="stats-xlsx"
          >
            {dt("common.xlsx")}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Flex gap={12} wrap align="center">
          <UnitSelect
            value={unitId ?? null}
            onChange={(v) => setUnitId(typeof v === "string" ? v : undefined)}
            style={{ width: 380 }}
            placeholder={dt("common.unit")}
            data-testid="stats-unit"
          />
          <DatePicker.RangePicker
            value={period}
            format={DATE_FORMAT}
            allowClear={false}
            presets={presets}
            onChange={(v) => {
              if (v?.[0] && v[1]) setPeriod([v[0], v[1]]);
            }}
            data-testid="stats-period"
          />
          <Segmented
            value={groupBy}
            onChange={(v) => setGroupBy(v as TStatsGroupBy)}
            options={[
              { value: "unit", label: dt("stats.byUnit") },
              { value: "field", label: dt("stats.byField") },
              { value: "procedure", label: dt("stats.byProcedure") },
            ]}
            data-testid="stats-group"
          />
        </Flex>
      </Card>
      {stats.error && !stats.data ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            {headlineFigures(total).map((s) => (
              <Col key={s.key} xs={12} lg={5}>
                <Card size="small" loading={stats.isLoading}>
                  <Statistic
                    title={
                      s.key === "inProgressOverdue"
                        ? `${dt("stats.inProgress")} ${dt("stats.inProgressOverdue").toLowerCase()}`
                        : dt(`stats.${s.key}`)
                    }
                    value={s.value}
                    formatter={format.statistic}
                    styles={{ content: { color: s.color } }}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24} lg={4}>
              <Card size="small" loading={stats.isLoading}>
                <OnTimeRate total={total} testId="stats-rate" />
              </Card>
            </Col>
          </Row>
          <Card title={dt("stats.chart")} size="small">
            {active.length ? (
              <StatisticsChart rows={active} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dt("stats.empty")} />
            )}
          </Card>
          <Card styles={{ body: { padding: 0 } }}>
            <Table<TStatsRow>
              rowKey="unitId"
              size="small"
              bordered
              loading={stats.isFetching}
              dataSource={rows}
              pagination={false}
              data-testid="stats-table"
              scroll={{ x: 1050 }}
              columns={[
                {
                  title: {
                    unit: dt("common.unit"),
                    field: dt("stats.field"),
                    procedure: dt("common.procedure"),
                  }[groupBy],
                  dataIndex: "unitName",
                  key: "name",
                  fixed: "left",
                  width: 220,
                },
                {
                  title: dt("stats.received"),
                  children: [
                    num("receivedNew", dt("stats.receivedNew")),
                    num("carriedOver", dt("stats.carriedOver")),
                  ],
                },
                {
                  title: dt("stats.resolved"),
                  children: [
                    num("resolvedOnTime", dt("stats.resolvedOnTime")),
                    num("resolvedLate", dt("stats.resolvedLate")),
                  ],
                },
                {
                  title: dt("stats.inProgress"),
                  children: [
                    num("inProgressOnTime", dt("stats.inProgressOnTime")),
                    num("inProgressOverdue", dt("stats.inProgressOverdue")),
                  ],
                },
                num("supplementRequested", dt("stats.supplement")),
                num("refused", dt("stats.refused")),
                num("stopped", dt("stats.stopped")),
                num("withdrawn", dt("stats.withdrawn")),
                {
                  title: dt("stats.onTimeRate"),
                  dataIndex: "onTimeRate",
                  key: "rate",
                  width: 90,
                  align: "right",
                  render: (v: number | null) => format.percent(v),
                },
              ]}
              summary={() =>
                total ? (
                  <Table.Summary fixed>
                    <Table.Summary.Row style={{ background: "#f5f8fd", fontWeight: 600 }}>
                      <Table.Summary.Cell index={0}>
                        {dt("stats.total")}: {total.unitName}
                      </Table.Summary.Cell>
                      {counts.map((k, i) => (
                        <Table.Summary.Cell key={k} index={i + 1} align="right">
                          {format.number(total[k])}
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={counts.length + 1} align="right">
                        {format.percent(total.onTimeRate)}
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  </Table.Summary>
                ) : null
              }
            />
          </Card>
          <Card title={dt("stats.trackingBook")} size="small">
            <Flex gap={12} wrap align="center">
              <Typography.Text type="secondary">{dt("stats.trackingBookHint")}</Typography.Text>
              <Select
                value={desk}
                onChange={setDeskId}
                placeholder={dt("stats.deskPlaceholder")}
                options={desks.map((u) => ({ value: u.id, label: u.name }))}
                style={{ width: 380 }}
                popupMatchSelectWidth={false}
              />
              <Button
                type="primary"
                ghost
                icon={<DownloadOutlined />}
                disabled={!desk}
                href={
                  desk
                    ? dossierLinks.trackingBook({ deskUnitId: desk, from: query.from, to: query.to })
                    : undefined
                }
                data-testid="tracking-book"
              >
                {dt("stats.download")}
              </Button>
            </Flex>
          </Card>
        </Flex>
      )}
    </>
  );
}
