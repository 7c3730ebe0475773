import type { TUser } from "@eiso/contracts";
import { Alert, Button, Form, Input, Modal, Space } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { showSuccess } from "../api/feedback";
import { generatePassword, newPasswordRules } from "../auth/password-rules";
import { useResetPassword } from "./queries";

/** Admin reset: a temporary password the user must change; their sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ newPassword: string }>();
  const reset = useResetPassword();
  useEffect(() => {
    if (user) {
      reset.reset();
      form.setFieldsValue({ newPassword: generatePassword() });
    }
  }, [user, form, reset.reset]);
  return (
    <Modal
      open={!!user}
      title={t("users.resetTitle", { name: user?.fullName ?? "" })}
      okText={t("users.resetPassword")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
    >
      <Alert type="warning" showIcon title={t("users.resetText")} style={{ marginBottom: 16 }} />
      {reset.error ? (
        <Alert
          type="error"
          showIcon
          title={reset.error instanceof ApiError ? reset.error.message : String(reset.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form
        name="reset-password"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          user &&
          reset.mutate(
            { id: user.id, newPassword: v.newPassword },
            {
              onSuccess: () => {
                showSuccess(t("users.resetDone"));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item label={t("auth.newPassword")} extra={t("auth.passwordRule")} required>
          <Space.Compact style={{ width: "100%" }}>
            <Form.Item name="newPassword" noStyle rules={newPasswordRules(t)}>
              <Input autoComplete="new-password" />
            </Form.Item>
            <Button onClick={() => form.setFieldValue("newPassword", generatePassword())}>
              {t("users.generate")}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
