import { Flex, Menu } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useSession } from "../auth/session";
import { useDt } from "../dossiers/i18n";
import { BrandMark } from "../layout/BrandMark";
import { LanguageToggle } from "../layout/LanguageToggle";
import { UserMenu } from "../layout/UserMenu";

/**
 * The public-service portal's frame: brand, the citizen's entries (submit online, my dossiers,
 * tracking) when a citizen is signed in, tracking and sign-in otherwise.
 */
export function PortalLayout({ children }: { children: ReactNode }) {
  const dt = useDt();
  const { t } = useTranslation();
  const { data: session } = useSession();
  const location = useLocation();
  const citizen = !!session && session.user.kind !== "officer";
  const entries = [
    ...(citizen
      ? [
          { key: "/portal/nop-ho-so", label: dt("portal.submit") },
          { key: "/portal/ho-so", label: dt("portal.mine") },
        ]
      : []),
    { key: "/portal/tra-cuu", label: dt("tracking.title") },
  ];
  const selected = entries.filter((e) => location.pathname.startsWith(e.key)).map((e) => e.key);
  return (
    <Flex vertical style={{ minHeight: "100vh", background: "#f4f6fa" }}>
      <Flex
        align="center"
        justify="space-between"
        gap={16}
        style={{ padding: "8px 24px", background: "#fff", borderBottom: "1px solid #e8ecf3" }}
      >
        <Link to={citizen ? "/portal/ho-so" : "/portal/tra-cuu"}>
          <BrandMark size={32} subtitle={t("app.tagline")} />
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={selected}
          style={{ flex: 1, minWidth: 0, borderBottom: "none", justifyContent: "flex-end" }}
          items={entries.map((e) => ({ key: e.key, label: <Link to={e.key}>{e.label}</Link> }))}
          data-testid="portal-menu"
        />
        <Flex align="center" gap={16}>
          {session ? (
            session.user.kind === "officer" ? (
              <Link to="/">{dt("portal.backOffice")}</Link>
            ) : (
              <UserMenu />
            )
          ) : (
            <Link to="/login">{dt("portal.signIn")}</Link>
          )}
          <LanguageToggle />
        </Flex>
      </Flex>
      <Flex
        vertical
        gap={16}
        style={{ width: "100%", maxWidth: 1080, margin: "24px auto", padding: "0 16px" }}
      >
        {children}
      </Flex>
    </Flex>
  );
}
