import { useI18n, useName } from "../i18n.tsx";
import { type Finding, type Findings, findingKey, type InspectionCheck, safeUrl } from "./WorkApi.ts";
import { useDate, useLabels } from "./WorkCommon.tsx";

const SHOWN = 50;
const OMIT = new Set(["check", "page", "record"]);

function fieldText(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** A page address from a crawl: a link when it is a web address, text otherwise. */
export function PageLink({ url }: { url: unknown }) {
  const href = safeUrl(url);
  if (typeof url !== "string") return null;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" className="work-url">
      {url}
    </a>
  ) : (
    <span className="work-url">{url}</span>
  );
}

function FindingItem({
  f,
  check,
  onCite,
  cited,
}: {
  f: Finding;
  check: string;
  onCite?: ((ref: string) => void) | undefined;
  cited: ReadonlySet<string>;
}) {
  const { t } = useI18n();
  const ref = `finding:${findingKey(f, check)}`;
  const extra = Object.entries(f).filter(([k, v]) => !OMIT.has(k) && v !== undefined && v !== null);
  return (
    <li>
      {f.page ? <PageLink url={f.page} /> : <span className="muted">{t("（整站）", "(whole site)")}</span>}
      {extra.length > 0 && (
        <span className="work-fields">
          {extra.map(([k, v]) => (
            <span key={k}>
              {k}: {fieldText(v)}
            </span>
          ))}
        </span>
      )}
      {f.record && (
        <span className="muted">
          {" "}
          {t("存档记录", "archived record")} {String(f.record)}
        </span>
      )}
      {onCite && (
        <button
          type="button"
          className="secondary work-small"
          disabled={cited.has(ref)}
          onClick={() => onCite(ref)}
        >
          {cited.has(ref) ? t("已引用", "Cited") : t("引用为证据", "Cite as evidence")}
          <span className="visually-hidden">
            {" "}
            {check} {f.page ?? ""}
          </span>
        </button>
      )}
    </li>
  );
}

function CheckItem({
  c,
  onCite,
  cited,
}: {
  c: InspectionCheck;
  onCite?: ((ref: string) => void) | undefined;
  cited: ReadonlySet<string>;
}) {
  const { t } = useI18n();
  const name = useName();
  const L = useLabels();
  const count = c.count ?? c.findings.length;
  return (
    <li>
      <details>
        <summary>
          {name(c.title)} —{" "}
          <span className={`work-outcome work-outcome-${c.outcome}`}>{L.outcome(c.outcome)}</span>
          {" · "}
          {t("严重程度", "severity")} {L.severity(c.severity)} · {t("发现", "findings")} {count}
        </summary>
        {c.findings.length === 0 ? (
          <p className="muted">{t("没有具体发现。", "No individual findings.")}</p>
        ) : (
          <ul className="work-findings">
            {c.findings.slice(0, SHOWN).map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; the list does not reorder
              <FindingItem key={i} f={f} check={c.check} onCite={onCite} cited={cited} />
            ))}
          </ul>
        )}
        {count > Math.min(SHOWN, c.findings.length) && (
          <p className="muted">
            {t(
              `另有 ${count - Math.min(SHOWN, c.findings.length)} 条未列出。`,
              `${count - Math.min(SHOWN, c.findings.length)} more not listed.`,
            )}
          </p>
        )}
      </details>
    </li>
  );
}

/** A body's inspections: failed and warned checks with their findings, the passed ones in a line. */
export function FindingsList({
  data,
  onCite,
  cited = new Set(),
  headingLevel = 4,
}: {
  data: Findings;
  onCite?: (ref: string) => void;
  cited?: ReadonlySet<string>;
  headingLevel?: 3 | 4;
}) {
  const { t, num } = useI18n();
  const name = useName();
  const L = useLabels();
  const date = useDate();
  const H = headingLevel === 3 ? "h3" : "h4";
  if (data.inspections.length === 0)
    return <p className="muted">{t("该单位尚无巡检结果。", "This body has not been inspected yet.")}</p>;
  return (
    <>
      {data.inspections.map((ins) => {
        const open = ins.checks.filter((c) => c.outcome === "fail" || c.outcome === "warn");
        const rest = ins.checks.filter((c) => c.outcome !== "fail" && c.outcome !== "warn");
        return (
          <section key={ins.site} className="work-inspection">
            <H>
              <PageLink url={ins.site} />
            </H>
            <p className="muted">
              {t("巡检完成于", "Inspected")} {date(ins.finishedAt)} · {t("抓取页面", "pages")}{" "}
              {num(ins.pages, 0)}
              {ins.archived ? ` · ${t("有网页存档", "pages archived")}` : ""}
            </p>
            {open.length === 0 ? (
              <p>{t("所有检查均通过。", "Every check passed.")}</p>
            ) : (
              <ul className="work-checks">
                {open.map((c) => (
                  <CheckItem key={c.check} c={c} onCite={onCite} cited={cited} />
                ))}
              </ul>
            )}
            {rest.length > 0 && (
              <details>
                <summary>
                  {t(
                    `其他检查 ${rest.length} 项（通过或不适用）`,
                    `${rest.length} other checks (passed or n/a)`,
                  )}
                </summary>
                <ul>
                  {rest.map((c) => (
                    <li key={c.check}>
                      {name(c.title)} — {L.outcome(c.outcome)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
    </>
  );
}
