import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { type TUnitImportPreview, type TUnitKind, unitKindLabels } from "@eiso/contracts";
import { Alert, Button, Flex, Form, Modal, Table, Tabs, Tag, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { showSuccess } from "../api/feedback";
import { useCanAt } from "../auth/scope";
import { useLabel } from "../i18n";
import { useImportUnits } from "./queries";
import { UnitSelect } from "./UnitSelect";

/** Column headers of the import template, as the API accepts them (Vietnamese). */
const TEMPLATE_HEADERS = [
  "Mã định danh",
  "Tên đơn vị",
  "Tên viết tắt",
  "Loại đơn vị",
  "Mã đơn vị cấp trên",
  "Địa chỉ",
  "Điện thoại",
  "Thư điện tử",
  "Ngày hiệu lực",
];
const TEMPLATE_EXAMPLE = [
  "000.10.60.H29",
  "Phòng Nội vụ quận 10",
  "",
  "Phòng, ban chuyên môn",
  "",
  "474 Đường 3/2, Quận 10",
  "028 3862 0000",
  "",
  "2025-07-01",
];

function csvCell(v: string): string {
  return /[",\n;]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A CSV template (UTF-8 with BOM so Excel shows Vietnamese correctly). */
function downloadTemplate() {
  const text = `\uFEFF${[TEMPLATE_HEADERS, TEMPLATE_EXAMPLE].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "mau-nhap-don-vi.csv";
  a.click();
  URL.revokeObjectURL(url);
}

/** Import units from XLSX/CSV: preview (what would be created/updated, row-by-row errors), then apply. */
export function ImportUnitsModal({
  open,
  defaultParentId,
  onClose,
}: {
  open: boolean;
  defaultParentId?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const canAt = useCanAt();
  const [parentId, setParentId] = useState<string | undefined>(defaultParentId);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TUnitImportPreview | null>(null);
  const importUnits = useImportUnits();

  const { reset } = importUnits;
  useEffect(() => {
    if (open) {
      setParentId(defaultParentId);
      setFile(null);
      setPreview(null);
      reset();
    }
  }, [open, defaultParentId, reset]);

  const run = (mode: "preview" | "apply") => {
    if (!file || !parentId) return;
    importUnits.mutate(
      { file, parentId, mode },
      {
        onSuccess: (result) => {
          setPreview(result);
          if (result.applied) {
            showSuccess(t("units.importApplied", { count: result.rows.length }));
            onClose();
          }
        },
      },
    );
  };

  const error = importUnits.error instanceof ApiError ? importUnits.error : null;
  const actionTag = (a: string) =>
    a === "create" ? (
      <Tag color="green">{t("units.actionCreate")}</Tag>
    ) : a === "update" ? (
      <Tag color="blue">{t("units.actionUpdate")}</Tag>
    ) : (
      <Tag>{t("units.actionSkip")}</Tag>
    );

  return (
    <Modal
      open={open}
      title={t("units.importTitle")}
      onCancel={onClose}
      width={920}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
            {t("units.importTemplate")}
          </Button>
          <Flex gap={8}>
            <Button onClick={onClose}>{t("common.close")}</Button>
            <Button
              onClick={() => run("preview")}
              disabled={!file || !parentId}
              loading={importUnits.isPending && importUnits.variables?.mode === "preview"}
            >
              {t("units.importPreview")}
            </Button>
            <Button
              type="primary"
              onClick={() => run("apply")}
              disabled={!preview || preview.applied || preview.rows.length === 0}
              loading={importUnits.isPending && importUnits.variables?.mode === "apply"}
            >
              {t("units.importApply")}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t("units.importText")}</Typography.Paragraph>
      <Form name="import-units" layout="vertical">
        <Form.Item label={t("units.importParent")} required htmlFor="import-parent">
          <UnitSelect
            id="import-parent"
            value={parentId ?? null}
            onChange={(v) => {
              setParentId(typeof v === "string" ? v : undefined);
              setPreview(null);
            }}
            selectable={(u) => canAt("org.unit.manage", u)}
          />
        </Form.Item>
        <Form.Item label={t("units.importFile")} required>
          <Upload.Dragger
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setPreview(null);
              importUnits.reset();
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setPreview(null);
            }}
            fileList={file ? [{ uid: "1", name: file.name, status: "done" }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("units.importDrop")}</p>
            <p className="ant-upload-hint">{t("units.importFormats")}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} /> : null}
      {preview ? (
        <>
          {preview.errors.length > 0 ? (
            <Alert type="warning" showIcon title={t("units.importErrorsNote")} style={{ marginBottom: 8 }} />
          ) : null}
          <Tabs
            defaultActiveKey={preview.errors.length > 0 ? "errors" : "rows"}
            items={[
              {
                key: "rows",
                label: t("units.importRows", { count: preview.rows.length }),
                children: (
                  <Table
                    size="small"
                    rowKey="row"
                    dataSource={preview.rows}
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    data-testid="import-preview-rows"
                    columns={[
                      { title: t("units.importRow"), dataIndex: "row", width: 70 },
                      { title: t("units.code"), dataIndex: "code", width: 140 },
                      { title: t("units.name"), dataIndex: "name" },
                      {
                        title: t("units.kind"),
                        dataIndex: "kind",
                        render: (k: string) => label(unitKindLabels, k as TUnitKind),
                      },
                      { title: t("units.importParentCode"), dataIndex: "parentCode", width: 140 },
                      { title: t("units.importAction"), dataIndex: "action", width: 110, render: actionTag },
                    ]}
                  />
                ),
              },
              {
                key: "errors",
                label: (
                  <span style={preview.errors.length ? { color: "#cf1322" } : undefined}>
                    {t("units.importErrors", { count: preview.errors.length })}
                  </span>
                ),
                children: (
                  <Table
                    size="small"
                    rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                    dataSource={preview.errors}
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    locale={{ emptyText: t("units.importNoErrors") }}
                    data-testid="import-preview-errors"
                    columns={[
                      { title: t("units.importRow"), dataIndex: "row", width: 70 },
                      {
                        title: t("units.importColumn"),
                        dataIndex: "column",
                        width: 180,
                        render: (c) => c ?? "—",
                      },
                      { title: t("units.importMessage"), dataIndex: "message" },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Modal>
  );
}
