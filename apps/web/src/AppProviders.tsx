import { QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, theme } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import { type ReactNode, useEffect, useMemo, useState } from "react";
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

const REDUCED_MOTION = "(prefers-reduced-motion: reduce)";

/** Whether the operating system asks for less motion (an accessibility setting), kept up to date. */
function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => window.matchMedia?.(REDUCED_MOTION).matches ?? false);
  useEffect(() => {
    const query = window.matchMedia?.(REDUCED_MOTION);
    if (!query) return;
    const onChange = () => setReduced(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return reduced;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const lang = useLang();
  dayjs.locale(lang === "en" ? "en" : "vi");
  // Officers who turned animations off in their system get dialogs, menus and drawers without them.
  const reducedMotion = useReducedMotion();
  const themeConfig = useMemo(
    () => ({ ...eisoTheme, token: { ...eisoTheme.token, motion: !reducedMotion } }),
    [reducedMotion],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === "en" ? enUS : viVN} theme={themeConfig}>
        {/* Messages below the header bar, so they do not cover page and drawer titles. */}
        <AntApp message={{ top: 64, maxCount: 3 }}>
          <FeedbackBridge />
          {children}
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
