import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";

// Chinese first: every string is written in both languages where it is used, t("中文", "English"),
// so that no key table can drift from the screens.
export type Lang = "zh" | "en";

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (zh: string, en: string) => string;
  /** Numbers and dates in the current language. */
  num: (n: number | null | undefined, digits?: number) => string;
}

const Ctx = createContext<I18n | null>(null);
const KEY = "govscore.lang";

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(KEY) === "en" ? "en" : "zh"));
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(KEY, l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (zh, en) => (lang === "zh" ? zh : en),
      num: (n, digits = 1) =>
        n === null || n === undefined || Number.isNaN(n)
          ? "—"
          : n.toLocaleString(lang === "zh" ? "zh-CN" : "en", {
              minimumFractionDigits: digits,
              maximumFractionDigits: digits,
            }),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}

/** A {zh, en} pair from the server (framework names, categories) in the current language. */
export function useName(): (n: { zh?: string | null; en?: string | null } | null | undefined) => string {
  const { lang } = useI18n();
  return (n) => (lang === "zh" ? (n?.zh ?? n?.en ?? "") : (n?.en ?? n?.zh ?? ""));
}
