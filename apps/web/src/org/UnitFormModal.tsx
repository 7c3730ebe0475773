import { type TUnit, type TUnitKind, UnitKind, unitKindLabels } from "@eiso/contracts";
import { Col, DatePicker, Form, Input, Modal, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { showSuccess } from "../api/feedback";
import { DATE_FORMAT, fromApiDate, toApiDate } from "../common/dates";
import { useLabel } from "../i18n";
import { useCreateUnit, useUpdateUnit } from "./queries";

export const UNIT_CODE_PATTERN = /^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}$/;

interface Values {
  code: string;
  name: string;
  shortName?: string;
  kind: TUnitKind;
  address?: string;
  phone?: string;
  email?: string;
  effectiveFrom?: Dayjs | null;
  effectiveTo?: Dayjs | null;
}

/** Shared fields of a unit (create, edit, and the new unit of a merge). */
export function UnitFields({
  withEffectiveTo = false,
  essentialOnly = false,
}: {
  withEffectiveTo?: boolean;
  /** Code, kind, name and address only (the new unit of a merge; the rest can be edited later). */
  essentialOnly?: boolean;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const req = (field: string) => ({
    required: true,
    message: t("common.required", { field: field.toLowerCase() }),
  });
  return (
    <>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item
            name="code"
            label={t("units.code")}
            tooltip={t("units.codeHint")}
            rules={[req(t("units.code")), { pattern: UNIT_CODE_PATTERN, message: t("units.codeHint") }]}
            normalize={(v: string) => v?.toUpperCase()}
          >
            <Input placeholder="000.00.00.H29" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item
            name="kind"
            label={t("units.kind")}
            rules={[
              {
                required: true,
                message: t("common.requiredSelect", { field: t("units.kind").toLowerCase() }),
              },
            ]}
          >
            <Select options={UnitKind.options.map((k) => ({ value: k, label: label(unitKindLabels, k) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="name" label={t("units.name")} rules={[req(t("units.name")), { max: 300 }]}>
        <Input />
      </Form.Item>
      {essentialOnly ? null : (
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="shortName" label={t("units.shortName")} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="email"
              label={t("units.email")}
              rules={[{ type: "email", message: t("common.invalidEmail") }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item name="address" label={t("units.address")} rules={[{ max: 500 }]}>
        <Input />
      </Form.Item>
      {essentialOnly ? null : (
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="phone" label={t("units.phone")} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="effectiveFrom" label={t("units.effectiveFrom")}>
              <DatePicker format={DATE_FORMAT} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          {withEffectiveTo ? (
            <Col span={8}>
              <Form.Item name="effectiveTo" label={t("units.effectiveTo")}>
                <DatePicker format={DATE_FORMAT} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      )}
    </>
  );
}

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Turns the shared unit fields into the API's create/update body. */
export function unitBody(v: Values) {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    shortName: blankToNull(v.shortName),
    kind: v.kind,
    address: blankToNull(v.address),
    phone: blankToNull(v.phone),
    email: blankToNull(v.email),
    effectiveFrom: toApiDate(v.effectiveFrom),
  };
}

/** Adds a sub-unit under `parent`, or edits `unit`. */
export function UnitFormModal({
  open,
  parent,
  unit,
  onClose,
  onSaved,
}: {
  open: boolean;
  parent?: TUnit | null;
  unit?: TUnit | null;
  onClose: () => void;
  onSaved?: (unit: TUnit) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const editing = !!unit;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (unit) {
      form.setFieldsValue({
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName ?? undefined,
        kind: unit.kind,
        address: unit.address ?? undefined,
        phone: unit.phone ?? undefined,
        email: unit.email ?? undefined,
        effectiveFrom: fromApiDate(unit.effectiveFrom),
        effectiveTo: fromApiDate(unit.effectiveTo),
      });
    } else {
      form.setFieldsValue({ kind: parent?.kind === "district" ? "commune" : "division" });
    }
  }, [open, unit, parent, form]);

  const submit = (v: Values) => {
    const body = unitBody(v);
    if (unit) {
      update.mutate(
        { id: unit.id, patch: { ...body, effectiveTo: toApiDate(v.effectiveTo) } },
        {
          onSuccess: (saved) => {
            showSuccess(t("units.updated"));
            onSaved?.(saved);
            onClose();
          },
        },
      );
    } else if (parent) {
      create.mutate(
        { ...body, parentId: parent.id },
        {
          onSuccess: (saved) => {
            showSuccess(t("units.created", { name: saved.name }));
            onSaved?.(saved);
            onClose();
          },
        },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t("units.editTitle") : t("units.createTitle", { parent: parent?.name ?? "" })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      width={640}
    >
      <Form name="unit" form={form} layout="vertical" onFinish={submit} data-testid="unit-form">
        <UnitFields withEffectiveTo={editing} />
      </Form>
    </Modal>
  );
}
