import { Button, Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { showSuccess } from "../api/feedback";
import { BrandMark } from "../layout/BrandMark";
import { LanguageToggle } from "../layout/LanguageToggle";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { useCurrentSession, useLogout } from "./session";

/** First sign-in with an issued password: nothing else is reachable until the officer sets their own. */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const logout = useLogout();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: "100vh", padding: 24 }}>
      <Card style={{ width: 440, maxWidth: "100%" }} data-testid="forced-password-change">
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <BrandMark subtitle={session.tenant.name} />
          <LanguageToggle />
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("auth.mustChangeTitle")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {session.user.fullName} ({session.user.username}) — {t("auth.mustChangeText")}
        </Typography.Paragraph>
        <ChangePasswordForm submitBlock onDone={() => showSuccess(t("auth.passwordChanged"))} />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => logout.mutate()}>
          {t("auth.logout")}
        </Button>
      </Card>
    </Flex>
  );
}
