import type { TDossierField } from "@eiso/contracts";
import { DatePicker, Form, Input, InputNumber, Select, Switch } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { toApiDate } from "../common/dates";

/** One dossier field by its type; dates are sent as calendar dates. */
export function DossierFieldInput({ field: f }: { field: TDossierField }) {
  const { t } = useTranslation();
  const rules = f.required ? [{ required: true, message: t("common.required", { field: f.label }) }] : [];
  const name = ["data", f.key];
  switch (f.type) {
    case "number":
      return (
        <Form.Item name={name} label={f.label} rules={rules}>
          <InputNumber style={{ width: "100%" }} data-testid={`field-${f.key}`} />
        </Form.Item>
      );
    case "date":
      return (
        <Form.Item name={name} label={f.label} rules={rules}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} data-testid={`field-${f.key}`} />
        </Form.Item>
      );
    case "boolean":
      return (
        <Form.Item name={name} label={f.label} valuePropName="checked" initialValue={false}>
          <Switch data-testid={`field-${f.key}`} />
        </Form.Item>
      );
    case "select":
      return (
        <Form.Item name={name} label={f.label} rules={rules}>
          <Select
            allowClear
            options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
            data-testid={`field-${f.key}`}
          />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={name} label={f.label} rules={rules}>
          <Input maxLength={2000} data-testid={`field-${f.key}`} />
        </Form.Item>
      );
  }
}

/** The form's values of the procedure's fields as the API takes them (dates as YYYY-MM-DD, empty left out). */
export function dossierDataOf(
  fields: TDossierField[],
  values: Record<string, unknown> | undefined,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const f of fields) {
    const raw = values?.[f.key];
    if (raw === undefined || raw === null || raw === "") continue;
    out[f.key] = f.type === "date" ? toApiDate(raw as Dayjs) : (raw as string | number | boolean);
  }
  return out;
}

/** Stored dossier data as form values (dates back to calendar days). */
export function dossierDataValues(
  fields: TDossierField[],
  data: Record<string, string | number | boolean | null>,
): Record<string, string | number | boolean | Dayjs> {
  const out: Record<string, string | number | boolean | Dayjs> = {};
  for (const f of fields) {
    const v = data[f.key];
    if (v === undefined || v === null) continue;
    out[f.key] = f.type === "date" && typeof v === "string" ? dayjs(v) : v;
  }
  return out;
}
