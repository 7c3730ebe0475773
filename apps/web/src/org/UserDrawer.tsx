import { PlusOutlined } from "@ant-design/icons";
import type { TUser } from "@eiso/contracts";
import { Button, Descriptions, Drawer, Flex, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCanAt } from "../auth/scope";
import { usePermission } from "../auth/session";
import { formatDate } from "../common/dates";
import { CreateDelegationModal, DelegationList } from "./DelegationList";
import { GrantsPanel } from "./GrantsPanel";
import { useGrants, useUnits } from "./queries";
import { UserStatusTags } from "./UserStatusTags";

/** One user's profile, roles and delegations. */
export function UserDrawer({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const can = usePermission();
  const canAt = useCanAt();
  const { data: units = [] } = useUnits(false);
  const grants = useGrants(user?.id ?? null);
  const [delegating, setDelegating] = useState(false);
  const unit = units.find((u) => u.id === user?.unitId);
  const mayDelegate = can("org.user.manage") && canAt("org.user.manage", unit);
  const kindLabel = {
    officer: t("users.kindOfficer"),
    citizen: t("users.kindCitizen"),
    business: t("users.kindBusiness"),
  };
  return (
    <Drawer
      open={!!user}
      onClose={onClose}
      size={760}
      title={user?.fullName}
      destroyOnHidden
      data-testid="user-drawer"
    >
      {user ? (
        <Tabs
          items={[
            {
              key: "profile",
              label: t("users.tabProfile"),
              children: (
                <Descriptions
                  column={1}
                  bordered
                  size="small"
                  styles={{ label: { width: 180 } }}
                  items={[
                    { key: "u", label: t("users.username"), children: user.username },
                    { key: "n", label: t("users.fullName"), children: user.fullName },
                    { key: "k", label: t("users.kind"), children: kindLabel[user.kind] },
                    { key: "unit", label: t("users.unit"), children: user.unitName ?? unit?.name ?? "—" },
                    { key: "p", label: t("users.position"), children: user.position ?? "—" },
                    { key: "e", label: t("users.email"), children: user.email ?? "—" },
                    { key: "ph", label: t("users.phone"), children: user.phone ?? "—" },
                    { key: "s", label: t("users.status"), children: <UserStatusTags user={user} /> },
                    { key: "c", label: t("users.createdAt"), children: formatDate(user.createdAt) },
                  ]}
                />
              ),
            },
            { key: "grants", label: t("users.tabGrants"), children: <GrantsPanel user={user} /> },
            {
              key: "delegations",
              label: t("users.tabDelegations"),
              children: (
                <Flex vertical gap={12}>
                  {mayDelegate ? (
                    <Flex justify="flex-end">
                      <Button icon={<PlusOutlined />} onClick={() => setDelegating(true)}>
                        {t("delegations.create")}
                      </Button>
                    </Flex>
                  ) : null}
                  <DelegationList userId={user.id} names={new Map([[user.id, user.fullName]])} />
                  <CreateDelegationModal
                    open={delegating}
                    grants={grants.data ?? []}
                    fromUserId={user.id}
                    onClose={() => setDelegating(false)}
                  />
                </Flex>
              ),
            },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
