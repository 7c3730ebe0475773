import { SearchOutlined } from "@ant-design/icons";
import { DossierStatus, dossierStatusLabels, type TDossier } from "@eiso/contracts";
import { Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DATE_FORMAT, fromApiDate, toApiDate } from "../common/dates";
import { PageHeader } from "../common/PageHeader";
import { QueryError } from "../common/QueryState";
import { useLabel } from "../i18n";
import { UnitSelect } from "../org/UnitSelect";
import { useDebounced } from "../org/UserPicker";
import { useDt } from "./i18n";
import { endedWithoutResult, formatShortDateTime, StatusTag } from "./labels";
import { useDossierSearch, useProcedureOptions } from "./queries";

interface Filters {
  q?: string;
  code?: string;
  idNumber?: string;
  procedureId?: string;
  unitId?: string;
  status?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** Finds dossiers of the officer's scope by code, applicant, ID number, procedure, unit, status and dates. */
export default function SearchPage() {
  const dt = useDt();
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Filters>();
  // The filters and the page live in the address, so Back from a dossier returns to the same list.
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    q: params.get("q") ?? undefined,
    code: params.get("code") ?? undefined,
    idNumber: params.get("idNumber") ?? undefined,
    procedureId: params.get("procedureId") ?? undefined,
    unitId: params.get("unitId") ?? undefined,
    status: params.get("status") ?? undefined,
    period:
      params.get("from") || params.get("to")
        ? [fromApiDate(params.get("from")), fromApiDate(params.get("to"))]
        : null,
  };
  const page = Number(params.get("page")) || 1;
  const pageSize = Number(params.get("size")) || 20;
  /** The procedure picked, by its label too: the options list holds only what was searched. */
  const procedureLabel = params.get("procedureLabel");
  const update = (next: Record<string, string | null | undefined>) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(next)) {
          if (v) out.set(k, v);
          else out.delete(k);
        }
        return out;
      },
      { replace: false },
    );
  const [procSearch, setProcSearch] = useState("");
  const procedures = useProcedureOptions(useDebounced(procSearch.trim()));
  const procedureOptions = [
    ...(filters.procedureId &&
    procedureLabel &&
    !procedures.data?.items.some((p) => p.id === filters.procedureId)
      ? [{ value: filters.procedureId, label: procedureLabel }]
      : []),
    ...(procedures.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` })),
  ];
  const result = useDossierSearch({
    q: filters.q?.trim() || undefined,
    // Codes are made in capitals and the API matches them exactly: "…h29-…" typed finds "…H29-…".
    code: filters.code?.trim().toUpperCase() || undefined,
    idNumber: filters.idNumber?.trim() || undefined,
    procedureId: filters.procedureId,
    unitId: filters.unitId,
    status: filters.status,
    from: toApiDate(filters.period?.[0]) ?? undefined,
    to: toApiDate(filters.period?.[1]) ?? undefined,
    page,
    pageSize,
  });

  return (
    <>
      <PageHeader title={dt("search.title")} subtitle={dt("search.subtitle")} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 8 } }}>
        <Form
          form={form}
          layout="vertical"
          name="dossier-search"
          initialValues={filters}
          onFinish={(v) =>
            update({
              q: v.q?.trim(),
              code: v.code?.trim(),
              idNumber: v.idNumber?.trim(),
              procedureId: v.procedureId,
              procedureLabel: v.procedureId
                ? (procedureOptions.find((o) => o.value === v.procedureId)?.label ?? null)
                : null,
              unitId: v.unitId,
              status: v.status,
              from: toApiDate(v.period?.[0]),
              to: toApiDate(v.period?.[1]),
              page: null,
            })
          }
          data-testid="dossier-search-form"
        >
          <Row gutter={12}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="q" label={dt("search.q")}>
                <Input
                  allowClear
                  prefix={<SearchOutlined />}
                  placeholder={dt("search.qPlaceholder")}
                  data-testid="dossier-search-q"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="code" label={dt("common.code")}>
                <Input allowClear placeholder={dt("search.codePlaceholder")} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="idNumber" label={dt("common.idNumber")}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="status" label={dt("search.statusFilter")}>
                <Select
                  allowClear
                  options={DossierStatus.options.map((s) => ({
                    value: s,
                    label: label(dossierStatusLabels, s),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="procedureId" label={dt("common.procedure")}>
                <Select
                  allowClear
                  showSearch={{ filterOption: false, onSearch: setProcSearch }}
                  options={procedureOptions}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={7}>
              <Form.Item name="unitId" label={dt("search.unitFilter")}>
                <UnitSelect allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="period" label={dt("search.period")}>
                <DatePicker.RangePicker
                  format={DATE_FORMAT}
                  style={{ width: "100%" }}
                  allowEmpty={[true, true]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={3}>
              <Form.Item label=" ">
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SearchOutlined />}
                  block
                  data-testid="dossier-search-submit"
                >
                  {t("common.search")}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {result.error && !result.data ? (
          <QueryError error={result.error} onRetry={() => void result.refetch()} />
        ) : (
          <Table<TDossier>
            rowKey="id"
            size="middle"
            loading={result.isFetching}
            dataSource={result.data?.items ?? []}
            data-testid="dossier-table"
            locale={{ emptyText: dt("search.empty") }}
            pagination={{
              current: page,
              pageSize,
              total: result.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t("common.total", { count: total }),
              onChange: (p, s) => {
                update({
                  page: s === pageSize && p > 1 ? String(p) : null,
                  size: s === 20 ? null : String(s),
                });
              },
              style: { paddingRight: 16 },
            }}
            columns={[
              {
                title: dt("common.code"),
                key: "code",
                width: 230,
                render: (_, d) => (
                  <Link to={`/dossiers/${d.id}`} style={{ fontWeight: 600 }}>
                    {d.code}
                  </Link>
                ),
              },
              {
                title: dt("common.procedure"),
                key: "procedure",
                render: (_, d) => (
                  <span style={{ display: "block", minWidth: 240 }}>
                    <Typography.Text type="secondary">{d.procedureCode}</Typography.Text> · {d.procedureName}
                  </span>
                ),
              },
              {
                title: dt("common.applicant"),
                key: "applicant",
                width: 200,
                render: (_, d) => (
                  <Flex vertical>
                    <span>{d.applicant.name}</span>
                    {d.applicant.idNumber ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {d.applicant.idNumber}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                title: dt("common.receivedAt"),
                dataIndex: "receivedAt",
                width: 140,
                render: (v: string) => formatShortDateTime(v),
              },
              {
                title: dt("common.dueAt"),
                key: "dueAt",
                width: 140,
                // Refused, stopped or withdrawn: no appointment to keep (the status says why).
                render: (_, d) => (
                  <span data-testid="dossier-due">
                    {endedWithoutResult(d) ? dt("common.none") : formatShortDateTime(d.dueAt)}
                  </span>
                ),
              },
              {
                title: dt("common.status"),
                key: "status",
                width: 200,
                render: (_, d) => (
                  <Flex gap={4} wrap>
                    <StatusTag status={d.status} />
                    {d.late && !endedWithoutResult(d) ? <Tag color="red">{dt("common.late")}</Tag> : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
