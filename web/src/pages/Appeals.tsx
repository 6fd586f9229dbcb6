import { useState } from "react";
import { useParams } from "react-router";
import { api, seg } from "../api.ts";
import { Loaded, PageTitle, Status, useLoad } from "../components/common.tsx";
import {
  type Framework,
  loadBodies,
  loadEvaluation,
  loadFramework,
  type TargetBody,
} from "../components/WorkApi.ts";
import { type Appeal, AppealFileForm, type Decided, DecisionForm } from "../components/WorkAppealForms.tsx";
import { EvaluationLinks, TotalChange, useDate, useLabels } from "../components/WorkCommon.tsx";
import { useI18n, useName } from "../i18n.tsx";
import { useSession } from "../session.tsx";

const OPEN_FOR_APPEALS = new Set(["scoring", "review"]);

function useAppealWords() {
  const { t } = useI18n();
  const name = useName();
  return {
    state: (s: Appeal["state"]) =>
      ({ open: t("待裁定", "open"), accepted: t("已接受", "accepted"), rejected: t("已驳回", "rejected") })[
        s
      ],
    kind: (k: Appeal["targetKind"]) =>
      k === "finding" ? t("巡检发现", "finding") : t("指标数值", "indicator value"),
    target: (a: Appeal, fw: Framework) => {
      if (a.targetKind === "finding") return a.target;
      const n = fw.nodes.find((x) => x.code === a.target);
      return n ? `${name(n.name)} (${a.target})` : a.target;
    },
  };
}

