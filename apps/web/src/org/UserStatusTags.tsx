import type { TUser } from "@eiso/contracts";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../common/dates";

export function UserStatusTags({ user }: { user: TUser }) {
  const { t } = useTranslation();
  const locked = user.lockedUntil && new Date(user.lockedUntil) > new Date();
  return (
    <>
      {user.status === "active" ? (
        <Tag color="green">{t("users.active")}</Tag>
      ) : (
        <Tag color="red">{t("users.disabled")}</Tag>
      )}
      {user.mustChangePassword ? <Tag color="gold">{t("users.mustChange")}</Tag> : null}
      {locked ? (
        <Tag color="volcano">{t("users.lockedUntil", { time: formatDateTime(user.lockedUntil) })}</Tag>
      ) : null}
    </>
  );
}
