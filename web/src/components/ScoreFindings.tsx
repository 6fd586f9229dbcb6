import { Link, useParams } from "react-router";
import { seg } from "../api.ts";
import { useI18n, useName } from "../i18n.tsx";
import { asText, ExternalLink, useDate, useOutcomeName } from "./ScoreCommon.tsx";
import type { CheckOutcome, Finding, Findings } from "./ScoreTypes.ts";

/** How many findings of one check are listed before "and N more". */
const SHOWN = 50;

const ORDER: Record<string, number> = { fail: 0, error: 1, warn: 2, pass: 3, "not-applicable": 4 };

function useSeverityName(): (s: string | null) => string {
  const { t } = useI18n();
  return (s) =>
    s === "critical"
      ? t("严重", "critical")
      : s === "major"
        ? t("重要", "major")
        : s === "minor"
          ? t("一般", "minor")
          : s === "info"
            ? t("提示", "info")
            : (s ?? "—");
}

function useFieldName(): (k: string) => string {
  const { t } = useI18n();
  const names: Record<string, string> = {
    target: t("目标", "target"),
    status: t("HTTP 状态", "HTTP status"),
    missing: t("缺少", "missing"),
    declared: t("声明的编码", "declared charset"),
    detected: t("检测到的编码", "detected charset"),
    error: t("错误", "error"),
    text: t("文本", "text"),
  };
  return (k) => names[k] ?? k;
}

/** A field of a finding: a URL as a link, a list joined, anything else as text (never as HTML). */
function FieldValue({ v }: { v: unknown }) {
  if (typeof v === "string" && /^https?:\/\//i.test(v)) return <ExternalLink href={v} />;
  if (Array.isArray(v) && v.every((x) => typeof x !== "object" || x === null))
    return <span className="sc-crawled">{v.map((x) => asText(x)).join("、")}</span>;
  return <span className="sc-crawled">{asText(v)}</span>;
}

/** One finding: its page (a link, shown as text), its other fields, its WARC record. Crawled text stays text. */
function FindingItem({ f }: { f: Finding }) {
  const { t } = useI18n();
  const field = useFieldName();
  const { code, bodyId } = useParams();
  const rest = Object.entries(f).filter(([k]) => k !== "page" && k !== "record" && k !== "check");
  return (
    <li>
      {typeof f.page === "string" && (
        <div>
          <span className="muted">{t("页面：", "Page: ")}</span>
          <ExternalLink href={f.page} />
        </div>
      )}
      {rest.map(([k, v]) => (
        <div key={k}>
          <span className="muted">
            {field(k)}
            {t("：", ": ")}
          </span>
          <FieldValue v={v} />
        </div>
      ))}
      {typeof f.record === "string" && (
        <div className="muted sc-small">
          {t("存档记录：", "Archive record: ")}
          {code && bodyId ? (
            <Link to={`/evaluations/${seg(code)}/bodies/${seg(bodyId)}/records/${seg(f.record)}`}>
              <code>{f.record}</code>
            </Link>
          ) : (
            <code>{f.record}</code>
          )}
        </div>
      )}
    </li>
  );
}

function CheckDetails({ c }: { c: CheckOutcome }) {
  const { t } = useI18n();
  const name = useName();
  const total = Math.max(c.count ?? 0, c.findings.length);
  const more = total - Math.min(SHOWN, c.findings.length);
  return (
    <details className="sc-finding-details">
      <summary className="sc-summary">
        {name(c.title) || c.check}
        {t(`（${total} 条发现）`, ` (${total} findings)`)}
      </summary>
      <ul className="sc-findings">
        {c.findings.slice(0, SHOWN).map((f, i) => (
          // Findings have no id; their order in the report is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <FindingItem key={i} f={f} />
        ))}
      </ul>
      {more > 0 && <p className="muted">{t(`另有 ${more} 条未列出。`, `${more} more not listed.`)}</p>}
    </details>
  );
}

/** The latest inspection report of each of the body's sites: every check's outcome and its findings. */
export function ScoreFindings({ data }: { data: Findings }) {
  const { t } = useI18n();
  const name = useName();
  const date = useDate();
  const outcome = useOutcomeName();
  const severity = useSeverityName();
  if (data.inspections.length === 0)
    return (
      <p className="muted">
        {t("尚未巡检本单位的网站。", "None of the body's sites has been inspected yet.")}
      </p>
    );
  return (
    <>
      {data.inspections.map((ins) => {
        const checks = [...ins.checks].sort((a, b) => (ORDER[a.outcome] ?? 2) - (ORDER[b.outcome] ?? 2));
        const failed = checks.filter((c) => c.outcome === "fail").length;
        return (
          <section key={ins.site} className="sc-inspection">
            <h3>
              <ExternalLink href={ins.site}>{ins.site}</ExternalLink>
            </h3>
            <p className="muted">
              {t(
                `巡检完成于 ${date(ins.finishedAt)}，抓取 ${ins.pages} 个页面；${checks.length} 项检查中 ${failed} 项未通过。`,
                `Inspected ${date(ins.finishedAt)}, ${ins.pages} pages; ${failed} of ${checks.length} checks failed.`,
              )}
            </p>
            <div className="sc-table-scroll">
              <table className="sc-compact">
                <caption className="visually-hidden">
                  {t(`${ins.site} 的检查结果`, `Checks of ${ins.site}`)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("检查项", "Check")}</th>
                    <th scope="col">{t("严重程度", "Severity")}</th>
                    <th scope="col">{t("结果", "Outcome")}</th>
                    <th scope="col" className="num">
                      {t("发现", "Findings")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {checks.map((c) => (
                    <tr key={c.check}>
                      <th scope="row">
                        {name(c.title) || c.check}
                        <span className="sc-code"> {c.check}</span>
                      </th>
                      <td>{severity(c.severity)}</td>
                      <td>
                        <span className={`sc-badge sc-outcome-${c.outcome}`}>{outcome(c.outcome)}</span>
                      </td>
                      <td className="num">{Math.max(c.count ?? 0, c.findings.length)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {checks.some((c) => c.findings.length > 0) && (
              <p className="sc-details-head">
                {t("各检查项的发现（点击展开）：", "Findings by check (select to expand):")}
              </p>
            )}
            {checks
              .filter((c) => c.findings.length > 0)
              .map((c) => (
                <CheckDetails key={c.check} c={c} />
              ))}
          </section>
        );
      })}
    </>
  );
}
