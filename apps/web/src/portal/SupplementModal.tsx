import { PaperClipOutlined } from "@ant-design/icons";
import type { TOnlineSubmission, TPortalFile } from "@eiso/contracts";
import { Alert, Button, Flex, Input, List, Modal, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useDt } from "../dossiers/i18n";
import { formatShortDateTime } from "../dossiers/labels";
import { useSupplementOnline, useUploadPortalFile } from "./queries";

/**
 * The applicant answers a request to supplement (form 02) online: one paper per item asked, each
 * with its scans, and a note for the desk.
 */
export function SupplementModal({
  submission: s,
  onClose,
}: {
  submission: TOnlineSubmission;
  onClose: () => void;
}) {
  const dt = useDt();
  const { t } = useTranslation();
  const request = s.supplementRequest!;
  const send = useSupplementOnline(s.id);
  const uploadFile = useUploadPortalFile();
  const [scans, setScans] = useState<Record<string, TPortalFile[]>>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const papers = request.items.map((item) => item.slice(0, 300));
  const attached = papers.filter((p) => scans[p]?.length);

  const attach = async (paper: string, file: File) => {
    setUploading(paper);
    setError(null);
    try {
      const saved = await uploadFile.mutateAsync(file);
      setScans((x) => ({ ...x, [paper]: [...(x[paper] ?? []), saved] }));
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
      else throw e;
    } finally {
      setUploading(null);
    }
  };

  const submit = async () => {
    setError(null);
    try {
      await send.mutateAsync({
        note: note.trim() || null,
        documents: attached.map((p) => ({
          name: p,
          originals: 0,
          copies: 1,
          fileIds: (scans[p] ?? []).map((f) => f.id),
        })),
      });
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setError(e.message);
      else throw e;
    }
  };

  return (
    <Modal
      open
      title={dt("portal.supplementTitle", { code: s.dossierCode ?? "" })}
      okText={dt("portal.supplementSend")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: attached.length === 0, id: "supplement-send" }}
      confirmLoading={send.isPending}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {dt("portal.supplementHint", { at: formatShortDateTime(request.at) })}
      </Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={papers}
        data-testid="supplement-papers"
        renderItem={(paper) => (
          <List.Item
            actions={[
              <Upload
                key="attach"
                accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
                showUploadList={false}
                beforeUpload={(file) => {
                  void attach(paper, file).catch(() => {});
                  return false;
                }}
              >
                <Button size="small" icon={<PaperClipOutlined />} loading={uploading === paper}>
                  {dt("portal.attach")}
                </Button>
              </Upload>,
            ]}
          >
            <Flex vertical gap={4}>
              <span>{paper}</span>
              {scans[paper]?.length ? (
                <Flex gap={4} wrap>
                  {scans[paper]!.map((f) => (
                    <Tag
                      key={f.id}
                      closable
                      icon={<PaperClipOutlined />}
                      onClose={() =>
                        setScans((x) => ({ ...x, [paper]: (x[paper] ?? []).filter((y) => y.id !== f.id) }))
                      }
                      data-testid="supplement-scan"
                    >
                      {f.name}
                    </Tag>
                  ))}
                </Flex>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
      <Input.TextArea
        rows={2}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={dt("portal.noteLabel")}
        style={{ marginTop: 12 }}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}
