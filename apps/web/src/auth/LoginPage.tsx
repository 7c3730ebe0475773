import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useSearchParams } from "react-router";
import { BrandMark } from "../layout/BrandMark";
import { LanguageToggle } from "../layout/LanguageToggle";
import { useLogin, useSession } from "./session";

/** Only same-app paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const login = useLogin();
  const [params] = useSearchParams();
  if (session) return <Navigate to={safeNext(params.get("next"))} replace />;
  return (
    <Flex style={{ minHeight: "100vh" }}>
      <div className="eiso-login-brand">
        <BrandMark dark size={40} subtitle={t("app.tagline")} />
        <div>
          <Typography.Title level={2} style={{ color: "#fff", marginBottom: 12 }}>
            {t("app.fullName")}
          </Typography.Title>
          <Typography.Paragraph style={{ color: "rgba(255,255,255,0.8)", fontSize: 15, maxWidth: 460 }}>
            TCVN ISO 9001:2015 · {t("menu.units")} · {t("menu.users")} · {t("menu.audit")}
          </Typography.Paragraph>
        </div>
        <Typography.Text style={{ color: "rgba(255,255,255,0.6)", fontSize: 12 }}>
          {t("app.footer")}
        </Typography.Text>
      </div>
      <Flex vertical flex={1} style={{ padding: 24 }}>
        <Flex justify="flex-end">
          <LanguageToggle />
        </Flex>
        <Flex flex={1} align="center" justify="center">
          <Card style={{ width: 400, maxWidth: "100%" }} variant="borderless">
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {t("auth.title")}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t("auth.subtitle")}</Typography.Paragraph>
            {login.error ? (
              <Alert
                type="error"
                showIcon
                title={login.error.message}
                style={{ marginBottom: 16 }}
                data-testid="login-error"
              />
            ) : null}
            <Form
              name="login"
              layout="vertical"
              requiredMark={false}
              size="large"
              onFinish={(v: { login: string; password: string }) => login.mutate(v)}
            >
              <Form.Item
                name="login"
                label={t("auth.login")}
                rules={[
                  { required: true, message: t("common.required", { field: t("auth.login").toLowerCase() }) },
                ]}
              >
                <Input
                  prefix={<UserOutlined />}
                  placeholder={t("auth.loginPlaceholder")}
                  autoComplete="username"
                  autoFocus
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t("auth.password")}
                rules={[
                  {
                    required: true,
                    message: t("common.required", { field: t("auth.password").toLowerCase() }),
                  },
                ]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                {t("auth.submit")}
              </Button>
            </Form>
            <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
              {t("auth.legal")}
            </Typography.Paragraph>
          </Card>
        </Flex>
      </Flex>
    </Flex>
  );
}
