import { Link } from "react-router";
import { useI18n } from "../i18n.tsx";

/** A body's total score before and after a change (a score, an appeal decision). */
export function TotalChange({
  before,
  after,
  runBefore,
  runAfter,
}: {
  before: number | null;
  after: number | null;
  runBefore: number | null;
  runAfter: number | null;
}) {
  const { t, num } = useI18n();
  const delta = before !== null && after !== null ? after - before : null;
  return (
    <dl className="work-total">
      <div>
        <dt>{t("变更前总分", "Total before")}</dt>
        <dd data-testid="total-before">{before === null ? t("尚未计分", "not scored") : num(before, 2)}</dd>
      </div>
      <div>
        <dt>{t("变更后总分", "Total after")}</dt>
        <dd data-testid="total-after">{after === null ? t("尚未计分", "not scored") : num(after, 2)}</dd>
      </div>
      <div>
        <dt>{t("变化", "Change")}</dt>
        <dd>{delta === null ? "—" : `${delta > 0 ? "+" : ""}${num(delta, 2)}`}</dd>
      </div>
      <div>
        <dt>{t("计分批次", "Scoring run")}</dt>
        <dd>
          {runBefore ?? "—"} → {runAfter ?? "—"}
        </dd>
      </div>
    </dl>
  );
}

export function useLabels() {
  const { t } = useI18n();
  return {
    outcome: (o: string) =>
      ({
        pass: t("通过", "pass"),
        fail: t("未通过", "fail"),
        warn: t("警告", "warning"),
        "not-applicable": t("不适用", "not applicable"),
      })[o] ?? o,
    severity: (s: string | null) =>
      s === null
        ? "—"
        : ({
            critical: t("严重", "critical"),
            major: t("重要", "major"),
            minor: t("一般", "minor"),
            info: t("提示", "info"),
          }[s] ?? s),
    status: (s: string) =>
      ({
        draft: t("草稿", "draft"),
        collecting: t("数据采集", "collecting"),
        scoring: t("评分", "scoring"),
        review: t("复核", "review"),
        published: t("已发布", "published"),
      })[s] ?? s,
    levelPoints: (level: string, points: number) =>
      t(`${level}（${points} 分）`, `${level} (${points} points)`),
  };
}

/** A timestamp from the API in the current language. */
export function useDate(): (s: string | null | undefined) => string {
  const { lang } = useI18n();
  return (s) => (s ? new Date(s).toLocaleString(lang === "zh" ? "zh-CN" : "en") : "—");
}

/** Where a body's or an evaluation's work screens are, for the breadcrumbs under titles. */
export function EvaluationLinks({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <p className="muted">
      <Link to={`/evaluations/${encodeURIComponent(code)}`}>
        {t("返回评估", "Back to the evaluation")} {code}
      </Link>
    </p>
  );
}
