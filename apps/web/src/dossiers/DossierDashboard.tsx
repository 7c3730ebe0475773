import { BarChartOutlined, InboxOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Flex, Row, Statistic, Typography } from "antd";
import dayjs from "dayjs";
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import { useCurrentSession, usePermission } from "../auth/session";
import { DATE_FORMAT, toApiDate } from "../common/dates";
import { useNumberFormat } from "../common/numbers";
import { useDt } from "./i18n";
import { OnTimeRate } from "./OnTimeRate";
import { useInboxCounts, useStatistics } from "./queries";
import { headlineFigures, unitRows, withActivity } from "./statistics-rows";

// The chart library is large: the home page loads it only when there is a chart to draw.
const StatisticsChart = lazy(() => import("./StatisticsChart").then((m) => ({ default: m.StatisticsChart })));

/**
 * The one-stop figures on the home page: this month's statistics of the unit the officer works in
 * (rolled up its subtree, with the chart per sub-unit) and their own waiting and overdue work.
 */
export function DossierDashboard() {
  const can = usePermission();
  const session = useCurrentSession();
  const unitId = session.activeUnitId ?? undefined;
  const showStats = can("dossier.stats") && !!unitId;
  const showInbox = can("dossier.process");
  if (!showStats && !showInbox) return null;
  return (
    <Row gutter={[16, 16]}>
      {showStats ? (
        <Col xs={24} xl={showInbox ? 17 : 24}>
          <MonthStatistics unitId={unitId!} />
        </Col>
      ) : null}
      {showInbox ? (
        <Col xs={24} xl={showStats ? 7 : 24}>
          <MyWork />
        </Col>
      ) : null}
    </Row>
  );
}

function MonthStatistics({ unitId }: { unitId: string }) {
  const dt = useDt();
  const format = useNumberFormat();
  const from = dayjs().startOf("month");
  const stats = useStatistics({
    unitId,
    from: toApiDate(from) ?? "",
    to: toApiDate(dayjs()) ?? "",
    groupBy: "unit",
  });
  const total = stats.data?.total;
  // A unit outside the officer's statistics scope answers 403: the home page then just leaves it out.
  if (stats.error) return null;
  const active = withActivity(unitRows(stats.data, dt("stats.own")));
  return (
    <Card
      title={dt("dashboard.title")}
      loading={stats.isLoading}
      extra={
        <Link to="/dossiers/statistics">
          <Button type="link" icon={<BarChartOutlined />} style={{ paddingInline: 0 }}>
            {dt("dashboard.details")}
          </Button>
        </Link>
      }
      data-testid="home-dossier-stats"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {dt("dashboard.unit", { unit: total?.unitName ?? "", from: from.format(DATE_FORMAT) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
        {headlineFigures(total).map((f) => (
          <Col key={f.key} xs={12} md={5}>
            <Statistic
              title={dt(`stats.${f.key}`)}
              value={f.value}
              formatter={format.statistic}
              styles={{ content: { color: f.color } }}
            />
          </Col>
        ))}
        <Col xs={24} md={4}>
          <OnTimeRate total={total} testId="home-on-time-rate" />
        </Col>
      </Row>
      {active.length ? (
        <Suspense fallback={<div style={{ height: 280 }} />}>
          <StatisticsChart rows={active} />
        </Suspense>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dt("stats.empty")} />
      )}
    </Card>
  );
}

function MyWork() {
  const dt = useDt();
  const format = useNumberFormat();
  const counts = useInboxCounts(true);
  const c = counts.data;
  const waiting = c ? c.mine + c.role : 0;
  const overdue = (value: number, title: string, to: string, testId: string) => (
    <Link to={to} data-testid={testId}>
      <Statistic
        title={title}
        value={value}
        formatter={format.statistic}
        styles={{ content: { color: value ? "#cf1322" : undefined } }}
      />
    </Link>
  );
  return (
    <Card title={dt("dashboard.inbox")} loading={counts.isLoading} data-testid="home-my-work">
      <Flex vertical gap={16}>
        <Statistic
          title={dt("dashboard.waiting")}
          value={waiting}
          formatter={format.statistic}
          prefix={<InboxOutlined />}
        />
        {overdue(
          c?.overdue ?? 0,
          dt("dashboard.overdueMine"),
          "/dossiers/inbox?due=overdue",
          "home-overdue-mine",
        )}
        {/* A leader follows up the steps of the units in their scope. */}
        {c && c.unit > 0
          ? overdue(
              c.overdueUnit,
              dt("dashboard.overdue"),
              "/dossiers/inbox?scope=unit&due=overdue",
              "home-overdue-unit",
            )
          : null}
        <Link to="/dossiers/inbox">
          <Button type="primary" block>
            {dt("dashboard.openInbox")}
          </Button>
        </Link>
      </Flex>
    </Card>
  );
}
