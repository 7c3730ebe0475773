import {
  CheckCircleFilled,
  CloseCircleOutlined,
  DownloadOutlined,
  ExclamationCircleFilled,
  FileSearchOutlined,
  PaperClipOutlined,
  PlusOutlined,
  PrinterOutlined,
  QuestionCircleOutlined,
} from "@ant-design/icons";
import type { TDossier, TOnlineSubmission, TProcedureSummary } from "@eiso/contracts";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { useCanAt } from "../auth/scope";
import { useCurrentSession } from "../auth/session";
import { foldVietnamese } from "../common/fold";
import { PageHeader } from "../common/PageHeader";
import { useUnits } from "../org/queries";
import { useDebounced } from "../org/UserPicker";
import { ApplicantFields, type ApplicantFormValues, applicantOf, applicantValues } from "./ApplicantFields";
import { DossierFieldInput, dossierDataOf, dossierDataValues } from "./DossierFieldInput";
import { useDt } from "./i18n";
import { formatShortDateTime } from "./labels";
import { PaperNeed } from "./PaperNeed";
import { ProcedureFacts, ProcedureOption } from "./ProcedureFacts";
import {
  dossierLinks,
  useCompetentAgencies,
  useProcedure,
  useProcedureOptions,
  useQueuedSubmission,
  useReceiveDossier,
  useReceiveOnline,
} from "./queries";

interface DocRow {
  name: string;
  /** What the procedure asks for. */
  needOriginals: number;
  needCopies: number;
  /** false: handed in "if any", never missing. */
  required: boolean;
  received: boolean;
  originals: number;
  copies: number;
}

type Decision = "accept" | "request_supplement" | "refuse";

interface ApplicantValues extends ApplicantFormValues {
  method: "counter" | "online" | "post";
  resultDelivery: "counter" | "post" | "online";
  note?: string;
  data?: Record<string, string | number | boolean | Dayjs | null | undefined>;
}

const docComplete = (d: DocRow) =>
  d.received ? d.originals >= d.needOriginals && d.copies >= d.needCopies : !d.required;

/**
 * Reception at the one-stop desk: procedure, applicant, documents checklist, dossier data, decision.
 * With `?submission=<id>` it checks an online submission from the queue: everything is filled in from
 * what the applicant sent, the clerk corrects what is needed and decides.
 */
export default function ReceptionPage() {
  // A new form for each submission checked (and for the counter): nothing carries over between them.
  const submissionId = useSearchParams()[0].get("submission");
  return <ReceptionForm key={submissionId ?? "counter"} submissionId={submissionId} />;
}

