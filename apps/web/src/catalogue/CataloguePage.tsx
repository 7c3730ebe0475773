import {
  onlineLevelLabels,
  ProcedureLevel,
  ProcedureStatus,
  procedureLevelLabels,
  procedureStatusLabels,
  type TFee,
  type TProcedureSummary,
  type TProcessingTime,
} from "@eiso/contracts";
import { Button, Card, Flex, Input, Select, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { usePermission } from "../auth/session";
import { useNumberFormat } from "../common/numbers";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { useLabel } from "../i18n";
import { AssignmentsTab } from "./AssignmentsTab";
import { FieldsTab } from "./FieldsTab";
import { ImportProceduresModal } from "./ImportProceduresModal";
import { useCt } from "./i18n";
import { ProcessesTab } from "./ProcessesTab";
import { useFields, useProcedures } from "./queries";

type NumberText = ReturnType<typeof useNumberFormat>["number"];

/** "0,5 ngày" / "0.5 days": the number as the interface language writes it. */
export function timeText(t: TProcessingTime | null, ct: ReturnType<typeof useCt>, num: NumberText): string {
  if (!t) return "—";
  return `${num(t.amount)} ${t.unit === "hours" ? ct("procedure.hours") : ct("procedure.days")}`;
}

export function feesText(fees: TFee[], ct: ReturnType<typeof useCt>, num: NumberText): string {
  if (!fees.length) return ct("procedure.free");
  return fees.map((f) => `${f.name}: ${num(f.amountVnd)} đ${f.note ? ` ${f.note}` : ""}`).join("; ");
}

function ProceduresTab() {
  const ct = useCt();
  const { number: num } = useNumberFormat();
  const label = useLabel();
  const can = usePermission();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const [fieldId, setFieldId] = useState<string>();
  const [level, setLevel] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const [importing, setImporting] = useState(false);
  const fields = useFields();
  const list = useProcedures({ q, fieldId, level, status, page, pageSize: 20 });
  const exportUrl = `/api/procedures/export?${new URLSearchParams(
    Object.entries({ q, fieldId, level, status }).filter((e): e is [string, string] => !!e[1]),
  )}`;
  if (list.error) return <QueryError error={list.error} />;
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={ct("procedure.searchPlaceholder")}
          style={{ width: 360 }}
          data-testid="procedure-search"
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder={ct("procedure.field")}
          style={{ width: 260 }}
          value={fieldId}
          onChange={setFieldId}
          options={(fields.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
        />
        <Select
          allowClear
          placeholder={ct("procedure.level")}
          style={{ width: 140 }}
          value={level}
          onChange={setLevel}
          options={ProcedureLevel.options.map((l) => ({ value: l, label: label(procedureLevelLabels, l) }))}
        />
        <Select
          allowClear
          placeholder={ct("procedure.status")}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={ProcedureStatus.options.map((s) => ({ value: s, label: label(procedureStatusLabels, s) }))}
        />
        <div style={{ flex: 1 }} />
        <a href={exportUrl} download>
          <Button>{ct("procedure.export")}</Button>
        </a>
        {can("catalogue.manage") ? (
          <>
            <Button onClick={() => setImporting(true)} data-testid="import-procedures">
              {ct("procedure.import")}
            </Button>
            <Button type="primary" onClick={() => navigate("/catalogue/procedures/new")}>
              {ct("procedure.new")}
            </Button>
          </>
        ) : null}
      </Flex>
      <Table<TProcedureSummary>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        loading={list.isFetching}
        dataSource={list.data?.items}
        data-testid="procedure-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => ct("procedure.count", { count: n }),
          showSizeChanger: false,
        }}
        columns={[
          { title: ct("procedure.code"), dataIndex: "code", width: 95 },
          {
            title: ct("procedure.name"),
            dataIndex: "name",
            render: (name: string, row) => <Link to={`/catalogue/procedures/${row.id}`}>{name}</Link>,
          },
          { title: ct("procedure.field"), dataIndex: "fieldName", width: 140, ellipsis: true },
          {
            title: ct("procedure.level"),
            dataIndex: "level",
            width: 95,
            render: (l: TProcedureSummary["level"]) => label(procedureLevelLabels, l),
          },
          {
            title: ct("procedure.time"),
            dataIndex: "processingTime",
            width: 130,
            render: (t: TProcessingTime | null) => timeText(t, ct, num),
          },
          {
            title: ct("procedure.fees"),
            dataIndex: "fees",
            width: 150,
            ellipsis: true,
            render: (f: TFee[]) => (
              <Typography.Text ellipsis={{ tooltip: true }}>{feesText(f, ct, num)}</Typography.Text>
            ),
          },
          {
            title: ct("procedure.online"),
            dataIndex: "onlineLevel",
            width: 95,
            render: (o: TProcedureSummary["onlineLevel"]) => label(onlineLevelLabels, o),
          },
          {
            title: ct("procedure.status"),
            dataIndex: "status",
            width: 115,
            render: (s: TProcedureSummary["status"]) => (
              <Tag color={s === "active" ? "green" : s === "suspended" ? "orange" : "default"}>
                {label(procedureStatusLabels, s)}
              </Tag>
            ),
          },
        ]}
      />
      <ImportProceduresModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

/** The procedure catalogue: procedures, fields, responsibility assignment, processes, as tabs. */
export default function CataloguePage() {
  const ct = useCt();
  const [search, setSearch] = useSearchParams();
  const tab = search.get("tab") ?? "procedures";
  return (
    <div data-testid="catalogue-page">
      <PageHeader title={ct("page.title")} subtitle={ct("page.subtitle")} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch({ tab: key })}
          destroyOnHidden
          items={[
            { key: "procedures", label: ct("page.tabs.procedures"), children: <ProceduresTab /> },
            { key: "fields", label: ct("page.tabs.fields"), children: <FieldsTab /> },
            { key: "assignments", label: ct("page.tabs.assignments"), children: <AssignmentsTab /> },
            { key: "processes", label: ct("page.tabs.processes"), children: <ProcessesTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
