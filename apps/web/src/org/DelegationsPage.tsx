import { PlusOutlined } from "@ant-design/icons";
import { Button, Card } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/session";
import { PageHeader } from "../common/PageHeader";
import { CreateDelegationModal, DelegationList } from "./DelegationList";

/** "Ủy quyền": the signed-in officer's delegations, given and received. */
export default function DelegationsPage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [open, setOpen] = useState(false);
  const names = new Map([[session.user.id, session.user.fullName]]);
  const canDelegate = session.permissions.includes("org.delegation.manage");
  return (
    <>
      <PageHeader
        title={t("delegations.title")}
        subtitle={t("delegations.subtitle")}
        extra={
          canDelegate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t("delegations.create")}
            </Button>
          ) : null
        }
      />
      <Card title={t("delegations.mine")}>
        <DelegationList names={names} />
      </Card>
      <CreateDelegationModal
        open={open}
        grants={session.grants}
        fromUserId={session.user.id}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
