import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Avatar, Button, Dropdown, Flex, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { showSuccess } from "../api/feedback";
import { ChangePasswordForm } from "../auth/ChangePasswordForm";
import { useCurrentSession, useLogout } from "../auth/session";

/** Initials for the avatar: Vietnamese names put the given name last ("Nguyễn Văn An" → "A"). */
function initialOf(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return (parts.at(-1)?.[0] ?? "?").toUpperCase();
}

export function UserMenu() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Dropdown
        trigger={["click"]}
        menu={{
          items: [
            {
              key: "who",
              disabled: true,
              label: (
                <div>
                  <div>{session.user.fullName}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {session.user.username}
                    {session.user.position ? ` · ${session.user.position}` : ""}
                  </Typography.Text>
                </div>
              ),
            },
            { type: "divider" },
            { key: "password", icon: <KeyOutlined />, label: t("auth.changePassword") },
            { key: "logout", icon: <LogoutOutlined />, label: t("auth.logout"), danger: true },
          ],
          onClick: ({ key }) => {
            if (key === "password") setChanging(true);
            if (key === "logout") {
              logout.mutate(undefined, {
                onSettled: () => {
                  showSuccess(t("auth.loggedOut"));
                  navigate("/login", { replace: true });
                },
              });
            }
          },
        }}
      >
        <Button type="text" data-testid="user-menu" style={{ height: 40, paddingInline: 8 }}>
          <Flex align="center" gap={8}>
            <Avatar
              size="small"
              style={{ background: "#1552a8" }}
              icon={session.user.fullName ? undefined : <UserOutlined />}
            >
              {initialOf(session.user.fullName)}
            </Avatar>
            <span style={{ maxWidth: 180, overflow: "hidden", textOverflow: "ellipsis" }}>
              {session.user.fullName}
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </Flex>
        </Button>
      </Dropdown>
      <Modal
        open={changing}
        title={t("auth.changePassword")}
        footer={null}
        onCancel={() => setChanging(false)}
        destroyOnHidden
      >
        <ChangePasswordForm
          onDone={() => {
            setChanging(false);
            showSuccess(t("auth.passwordChanged"));
          }}
        />
      </Modal>
    </>
  );
}