function ReceptionForm({ submissionId }: { submissionId: string | null }) {
  const dt = useDt();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const submission = useQueuedSubmission(submissionId);
  const online = submission.data ?? null;
  const session = useCurrentSession();
  const canAt = useCanAt();
  const { data: units = [] } = useUnits(false);
  const [form] = Form.useForm<ApplicantValues>();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const options = useProcedureOptions(q);
  const [picked, setPicked] = useState<TProcedureSummary | null>(null);
  const procedure = useProcedure(picked?.id);
  const agencies = useCompetentAgencies(picked?.id);
  const [agencyUnitId, setAgencyUnitId] = useState<string | undefined>();
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [reasonsFor, setReasonsFor] = useState<Exclude<Decision, "accept"> | null>(null);
  const [done, setDone] = useState<{ dossier: TDossier; decision: Decision } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const receive = useReceiveDossier();
  const receiveOnline = useReceiveOnline(submissionId);
  const busy = receive.isPending || receiveOnline.isPending;

  // Desks where this clerk receives: one-stop units first; a ward without its own desk unit receives itself.
  const desks = useMemo(() => {
    if (online) return [{ id: online.deskUnitId, name: online.deskName, path: "" }];
    const mine = units.filter((u) => canAt("dossier.receive", u));
    const centres = mine.filter((u) => u.kind === "service_centre");
    return centres.length ? centres : mine;
  }, [units, canAt, online]);
  const [deskUnitId, setDeskUnitId] = useState<string | undefined>();
  useEffect(() => {
    if (!deskUnitId && desks.length) {
      const underActive = desks.find((u) => u.path.includes(`/${session.activeUnitId}/`));
      setDeskUnitId((underActive ?? desks[0])?.id);
    }
  }, [desks, deskUnitId, session.activeUnitId]);

  // An online submission fills the form with what the applicant sent.
  useEffect(() => {
    if (!online) return;
    setPicked({
      id: online.procedureId,
      code: online.procedureCode,
      name: online.procedureName,
      fieldName: "",
    } as TProcedureSummary);
    setDeskUnitId(online.deskUnitId);
    form.setFieldsValue({
      ...applicantValues(online.applicant),
      method: "online",
      resultDelivery: online.resultDelivery,
      note: online.note ?? undefined,
    });
  }, [online, form]);

  useEffect(() => {
    const p = procedure.data;
    if (!p) return;
    const sent = online?.procedureId === p.id ? online.documents : null;
    setDocs(
      p.documents.map((d) => {
        const given = sent?.find((x) => x.name === d.name);
        return {
          name: d.name,
          needOriginals: d.originals,
          needCopies: d.copies,
          required: d.required,
          received: !!given,
          originals: given?.originals ?? d.originals,
          copies: given?.copies ?? d.copies,
        };
      }),
    );
    if (sent && online) form.setFieldsValue({ data: dossierDataValues(p.dossierFields, online.data) });
    setAgencyUnitId(online?.procedureId === p.id ? online.agencyUnitId : undefined);
    setError(null);
  }, [procedure.data, online, form]);

  // The competent agency: the one chosen, else the one whose subtree holds the desk (the server
  // decides the same way), else — a procedure several agencies handle, received elsewhere — the
  // clerk must choose (e.g. the applicant's ward at the district's desk).
  const deskPath = units.find((u) => u.id === deskUnitId)?.path ?? "";
  const autoAgency = useMemo(() => {
    const list = agencies.data ?? [];
    if (list.length === 1) return list[0];
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    return list
      .filter((a) => !!deskPath && deskPath.startsWith(pathOf.get(a.unitId) ?? "\u0000"))
      .sort((x, y) => (pathOf.get(y.unitId)?.length ?? 0) - (pathOf.get(x.unitId)?.length ?? 0))[0];
  }, [agencies.data, units, deskPath]);
  const agencyMissing = !online && (agencies.data?.length ?? 0) > 1 && !agencyUnitId && !autoAgency;
  const data = Form.useWatch("data", form);
  const missingDocs = docs.filter((d) => !docComplete(d));
  /** Papers the dossier holds: the required ones and those handed in "if any". */
  const handedIn = docs.filter((d) => d.required || d.received).length;
  const fields = procedure.data?.dossierFields ?? [];
  const missingFields = fields.filter((f) => {
    const v = data?.[f.key];
    return f.required && (v === undefined || v === null || v === "");
  });
  const complete = !!procedure.data && missingDocs.length === 0 && missingFields.length === 0;
  /** The online submission was already decided (by someone else, or cancelled by the applicant). */
  const closed = !!online && online.status !== "pending";

  const updateDoc = (i: number, patch: Partial<DocRow>) =>
    setDocs((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (decision: Decision, reasons: string[] = []) => {
    if (!picked || !deskUnitId) return;
    const v = await form.validateFields();
    setError(null);
    const dossierData = dossierDataOf(fields, v.data);
    const applicant = applicantOf(v);
    const documents = docs
      .filter((d) => d.received)
      .map((d) => ({ name: d.name, originals: d.originals, copies: d.copies }));
    try {
      if (submissionId) {
        const { dossier } = await receiveOnline.mutateAsync({
          applicant,
          documents,
          data: dossierData,
          resultDelivery: v.resultDelivery,
          note: v.note?.trim() || null,
          decision,
          reasons,
        });
        setReasonsFor(null);
        setDone({ dossier, decision });
        return;
      }
      const dossier = await receive.mutateAsync({
        procedureId: picked.id,
        deskUnitId,
        agencyUnitId: agencyUnitId ?? null,
        method: v.method,
        resultDelivery: v.resultDelivery,
        note: v.note?.trim() || null,
        applicant,
        documents,
        data: dossierData,
        decision,
        reasons,
      });
      setReasonsFor(null);
      setDone({ dossier, decision });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // The reasons dialog would hide the message shown in the bar.
      setReasonsFor(null);
      setError(e);
      const missing = (e.details as { fields?: string[] } | undefined)?.fields;
      if (missing?.length)
        form.setFields(
          missing.map((k) => ({ name: ["data", k], errors: [t("common.requiredSelect", { field: k })] })),
        );
    }
  };

  const restart = () => {
    if (submissionId) {
      navigate("/dossiers/online");
      return;
    }
    setDone(null);
    setPicked(null);
    setDocs([]);
    setError(null);
    form.resetFields();
  };

  if (done) {
    const agencyName =
      done.dossier.agencyName ?? units.find((u) => u.id === done.dossier.agencyUnitId)?.name ?? "";
    return (
      <ReceptionDone
        dossier={done.dossier}
        agencyName={agencyName}
        decision={done.decision}
        onNext={restart}
        nextLabel={submissionId ? dt("online.backToQueue") : undefined}
      />
    );
  }

  const procedureOptions = [
    ...(picked && !options.data?.items.some((p) => p.id === picked.id) ? [picked] : []),
    ...(options.data?.items ?? []),
  ].map((p) => ({ value: p.id, label: `${p.code} · ${p.name}`, procedure: p }));

  return (
    <>
      <PageHeader
        title={online ? dt("online.checkTitle") : dt("reception.title")}
        subtitle={dt("reception.subtitle")}
      />
      {online ? (
        <Alert
          type={online.status === "pending" ? "info" : "warning"}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="online-banner"
          title={
            online.status === "pending"
              ? dt("online.banner", {
                  at: formatShortDateTime(online.submittedAt),
                  account: online.submittedByName,
                  desk: online.deskName,
                })
              : dt("online.decided", { code: online.dossierCode ?? "—" })
          }
          description={online.status === "pending" ? dt("online.bannerHint") : undefined}
          action={<Link to="/dossiers/online">{dt("online.backToQueue")}</Link>}
        />
      ) : null}
      {submission.error ? (
        <Alert type="error" showIcon title={submission.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      {desks.length === 0 && units.length > 0 ? (
        <Alert type="warning" showIcon title={dt("reception.noDesk")} style={{ marginBottom: 16 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="reception"
        initialValues={{ method: "counter", resultDelivery: "counter" }}
        data-testid="reception-form"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Flex vertical gap={16}>
              <Card title={dt("reception.procedureCard")} size="small">
                <Form.Item label={dt("common.procedure")} required style={{ marginBottom: 12 }}>
                  <Select
                    value={picked?.id}
                    disabled={!!submissionId}
                    placeholder={dt("reception.procedurePlaceholder")}
                    showSearch={{ filterOption: false, onSearch: setSearch }}
                    loading={options.isFetching}
                    options={procedureOptions}
                    onChange={(_, opt) => {
                      const o = Array.isArray(opt) ? opt[0] : opt;
                      setPicked(o?.procedure ?? null);
                    }}
                    optionRender={(o) => <ProcedureOption procedure={o.data.procedure} />}
                    data-testid="procedure-select"
                  />
                </Form.Item>
                <Row gutter={12}>
                  <Col span={agencies.data && agencies.data.length > 1 ? 12 : 24}>
                    <Form.Item label={dt("reception.deskLabel")} required style={{ marginBottom: 12 }}>
                      <Select
                        value={deskUnitId}
                        disabled={!!submissionId}
                        onChange={setDeskUnitId}
                        options={desks.map((u) => ({ value: u.id, label: u.name }))}
                        data-testid="desk-select"
                      />
                    </Form.Item>
                  </Col>
                  {agencies.data && agencies.data.length > 1 ? (
                    <Col span={12}>
                      <Form.Item
                        label={dt("reception.agencyLabel")}
                        required={!autoAgency}
                        validateStatus={agencyMissing ? "warning" : undefined}
                        help={agencyMissing ? dt("reception.agencyRequired") : undefined}
                        style={{ marginBottom: 12 }}
                      >
                        <Select
                          allowClear
                          disabled={!!submissionId}
                          value={agencyUnitId}
                          onChange={setAgencyUnitId}
                          placeholder={
                            autoAgency
                              ? dt("reception.agencyAuto", { agency: autoAgency.unitName })
                              : dt("reception.agencyPick")
                          }
                          showSearch={{
                            filterOption: (input, option) =>
                              foldVietnamese(String(option?.label ?? "")).includes(foldVietnamese(input)),
                          }}
                          options={agencies.data.map((a) => ({ value: a.unitId, label: a.unitName }))}
                          data-testid="agency-select"
                        />
                      </Form.Item>
                    </Col>
                  ) : null}
                </Row>
                {procedure.data ? <ProcedureFacts procedure={procedure.data} /> : null}
              </Card>
              <Card title={dt("reception.applicantCard")} size="small">
                <ApplicantFields />
                <Row gutter={12}>
                  <Col span={12}>
                    <Form.Item name="method" label={dt("common.method")} style={{ marginBottom: 0 }}>
                      <Select
                        disabled={!!submissionId}
                        size="small"
                        options={(["counter", "online", "post"] as const).map((k) => ({
                          value: k,
                          label: dt(`methods.${k}`),
                        }))}
                        data-testid="method-select"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="resultDelivery"
                      label={dt("common.delivery")}
                      style={{ marginBottom: 0 }}
                    >
                      <Select
                        size="small"
                        options={(["counter", "post", "online"] as const).map((k) => ({
                          value: k,
                          label: dt(`deliveries.${k}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            </Flex>
          </Col>
          <Col xs={24} xl={14}>
            <Flex vertical gap={16}>
              <Card
                title={dt("reception.documentsCard")}
                size="small"
                extra={
                  procedure.data ? (
                    <Checkbox
                      checked={docs.length > 0 && docs.every((d) => d.received)}
                      indeterminate={docs.some((d) => d.received) && !docs.every((d) => d.received)}
                      onChange={(e) =>
                        setDocs((rows) => rows.map((r) => ({ ...r, received: e.target.checked })))
                      }
                      data-testid="docs-all"
                    >
                      {t("common.all")}
                    </Checkbox>
                  ) : null
                }
              >
                {procedure.data ? (
                  <Table<DocRow>
                    size="small"
                    rowKey="name"
                    pagination={false}
                    dataSource={docs}
                    data-testid="documents-checklist"
                    rowClassName={(d) => (docComplete(d) ? "" : "eiso-doc-missing")}
                    columns={[
                      {
                        title: dt("reception.received"),
                        key: "received",
                        width: 70,
                        align: "center",
                        render: (_, d, i) => (
                          <Checkbox
                            checked={d.received}
                            onChange={(e) => updateDoc(i, { received: e.target.checked })}
                            aria-label={d.name}
                            data-testid="doc-received"
                          />
                        ),
                      },
                      {
                        title: dt("reception.docName"),
                        key: "name",
                        render: (_, d) => (
                          <Flex vertical>
                            <span>{d.name}</span>
                            <PaperNeed
                              paper={{
                                originals: d.needOriginals,
                                copies: d.needCopies,
                                required: d.required,
                              }}
                              label={dt("reception.required")}
                            />
                            {online ? <SubmittedScans submission={online} paper={d.name} /> : null}
                          </Flex>
                        ),
                      },
                      {
                        title: dt("reception.originals"),
                        key: "originals",
                        width: 96,
                        render: (_, d, i) => (
                          <InputNumber
                            size="small"
                            min={0}
                            max={100}
                            value={d.originals}
                            disabled={!d.received}
                            status={d.received && d.originals < d.needOriginals ? "error" : undefined}
                            onChange={(v) => updateDoc(i, { originals: v ?? 0 })}
                            style={{ width: 72 }}
                          />
                        ),
                      },
                      {
                        title: dt("reception.copies"),
                        key: "copies",
                        width: 96,
                        render: (_, d, i) => (
                          <InputNumber
                            size="small"
                            min={0}
                            max={100}
                            value={d.copies}
                            disabled={!d.received}
                            status={d.received && d.copies < d.needCopies ? "error" : undefined}
                            onChange={(v) => updateDoc(i, { copies: v ?? 0 })}
                            style={{ width: 72 }}
                          />
                        ),
                      },
                      {
                        title: "",
                        key: "state",
                        width: 36,
                        render: (_, d) =>
                          docComplete(d) ? (
                            <CheckCircleFilled style={{ color: "#389e0d" }} />
                          ) : (
                            <ExclamationCircleFilled style={{ color: "#d48806" }} />
                          ),
                      },
                    ]}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dt("reception.pickFirst")} />
                )}
              </Card>
              <Card title={dt("reception.fieldsCard")} size="small">
                {procedure.data ? (
                  fields.length ? (
                    <Row gutter={12}>
                      {fields.map((f) => (
                        <Col key={f.key} xs={24} md={12}>
                          <DossierFieldInput field={f} />
                        </Col>
                      ))}
                    </Row>
                  ) : (
                    <Typography.Text type="secondary">{dt("reception.noFields")}</Typography.Text>
                  )
                ) : (
                  <Typography.Text type="secondary">{dt("reception.pickFirst")}</Typography.Text>
                )}
                <Form.Item name="note" label={dt("reception.note")} style={{ marginBottom: 0, marginTop: 8 }}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </Card>
            </Flex>
          </Col>
        </Row>
      </Form>
      <Card
        size="small"
        style={{
          position: "sticky",
          bottom: 0,
          marginTop: 16,
          zIndex: 5,
          boxShadow: "0 -2px 8px rgba(15,42,79,.08)",
        }}
        data-testid="reception-bar"
      >
        <Flex justify="space-between" align="center" gap={12}>
          <Flex vertical style={{ minWidth: 0, flex: 1 }}>
            {!procedure.data ? (
              <Typography.Text type="secondary">{dt("reception.pickFirst")}</Typography.Text>
            ) : missingDocs.length === 0 ? (
              <Typography.Text type="success" strong data-testid="completeness" data-complete="true">
                <CheckCircleFilled /> {dt("reception.complete", { done: handedIn, total: handedIn })}
              </Typography.Text>
            ) : (
              <>
                <Typography.Text type="warning" strong data-testid="completeness" data-complete="false">
                  <ExclamationCircleFilled /> {dt("reception.incomplete", { count: missingDocs.length })}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis={{ tooltip: true }}>
                  {missingDocs.map((d) => d.name).join("; ")}
                </Typography.Text>
              </>
            )}
            {missingFields.length ? (
              <Typography.Text type="warning">
                {dt("reception.missingFields", { fields: missingFields.map((f) => f.label).join(", ") })}
              </Typography.Text>
            ) : null}
            {error ? (
              <Typography.Text type="danger" data-testid="reception-error">
                {error.message}
              </Typography.Text>
            ) : null}
          </Flex>
          <Flex gap={8} style={{ flex: "none" }}>
            <Button
              danger
              icon={<CloseCircleOutlined />}
              disabled={!procedure.data || closed || agencyMissing}
              onClick={() => setReasonsFor("refuse")}
              data-testid="reception-refuse"
            >
              {dt("reception.refuse")}
            </Button>
            <Button
              icon={<QuestionCircleOutlined />}
              disabled={!procedure.data || closed || agencyMissing}
              onClick={() => setReasonsFor("request_supplement")}
              data-testid="reception-supplement"
            >
              {dt("reception.requestSupplement")}
            </Button>
            <Button
              type="primary"
              icon={<CheckCircleFilled />}
              disabled={!complete || !deskUnitId || closed || agencyMissing}
              loading={busy && !reasonsFor}
              onClick={() => void submit("accept").catch(() => {})}
              data-testid="reception-accept"
            >
              {dt("reception.accept")}
            </Button>
          </Flex>
        </Flex>
      </Card>
      {reasonsFor ? (
        <ReasonsModal
          decision={reasonsFor}
          initial={reasonsFor === "request_supplement" ? missingDocs.map((d) => d.name) : []}
          busy={busy}
          onCancel={() => setReasonsFor(null)}
          onSubmit={(reasons) => void submit(reasonsFor, reasons).catch(() => {})}
        />
      ) : null}
    </>
  );
}

/** The scans the applicant attached online to one paper, each opening in a new tab. */
function SubmittedScans({ submission, paper }: { submission: TOnlineSubmission; paper: string }) {
  const files = submission.documents.find((x) => x.name === paper)?.files ?? [];
  if (!files.length) return null;
  return (
    <Flex gap={8} wrap style={{ marginTop: 2 }}>
      {files.map((f) => (
        <a
          key={f.id}
          href={`/api/dossiers/online-queue/${submission.id}/files/${f.id}`}
          target="_blank"
          rel="noopener"
          data-testid="submitted-scan"
        >
          <PaperClipOutlined /> {f.name}
        </a>
      ))}
    </Flex>
  );
}

function ReasonsModal({
  decision,
  initial,
  busy,
  onCancel,
  onSubmit,
}: {
  decision: Exclude<Decision, "accept">;
  initial: string[];
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reasons: string[]) => void;
}) {
  const dt = useDt();
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reasons: string[] }>();
  return (
    <Modal
      open
      title={
        decision === "refuse" ? dt("reception.reasonsTitleRefuse") : dt("reception.reasonsTitleSupplement")
      }
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: decision === "refuse" }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => onSubmit(v.reasons.map((r) => r.trim()).filter(Boolean)))
          .catch(() => {})
      }
      destroyOnHidden
      width={620}
    >
      <Typography.Paragraph type="secondary">{dt("reception.reasonsHint")}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ reasons: initial.length ? initial : [""] }}
        name="reasons"
      >
        <Form.List name="reasons">
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Flex key={item.key} gap={8} align="baseline">
                  <Form.Item
                    name={item.name}
                    style={{ flex: 1 }}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t("common.required", { field: dt("reception.reasonsLabel") }),
                      },
                    ]}
                  >
                    <Input placeholder={`${dt("reception.reasonsLabel")} ${i + 1}`} maxLength={500} />
                  </Form.Item>
                  {items.length > 1 ? (
                    <Button
                      type="text"
                      icon={<CloseCircleOutlined />}
                      onClick={() => remove(item.name)}
                      aria-label="x"
                    />
                  ) : null}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")} block>
                {dt("reception.addReason")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function ReceptionDone({
  dossier: d,
  agencyName,
  decision,
  onNext,
  nextLabel,
}: {
  dossier: TDossier;
  agencyName: string;
  decision: Decision;
  onNext: () => void;
  nextLabel?: string | undefined;
}) {
  const dt = useDt();
  const formNo = decision === "accept" ? "01" : decision === "refuse" ? "03" : "02";
  const title =
    decision === "accept"
      ? dt("reception.acceptedTitle", { code: d.code })
      : decision === "refuse"
        ? dt("reception.refusedTitle", { code: d.code })
        : dt("reception.supplementTitle", { code: d.code });
  return (
    <Card data-testid="reception-done" data-code={d.code}>
      <Result
        status={decision === "accept" ? "success" : decision === "refuse" ? "warning" : "info"}
        title={title}
        subTitle={
          decision === "accept"
            ? dt("reception.acceptedSub", { due: formatShortDateTime(d.dueAt), agency: agencyName })
            : undefined
        }
        extra={[
          <Button
            key="print"
            type="primary"
            icon={<PrinterOutlined />}
            href={dossierLinks.form(d.id, formNo, "html")}
            target="_blank"
            rel="noopener"
            data-testid={`print-form-${formNo}`}
          >
            {dt("reception.printForm", { form: dt(`forms.form`, { no: formNo }) })}
          </Button>,
          <Button
            key="docx"
            icon={<DownloadOutlined />}
            href={dossierLinks.form(d.id, formNo, "docx")}
            data-testid={`docx-form-${formNo}`}
          >
            {dt("common.docx")}
          </Button>,
          <Link key="view" to={`/dossiers/${d.id}`}>
            <Button icon={<FileSearchOutlined />} data-testid="open-dossier">
              {dt("reception.view")}
            </Button>
          </Link>,
          <Button key="next" icon={<PlusOutlined />} onClick={onNext} data-testid="reception-next">
            {nextLabel ?? dt("reception.next")}
          </Button>,
        ]}
      >
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ maxWidth: 640, margin: "0 auto" }}
          items={[
            {
              key: "code",
              label: dt("common.code"),
              children: (
                <Tag color="blue" style={{ fontSize: 15 }}>
                  {d.code}
                </Tag>
              ),
            },
            { key: "proc", label: dt("common.procedure"), children: d.procedureName },
            { key: "applicant", label: dt("common.applicant"), children: d.applicant.name },
            { key: "received", label: dt("common.receivedAt"), children: formatShortDateTime(d.receivedAt) },
            ...(decision === "accept"
              ? [{ key: "due", label: dt("common.dueAt"), children: formatShortDateTime(d.dueAt) }]
              : []),
          ]}
        />
      </Result>
    </Card>
  );
}
