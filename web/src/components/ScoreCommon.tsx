import type { ReactNode } from "react";
import { ApiError, api, seg } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { useLoad } from "./common.tsx";
import type { EvaluationStatus, Framework } from "./ScoreTypes.ts";

export const isStatus = (e: unknown, ...codes: number[]) => e instanceof ApiError && codes.includes(e.status);

export function useStatusName(): (s: EvaluationStatus | string) => string {
  const { t } = useI18n();
  return (s) => {
    switch (s) {
      case "draft":
        return t("草稿", "draft");
      case "collecting":
        return t("数据采集", "collecting data");
      case "scoring":
        return t("评分", "scoring");
      case "review":
        return t("复核", "review");
      case "published":
        return t("已发布", "published");
      default:
        return s;
    }
  };
}

/** Date and time (or date only) in the current language. */
export function useDate(): (iso: string | null | undefined, dateOnly?: boolean) => string {
  const { lang } = useI18n();
  return (iso, dateOnly = false) => {
    if (!iso) return "—";
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const locale = lang === "zh" ? "zh-CN" : "en";
    return dateOnly ? d.toLocaleDateString(locale) : d.toLocaleString(locale);
  };
}

/** A checklist verdict (合格 / 不合格 from the server) in the current language. */
export function useVerdict(): (v: string | null | undefined) => string {
  const { t } = useI18n();
  return (v) => (v === "合格" ? t("合格", "pass") : v === "不合格" ? t("不合格", "fail") : (v ?? "—"));
}

export function useOutcomeName(): (o: string) => string {
  const { t } = useI18n();
  return (o) => {
    switch (o) {
      case "pass":
        return t("通过", "pass");
      case "fail":
        return t("未通过", "fail");
      case "warn":
        return t("警告", "warning");
      case "not-applicable":
        return t("不适用", "not applicable");
      case "error":
        return t("出错", "error");
      default:
        return o;
    }
  };
}

/** Any value as short text (the API hands back JSON of unknown shape in a few places). */
export function asText(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** A recorded value in words: yes/no answers in the current language, others as text. */
export function showValue(v: unknown, t: (zh: string, en: string) => string): string {
  if (v === true) return t("是", "yes");
  if (v === false) return t("否", "no");
  return asText(v);
}

/** The evaluation's framework (node names, tiers); errors leave it undefined and are shown by the caller. */
export function useFramework(code: string) {
  return useLoad(() => api.get<Framework>(`/evaluations/${seg(code)}/framework`), [code]);
}

/** A body's display name: its name, else its short name, else its id. */
export const bodyName = (b: { name?: string | null; shortName?: string | null; bodyId: string }) =>
  b.name ?? b.shortName ?? b.bodyId;

/** A link to a crawled or registered URL: shown as text, never followed with our referrer. */
export function ExternalLink({ href, children }: { href: string; children?: ReactNode }) {
  const safe = /^https?:\/\//i.test(href);
  if (!safe) return <span>{children ?? href}</span>;
  return (
    <a href={href} rel="noopener noreferrer">
      {children ?? href}
    </a>
  );
}
