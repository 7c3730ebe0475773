import type { TOnlineSubmission } from "@eiso/contracts";
import { Alert, Flex, Input, List, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useDt } from "../dossiers/i18n";
import { formatShortDateTime } from "../dossiers/labels";
import { AttachScan, ScanTags, usePaperScans } from "./PaperScans";
import { useSupplementOnline } from "./queries";

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
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const scans = usePaperScans((e) => setError(e?.message ?? null));
  const papers = request.items.map((item) => item.slice(0, 300));
  const attached = papers.filter((p) => scans.filesOf(p).length);

  const submit = async () => {
    setError(null);
    try {
      await send.mutateAsync({
        note: note.trim() || null,
        documents: attached.map((p) => ({
          name: p,
          originals: 0,
          copies: 1,
          fileIds: scans.fileIdsOf(p),
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
              <AttachScan
                key="attach"
                loading={scans.uploading === paper}
                onFile={(file) => void scans.attach(paper, file).catch(() => {})}
              />,
            ]}
          >
            <Flex vertical gap={4}>
              <span>{paper}</span>
              <ScanTags
                files={scans.filesOf(paper)}
                onRemove={(id) => scans.remove(paper, id)}
                testId="supplement-scan"
              />
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
