import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, theme } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import { type ReactNode, useEffect } from "react";
import { setMessageApi } from "./api/feedback";
import { queryClient } from "./api/query-client";
import { useLang } from "./i18n";
import "./styles.css";

/** Registers antd's message API (bound to the theme and locale) for code outside components. */
function FeedbackBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => setMessageApi(message), [message]);
  return null;
}

/** Theme tuned for long working days: calm blue, compact density, readable Vietnamese type. */
const eisoTheme = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: "#1552a8",
    colorInfo: "#1552a8",
    borderRadius: 6,
    fontSize: 14,
    fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: "#ffffff", siderBg: "#0f2a4f", headerHeight: 56, headerPadding: "0 20px" },
    Menu: { darkItemBg: "#0f2a4f", darkSubMenuItemBg: "#0b2140", darkItemSelectedBg: "#1552a8" },
    Tree: { titleHeight: 28 },
  },
};

export function AppProviders({ children }: { children: ReactNode }) {
  const lang = useLang();
  dayjs.locale(lang === "en" ? "en" : "vi");
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === "en" ? enUS : viVN} theme={eisoTheme}>
        {/* Messages below the header bar, so they do not cover page and drawer titles. */}
        <AntApp message={{ top: 64, maxCount: 3 }}>
          <FeedbackBridge />
          {children}
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
