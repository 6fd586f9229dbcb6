import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { api, seg } from "../api.ts";
import { ErrorBox, Loaded, PageTitle, Status, useLoad } from "../components/common.tsx";
import { type Framework, loadBodies, loadFramework, type TargetBody } from "../components/WorkApi.ts";
import { EvaluationLinks } from "../components/WorkCommon.tsx";
import { LevelRadios } from "../components/WorkRubric.tsx";
import { useI18n, useName } from "../i18n.tsx";

interface Disagreement {
  bodyId: string;
  indicator: string;
  scores: { expert: string; level: string | null; comment: string | null }[];
}

/** One body × indicator: the experts' levels and comments, and the reviewer's settlement. */
function DisagreementItem({
  code,
  d,
  index,
  fw,
  bodies,
  onResolved,
}: {
  code: string;
  d: Disagreement;
  index: number;
  fw: Framework;
  bodies: TargetBody[];
  onResolved: (message: string) => void;
}) {
  const { t } = useI18n();
  const name = useName();
  const node = fw.nodes.find((n) => n.code === d.indicator);
  const levels = node?.source?.levels ?? {};
  const bodyName = bodies.find((b) => b.bodyId === d.bodyId)?.name ?? d.bodyId;
  const indicatorName = node ? name(node.name) : d.indicator;
  const [level, setLevel] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const hid = `dis-${index}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!level || !reason.trim()) {
      setError(new Error(t("请选择等级并填写理由。", "Choose a level and give a reason.")));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/evaluations/${seg(code)}/disagreements/resolve`, {
        bodyId: d.bodyId,
        indicator: d.indicator,
        level,
        reason: reason.trim(),
      });
      onResolved(
        t(
          `已裁定：${bodyName} · ${indicatorName} 等级 ${level}。`,
          `Settled: ${bodyName} · ${indicatorName} at level ${level}.`,
        ),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={hid} className="panel">
      <h2 id={hid}>
        {bodyName} · {indicatorName}
      </h2>
      <table>
        <caption className="visually-hidden">{t("各专家的评分", "Each expert's score")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("专家", "Expert")}</th>
            <th scope="col">{t("等级", "Level")}</th>
            <th scope="col">{t("评语", "Comment")}</th>
          </tr>
        </thead>
        <tbody>
          {d.scores.map((s) => (
            <tr key={s.expert}>
              <th scope="row">{s.expert}</th>
              <td>
                {s.level ?? "—"}
                {s.level && levels[s.level] !== undefined && (
                  <span className="muted">
                    {" "}
                    {t(`（${levels[s.level]} 分）`, ` (${levels[s.level]} points)`)}
                  </span>
                )}
              </td>
              <td className="work-pre">{s.comment || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submit} className="work-form">
        <LevelRadios
          name={`settle-${index}`}
          legend={t("裁定等级", "Settled level")}
          levels={levels}
          value={level}
          onChange={setLevel}
        />
        <label htmlFor={`reason-${index}`}>{t("裁定理由", "Reason")}</label>
        <textarea
          id={`reason-${index}`}
          rows={3}
          value={reason}
          maxLength={5000}
          required
          onChange={(e) => setReason(e.target.value)}
          className="work-wide"
        />
        <p>
          <button type="submit" disabled={busy}>
            {t("裁定", "Settle")}
            <span className="visually-hidden">
              {" "}
              {bodyName} · {indicatorName}
            </span>
          </button>
        </p>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}

export default function Disagreements() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const state = useLoad(async () => {
    const list = await api.get<Disagreement[]>(`/evaluations/${seg(code)}/disagreements`);
    const [fw, bodies] = await Promise.all([loadFramework(code), loadBodies(code).catch(() => [])]);
    return { list, fw, bodies };
  }, [code, version]);
  const title = t(`专家意见分歧 · ${code}`, `Expert disagreements · ${code}`);
  return (
    <section className="work-scope">
      <PageTitle title={title}>{title}</PageTitle>
      <EvaluationLinks code={code} />
      <p>
        {t(
          "同一指标的两位专家给出不同等级时，等级暂不计入；复核人员在此裁定，裁定优先于专家评分。",
          "When two experts give an indicator different levels, no level counts until a reviewer settles it here; the settlement stands over the experts.",
        )}
      </p>
      <Status message={status} />
      <Loaded state={state}>
        {({ list, fw, bodies }) =>
          list.length === 0 ? (
            <p>{t("目前没有待裁定的分歧。", "No disagreements to settle.")}</p>
          ) : (
            list.map((d, i) => (
              <DisagreementItem
                key={`${d.bodyId}/${d.indicator}`}
                code={code}
                d={d}
                index={i}
                fw={fw}
                bodies={bodies}
                onResolved={(m) => {
                  setStatus(m);
                  setVersion((v) => v + 1);
                }}
              />
            ))
          )
        }
      </Loaded>
    </section>
  );
}
