import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api, seg } from "../api.ts";
import { ErrorBox, Loaded, PageTitle, Status, useLoad } from "../components/common.tsx";
import {
  ancestors,
  type Consensus,
  evidenceList,
  type Framework,
  loadBodies,
  loadEvaluation,
  loadFramework,
  loadResult,
  type Task,
  totalOf,
} from "../components/WorkApi.ts";
import { TotalChange, useLabels } from "../components/WorkCommon.tsx";
import { EvidencePanel } from "../components/WorkEvidence.tsx";
import { MAX_REFS, ScoreForm, type ScoreInput } from "../components/WorkScoreForm.tsx";
import { useI18n, useName } from "../i18n.tsx";
import { useSession } from "../session.tsx";

interface Outcome {
  level: string;
  consensus: Consensus;
  before: { total: number | null; run: number | null };
  after: { total: number | null; run: number | null };
  next: Task | null;
}

const OPEN = new Set(["collecting", "scoring"]);

function ConsensusNote({ c }: { c: Consensus }) {
  const { t } = useI18n();
  if (c.state === "agreed")
    return (
      <p className="work-ok">
        {t(
          `专家意见一致：等级 ${c.level}，已记入该单位的证据。`,
          `The experts agree: level ${c.level}, recorded for this body.`,
        )}
      </p>
    );
  if (c.state === "disagreed")
    return (
      <p className="work-warn">
        {t(
          `专家意见不一致（${c.levels.join("、")}），已标记，待复核人员裁定。`,
          `The experts disagree (${c.levels.join(", ")}); flagged for a reviewer to settle.`,
        )}
      </p>
    );
  return (
    <p>
      {t(
        "已记录；其他专家评分后才能确定等级。",
        "Recorded; the level stands once the other experts have scored.",
      )}
    </p>
  );
}

/** What happened after submitting: consensus, total before → after, and the next task. */
function OutcomePanel({ o }: { o: Outcome }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="outcome-h" className="panel">
      <h3 id="outcome-h">{t("评分结果", "Result of your score")}</h3>
      <p>
        {t("你给出的等级：", "Your level: ")}
        <strong>{o.level}</strong>
      </p>
      <ConsensusNote c={o.consensus} />
      <TotalChange
        before={o.before.total}
        after={o.after.total}
        runBefore={o.before.run}
        runAfter={o.after.run}
      />
      {o.after.run === o.before.run && (
        <p className="muted">
          {t(
            "总分未变：等级尚未确定（等待其他专家或存在分歧），或与原等级相同。",
            "The total has not changed: the level is not settled yet (other experts pending, or a disagreement), or it is the same as before.",
          )}
        </p>
      )}
      {o.next ? (
        <p>
          <button type="button" onClick={() => navigate(`/tasks/${o.next?.id}`)}>
            {t("下一个任务", "Next task")}
          </button>
        </p>
      ) : (
        <p>
          {t("所有任务均已评分。", "Every task is scored.")}{" "}
          <Link to="/tasks">{t("返回任务列表", "Back to the task list")}</Link>
        </p>
      )}
    </section>
  );
}

/** The indicator: name, dimension path, points, and its levels. */
function IndicatorInfo({ fw, task, bodyName }: { fw: Framework; task: Task; bodyName: string }) {
  const { t, num } = useI18n();
  const name = useName();
  const L = useLabels();
  const node = fw.nodes.find((n) => n.code === task.indicator);
  const levels = node?.source?.levels ?? {};
  const path = ancestors(fw, task.indicator);
  return (
    <dl className="work-facts">
      <div>
        <dt>{t("被评估单位", "Body")}</dt>
        <dd>{bodyName}</dd>
      </div>
      <div>
        <dt>{t("所属维度", "Dimension")}</dt>
        <dd>{path.length ? path.map((p) => name(p.name)).join(" › ") : "—"}</dd>
      </div>
      <div>
        <dt>{t("指标", "Indicator")}</dt>
        <dd>
          {node ? name(node.name) : task.indicator} <span className="muted">({task.indicator})</span>
        </dd>
      </div>
      <div>
        <dt>{t("分值", "Points")}</dt>
        <dd>{num(node?.points ?? Math.max(0, ...Object.values(levels)), 0)}</dd>
      </div>
      <div>
        <dt>{t("评分标准", "Levels")}</dt>
        <dd>
          {Object.entries(levels)
            .map(([l, p]) => L.levelPoints(l, p))
            .join(" · ")}
        </dd>
      </div>
    </dl>
  );
}

