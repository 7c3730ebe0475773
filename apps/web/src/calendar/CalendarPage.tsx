import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  dayKindLabels,
  type TCalendarDay,
  type TCalendarYear,
  type TDayKind,
  type TOfficeHours,
} from "@eiso/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Calendar,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { showError, showSuccess } from "../api/feedback";
import { usePermission } from "../auth/session";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { useCalT } from "./i18n";
import { calendarYearQuery, officeHoursQuery } from "./working-calendar";

const kindColor: Record<TDayKind, string> = {
  holiday: "red",
  compensatory: "volcano",
  "swap-off": "orange",
  "swap-work": "blue",
};

/** Today's year in Vietnam time. */
const vnYear = () => Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
const isoWeekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** Working calendar: days off of a year, the tenant's adjustment, office hours and a deadline calculator. */
export default function CalendarPage() {
  const t = useCalT();
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  const can = usePermission();
  const canManage = can("calendar.manage");
  const [year, setYear] = useState(vnYear());
  const [view, setView] = useState<"list" | "month">("list");
  const qc = useQueryClient();
  const yearQuery = useQuery(calendarYearQuery(year));
  const shippedDates = useMemo(
    () => new Map((yearQuery.data?.shipped ?? []).map((d) => [d.date, d])),
    [yearQuery.data],
  );
  const byDate = useMemo(
    () => new Map((yearQuery.data?.days ?? []).map((d) => [d.date, d])),
    [yearQuery.data],
  );

  const kindTag = (kind: TDayKind) => <Tag color={kindColor[kind]}>{dayKindLabels[kind][lang]}</Tag>;

  return (
    <>
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle")}
        extra={
          <Space>
            <Typography.Text>{t("year")}</Typography.Text>
            <InputNumber
              min={1990}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
              data-testid="calendar-year"
            />
            <Segmented
              value={view}
              onChange={(v) => setView(v as "list" | "month")}
              options={[
                { value: "list", label: t("list") },
                { value: "month", label: t("calendarView") },
              ]}
            />
          </Space>
        }
      />
      {yearQuery.error ? <QueryError error={yearQuery.error} onRetry={() => yearQuery.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={`${t("title")} ${year}`} loading={yearQuery.isLoading}>
            <Typography.Paragraph
              type="secondary"
              style={{ marginTop: 0 }}
              ellipsis={{ rows: 2, expandable: true, symbol: "…" }}
            >
              {yearQuery.data?.officialSource
                ? `${t("shippedSource")}: ${yearQuery.data.officialSource}`
                : t("noOfficial")}
            </Typography.Paragraph>
            {view === "list" ? (
              <Table<TCalendarDay>
                size="small"
                rowKey="date"
                pagination={false}
                dataSource={yearQuery.data?.days ?? []}
                data-testid="calendar-days"
                columns={[
                  {
                    title: t("date"),
                    dataIndex: "date",
                    render: (d: string) => dayjs(d).format("DD/MM/YYYY"),
                  },
                  {
                    title: t("weekday"),
                    dataIndex: "date",
                    key: "weekday",
                    width: 110,
                    onCell: () => ({ style: { whiteSpace: "nowrap" } }),
                    render: (d: string) => t(`weekdayNames.${isoWeekday(d)}`),
                  },
                  {
                    title: t("name"),
                    dataIndex: "name",
                    render: (name: string, d) => (
                      <Space size={4} wrap>
                        {name}
                        {shippedDates.get(d.date)?.kind !== d.kind ||
                        shippedDates.get(d.date)?.name !== d.name ? (
                          <Tag color="purple">{t("changedByTenant")}</Tag>
                        ) : null}
                      </Space>
                    ),
                  },
                  { title: t("kind"), dataIndex: "kind", render: (k: TDayKind) => kindTag(k) },
                ]}
              />
            ) : (
              <Calendar
                fullscreen={false}
                value={dayjs(`${year}-${String(new Date().getMonth() + 1).padStart(2, "0")}-01`)}
                validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
                fullCellRender={(date: Dayjs) => {
                  const entry = byDate.get(date.format("YYYY-MM-DD"));
                  const weekend = date.day() === 0 || date.day() === 6;
                  const off = entry ? entry.kind !== "swap-work" : weekend;
                  return (
                    <div
                      title={entry?.name}
                      style={{
                        margin: 2,
                        borderRadius: 6,
                        padding: "4px 0",
                        textAlign: "center",
                        background: entry ? (off ? "#fff1f0" : "#e6f4ff") : undefined,
                        color: off ? "#cf1322" : undefined,
                        fontWeight: entry ? 600 : undefined,
                      }}
                    >
                      {date.date()}
                    </div>
                  );
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <OverrideEditor
              year={year}
              data={yearQuery.data}
              canManage={canManage}
              onSaved={() => qc.invalidateQueries({ queryKey: ["calendar", year] })}
            />
            <OfficeHoursCard canManage={canManage} />
            <DeadlineCalculator />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

type EditableDay = { key: number; date: Dayjs | null; name: string; kind: TDayKind };

function OverrideEditor({
  year,
  data,
  canManage,
  onSaved,
}: {
  year: number;
  data: TCalendarYear | undefined;
  canManage: boolean;
  onSaved: () => void;
}) {
  const t = useCalT();
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  const [mode, setMode] = useState<"extend" | "replace">("extend");
  const [days, setDays] = useState<EditableDay[]>([]);
  const [source, setSource] = useState("");
  useEffect(() => {
    setMode(data?.override?.mode ?? "extend");
    setSource(data?.override?.source ?? "");
    setDays(
      (data?.override?.days ?? []).map((d, i) => ({
        key: i,
        date: dayjs(d.date),
        name: d.name,
        kind: d.kind,
      })),
    );
  }, [data]);
  const save = useMutation({
    mutationFn: () =>
      api.put<TCalendarYear>(`/api/calendar/years/${year}`, {
        mode,
        source: source || null,
        days: days
          .filter((d) => d.date && d.name.trim())
          .map((d) => ({ date: d.date!.format("YYYY-MM-DD"), name: d.name.trim(), kind: d.kind })),
      }),
    onSuccess: () => {
      showSuccess(t("saved"));
      onSaved();
    },
    onError: showError,
  });
  const o = data?.override;
  return (
    <Card title={t("override")} data-testid="calendar-override">
      {o ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t("updatedBy", { who: o.updatedBy ?? "", at: dayjs(o.updatedAt).format("DD/MM/YYYY HH:mm") })}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t("noOverride")}
        </Typography.Paragraph>
      )}
      {!canManage ? (
        <Alert type="info" showIcon message={t("readOnly")} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text strong>{t("editOverride", { year })}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
            <Space direction="vertical">
              <Radio value="extend">{t("extend")}</Radio>
              <Radio value="replace">{t("replace")}</Radio>
            </Space>
          </Radio.Group>
          {days.map((d) => (
            <Flex key={d.key} gap={8} align="center" wrap>
              <DatePicker
                value={d.date}
                format="DD/MM/YYYY"
                minDate={dayjs(`${year}-01-01`)}
                maxDate={dayjs(`${year}-12-31`)}
                onChange={(v) => setDays((all) => all.map((x) => (x.key === d.key ? { ...x, date: v } : x)))}
                aria-label={t("date")}
              />
              <Select<TDayKind>
                value={d.kind}
                style={{ width: 190 }}
                onChange={(v) => setDays((all) => all.map((x) => (x.key === d.key ? { ...x, kind: v } : x)))}
                options={(Object.keys(dayKindLabels) as TDayKind[]).map((k) => ({
                  value: k,
                  label: dayKindLabels[k][lang],
                }))}
                aria-label={t("kind")}
              />
              <Input
                value={d.name}
                placeholder={t("name")}
                style={{ flex: 1, minWidth: 160 }}
                maxLength={200}
                onChange={(e) =>
                  setDays((all) => all.map((x) => (x.key === d.key ? { ...x, name: e.target.value } : x)))
                }
              />
              <Button
                icon={<DeleteOutlined />}
                aria-label="delete"
                onClick={() => setDays((all) => all.filter((x) => x.key !== d.key))}
              />
            </Flex>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setDays((all) => [...all, { key: Date.now(), date: null, name: "", kind: "holiday" }])
            }
          >
            {t("addDay")}
          </Button>
          <Input.TextArea
            value={source}
            onChange={(e) => setSource(e.target.value)}
            placeholder={t("source")}
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 3 }}
          />
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="calendar-save"
          >
            {t("save")}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function OfficeHoursCard({ canManage }: { canManage: boolean }) {
  const t = useCalT();
  const qc = useQueryClient();
  const hours = useQuery(officeHoursQuery);
  const [draft, setDraft] = useState<TOfficeHours | null>(null);
  useEffect(() => setDraft(hours.data ?? null), [hours.data]);
  const save = useMutation({
    mutationFn: (h: TOfficeHours) => api.put<TOfficeHours>("/api/calendar/office-hours", h),
    onSuccess: () => {
      showSuccess(t("hoursSaved"));
      qc.invalidateQueries({ queryKey: ["calendar"] });
    },
    onError: showError,
  });
  return (
    <Card title={t("officeHours")} loading={hours.isLoading}>
      {draft ? (
        <Flex vertical gap={8}>
          {draft.periods.map((p, i) => (
            <Flex key={`${p.start}-${p.end}`} gap={8} align="center">
              <Typography.Text style={{ width: 60 }}>
                {t("period")} {i + 1}
              </Typography.Text>
              <TimePicker.RangePicker
                format="HH:mm"
                minuteStep={5}
                disabled={!canManage}
                value={[dayjs(p.start, "HH:mm"), dayjs(p.end, "HH:mm")]}
                onChange={(v) =>
                  v?.[0] &&
                  v[1] &&
                  setDraft({
                    ...draft,
                    periods: draft.periods.map((x, j) =>
                      j === i ? { start: v[0]!.format("HH:mm"), end: v[1]!.format("HH:mm") } : x,
                    ),
                  })
                }
              />
            </Flex>
          ))}
          <Typography.Text>{t("weekdays")}</Typography.Text>
          <Checkbox.Group
            disabled={!canManage}
            value={draft.weekdays}
            onChange={(v) => setDraft({ ...draft, weekdays: (v as number[]).sort() })}
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`weekdayNames.${d}`) }))}
          />
          {canManage ? (
            <Button
              onClick={() => save.mutate(draft)}
              loading={save.isPending}
              style={{ alignSelf: "flex-start" }}
            >
              {t("saveHours")}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </Card>
  );
}

function DeadlineCalculator() {
  const t = useCalT();
  const [from, setFrom] = useState<Dayjs>(dayjs());
  const [days, setDays] = useState<number | null>(3);
  const [hours, setHours] = useState<number | null>(null);
  const compute = useMutation({
    mutationFn: () =>
      api.get<{ from: string; countingStart: string; due: string }>("/api/calendar/deadline", {
        from: from.format("YYYY-MM-DDTHH:mm:ssZ"),
        days: days ?? undefined,
        hours: hours ?? undefined,
      }),
    onError: showError,
  });
  const fmt = (s: string) => dayjs(s).format("HH:mm, dddd DD/MM/YYYY");
  return (
    <Card title={t("calculator")}>
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          <DatePicker
            showTime={{ format: "HH:mm" }}
            format="DD/MM/YYYY HH:mm"
            value={from}
            onChange={(v) => v && setFrom(v)}
          />
          <InputNumber
            min={0}
            step={0.5}
            value={days}
            onChange={setDays}
            addonAfter={t("days")}
            style={{ width: 190 }}
          />
          <InputNumber
            min={0}
            step={1}
            value={hours}
            onChange={setHours}
            addonAfter={t("hours")}
            style={{ width: 170 }}
          />
          <Button
            type="primary"
            onClick={() => compute.mutate()}
            loading={compute.isPending}
            data-testid="calendar-compute"
          >
            {t("compute")}
          </Button>
        </Flex>
        {compute.data ? (
          <Descriptions size="small" column={1} bordered data-testid="calendar-due">
            <Descriptions.Item label={t("countingStart")}>
              {fmt(compute.data.countingStart)}
            </Descriptions.Item>
            <Descriptions.Item label={t("due")}>
              <Typography.Text strong>{fmt(compute.data.due)}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Flex>
    </Card>
  );
}
