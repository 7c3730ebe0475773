import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import {
  commonRequiredDocuments,
  DossierDocumentKind,
  type TDossierDocument,
  type TDossierDocumentKind,
  type TDossierDocumentList,
} from "@eiso/contracts";
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Modal,
  Radio,
  Select,
  Skeleton,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { showError, showSuccess } from "../api/feedback";
import { ItemList } from "../common/ItemList";
import { QueryError } from "../common/QueryState";
import { useLang } from "../i18n";
import { documentLink, formatSize, useDossierDocuments, useUploadDocument } from "./document-queries";
import { useDt } from "./i18n";
import { formatShortDateTime } from "./labels";
import type { TDossierDetail } from "./queries";

/**
 * "Tài liệu hồ sơ": the files attached to the dossier grouped by kind (every version, the replaced
 * ones marked), the documents its active steps need with ✓/✗, and the upload for officers who may.
 */
export function DossierDocumentsCard({ dossier }: { dossier: TDossierDetail }) {
  const dt = useDt();
  const docs = useDossierDocuments(dossier.id);
  const [uploading, setUploading] = useState(false);
  const data = docs.data;
  const mayUpload = !!data?.upload.kinds.length;
  return (
    <Card
      title={
        <span>
          <PaperClipOutlined /> {dt("docs.title")}
        </span>
      }
      data-testid="dossier-documents"
      extra={
        mayUpload ? (
          <Button
            size="small"
            type="primary"
            icon={<UploadOutlined />}
            onClick={() => setUploading(true)}
            data-testid="document-upload"
          >
            {dt("docs.upload")}
          </Button>
        ) : null
      }
    >
      {docs.error && !data ? (
        <QueryError error={docs.error} onRetry={() => void docs.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={12}>
          <Requirements requirements={data.requirements} />
          <DocumentGroups dossierId={dossier.id} items={data.items} />
          {!mayUpload &&
          ["returned", "archived", "refused", "stopped", "withdrawn"].includes(dossier.status) ? (
            <Typography.Text type="secondary">{dt("docs.readOnly")}</Typography.Text>
          ) : null}
        </Flex>
      )}
      {uploading && data ? (
        <UploadModal dossier={dossier} list={data} onClose={() => setUploading(false)} />
      ) : null}
    </Card>
  );
}

function Requirements({ requirements }: { requirements: TDossierDocumentList["requirements"] }) {
  const dt = useDt();
  if (!requirements.length) return null;
  return (
    <>
      {requirements.map((r) => (
        <Alert
          key={r.stepId}
          type={r.documents.every((d) => d.attached) ? "success" : "warning"}
          showIcon={false}
          data-testid="document-requirements"
          title={dt("docs.required", { step: r.stepName })}
          description={
            <Flex vertical gap={2} style={{ marginTop: 4 }}>
              {r.documents.map((d) => (
                <span key={d.label} data-testid="required-document" data-attached={d.attached}>
                  {d.attached ? (
                    <CheckCircleFilled style={{ color: "#389e0d" }} aria-label={dt("docs.attached")} />
                  ) : (
                    <CloseCircleFilled style={{ color: "#cf1322" }} aria-label={dt("docs.missing")} />
                  )}{" "}
                  {d.label}
                </span>
              ))}
            </Flex>
          }
        />
      ))}
    </>
  );
}

function DocumentGroups({ dossierId, items }: { dossierId: string; items: TDossierDocument[] }) {
  const dt = useDt();
  const lang = useLang();
  if (!items.length)
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dt("docs.empty")} style={{ margin: 0 }} />
    );
  // Newest first within a kind; a replaced version stays listed below its successor.
  const sorted = [...items].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
  return (
    <>
      {DossierDocumentKind.options.map((kind) => {
        const rows = sorted.filter((d) => d.kind === kind);
        if (!rows.length) return null;
        return (
          <div key={kind} data-testid={`documents-${kind}`}>
            <Typography.Text strong>{dt(`docs.kinds.${kind}`)}</Typography.Text>
            <ItemList
              items={rows.map((d) => ({
                key: d.id,
                title: (
                  <span style={d.supersededAt ? { opacity: 0.55 } : undefined} data-testid="document-row">
                    <Typography.Text strong={!d.supersededAt}>{d.label}</Typography.Text>
                    <Typography.Text type="secondary"> · {d.fileName}</Typography.Text>
                    {d.supersededAt ? <Tag style={{ marginLeft: 8 }}>{dt("docs.superseded")}</Tag> : null}
                    {d.releasedAt ? (
                      <Tag color="green" style={{ marginLeft: 8 }}>
                        {dt("docs.released")}
                      </Tag>
                    ) : null}
                  </span>
                ),
                description: [
                  d.uploadedByName,
                  formatShortDateTime(d.uploadedAt),
                  formatSize(d.size, lang),
                  d.stepName ? dt("docs.forStep", { step: d.stepName }) : null,
                ]
                  .filter(Boolean)
                  .join(" · "),
                extra: (
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={documentLink(dossierId, d.id)}
                    aria-label={`${dt("docs.download")} ${d.fileName}`}
                    data-testid="document-download"
                  />
                ),
              }))}
            />
          </div>
        );
      })}
    </>
  );
}