function ScoringScreen({ id }: { id: number }) {
  const { t } = useI18n();
  const name = useName();
  const { account } = useSession();
  const state = useLoad(async () => {
    const tasks = await api.get<Task[]>("/tasks");
    const task = tasks.find((x) => x.id === id);
    if (!task) throw new ApiError(404, "not-found", t("没有该任务", "No such task"));
    const [fw, bodies, evaluation] = await Promise.all([
      loadFramework(task.evaluation),
      loadBodies(task.evaluation).catch(() => []),
      loadEvaluation(task.evaluation).catch(() => null),
    ]);
    return { task, fw, bodies, evaluation };
  }, [id]);
  const [refs, setRefs] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [version, setVersion] = useState(0);

  const data = state.data;
  const node = data?.fw.nodes.find((n) => n.code === data.task.indicator);
  const indicatorName = node ? name(node.name) : (data?.task.indicator ?? "");
  const bodyName = data
    ? (data.bodies.find((b) => b.bodyId === data.task.bodyId)?.name ?? data.task.bodyId)
    : "";
  const title = data
    ? t(`专家评分：${bodyName} · ${indicatorName}`, `Expert scoring: ${bodyName} · ${indicatorName}`)
    : t("专家评分", "Expert scoring");
  const cited = refs ?? evidenceList(data?.task.evidence);

  async function submit(s: ScoreInput) {
    if (!data) return;
    const { task } = data;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const before = await loadResult(task.evaluation, task.bodyId).catch(() => null);
      const r = await api.post<{ level: string; consensus: Consensus }>(`/tasks/${seg(task.id)}/score`, s);
      const after = await loadResult(task.evaluation, task.bodyId).catch(() => null);
      const tasks = await api.get<Task[]>("/tasks").catch(() => [] as Task[]);
      const open = tasks.filter((x) => !x.level && x.id !== task.id);
      const next = open.find((x) => x.id > task.id) ?? open[0] ?? null;
      setOutcome({
        level: r.level,
        consensus: r.consensus,
        before: { total: totalOf(before), run: before?.run ?? null },
        after: { total: totalOf(after), run: after?.run ?? null },
        next,
      });
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const isExpert = account?.role === "expert";
  const closed = data?.evaluation ? !OPEN.has(data.evaluation.status) : false;
  return (
    <section className="work-scope">
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to="/tasks">{t("返回任务列表", "Back to the task list")}</Link>
      </p>
      <Loaded state={state}>
        {({ task, fw }) => (
          <div className="grid-2 work-split">
            <section aria-labelledby="indicator-h">
              <h2 id="indicator-h">{t("指标与评分", "Indicator and score")}</h2>
              <IndicatorInfo fw={fw} task={task} bodyName={bodyName} />
              {task.level && (
                <p className="muted">
                  {t(
                    `你此前给出的等级：${task.level}。可以修改后重新提交。`,
                    `You gave level ${task.level} before; you may change it and submit again.`,
                  )}
                </p>
              )}
              {!isExpert && (
                <p className="muted">
                  {t("只有被分派的专家可以提交评分。", "Only the assigned expert can submit a score.")}
                </p>
              )}
              {closed && (
                <p className="work-warn">
                  {t("该评估已不在评分阶段，不能再提交评分。", "This evaluation no longer takes scores.")}
                </p>
              )}
              <ScoreForm
                levels={node?.source?.levels ?? {}}
                initial={{ level: task.level ?? "", comment: task.comment ?? "" }}
                refs={cited}
                setRefs={setRefs}
                busy={busy}
                disabled={!isExpert || closed}
                onSubmit={submit}
              />
              <ErrorBox error={error} />
              <Status
                message={
                  outcome
                    ? t(`评分已提交：等级 ${outcome.level}。`, `Score submitted: level ${outcome.level}.`)
                    : null
                }
              />
              {outcome && <OutcomePanel o={outcome} />}
            </section>
            <EvidencePanel
              code={task.evaluation}
              bodyId={task.bodyId}
              indicator={task.indicator}
              fw={fw}
              version={version}
              onCite={(r) => {
                if (cited.length < MAX_REFS) setRefs([...cited.filter((x) => x !== r), r.slice(0, 2000)]);
              }}
              cited={new Set(cited)}
            />
          </div>
        )}
      </Loaded>
    </section>
  );
}

export default function ExpertScoring() {
  const { id } = useParams();
  return <ScoringScreen key={id} id={Number(id)} />;
}
