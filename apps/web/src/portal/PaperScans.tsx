import { PaperClipOutlined } from "@ant-design/icons";
import type { TPortalFile } from "@eiso/contracts";
import { Button, Flex, Tag, Upload } from "antd";
import { useCallback, useState } from "react";
import { ApiError } from "../api/client";
import { useDt } from "../dossiers/i18n";
import { useUploadPortalFile } from "./queries";

/** The file types the API accepts for a scan (checked again there by content). */
const SCAN_TYPES = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg";

/**
 * Scans the applicant uploads, per paper (by the paper's name): upload one (an API error goes to
 * `onError`), take one off, the ids to send with the paper.
 */
export function usePaperScans(onError: (e: ApiError | null) => void) {
  const upload = useUploadPortalFile();
  const [scans, setScans] = useState<Record<string, TPortalFile[]>>({});
  const [uploading, setUploading] = useState<string | null>(null);
  /** Uploads `file` for `paper`; true when it was stored. */
  const attach = async (paper: string, file: File): Promise<boolean> => {
    setUploading(paper);
    onError(null);
    try {
      const saved = await upload.mutateAsync(file);
      setScans((s) => ({ ...s, [paper]: [...(s[paper] ?? []), saved] }));
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      onError(e);
      return false;
    } finally {
      setUploading(null);
    }
  };
  // Stable, so that a form may reset the scans in an effect when its procedure changes.
  const reset = useCallback(() => setScans({}), []);
  const remove = (paper: string, id: string) =>
    setScans((s) => ({ ...s, [paper]: (s[paper] ?? []).filter((f) => f.id !== id) }));
  return {
    scans,
    uploading,
    attach,
    remove,
    reset,
    filesOf: (paper: string) => scans[paper] ?? [],
    fileIdsOf: (paper: string) => (scans[paper] ?? []).map((f) => f.id),
  };
}

/** The "attach a scan" button of one paper. */
export function AttachScan({
  loading,
  onFile,
  testId,
}: {
  loading: boolean;
  onFile: (file: File) => void;
  testId?: string;
}) {
  const dt = useDt();
  return (
    <Upload
      accept={SCAN_TYPES}
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <Button size="small" icon={<PaperClipOutlined />} loading={loading} data-testid={testId}>
        {dt("portal.attach")}
      </Button>
    </Upload>
  );
}

/** The scans of one paper, each removable. */
export function ScanTags({
  files,
  onRemove,
  testId,
}: {
  files: TPortalFile[];
  onRemove: (id: string) => void;
  testId: string;
}) {
  if (!files.length) return null;
  return (
    <Flex gap={4} wrap style={{ marginTop: 4 }}>
      {files.map((f) => (
        <Tag
          key={f.id}
          closable
          icon={<PaperClipOutlined />}
          onClose={() => onRemove(f.id)}
          data-testid={testId}
        >
          {f.name}
        </Tag>
      ))}
    </Flex>
  );
}
