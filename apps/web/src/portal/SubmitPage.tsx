import { CheckCircleFilled, ExclamationCircleFilled, SendOutlined } from "@ant-design/icons";
import type { TOnlineSubmission, TProcedureSummary } from "@eiso/contracts";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  List,
  Result,
  Row,
  Select,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { useCurrentSession } from "../auth/session";
import { ApplicantFields, type ApplicantFormValues, applicantOf } from "../dossiers/ApplicantFields";
import { DossierFieldInput, dossierDataOf } from "../dossiers/DossierFieldInput";
import { useDt } from "../dossiers/i18n";
import { formatShortDateTime } from "../dossiers/labels";
import { PaperNeed } from "../dossiers/PaperNeed";
import { ProcedureFacts, ProcedureOption } from "../dossiers/ProcedureFacts";
import { useDebounced } from "../org/UserPicker";
import { AttachScan, ScanTags, usePaperScans } from "./PaperScans";
import { PortalLayout } from "./PortalLayout";
import { usePortalProcedure, usePortalProcedures, useSubmitOnline } from "./queries";

interface Values extends ApplicantFormValues {
  resultDelivery: "online" | "post" | "counter";
  note?: string;
  data?: Record<string, unknown>;
}

/** A citizen's online submission: procedure, agency, applicant, papers, declared data; then it waits at the desk. */
export default function SubmitPage() {
  const dt = useDt();
  const session = useCurrentSession();
  const [params, setParams] = useSearchParams();
  const procedureId = params.get("thu-tuc") ?? undefined;
  const [search, setSearch] = useState("");
  const options = usePortalProcedures(useDebounced(search.trim()));
  const procedure = usePortalProcedure(procedureId);
  const [picked, setPicked] = useState<TProcedureSummary | null>(null);
  const [agencyUnitId, setAgencyUnitId] = useState<string | undefined>();
  const [have, setHave] = useState<Set<string>>(new Set());
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  const [sent, setSent] = useState<TOnlineSubmission | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const scans = usePaperScans(setError);
  const [form] = Form.useForm<Values>();
  const submit = useSubmitOnline();
  const p = procedure.data;

  useEffect(() => {
    setHave(new Set());
    scans.reset();
    setAgencyUnitId(p?.agencies.length === 1 ? p.agencies[0]!.unitId : undefined);
    setError(null);
  }, [p, scans.reset]);

  const missing = (p?.documents ?? []).filter((d) => d.required && !have.has(d.name));
  const agency = p?.agencies.find((a) => a.unitId === agencyUnitId);
  const procedureOptions = useMemo(
    () =>
      [
        ...(picked && !options.data?.items.some((x) => x.id === picked.id) ? [picked] : []),
        ...(options.data?.items ?? []),
      ].map((x) => ({ value: x.id, label: `${x.name} (${x.code})`, procedure: x })),
    [options.data, picked],
  );

  /** A scan uploaded for a paper ticks it. */
  const attach = async (paper: string, file: File) => {
    if (await scans.attach(paper, file)) setHave((h) => new Set(h).add(paper));
  };

  const send = async () => {
    if (!p) return;
    const v = await form.validateFields();
    setError(null);
    try {
      const submission = await submit.mutateAsync({
        procedureId: p.id,
        agencyUnitId: agencyUnitId ?? null,
        applicant: applicantOf(v),
        documents: p.documents
          .filter((d) => have.has(d.name))
          .map((d) => ({
            name: d.name,
            originals: d.originals,
            copies: d.copies,
            fileIds: scans.fileIdsOf(d.name),
          })),
        data: dossierDataOf(p.dossierFields, v.data),
        resultDelivery: v.resultDelivery,
        note: v.note?.trim() || null,
        clientKey,
      });
      setSent(submission);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      const fields = (e.details as { fields?: string[] } | undefined)?.fields ?? [];
      form.setFields(
        fields
          .filter((k) => p.dossierFields.some((f) => f.key === k))
          .map((k) => ({ name: ["data", k], errors: [e.message] })),
      );
    }
  };

  if (sent)
    return (
      <PortalLayout>
        <Card data-testid="submit-done">
          <Result
            status="success"
            title={dt("portal.sentTitle")}
            subTitle={dt("portal.sentSub", {
              procedure: sent.procedureName,
              desk: sent.deskName,
              at: formatShortDateTime(sent.submittedAt),
            })}
            extra={[
              <Link key="mine" to="/portal/ho-so">
                <Button type="primary" data-testid="to-mine">
                  {dt("portal.toMine")}
                </Button>
              </Link>,
              <Button
                key="again"
                onClick={() => {
                  setSent(null);
                  setClientKey(crypto.randomUUID());
                  setParams({});
                  setPicked(null);
                  form.resetFields();
                }}
              >
                {dt("portal.another")}
              </Button>,
            ]}
          />
        </Card>
      </PortalLayout>
    );

  return (
    <PortalLayout>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {dt("portal.submitTitle")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{dt("portal.submitSubtitle")}</Typography.Paragraph>
        <Form.Item label={dt("portal.procedureLabel")} required layout="vertical" style={{ marginBottom: 8 }}>
          <Select
            size="large"
            value={procedureId}
            placeholder={dt("portal.procedurePlaceholder")}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={options.isFetching}
            options={procedureOptions}
            onChange={(id, opt) => {
              const o = Array.isArray(opt) ? opt[0] : opt;
              setPicked(o?.procedure ?? null);
              setParams(id ? { "thu-tuc": id } : {});
            }}
            optionRender={(o) => <ProcedureOption procedure={o.data.procedure} />}
            data-testid="portal-procedure"
          />
        </Form.Item>
        {p ? <ProcedureFacts procedure={p} columns={2} /> : null}
      </Card>
      {p && !p.online ? <Alert type="warning" showIcon title={dt("portal.notOnline")} /> : null}
      {p?.online ? (
        <Form
          form={form}
          layout="vertical"
          name="online-submission"
          initialValues={{
            name: session.user.fullName,
            email: session.user.email ?? undefined,
            resultDelivery: "online",
          }}
        >
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Flex vertical gap={16}>
                <Card size="small" title={dt("portal.agencyLabel")}>
                  {p.agencies.length > 1 ? (
                    <Select
                      style={{ width: "100%" }}
                      value={agencyUnitId}
                      onChange={setAgencyUnitId}
                      placeholder={dt("portal.agencyPlaceholder")}
                      options={p.agencies.map((a) => ({ value: a.unitId, label: a.unitName }))}
                      data-testid="portal-agency"
                    />
                  ) : (
                    <Typography.Text strong>{agency?.unitName}</Typography.Text>
                  )}
                  {agency ? (
                    <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
                      {dt("portal.deskIs", { desk: agency.deskName })}
                    </Typography.Paragraph>
                  ) : null}
                </Card>
                <Card size="small" title={dt("portal.applicantCard")}>
                  <ApplicantFields idRequired />
                  <Form.Item
                    name="resultDelivery"
                    label={dt("portal.deliveryLabel")}
                    style={{ marginBottom: 0 }}
                  >
                    <Select
                      options={(["online", "post", "counter"] as const).map((k) => ({
                        value: k,
                        label: dt(`deliveries.${k}`),
                      }))}
                    />
                  </Form.Item>
                </Card>
              </Flex>
            </Col>
            <Col xs={24} lg={12}>
              <Flex vertical gap={16}>
                <Card size="small" title={dt("portal.documentsCard")}>
                  <Typography.Paragraph type="secondary">{dt("portal.documentsHint")}</Typography.Paragraph>
                  <List
                    size="small"
                    dataSource={p.documents}
                    data-testid="portal-documents"
                    renderItem={(d) => (
                      <List.Item
                        actions={[
                          <AttachScan
                            key="attach"
                            loading={scans.uploading === d.name}
                            onFile={(file) => void attach(d.name, file).catch(() => {})}
                            testId="portal-attach"
                          />,
                        ]}
                      >
                        <Checkbox
                          checked={have.has(d.name)}
                          onChange={(e) =>
                            setHave((s) => {
                              const next = new Set(s);
                              if (e.target.checked) next.add(d.name);
                              else next.delete(d.name);
                              return next;
                            })
                          }
                          data-testid="portal-doc"
                        >
                          <Flex vertical>
                            <span>{d.name}</span>
                            <PaperNeed paper={d} />
                            <ScanTags
                              files={scans.filesOf(d.name)}
                              onRemove={(id) => scans.remove(d.name, id)}
                              testId="portal-scan"
                            />
                          </Flex>
                        </Checkbox>
                      </List.Item>
                    )}
                  />
                </Card>
                {p.dossierFields.length ? (
                  <Card size="small" title={dt("portal.fieldsCard")}>
                    <Row gutter={12}>
                      {p.dossierFields.map((f) => (
                        <Col key={f.key} xs={24} md={12}>
                          <DossierFieldInput field={f} />
                        </Col>
                      ))}
                    </Row>
                  </Card>
                ) : null}
                <Card size="small">
                  <Form.Item name="note" label={dt("portal.noteLabel")}>
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                  <Flex justify="space-between" align="center" gap={12} wrap>
                    {missing.length ? (
                      <Typography.Text type="warning" data-testid="portal-missing">
                        <ExclamationCircleFilled />{" "}
                        {dt("portal.missingDocs", { docs: missing.map((d) => d.name).join("; ") })}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="success">
                        <CheckCircleFilled />{" "}
                        {dt("reception.complete", {
                          done: have.size,
                          total: p.documents.filter((d) => d.required || have.has(d.name)).length,
                        })}
                      </Typography.Text>
                    )}
                    <Button
                      type="primary"
                      size="large"
                      icon={<SendOutlined />}
                      disabled={missing.length > 0 || !agency}
                      loading={submit.isPending}
                      onClick={() => void send().catch(() => {})}
                      data-testid="portal-send"
                    >
                      {dt("portal.send")}
                    </Button>
                  </Flex>
                  {error ? (
                    <Alert
                      type="error"
                      showIcon
                      title={error.message}
                      style={{ marginTop: 12 }}
                      data-testid="portal-error"
                    />
                  ) : null}
                </Card>
              </Flex>
            </Col>
          </Row>
        </Form>
      ) : null}
    </PortalLayout>
  );
}
