import { api, seg } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { Loaded, useLoad } from "./common.tsx";
import { useDate } from "./ScoreCommon.tsx";
import type { HistoryPoint } from "./ScoreTypes.ts";

/** Every scoring run's result for one body, oldest first. */
export function ScoreHistory({ code, bodyId }: { code: string; bodyId: string }) {
  const { t, num } = useI18n();
  const date = useDate();
  const state = useLoad(
    () => api.get<HistoryPoint[]>(`/evaluations/${seg(code)}/results/${seg(bodyId)}/history`),
    [code, bodyId],
  );
  return (
    <Loaded state={state}>
      {(points) =>
        points.length === 0 ? (
          <p className="muted">{t("尚无计分记录。", "No scoring runs yet.")}</p>
        ) : (
          <table data-testid="history-table">
            <caption className="visually-hidden">{t("历次计分", "Scoring runs")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("计分批次", "Run")}</th>
                <th scope="col">{t("时间", "Time")}</th>
                <th scope="col" className="num">
                  {t("总分", "Score")}
                </th>
                <th scope="col" className="num">
                  {t("名次", "Rank")}
                </th>
                <th scope="col">{t("档级", "Tier")}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.run}>
                  <th scope="row">#{p.run}</th>
                  <td>{date(p.at)}</td>
                  <td className="num">{num(p.score)}</td>
                  <td className="num">{num(p.rank, 0)}</td>
                  <td>{p.tier ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Loaded>
  );
}