function AppealTable({
  appeals,
  fw,
  bodyName,
}: {
  appeals: Appeal[];
  fw: Framework;
  bodyName: (id: string) => string;
}) {
  const { t } = useI18n();
  const w = useAppealWords();
  const date = useDate();
  if (appeals.length === 0) return <p>{t("尚无复核申请。", "No appeals yet.")}</p>;
  return (
    <table>
      <caption className="visually-hidden">{t("复核申请", "Appeals")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("编号", "No.")}</th>
          <th scope="col">{t("单位", "Body")}</th>
          <th scope="col">{t("复核对象", "Contested")}</th>
          <th scope="col">{t("理由", "Reason")}</th>
          <th scope="col">{t("提交时间", "Filed")}</th>
          <th scope="col">{t("状态", "State")}</th>
          <th scope="col">{t("裁定理由", "Decision reason")}</th>
        </tr>
      </thead>
      <tbody>
        {appeals.map((a) => (
          <tr key={a.id}>
            <th scope="row">#{a.id}</th>
            <td>{bodyName(a.bodyId)}</td>
            <td>
              <span className="muted">
                {w.kind(a.targetKind)}
                {t("：", ": ")}
              </span>
              <span className="work-url">{w.target(a, fw)}</span>
            </td>
            <td className="work-pre">{a.reason}</td>
            <td>{date(a.filedAt)}</td>
            <td>
              <span
                className={`work-badge ${a.state === "open" ? "work-badge-pending" : a.state === "accepted" ? "work-badge-ok" : "work-badge-no"}`}
              >
                {w.state(a.state)}
              </span>
            </td>
            <td className="work-pre">{a.decisionReason ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The latest decision: what was decided, the run it triggered, and the total before → after. */
function DecidedPanel({ d, bodyName }: { d: Decided; bodyName: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="decided-h" className="panel">
      <h2 id="decided-h">{t("最近一次裁定", "Latest decision")}</h2>
      <p>
        {d.state === "accepted"
          ? t(
              `复核申请 #${d.appeal.id}（${bodyName}）已接受。`,
              `Appeal #${d.appeal.id} (${bodyName}) accepted.`,
            )
          : t(
              `复核申请 #${d.appeal.id}（${bodyName}）已驳回。`,
              `Appeal #${d.appeal.id} (${bodyName}) rejected.`,
            )}{" "}
        {d.run !== null
          ? t(`已重新计分（批次 #${d.run}）。`, `Scores recomputed (run #${d.run}).`)
          : t("驳回不改变得分。", "A rejection does not change the score.")}
      </p>
      <TotalChange
        before={d.before.total}
        after={d.after.total}
        runBefore={d.before.run}
        runAfter={d.after.run}
      />
    </section>
  );
}

export default function Appeals() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const L = useLabels();
  const { account, isStaff } = useSession();
  const w = useAppealWords();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [decided, setDecided] = useState<Decided | null>(null);
  const state = useLoad(async () => {
    const [appeals, fw, bodies, evaluation] = await Promise.all([
      api.get<Appeal[]>(`/evaluations/${seg(code)}/appeals`),
      loadFramework(code),
      loadBodies(code).catch(() => [] as TargetBody[]),
      loadEvaluation(code).catch(() => null),
    ]);
    return { appeals, fw, bodies, evaluation };
  }, [code, version]);
  const title = t(`复核申请 · ${code}`, `Appeals · ${code}`);
  const canFile = isStaff || (account?.role === "submitter" && account.bodyId !== null);
  return (
    <section className="work-scope">
      <PageTitle title={title}>{title}</PageTitle>
      <EvaluationLinks code={code} />
      <Status message={status} />
      <Loaded state={state}>
        {({ appeals, fw, bodies, evaluation }) => {
          const bodyName = (id: string) => bodies.find((b) => b.bodyId === id)?.name ?? id;
          const open = appeals.filter((a) => a.state === "open");
          return (
            <>
              {evaluation && !OPEN_FOR_APPEALS.has(evaluation.status) && (
                <p className="work-warn">
                  {t(
                    `该评估处于“${L.status(evaluation.status)}”阶段；复核仅在评分和复核阶段受理和裁定。`,
                    `This evaluation is in the “${L.status(evaluation.status)}” stage; appeals are taken and decided only while scoring or in review.`,
                  )}
                </p>
              )}
              {decided && <DecidedPanel d={decided} bodyName={bodyName(decided.appeal.bodyId)} />}
              <section aria-labelledby="appeals-h">
                <h2 id="appeals-h">{t("复核申请列表", "Appeals")}</h2>
                <AppealTable appeals={appeals} fw={fw} bodyName={bodyName} />
              </section>
              {isStaff && (
                <section aria-labelledby="open-h">
                  <h2 id="open-h">{t("待裁定", "Awaiting a decision")}</h2>
                  {open.length === 0 && <p>{t("没有待裁定的申请。", "Nothing to decide.")}</p>}
                  {open.map((a) => (
                    <section key={a.id} aria-labelledby={`open-${a.id}`} className="panel">
                      <h3 id={`open-${a.id}`}>
                        {t(`复核申请 #${a.id}`, `Appeal #${a.id}`)} · {bodyName(a.bodyId)}
                      </h3>
                      <p>
                        <span className="muted">
                          {w.kind(a.targetKind)}
                          {t("：", ": ")}
                        </span>
                        <span className="work-url">{w.target(a, fw)}</span>
                      </p>
                      <p className="work-pre">{a.reason}</p>
                      <DecisionForm
                        code={code}
                        appeal={a}
                        fw={fw}
                        bodyName={bodyName(a.bodyId)}
                        onDecided={(d) => {
                          setDecided(d);
                          setStatus(
                            d.state === "accepted"
                              ? t(`复核申请 #${a.id} 已接受。`, `Appeal #${a.id} accepted.`)
                              : t(`复核申请 #${a.id} 已驳回。`, `Appeal #${a.id} rejected.`),
                          );
                          setVersion((v) => v + 1);
                        }}
                      />
                    </section>
                  ))}
                </section>
              )}
              {canFile && (
                <section aria-labelledby="file-h" className="panel">
                  <h2 id="file-h">{t("申请复核", "File an appeal")}</h2>
                  <AppealFileForm
                    code={code}
                    fw={fw}
                    bodies={bodies}
                    fixedBody={isStaff ? null : (account?.bodyId ?? null)}
                    onFiled={(m) => {
                      setStatus(m);
                      setVersion((v) => v + 1);
                    }}
                  />
                </section>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
