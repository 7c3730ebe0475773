import type { TApplicant } from "@eiso/contracts";
import { Col, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import { useDt } from "./i18n";

/** The applicant's part of a dossier form (reception at the desk, online submission). */
export interface ApplicantFormValues {
  name: string;
  idNumber?: string;
  organization?: string;
  phone?: string;
  email?: string;
  address?: string;
}

/** Name, ID number, phone, e-mail, organisation and address, checked as the API checks them. */
export function ApplicantFields({ idRequired = false }: { idRequired?: boolean }) {
  const dt = useDt();
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="name"
        label={dt("reception.name")}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t("common.required", { field: dt("reception.name") }),
          },
        ]}
      >
        <Input placeholder={dt("reception.namePlaceholder")} maxLength={200} data-testid="applicant-name" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="idNumber"
            label={dt("common.idNumber")}
            rules={[
              ...(idRequired
                ? [{ required: true, message: t("common.required", { field: dt("common.idNumber") }) }]
                : []),
              { pattern: /^[0-9A-Z]{6,20}$/, message: dt("reception.idInvalid") },
            ]}
          >
            <Input placeholder={dt("reception.idPlaceholder")} maxLength={20} data-testid="applicant-id" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label={dt("common.phone")}>
            <Input maxLength={30} data-testid="applicant-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="email"
            label={dt("common.email")}
            rules={[{ type: "email", message: t("common.invalidEmail") }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="organization" label={dt("common.organization")}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={dt("common.address")}>
        <Input maxLength={500} data-testid="applicant-address" />
      </Form.Item>
    </>
  );
}

/** The applicant as the API takes it: trimmed, empty fields as null. */
export function applicantOf(v: ApplicantFormValues): TApplicant {
  return {
    name: v.name.trim(),
    idNumber: v.idNumber?.trim() || null,
    organization: v.organization?.trim() || null,
    phone: v.phone?.trim() || null,
    email: v.email?.trim() || null,
    address: v.address?.trim() || null,
  };
}

/** A stored applicant as form values. */
export function applicantValues(a: TApplicant): ApplicantFormValues {
  return {
    name: a.name,
    idNumber: a.idNumber ?? undefined,
    organization: a.organization ?? undefined,
    phone: a.phone ?? undefined,
    email: a.email ?? undefined,
    address: a.address ?? undefined,
  };
}
