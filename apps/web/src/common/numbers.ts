import { useMemo } from "react";
import { type Lang, useLang } from "../i18n";

/**
 * Numbers as the interface language writes them: Vietnamese "1.234,5" and "64,29%", English
 * "1,234.5" and "64.29%". Every number the screens show goes through here, so a page never mixes
 * the two (XLSX exports are numbers in cells, formatted by the spreadsheet).
 */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}:${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

/** "0,5", "1.234" (vi); "0.5", "1,234" (en): at most `maximumFractionDigits` decimals, none trailing. */
export function formatNumber(value: number, lang: Lang, maximumFractionDigits = 2): string {
  return numberFormat(lang, maximumFractionDigits).format(value);
}

/** A percentage already ×100 (the statistics' rates): "64,29%" / "64.29%"; "—" when there is none. */
export function formatPercent(value: number | null | undefined, lang: Lang): string {
  return value == null ? "—" : `${formatNumber(value, lang)}%`;
}

/** The formatters in the current interface language; they change with it. */
export function useNumberFormat() {
  const lang = useLang();
  return useMemo(
    () => ({
      number: (value: number, maximumFractionDigits?: number) =>
        formatNumber(value, lang, maximumFractionDigits),
      percent: (value: number | null | undefined) => formatPercent(value, lang),
      /** For antd's `<Statistic formatter>`: its own writes "1,234" whatever the language. */
      statistic: (value: number | string) => (typeof value === "number" ? formatNumber(value, lang) : value),
    }),
    [lang],
  );
}
