import { ApartmentOutlined, AuditOutlined, SwapOutlined, TeamOutlined } from "@ant-design/icons";
import { roleLabels } from "@eiso/contracts";
import { Card, Col, Flex, Row, Statistic, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentSession, usePermission } from "../auth/session";
import { formatDate } from "../common/dates";
import { ItemList } from "../common/ItemList";
import { DossierDashboard } from "../dossiers/DossierDashboard";
import { useLabel } from "../i18n";
import { useUnits } from "../org/queries";

function Shortcut({ to, icon, title }: { to: string; icon: ReactNode; title: string }) {
  return (
    <Link to={to}>
      <Card hoverable size="small">
        <Flex align="center" gap={12}>
          <span style={{ fontSize: 22, color: "#1552a8" }}>{icon}</span>
          <Typography.Text strong>{title}</Typography.Text>
        </Flex>
      </Card>
    </Link>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const label = useLabel();
  const session = useCurrentSession();
  const can = usePermission();
  const units = useUnits(false, can("org.unit.read"));
  const activeUnit = session.scopeUnits.find((u) => u.id === session.activeUnitId);
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("home.welcome", { name: session.user.fullName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 15 }}>
          {t("home.intro", { unit: activeUnit?.name ?? t("common.none"), tenant: session.tenant.name })}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t("home.unitsInScope")}
              value={can("org.unit.read") ? (units.data?.length ?? "…") : t("common.none")}
              prefix={<ApartmentOutlined />}
              data-testid="home-unit-count"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t("home.rolesHeld")} value={session.grants.length} prefix={<TeamOutlined />} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t("home.tenantModel")}
              value={session.tenant.model === "two_tier" ? t("home.twoTier") : t("home.threeTier")}
              styles={{ content: { fontSize: 20 } }}
            />
          </Card>
        </Col>
      </Row>
      <DossierDashboard />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t("home.yourRoles")}>
            <ItemList
              testId="home-roles"
              items={session.grants.map((g) => ({
                key: g.id,
                title: <Typography.Text strong>{label(roleLabels, g.role)}</Typography.Text>,
                description: g.unitName,
                extra: g.validUntil ? (
                  <Tag color="orange">{t("home.delegatedUntil", { date: formatDate(g.validUntil) })}</Tag>
                ) : null,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t("home.shortcuts")}>
            <Flex vertical gap={8}>
              {can("org.unit.read") ? (
                <Shortcut to="/units" icon={<ApartmentOutlined />} title={t("menu.units")} />
              ) : null}
              {can("org.user.read") ? (
                <Shortcut to="/users" icon={<TeamOutlined />} title={t("menu.users")} />
              ) : null}
              <Shortcut to="/delegations" icon={<SwapOutlined />} title={t("menu.delegations")} />
              {can("audit.read") ? (
                <Shortcut to="/audit" icon={<AuditOutlined />} title={t("menu.audit")} />
              ) : null}
            </Flex>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