interface UploadValues {
  kind: TDossierDocumentKind;
  stepId?: string;
  label: string;
  replaces?: string;
}

function UploadModal({
  dossier,
  list,
  onClose,
}: {
  dossier: TDossierDetail;
  list: TDossierDocumentList;
  onClose: () => void;
}) {
  const dt = useDt();
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<UploadValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useUploadDocument(dossier.id);
  const { kinds, steps, maxBytes } = list.upload;
  const firstKind: TDossierDocumentKind = kinds.includes("working") ? "working" : kinds[0]!;
  const kind = Form.useWatch("kind", form) ?? firstKind;
  const stepId = Form.useWatch("stepId", form);
  const maxSize = formatSize(maxBytes, lang);

  // Labels the chosen step still needs come first, then every required label, then the papers the
  // applicant handed in (for scans), then what agencies usually attach.
  const needed = list.requirements.filter((r) => !stepId || r.stepId === stepId);
  const missingFirst = [
    ...needed.flatMap((r) => r.documents.filter((d) => !d.attached)),
    ...needed.flatMap((r) => r.documents.filter((d) => d.attached)),
  ].map((d) => d.label);
  const suggestions = [
    ...(kind === "submitted" ? dossier.documents.map((d) => d.name) : missingFirst),
    ...(kind === "submitted" ? [] : commonRequiredDocuments.map((c) => c.vi)),
  ].filter((label, i, all) => all.indexOf(label) === i);
  const required = new Set(missingFirst);
  const replaceable = list.items.filter((d) => d.kind === kind && !d.supersededAt);

  const submit = async () => {
    const v = await form.validateFields();
    if (!file) {
      setFileError(dt("docs.fileRequired"));
      return;
    }
    try {
      const saved = await upload.mutateAsync({
        file,
        kind: v.kind,
        label: v.label.trim(),
        stepId: v.kind === "submitted" ? undefined : v.stepId,
        replaces: v.replaces,
      });
      showSuccess(dt("docs.uploaded", { label: saved.label }));
      onClose();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal
      open
      title={dt("docs.uploadTitle")}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => {})}
      confirmLoading={upload.isPending}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        name="dossier-document"
        data-testid="document-form"
        initialValues={{
          kind: firstKind,
          stepId: firstKind === "submitted" ? undefined : steps[0]?.id,
          label: firstKind === "submitted" ? undefined : missingFirst[0],
        }}
      >
        <Form.Item name="kind" label={dt("docs.kind")}>
          <Radio.Group
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: dt(`docs.kinds.${k}`) }))}
            onChange={() => form.setFieldsValue({ replaces: undefined })}
          />
        </Form.Item>
        {kind !== "submitted" && steps.length ? (
          <Form.Item
            name="stepId"
            label={dt("docs.step")}
            rules={kind === "working" ? [{ required: true, message: dt("docs.stepRequired") }] : []}
          >
            <Select
              allowClear={kind === "result" && kinds.includes("submitted")}
              placeholder={dt("docs.noStep")}
              options={steps.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="document-step"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="label"
          label={dt("docs.label")}
          extra={dt("docs.labelHint")}
          rules={[{ required: true, whitespace: true, message: dt("docs.labelRequired") }, { max: 200 }]}
        >
          <AutoComplete
            data-testid="document-label"
            options={suggestions.map((label) => ({
              value: label,
              label: (
                <Flex justify="space-between" gap={8}>
                  <span>{label}</span>
                  {required.has(label) ? <Tag color="orange">{dt("docs.requiredTag")}</Tag> : null}
                </Flex>
              ),
            }))}
            filterOption={(input, option) =>
              String(option?.value ?? "")
                .toLowerCase()
                .includes(input.toLowerCase())
            }
          />
        </Form.Item>
        {replaceable.length ? (
          <Form.Item name="replaces" label={dt("docs.replaces")} extra={dt("docs.replacesHint")}>
            <Select
              allowClear
              options={replaceable.map((d) => ({ value: d.id, label: `${d.label} · ${d.fileName}` }))}
              onChange={(id) => {
                const old = replaceable.find((d) => d.id === id);
                if (old) form.setFieldsValue({ label: old.label });
              }}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={dt("docs.file")}
          required
          extra={dt("docs.fileHint", { size: maxSize })}
          validateStatus={fileError ? "error" : undefined}
          help={fileError ?? undefined}
        >
          <Upload
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
            maxCount={1}
            beforeUpload={(f) => {
              if (f.size > maxBytes) {
                setFileError(dt("docs.tooLarge", { name: f.name, size: maxSize }));
                setFile(null);
                return Upload.LIST_IGNORE;
              }
              setFileError(null);
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />} data-testid="document-choose">
              {dt("docs.choose")}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
