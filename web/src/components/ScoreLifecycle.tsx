import { useState } from "react";
import { api, seg } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";
import { ErrorBox, Status } from "./common.tsx";
import { useStatusName } from "./ScoreCommon.tsx";
import { type EvaluationStatus, LIFECYCLE } from "./ScoreTypes.ts";

/**
 * The evaluation's stages with the current one marked, and the actions staff take: move one stage
 * on (an administrator may also step back), start inspecting, score now.
 */
export function ScoreLifecycle({
  code,
  status,
  inspecting,
  onChanged,
}: {
  code: string;
  status: EvaluationStatus;
  inspecting: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { account } = useSession();
  const statusName = useStatusName();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const at = LIFECYCLE.indexOf(status);
  const next = LIFECYCLE[at + 1];
  const previous = account?.role === "admin" ? LIFECYCLE[at - 1] : undefined;

  const act = async (what: string, run: () => Promise<string>) => {
    setBusy(what);
    setError(null);
    setMessage(null);
    try {
      setMessage(await run());
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const move = (to: EvaluationStatus) =>
    act(`status-${to}`, async () => {
      await api.post(`/evaluations/${seg(code)}/status`, { status: to });
      return t(`已进入“${statusName(to)}”阶段。`, `Moved to stage “${statusName(to)}”.`);
    });
  const inspect = () =>
    act("inspect", async () => {
      await api.post(`/evaluations/${seg(code)}/inspections`, {});
      return t("巡检已开始。", "Inspection started.");
    });
  const score = () =>
    act("score", async () => {
      const r = await api.post<{ run: number; bodies: number }>(`/evaluations/${seg(code)}/score`);
      return t(`已计分：批次 #${r.run}，${r.bodies} 个单位。`, `Scored: run #${r.run}, ${r.bodies} bodies.`);
    });

  return (
    <div className="sc-lifecycle">
      <ol className="sc-stages" aria-label={t("评估阶段", "Evaluation stages")}>
        {LIFECYCLE.map((s, i) => (
          <li
            key={s}
            aria-current={s === status ? "step" : undefined}
            className={i < at ? "sc-stage-done" : s === status ? "sc-stage-current" : undefined}
          >
            {statusName(s)}
            {s === status && <span>{t("（当前）", " (current)")}</span>}
            {i < at && <span className="visually-hidden">{t("（已完成）", " (done)")}</span>}
          </li>
        ))}
      </ol>
      <div className="sc-actions">
        {next && (
          <button type="button" data-testid="status-next" disabled={busy !== null} onClick={() => move(next)}>
            {t(`推进到“${statusName(next)}”阶段`, `Move on to “${statusName(next)}”`)}
          </button>
        )}
        {previous && (
          <button
            type="button"
            className="secondary"
            data-testid="status-back"
            disabled={busy !== null}
            onClick={() => move(previous)}
          >
            {t(`退回到“${statusName(previous)}”阶段`, `Step back to “${statusName(previous)}”`)}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          data-testid="start-inspection"
          disabled={busy !== null || inspecting}
          onClick={inspect}
        >
          {inspecting ? t("巡检进行中…", "Inspection running…") : t("开始巡检", "Start inspection")}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="score-now"
          disabled={busy !== null || status === "published"}
          onClick={score}
        >
          {busy === "score" ? t("正在计分…", "Scoring…") : t("立即计分", "Score now")}
        </button>
      </div>
      <ErrorBox error={error} />
      <Status message={message} />
    </div>
  );
}
