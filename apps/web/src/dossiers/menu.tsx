import {
  BarChartOutlined,
  CloudUploadOutlined,
  FileAddOutlined,
  InboxOutlined,
  SearchOutlined,
} from "@ant-design/icons";
import { Flex, Tooltip } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { usePermission } from "../auth/session";
import { useLang } from "../i18n";
import { useInboxCounts } from "./queries";

// The menu loads with the shell, so its few labels live here rather than in the dossier screens' bundle.
const labels = {
  group: { vi: "Hồ sơ một cửa", en: "One-stop dossiers" },
  receive: { vi: "Tiếp nhận hồ sơ", en: "Receive a dossier" },
  online: { vi: "Hồ sơ trực tuyến", en: "Online submissions" },
  onlineWaiting: { vi: "hồ sơ trực tuyến chờ tiếp nhận", en: "online submissions waiting" },
  inbox: { vi: "Hồ sơ cần xử lý", en: "My work" },
  search: { vi: "Tra cứu hồ sơ", en: "Find dossiers" },
  stats: { vi: "Thống kê", en: "Statistics" },
  overdue: { vi: "quá hạn", en: "overdue" },
  waiting: { vi: "đang chờ bạn", en: "waiting for you" },
};

/** A count on the dark menu, readable whether the entry is selected or not. */
const pill: CSSProperties = {
  minWidth: 20,
  padding: "0 6px",
  borderRadius: 10,
  color: "#fff",
  fontSize: 12,
  fontWeight: 600,
  lineHeight: "18px",
  textAlign: "center",
};

export interface DossierMenu {
  /** antd Menu items: one titled group, or nothing for users without dossier permissions. */
  items: {
    type: "group";
    key: string;
    label: string;
    children: { key: string; icon: ReactNode; label: ReactNode }[];
  }[];
  /** Paths of the entries, for the shell's selected-key logic. */
  paths: string[];
}

/** The "Hồ sơ một cửa" menu group, by permission, with the inbox counts as badges. */
export function useDossierMenu(): DossierMenu {
  const can = usePermission();
  const lang = useLang();
  const l = (k: keyof typeof labels) => labels[k][lang];
  const counts = useInboxCounts(can("dossier.process") || can("dossier.receive"));
  const onlineWaiting = counts.data?.onlineQueue ?? 0;
  const onlineLabel = (
    <Flex justify="space-between" align="center" gap={6}>
      <span>{l("online")}</span>
      {onlineWaiting ? (
        <Tooltip title={`${onlineWaiting} ${l("onlineWaiting")}`} placement="right">
          <span style={{ ...pill, background: "#d97706" }} data-testid="menu-online-count">
            {onlineWaiting}
          </span>
        </Tooltip>
      ) : null}
    </Flex>
  );
  const mine = counts.data ? counts.data.mine + counts.data.role : 0;
  const overdue = counts.data?.overdue ?? 0;
  const inboxLabel = (
    <Flex justify="space-between" align="center" gap={6}>
      <span>{l("inbox")}</span>
      <Flex gap={4}>
        {overdue ? (
          <Tooltip title={`${overdue} ${l("overdue")}`} placement="right">
            <span style={{ ...pill, background: "#e5484d" }} data-testid="menu-overdue">
              {overdue}
            </span>
          </Tooltip>
        ) : null}
        {mine ? (
          <Tooltip title={`${mine} ${l("waiting")}`} placement="right">
            <span style={{ ...pill, background: "#3b82f6" }} data-testid="menu-inbox-count">
              {mine}
            </span>
          </Tooltip>
        ) : null}
      </Flex>
    </Flex>
  );
  const children = [
    can("dossier.receive")
      ? { key: "/dossiers/receive", icon: <FileAddOutlined />, label: l("receive") }
      : null,
    can("dossier.receive")
      ? { key: "/dossiers/online", icon: <CloudUploadOutlined />, label: onlineLabel }
      : null,
    can("dossier.process") ? { key: "/dossiers/inbox", icon: <InboxOutlined />, label: inboxLabel } : null,
    can("dossier.read") ? { key: "/dossiers/search", icon: <SearchOutlined />, label: l("search") } : null,
    can("dossier.stats")
      ? { key: "/dossiers/statistics", icon: <BarChartOutlined />, label: l("stats") }
      : null,
  ].filter((x) => x !== null);
  return {
    items: children.length ? [{ type: "group", key: "dossiers", label: l("group"), children }] : [],
    // "/dossiers/" first: a dossier's own page selects no entry (rather than the home page).
    paths: children.length ? ["/dossiers/", ...children.map((c) => c.key)] : [],
  };
}
