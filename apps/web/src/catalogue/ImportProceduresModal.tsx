import type { TProcedureImportPreview } from "@eiso/contracts";
import { Alert, Button, Modal, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { showError, showSuccess } from "../api/feedback";
import { useCt } from "./i18n";
import { useImportProcedures } from "./queries";

/** Import from XLSX/CSV: preview first (good rows and errors by row and column), then apply. */
export function ImportProceduresModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ct = useCt();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TProcedureImportPreview | null>(null);
  const run = useImportProcedures();
  const close = () => {
    setFile(null);
    setPreview(null);
    onClose();
  };
  const go = async (apply: boolean) => {
    if (!file) return;
    try {
      const result = await run.mutateAsync({ file, apply });
      setPreview(result);
      if (apply) showSuccess(ct("import.done", { created: result.created, updated: result.updated }));
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Modal
      open={open}
      width={900}
      title={ct("import.title")}
      onCancel={close}
      footer={
        <Space>
          <Button onClick={close}>OK</Button>
          <Button
            disabled={!file}
            loading={run.isPending}
            onClick={() => go(false)}
            data-testid="import-preview"
          >
            {ct("import.preview")}
          </Button>
          <Button
            type="primary"
            disabled={!preview || preview.applied || !preview.rows.length}
            loading={run.isPending}
            onClick={() => go(true)}
            data-testid="import-apply"
          >
            {ct("import.apply", { count: preview?.rows.length ?? 0 })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{ct("import.hint")}</Typography.Paragraph>
      <Upload
        accept=".xlsx,.csv"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setPreview(null);
          return false;
        }}
        onRemove={() => setFile(null)}
      >
        <Button data-testid="import-choose">{ct("import.choose")}</Button>
      </Upload>
      {preview ? (
        <div style={{ marginTop: 16 }} data-testid="import-result">
          <Space style={{ marginBottom: 8 }}>
            <Tag color="green">{ct("import.ok", { count: preview.rows.length })}</Tag>
            <Tag color={preview.errors.length ? "red" : "default"}>
              {ct("import.bad", { count: preview.errors.length })}
            </Tag>
          </Space>
          {preview.applied ? (
            <Alert
              type="success"
              showIcon
              title={ct("import.done", { created: preview.created, updated: preview.updated })}
            />
          ) : null}
          {preview.errors.length ? (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              dataSource={preview.errors}
              pagination={{ pageSize: 8 }}
              columns={[
                { title: ct("import.row"), dataIndex: "row", width: 70 },
                { title: ct("import.column"), dataIndex: "column", width: 180 },
                { title: ct("import.message"), dataIndex: "message" },
              ]}
            />
          ) : null}
          <Table
            size="small"
            rowKey="row"
            dataSource={preview.rows}
            pagination={{ pageSize: 8 }}
            columns={[
              { title: ct("import.row"), dataIndex: "row", width: 70 },
              { title: ct("procedure.code"), dataIndex: "code", width: 120 },
              { title: ct("procedure.name"), dataIndex: "name" },
              {
                title: ct("import.action"),
                dataIndex: "action",
                width: 110,
                render: (a: "create" | "update") => ct(a === "create" ? "import.create" : "import.update"),
              },
            ]}
          />
        </div>
      ) : null}
    </Modal>
  );
}
