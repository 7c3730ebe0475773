import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { changeLanguage, useLang } from "../i18n";

/** VI | EN switch; the choice is remembered in this browser. */
export function LanguageToggle() {
  const lang = useLang();
  const { t } = useTranslation();
  return (
    <Segmented
      size="small"
      aria-label={t("layout.language")}
      data-testid="language-toggle"
      value={lang}
      onChange={(v) => void changeLanguage(v as "vi" | "en")}
      options={[
        { label: "VI", value: "vi", title: "Tiếng Việt" },
        { label: "EN", value: "en", title: "English" },
      ]}
    />
  );
}
