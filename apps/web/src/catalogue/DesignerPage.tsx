import {
  longestPathHours,
  type TProcessProblem,
  type TVersionStatus,
  versionStatusLabels,
  WORKING_HOURS_PER_DAY,
} from "@eiso/contracts";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { showError, showSuccess } from "../api/feedback";
import { usePermission } from "../auth/session";
import { formatDate, toApiDate } from "../common/dates";
import { PageHeader } from "../common/PageHeader";
import { PageSpinner, QueryError } from "../common/QueryState";
import { useLabel } from "../i18n";
import { createModeler, graphOf } from "./bpmn/eiso-modeler";
import { useCt } from "./i18n";
import { PropertiesPanel } from "./PropertiesPanel";
import { useDefinition, useDiff, useNewVersion, useVersion, useVersionAction, validateXml } from "./queries";
import { VersionDiff } from "./VersionDiff";

// biome-ignore lint/suspicious/noExplicitAny: bpmn-js is untyped at this level
type Any = any;

const statusColors: Record<TVersionStatus, string> = {
  draft: "default",
  submitted: "processing",
  approved: "cyan",
  published: "success",
  superseded: "warning",
};

const days = (h: number) => Math.round((h / WORKING_HOURS_PER_DAY) * 100) / 100;

/** Total allotted time against the procedure's legal time; red when the process would run late by design. */
function TimeCheck({ total, legal }: { total: number | null; legal: number | null }) {
  const ct = useCt();
  const over = legal !== null && total !== null && total > legal;
  return (
    <Card
      size="small"
      title={ct("designer.timeCheck")}
      data-testid="time-check"
      data-over={over ? "true" : "false"}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={ct("designer.total")}>
          <span data-testid="time-total">
            {total === null ? "—" : ct("designer.hoursDays", { hours: total, days: days(total) })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={ct("designer.legal")}>
          <span data-testid="time-legal">
            {legal === null
              ? ct("designer.noLegal")
              : ct("designer.hoursDays", { hours: legal, days: days(legal) })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {legal !== null && total !== null ? (
        <Alert
          type={over ? "error" : "success"}
          showIcon
          title={
            over
              ? ct("designer.over", { hours: Math.round((total - legal) * 100) / 100 })
              : ct("designer.within")
          }
        />
      ) : null}
    </Card>
  );
}

/** The process designer: bpmn-js canvas, Vietnamese properties panel, time check, approval workflow, versions. */
export default function DesignerPage() {
  const ct = useCt();
  const label = useLabel();
  const can = usePermission();
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const definition = useDefinition(id);
  const versionId = search.get("version") ?? definition.data?.versions[0]?.id;
  const version = useVersion(versionId);
  const action = useVersionAction();
  const newVersion = useNewVersion();
  const containerRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Any>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const loaded = useRef<{ id: string; xml: string }>({ id: "", xml: "" });
  const [selected, setSelected] = useState<Any>(null);
  const [revision, setRevision] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<TProcessProblem[] | null>(null);
  const [dialog, setDialog] = useState<"approve" | "reject" | "publish" | null>(null);
  const [compareWith, setCompareWith] = useState<string | undefined>();
  const [form] = Form.useForm();
  const diff = useDiff(compareWith, versionId);

  const v = version.data;
  const editable = v?.status === "draft" && can("process.design");

  const recompute = useCallback(() => {
    const m = modelerRef.current;
    if (!m) return;
    const g = graphOf(m);
    setTotal(longestPathHours(g.nodes, g.edges));
    setRevision((r) => r + 1);
  }, []);

  const ready = !!definition.data;
  const [modelerReady, setModelerReady] = useState(false);
  useEffect(() => {
    if (!ready || !containerRef.current || modelerRef.current) return;
    const m = createModeler(containerRef.current);
    modelerRef.current = m;
    setModelerReady(true);
    const bus = m.get("eventBus");
    bus.on("selection.changed", (e: Any) => setSelected(e.newSelection[0] ?? null));
    bus.on("commandStack.changed", () => {
      setDirty(true);
      recompute();
    });
    bus.on("import.done", recompute);
    return () => {
      m.destroy();
      modelerRef.current = null;
      setModelerReady(false);
    };
  }, [recompute, ready]);

  useEffect(() => {
    const m = modelerRef.current;
    if (!m || !v || !modelerReady) return;
    // Refetches after save or a status change bring back the XML already on the canvas: keep the
    // canvas (selection, undo history) unless another version or other XML arrived.
    if (loaded.current.id === v.id && loaded.current.xml === v.xml) return;
    loaded.current = { id: v.id, xml: v.xml };
    setProblems(null);
    setSelected(null);
    m.importXML(v.xml)
      .then(() => {
        m.get("canvas").zoom("fit-viewport", "auto");
        setDirty(false);
      })
      .catch(showError);
  }, [v, modelerReady]);

  // Elements named in the problems are outlined in red on the canvas.
  const marked = useRef<string[]>([]);
  useEffect(() => {
    const m = modelerRef.current;
    if (!m) return;
    const canvas = m.get("canvas");
    const registry = m.get("elementRegistry");
    for (const id of marked.current) if (registry.get(id)) canvas.removeMarker(id, "eiso-problem");
    marked.current = [
      ...new Set(
        (problems ?? []).flatMap((p) => (p.elementId && registry.get(p.elementId) ? [p.elementId] : [])),
      ),
    ];
    for (const id of marked.current) canvas.addMarker(id, "eiso-problem");
  }, [problems]);

  if (definition.error) return <QueryError error={definition.error} />;
  if (!definition.data) return <PageSpinner />;
  const def = definition.data;

  const xmlNow = async (): Promise<string> => (await modelerRef.current.saveXML({ format: true })).xml;
  const run = async (fn: () => Promise<unknown>, success: string) => {
    try {
      await fn();
      showSuccess(success);
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.details as { problems?: TProcessProblem[] })?.problems) {
        setProblems((e.details as { problems: TProcessProblem[] }).problems);
      }
      showError(e);
      return false;
    }
  };
  const store = async () => {
    const xml = await xmlNow();
    loaded.current = { id: v!.id, xml };
    await action.mutateAsync({ versionId: v!.id, action: "xml", body: { xml } });
    setDirty(false);
  };
  const save = () =>
    run(async () => {
      await store();
    }, ct("designer.saved"));
  const validate = async () => {
    setProblems(null);
    try {
      const result = await validateXml(v!.id, await xmlNow());
      setProblems(result.problems);
      if (result.ok) showSuccess(ct("designer.valid"));
    } catch (e) {
      showError(e);
    }
  };
  const submit = () =>
    run(async () => {
      if (dirty) await store();
      await action.mutateAsync({ versionId: v!.id, action: "submit" });
      setProblems([]);
    }, ct("designer.submitted"));
  const focus = (elementId: string | null) => {
    const m = modelerRef.current;
    const el = elementId ? m?.get("elementRegistry").get(elementId) : null;
    if (!el) return;
    m.get("selection").select(el);
    m.get("canvas").scrollToElement(el);
  };
  const importFile = async (file: File) => {
    try {
      await modelerRef.current.importXML(await file.text());
      modelerRef.current.get("canvas").zoom("fit-viewport", "auto");
      setDirty(true);
    } catch (e) {
      showError(e);
    }
  };
  const download = async () => {
    const blob = new Blob([await xmlNow()], { type: "application/xml" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${def.procedureCode}-v${v?.version ?? ""}.bpmn`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const submitDialog = async () => {
    const values = await form.validateFields();
    const body =
      dialog === "approve"
        ? {
            decisionNumber: values.decisionNumber,
            decisionDate: toApiDate(values.decisionDate),
            note: values.note,
          }
        : dialog === "reject"
          ? { reason: values.reason }
          : { effectiveFrom: toApiDate(values.effectiveFrom) };
    const ok = await run(
      () => action.mutateAsync({ versionId: v!.id, action: dialog!, body }),
      ct(
        dialog === "approve"
          ? "designer.approved"
          : dialog === "reject"
            ? "designer.rejected"
            : "designer.published",
      ),
    );
    if (ok) {
      setDialog(null);
      form.resetFields();
    }
  };

  return (
    <div data-testid="designer-page">
      <PageHeader
        title={def.name}
        subtitle={
          <>
            <Link to={`/catalogue/procedures/${def.procedureId}`}>{def.procedureCode}</Link> · {def.unitName}
            {def.kind === "template" ? <Tag style={{ marginLeft: 8 }}>{ct("process.template")}</Tag> : null}
          </>
        }
        extra={
          v ? (
            <Space wrap>
              <Tag color={statusColors[v.status]} data-testid="version-status" data-status={v.status}>
                {ct("designer.version", { n: v.version })} · {label(versionStatusLabels, v.status)}
              </Tag>
              {editable ? (
                <>
                  <Button onClick={() => fileRef.current?.click()} data-testid="import-bpmn">
                    {ct("designer.importXml")}
                  </Button>
                  <Button onClick={save} loading={action.isPending} data-testid="save-diagram">
                    {ct("designer.save")}
                  </Button>
                  <Button onClick={validate} data-testid="validate">
                    {ct("designer.validate")}
                  </Button>
                  <Button type="primary" onClick={submit} data-testid="submit">
                    {ct("designer.submit")}
                  </Button>
                </>
              ) : null}
              {v.status === "submitted" && can("process.approve") ? (
                <>
                  <Button onClick={() => setDialog("reject")} data-testid="reject">
                    {ct("designer.reject")}
                  </Button>
                  <Button type="primary" onClick={() => setDialog("approve")} data-testid="approve">
                    {ct("designer.approve")}
                  </Button>
                </>
              ) : null}
              {v.status === "approved" && can("process.design") ? (
                <Button type="primary" onClick={() => setDialog("publish")} data-testid="publish">
                  {ct("designer.publish")}
                </Button>
              ) : null}
              {(v.status === "published" || v.status === "superseded") &&
              can("process.design") &&
              !def.versions.some((x) => ["draft", "submitted", "approved"].includes(x.status)) ? (
                <Button
                  onClick={() =>
                    run(async () => {
                      const created = await newVersion.mutateAsync(def.id);
                      setSearch({ version: created.id });
                    }, ct("designer.newVersion"))
                  }
                  data-testid="new-version"
                >
                  {ct("designer.newVersion")}
                </Button>
              ) : null}
              <Button onClick={download}>{ct("designer.exportXml")}</Button>
            </Space>
          ) : null
        }
      />
      <input
        ref={fileRef}
        type="file"
        accept=".bpmn,.xml"
        style={{ display: "none" }}
        data-testid="bpmn-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void importFile(f);
          e.target.value = "";
        }}
      />
      {v && v.status !== "draft" ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title={ct("designer.readOnly", { status: label(versionStatusLabels, v.status) })}
          description={
            v.decisionNumber
              ? ct("designer.decision", { number: v.decisionNumber, date: formatDate(v.decisionDate) }) +
                (v.effectiveFrom ? ` · ${ct("designer.effectiveFrom")}: ${formatDate(v.effectiveFrom)}` : "")
              : undefined
          }
        />
      ) : null}
      {v?.rejectedReason && v.status === "draft" ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          title={ct("designer.rejectedReason", { reason: v.rejectedReason })}
        />
      ) : null}
      <Flex gap={16} align="flex-start">
        <div
          className={editable ? "eiso-canvas" : "eiso-canvas eiso-readonly"}
          style={{
            flex: 1,
            minWidth: 0,
            height: 600,
            background: "#fff",
            border: "1px solid #e8ebf0",
            borderRadius: 8,
          }}
        >
          <style>
            {".eiso-readonly .djs-palette, .eiso-readonly .djs-context-pad { display: none !important; }" +
              " .eiso-canvas .djs-container:focus, .eiso-canvas .djs-container:focus-visible { outline: none; }" +
              " .eiso-problem .djs-visual > :first-child { stroke: #cf1322 !important; stroke-width: 3px !important; }"}
          </style>
          <div ref={containerRef} style={{ width: "100%", height: "100%" }} data-testid="bpmn-canvas" />
        </div>
        <Flex vertical gap={12} style={{ width: 360, flex: "none" }}>
          <TimeCheck total={total} legal={def.legalHours} />
          <Card size="small" title={ct("props.title")}>
            {modelerRef.current ? (
              <PropertiesPanel
                modeler={modelerRef.current}
                element={selected}
                dossierFields={def.dossierFields}
                readOnly={!editable}
                revision={revision}
              />
            ) : null}
          </Card>
        </Flex>
      </Flex>
      {problems && problems.length === 0 ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={ct("designer.valid")}
          data-testid="validation-ok"
        />
      ) : null}
      {problems?.length ? (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={
            <Typography.Text type="danger">
              {ct("designer.problems", { count: problems.length })}
            </Typography.Text>
          }
          data-testid="problems"
        >
          <List
            size="small"
            dataSource={problems}
            renderItem={(p) => (
              <List.Item
                style={{ cursor: p.elementId ? "pointer" : undefined }}
                onClick={() => focus(p.elementId)}
                data-element-id={p.elementId ?? ""}
              >
                {p.message}
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card size="small" style={{ marginTop: 16 }} title={ct("designer.versions")}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={def.versions}
          data-testid="versions"
          columns={[
            {
              title: "#",
              dataIndex: "version",
              render: (n: number, row) => (
                <Button type="link" size="small" onClick={() => setSearch({ version: row.id })}>
                  {ct("designer.version", { n })}
                </Button>
              ),
            },
            {
              title: ct("procedure.status"),
              dataIndex: "status",
              render: (s: TVersionStatus) => (
                <Tag color={statusColors[s]}>{label(versionStatusLabels, s)}</Tag>
              ),
            },
            {
              title: ct("designer.total"),
              dataIndex: "totalHours",
              render: (h: number | null) =>
                h === null ? "—" : ct("designer.hoursDays", { hours: h, days: days(h) }),
            },
            {
              title: ct("designer.decisionNumber"),
              render: (_, row) =>
                row.decisionNumber
                  ? ct("designer.decision", {
                      number: row.decisionNumber,
                      date: formatDate(row.decisionDate),
                    })
                  : "—",
            },
            { title: ct("designer.effectiveFrom"), dataIndex: "effectiveFrom", render: formatDate },
            {
              title: "",
              render: (_, row) =>
                row.id !== versionId ? (
                  <Button
                    size="small"
                    onClick={() => setCompareWith(row.id)}
                    data-testid={`compare-${row.version}`}
                  >
                    {ct("designer.compare")}
                  </Button>
                ) : null,
            },
          ]}
        />
        {diff.data ? <VersionDiff diff={diff.data} /> : null}
      </Card>
      <Modal
        open={dialog !== null}
        title={dialog ? ct(`designer.${dialog}`) : ""}
        onCancel={() => setDialog(null)}
        onOk={submitDialog}
        confirmLoading={action.isPending}
        okButtonProps={{ "data-testid": "dialog-ok" } as Record<string, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog === "approve" ? (
            <>
              <Form.Item
                name="decisionNumber"
                label={ct("designer.decisionNumber")}
                rules={[{ required: true }]}
              >
                <Input data-testid="decision-number" placeholder="215/QĐ-UBND" />
              </Form.Item>
              <Form.Item name="decisionDate" label={ct("designer.decisionDate")} rules={[{ required: true }]}>
                <DatePicker format="DD/MM/YYYY" data-testid="decision-date" style={{ width: "100%" }} />
              </Form.Item>
              <Form.Item name="note" label={ct("designer.note")}>
                <Input.TextArea />
              </Form.Item>
            </>
          ) : null}
          {dialog === "reject" ? (
            <Form.Item name="reason" label={ct("designer.reason")} rules={[{ required: true }]}>
              <Input.TextArea data-testid="reject-reason" />
            </Form.Item>
          ) : null}
          {dialog === "publish" ? (
            <Form.Item name="effectiveFrom" label={ct("designer.effectiveFrom")} rules={[{ required: true }]}>
              <DatePicker format="DD/MM/YYYY" data-testid="effective-from" style={{ width: "100%" }} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
