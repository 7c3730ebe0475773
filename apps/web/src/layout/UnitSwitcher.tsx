import { ApartmentOutlined } from "@ant-design/icons";
import { Flex, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { showSuccess } from "../api/feedback";
import { useCurrentSession, useSwitchUnit } from "../auth/session";

/** Shows the working unit; officers with roles at several units switch between them here. */
export function UnitSwitcher() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const switchUnit = useSwitchUnit();
  const active = session.scopeUnits.find((u) => u.id === session.activeUnitId) ?? session.scopeUnits[0];
  const label = (
    <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
      <ApartmentOutlined /> {t("layout.currentUnit")}:
    </Typography.Text>
  );
  if (session.scopeUnits.length <= 1) {
    return (
      <Flex align="center" gap={8} style={{ minWidth: 0 }} data-testid="current-unit">
        {label}
        <Typography.Text strong ellipsis style={{ maxWidth: 420 }}>
          {active?.name ?? t("common.none")}
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }} data-testid="current-unit">
      {label}
      <Select
        aria-label={t("layout.switchUnit")}
        value={active?.id}
        loading={switchUnit.isPending}
        style={{ minWidth: 260, maxWidth: 420 }}
        popupMatchSelectWidth={false}
        showSearch={{ optionFilterProp: "label" }}
        options={session.scopeUnits.map((u) => ({ value: u.id, label: u.name }))}
        onChange={(unitId: string) =>
          switchUnit.mutate(unitId, {
            onSuccess: () =>
              showSuccess(
                t("layout.switched", { unit: session.scopeUnits.find((u) => u.id === unitId)?.name ?? "" }),
              ),
          })
        }
      />
    </Flex>
  );
}
