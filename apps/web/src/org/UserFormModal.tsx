import { Role, roleLabels, type TRole, type TUser, tenantOnlyRoles } from "@eiso/contracts";
import { Alert, Button, Col, Form, Input, Modal, Row, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { showSuccess } from "../api/feedback";
import { generatePassword, newPasswordRules } from "../auth/password-rules";
import { useCanAt } from "../auth/scope";
import { useCurrentSession } from "../auth/session";
import { labelSearch } from "../common/fold";
import { useLabel } from "../i18n";
import { useCreateUser, useUnits, useUpdateUser } from "./queries";
import { UnitSelect } from "./UnitSelect";

const USERNAME = /^[a-z0-9._-]{3,60}$/;

interface Values {
  username: string;
  fullName: string;
  email?: string;
  phone?: string;
  position?: string;
  unitId: string;
  password: string;
  roles: TRole[];
}

/** Roles the signed-in user may hand out (system-wide roles only by a tenant administrator). */
export function useGrantableRoles(): TRole[] {
  const session = useCurrentSession();
  const isTenantAdmin = session.grants.some((g) => g.role === "tenant_admin");
  return Role.options.filter((r) => isTenantAdmin || !tenantOnlyRoles.includes(r));
}

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Creates an officer account (with roles at its unit), or edits one's profile fields. */
export function UserFormModal({
  open,
  user,
  defaultUnitId,
  onClose,
  onCreated,
}: {
  open: boolean;
  user?: TUser | null;
  defaultUnitId?: string | undefined;
  onClose: () => void;
  onCreated?: (user: TUser) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const canAt = useCanAt();
  const grantable = useGrantableRoles();
  const { data: units = [] } = useUnits(false);
  const [error, setError] = useState<string | null>(null);
  const editing = !!user;
  const unitId = Form.useWatch("unitId", form);
  const unit = units.find((u) => u.id === unitId);
  const canGrantHere = canAt("org.role.grant", unit);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        fullName: user.fullName,
        email: user.email ?? undefined,
        phone: user.phone ?? undefined,
        position: user.position ?? undefined,
        unitId: user.unitId ?? undefined,
      });
    } else {
      form.setFieldsValue({ unitId: defaultUnitId, roles: ["officer"], password: generatePassword() });
    }
  }, [open, user, defaultUnitId, form]);

  const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : String(e));
  const submit = (v: Values) => {
    if (user) {
      update.mutate(
        {
          id: user.id,
          patch: {
            fullName: v.fullName.trim(),
            email: blankToNull(v.email),
            phone: blankToNull(v.phone),
            position: blankToNull(v.position),
            unitId: v.unitId,
          },
        },
        {
          onSuccess: () => {
            showSuccess(t("users.updated"));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    create.mutate(
      {
        username: v.username.trim().toLowerCase(),
        fullName: v.fullName.trim(),
        email: blankToNull(v.email),
        phone: blankToNull(v.phone),
        position: blankToNull(v.position),
        unitId: v.unitId,
        password: v.password,
        roles: canGrantHere ? (v.roles ?? []) : [],
      },
      {
        onSuccess: (created) => {
          showSuccess(t("users.created", { username: created.username }));
          onCreated?.(created);
          onClose();
        },
        onError: fail,
      },
    );
  };

  const req = (field: string) => ({
    required: true,
    message: t("common.required", { field: field.toLowerCase() }),
  });
  return (
    <Modal
      open={open}
      title={editing ? t("users.editTitle") : t("users.createTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      width={680}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="user-form-error"
        />
      ) : null}
      <Form name="user" form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label={t("users.username")}
              tooltip={t("users.usernameHint")}
              rules={
                editing
                  ? []
                  : [req(t("users.username")), { pattern: USERNAME, message: t("users.usernameInvalid") }]
              }
              normalize={(v: string) => v?.toLowerCase()}
            >
              <Input disabled={editing} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="fullName"
              label={t("users.fullName")}
              rules={[req(t("users.fullName")), { max: 200 }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t("users.email")}
              rules={[{ type: "email", message: t("common.invalidEmail") }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t("users.phone")} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="position" label={t("users.position")} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t("users.unit")}
          rules={[
            { required: true, message: t("common.requiredSelect", { field: t("users.unit").toLowerCase() }) },
          ]}
        >
          <UnitSelect selectable={(u) => canAt("org.user.manage", u)} data-testid="user-unit" />
        </Form.Item>
        {editing ? null : (
          <>
            <Form.Item label={t("users.initialPassword")} extra={t("users.initialPasswordHint")} required>
              <Space.Compact style={{ width: "100%" }}>
                <Form.Item name="password" noStyle rules={newPasswordRules(t)}>
                  <Input autoComplete="new-password" data-testid="initial-password" />
                </Form.Item>
                <Button onClick={() => form.setFieldValue("password", generatePassword())}>
                  {t("users.generate")}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="roles" label={t("users.roles")}>
              <Select
                mode="multiple"
                showSearch={labelSearch}
                disabled={!canGrantHere}
                data-testid="user-roles"
                options={grantable.map((r) => ({ value: r, label: label(roleLabels, r) }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
