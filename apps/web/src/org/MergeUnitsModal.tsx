import type { TUnit } from "@eiso/contracts";
import { Alert, Col, DatePicker, Divider, Form, Input, Modal, Radio, Row } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { showSuccess } from "../api/feedback";
import { useCanAt } from "../auth/scope";
import { DATE_FORMAT, toApiDate } from "../common/dates";
import { useMergeUnits } from "./queries";
import { UnitFields, unitBody } from "./UnitFormModal";
import { UnitSelect } from "./UnitSelect";

interface Values {
  sourceIds: string[];
  mode: "existing" | "new";
  targetId?: string;
  parentId?: string;
  code: string;
  name: string;
  kind: TUnit["kind"];
  shortName?: string;
  address?: string;
  phone?: string;
  email?: string;
  effectiveFrom?: Dayjs | null;
  effectiveDate: Dayjs;
  decision?: string;
}

/**
 * Merges several units into an existing unit or into a newly established one (the 2025 reform).
 * `initial` pre-fills the form, e.g. the selected unit as a source.
 */
export function MergeUnitsModal({
  open,
  initialSourceIds,
  onClose,
  onMerged,
}: {
  open: boolean;
  initialSourceIds?: string[];
  onClose: () => void;
  onMerged?: (target: TUnit) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const merge = useMergeUnits();
  const canAt = useCanAt();
  const mode = Form.useWatch("mode", form);
  const sourceIds = Form.useWatch("sourceIds", form) ?? [];

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        sourceIds: initialSourceIds ?? [],
        mode: "new",
        effectiveDate: dayjs(),
        kind: "commune",
      });
    }
  }, [open, initialSourceIds, form]);

  const submit = (v: Values) => {
    const body =
      v.mode === "existing"
        ? { targetId: v.targetId! }
        : { newUnit: { ...unitBody(v), parentId: v.parentId! } };
    merge.mutate(
      {
        sourceIds: v.sourceIds,
        ...body,
        effectiveDate: toApiDate(v.effectiveDate)!,
        decision: v.decision?.trim() || null,
      },
      {
        onSuccess: (target) => {
          showSuccess(t("units.merged", { name: target.name }));
          onMerged?.(target);
          onClose();
        },
      },
    );
  };

  const manageable = (u: TUnit) => canAt("org.unit.manage", u);
  const sourceSet = new Set<string>(sourceIds);
  return (
    <Modal
      open={open}
      title={t("units.mergeTitle")}
      okText={t("units.merge")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={merge.isPending}
      width={720}
    >
      <Alert type="info" showIcon title={t("units.mergeText")} style={{ marginBottom: 16 }} />
      <Form name="merge-units" form={form} layout="vertical" onFinish={submit} data-testid="merge-form">
        <Form.Item
          name="sourceIds"
          label={t("units.mergeSources")}
          rules={[
            {
              required: true,
              message: t("common.requiredSelect", { field: t("units.mergeSources").toLowerCase() }),
            },
          ]}
        >
          <UnitSelect multiple selectable={manageable} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="effectiveDate"
              label={t("units.effectiveDate")}
              rules={[
                {
                  required: true,
                  message: t("common.requiredSelect", { field: t("units.effectiveDate").toLowerCase() }),
                },
              ]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="decision" label={t("units.decision")} rules={[{ max: 300 }]}>
              <Input placeholder={t("units.decisionPlaceholder")} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="mode" label={t("units.mergeTargetMode")}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "new", label: t("units.mergeTargetNew") },
              { value: "existing", label: t("units.mergeTargetExisting") },
            ]}
          />
        </Form.Item>
        {mode === "existing" ? (
          <Form.Item
            name="targetId"
            label={t("units.mergeTarget")}
            rules={[
              {
                required: true,
                message: t("common.requiredSelect", { field: t("units.mergeTarget").toLowerCase() }),
              },
            ]}
          >
            <UnitSelect disabledIds={sourceSet} selectable={manageable} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="parentId"
              label={t("units.mergeNewParent")}
              rules={[
                {
                  required: true,
                  message: t("common.requiredSelect", { field: t("units.mergeNewParent").toLowerCase() }),
                },
              ]}
            >
              <UnitSelect disabledIds={sourceSet} selectable={manageable} />
            </Form.Item>
            <Divider style={{ margin: "8px 0 16px" }} />
            <UnitFields essentialOnly />
          </>
        )}
      </Form>
    </Modal>
  );
}
