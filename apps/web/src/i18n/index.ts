import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { setApiLanguage } from "../api/client";
import { en } from "./en";
import { type Messages, vi } from "./vi";

export type Lang = "vi" | "en";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = "eiso.lang";

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

const initial = storedLang();
setApiLanguage(initial);
document.documentElement.lang = initial;
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: "vi",
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the interface language, remembers it, and asks the API for messages in it. */
export async function changeLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

/** The current interface language. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === "en" ? "en" : "vi";
}

/** Picks the current language's text from a `{ vi, en }` label record (roleLabels, unitKindLabels…). */
export function useLabel() {
  const lang = useLang();
  return <K extends string>(labels: Record<K, Record<Lang, string>>, key: K): string =>
    labels[key]?.[lang] ?? key;
}

export { i18n };
