import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  HomeOutlined,
  PartitionOutlined,
  SwapOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { TPermission } from "@eiso/contracts";
import { Divider, Flex, Layout, Menu, Typography } from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useCurrentSession } from "../auth/session";
import { useCalT } from "../calendar/i18n";
import { useCt } from "../catalogue/i18n";
import { useDossierMenu } from "../dossiers/menu";
import { BrandMark } from "./BrandMark";
import { LanguageToggle } from "./LanguageToggle";
import { UnitSwitcher } from "./UnitSwitcher";
import { UserMenu } from "./UserMenu";

interface Entry {
  path: string;
  icon: ReactNode;
  label: string;
  /** Shown only to users whose roles carry this permission. */
  permission?: TPermission;
}

/** The signed-in shell: left menu by permission, header with tenant, working unit, language, user. */
export function AppLayout() {
  const { t } = useTranslation();
  const ct = useCt();
  const calT = useCalT();
  const session = useCurrentSession();
  const dossierMenu = useDossierMenu();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const entries: Entry[] = [
    { path: "/", icon: <HomeOutlined />, label: t("menu.home") },
    { path: "/units", icon: <ApartmentOutlined />, label: t("menu.units"), permission: "org.unit.read" },
    { path: "/users", icon: <TeamOutlined />, label: t("menu.users"), permission: "org.user.read" },
    { path: "/delegations", icon: <SwapOutlined />, label: t("menu.delegations") },
    {
      path: "/catalogue",
      icon: <PartitionOutlined />,
      label: ct("menu.catalogue"),
      permission: "catalogue.read",
    },
    { path: "/calendar", icon: <CalendarOutlined />, label: calT("menu") },
    { path: "/audit", icon: <AuditOutlined />, label: t("menu.audit"), permission: "audit.read" },
  ];
  const visible = entries.filter((e) => !e.permission || session.permissions.includes(e.permission));
  const selected =
    [...visible.map((e) => e.path), ...dossierMenu.paths]
      .filter((p) => (p === "/" ? location.pathname === "/" : location.pathname.startsWith(p)))
      .at(-1) ?? "/";

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={244}
        breakpoint="lg"
        style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}
      >
        <div style={{ padding: collapsed ? "14px 16px" : "14px 20px", height: 56 }}>
          <BrandMark dark size={28} subtitle={collapsed ? undefined : t("app.tagline")} />
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          onClick={({ key }) => navigate(key)}
          items={[
            ...visible.slice(0, 1).map((e) => ({ key: e.path, icon: e.icon, label: e.label })),
            ...dossierMenu.items,
            ...visible.slice(1).map((e) => ({ key: e.path, icon: e.icon, label: e.label })),
          ]}
          data-testid="main-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            position: "sticky",
            top: 0,
            zIndex: 10,
            display: "flex",
            alignItems: "center",
            gap: 16,
            borderBottom: "1px solid #e8ebf0",
          }}
        >
          <Flex align="center" gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Typography.Text
              strong
              ellipsis
              style={{ fontSize: 15, whiteSpace: "nowrap" }}
              data-testid="tenant-name"
            >
              {session.tenant.name}
            </Typography.Text>
            <Divider orientation="vertical" />
            <UnitSwitcher />
          </Flex>
          <Flex align="center" gap={12}>
            <LanguageToggle />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
