import { useState } from "react";
import { useParams } from "react-router";
import { api, seg } from "../api.ts";
import { ErrorBox, Loaded, PageTitle, Status, useLoad } from "../components/common.tsx";
import { loadBodies, type TargetBody } from "../components/WorkApi.ts";
import {
  CaseReviewForm,
  CaseSubmitForm,
  type PracticeCase,
  useCaseClass,
} from "../components/WorkCaseForms.tsx";
import { EvaluationLinks } from "../components/WorkCommon.tsx";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

interface CaseSummary {
  cases: number;
  bodies: number;
  selected: number;
  byClass: Record<string, number>;
  byLevel: Record<string, number>;
}

function useLevelName() {
  const { t } = useI18n();
  return (l: string) =>
    ({
      national: t("国家级", "national"),
      provincial: t("省级", "provincial"),
      prefectural: t("地市级", "prefectural"),
      county: t("区县级", "county"),
      township: t("乡镇级", "township"),
      other: t("其他", "other"),
    })[l] ?? l;
}

/** Counts per class and per administrative level. */
function SummaryTables({ s }: { s: CaseSummary }) {
  const { t } = useI18n();
  const className = useCaseClass();
  const levelName = useLevelName();
  const table = (
    caption: string,
    head: string,
    rows: Record<string, number>,
    label: (k: string) => string,
  ) => (
    <table className="work-narrow">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" className="num">
            {t("案例数", "Cases")}
          </th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(rows).map(([k, n]) => (
          <tr key={k}>
            <th scope="row">{label(k)}</th>
            <td className="num">{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <p>
        {t(
          `共 ${s.cases} 个案例，来自 ${s.bodies} 个单位，入选 ${s.selected} 个。`,
          `${s.cases} cases from ${s.bodies} bodies; ${s.selected} selected.`,
        )}
      </p>
      <div className="grid-2">
        {table(t("按类别", "By class"), t("类别", "Class"), s.byClass, className)}
        {table(t("按层级", "By level"), t("层级", "Level"), s.byLevel, levelName)}
      </div>
    </>
  );
}

function AttachmentCell({ c }: { c: PracticeCase }) {
  const { t } = useI18n();
  if (typeof c.attachments === "number")
    return <>{c.attachments === 0 ? "—" : t(`${c.attachments} 个`, `${c.attachments}`)}</>;
  return (
    <ul className="work-plain">
      {c.attachments.map((a) => (
        <li key={a.id}>
          <a href={`/api/cases/${seg(c.id)}/attachments/${seg(a.id)}`} download={a.name}>
            {a.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

function CaseTable({
  cases,
  bodies,
  canSelect,
  onChanged,
}: {
  cases: PracticeCase[];
  bodies: TargetBody[];
  canSelect: boolean;
  onChanged: (message: string) => void;
}) {
  const { t } = useI18n();
  const className = useCaseClass();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const select = async (c: PracticeCase) => {
    setError(null);
    setBusy(c.id);
    try {
      await api.post(`/cases/${seg(c.id)}/select`, { selected: !c.selected });
      onChanged(
        c.selected
          ? t(`已撤选：${c.title}`, `Unselected: ${c.title}`)
          : t(`已入选：${c.title}`, `Selected: ${c.title}`),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  if (cases.length === 0) return <p>{t("尚无案例。", "No cases yet.")}</p>;
  return (
    <>
      <ErrorBox error={error} />
      <table>
        <caption className="visually-hidden">{t("实践案例", "Practice cases")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("标题", "Title")}</th>
            <th scope="col">{t("类别", "Class")}</th>
            <th scope="col">{t("单位", "Body")}</th>
            <th scope="col">{t("状态", "State")}</th>
            <th scope="col" className="num">
              {t("评审分", "Score")}
            </th>
            <th scope="col">{t("入选", "Selected")}</th>
            <th scope="col">{t("附件", "Attachments")}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                #{c.id} {c.title}
                {c.summary && (
                  <details>
                    <summary>{t("摘要", "Summary")}</summary>
                    <p className="work-pre">{c.summary}</p>
                  </details>
                )}
              </th>
              <td>{className(c.class)}</td>
              <td>{bodies.find((b) => b.bodyId === c.bodyId)?.name ?? c.bodyId}</td>
              <td>
                {c.reviewScore === null ? (
                  <span className="work-badge work-badge-pending">{t("待评审", "Awaiting review")}</span>
                ) : (
                  <span className="work-badge work-badge-ok">{t("已评审", "Reviewed")}</span>
                )}
              </td>
              <td className="num">{c.reviewScore ?? "—"}</td>
              <td>
                {c.selected ? t("是", "yes") : t("否", "no")}
                {canSelect && (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="secondary work-small"
                      disabled={busy === c.id}
                      onClick={() => void select(c)}
                    >
                      {c.selected ? t("撤选", "Unselect") : t("入选", "Select")}
                      <span className="visually-hidden"> {c.title}</span>
                    </button>
                  </>
                )}
              </td>
              <td>
                <AttachmentCell c={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export default function Cases() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const { account, isStaff } = useSession();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const state = useLoad(async () => {
    const [cases, bodies] = await Promise.all([
      api.get<PracticeCase[]>(`/evaluations/${seg(code)}/cases`),
      loadBodies(code).catch(() => [] as TargetBody[]),
    ]);
    return { cases, bodies };
  }, [code, version]);
  const summary = useLoad(
    () => api.get<CaseSummary>(`/evaluations/${seg(code)}/cases/summary`),
    [code, version],
  );
  const changed = (m: string) => {
    setStatus(m);
    setVersion((v) => v + 1);
  };
  const canSubmit = isStaff || (account?.role === "submitter" && account.bodyId !== null);
  const canReview = isStaff || account?.role === "expert";
  const title = t(`实践案例 · ${code}`, `Practice cases · ${code}`);
  return (
    <section className="work-scope">
      <PageTitle title={title}>{title}</PageTitle>
      <EvaluationLinks code={code} />
      <Status message={status} />
      <Loaded state={state}>
        {({ cases, bodies }) => (
          <>
            <section aria-labelledby="cases-h">
              <h2 id="cases-h">{t("案例列表", "Cases")}</h2>
              <CaseTable cases={cases} bodies={bodies} canSelect={isStaff} onChanged={changed} />
            </section>
            <section aria-labelledby="summary-h">
              <h2 id="summary-h">{t("案例统计", "Counts")}</h2>
              <Loaded state={summary}>{(s) => <SummaryTables s={s} />}</Loaded>
            </section>
            {canReview && (
              <section aria-labelledby="review-h" className="panel">
                <h2 id="review-h">{t("评审案例", "Review a case")}</h2>
                <CaseReviewForm cases={cases} onSaved={changed} />
              </section>
            )}
            {canSubmit && (
              <section aria-labelledby="submit-h" className="panel">
                <h2 id="submit-h">{t("报送案例", "Submit a case")}</h2>
                <CaseSubmitForm
                  code={code}
                  bodies={bodies}
                  fixedBody={isStaff ? null : (account?.bodyId ?? null)}
                  onSaved={changed}
                />
              </section>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
