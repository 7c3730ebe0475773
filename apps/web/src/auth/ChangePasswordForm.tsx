import { Alert, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { newPasswordRules } from "./password-rules";
import { useChangePassword } from "./session";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current + new password (twice); the API's refusal (wrong current password, policy) shows inline. */
export function ChangePasswordForm({ onDone, submitBlock }: { onDone: () => void; submitBlock?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const error = change.error instanceof ApiError ? change.error.message : change.error?.message;
  return (
    <Form
      name="change-password"
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(v) =>
        change.mutate(
          { currentPassword: v.currentPassword, newPassword: v.newPassword },
          {
            onSuccess: () => {
              form.resetFields();
              onDone();
            },
          },
        )
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form.Item
        name="currentPassword"
        label={t("auth.currentPassword")}
        rules={[
          {
            required: true,
            message: t("common.required", { field: t("auth.currentPassword").toLowerCase() }),
          },
        ]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("auth.newPassword")}
        extra={t("auth.passwordRule")}
        rules={newPasswordRules(t)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("auth.confirmPassword")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("auth.passwordMismatch") },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue("newPassword")
                ? Promise.resolve()
                : Promise.reject(new Error(t("auth.passwordMismatch"))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} block={submitBlock}>
        {t("auth.changePassword")}
      </Button>
    </Form>
  );
}
