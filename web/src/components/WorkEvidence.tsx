import { api, seg } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { Loaded, useLoad } from "./common.tsx";
import { ScoreEvidence } from "./ScoreEvidence.tsx";
import {
  type BodyResult,
  type EvidenceValue,
  type Findings,
  type Framework,
  loadResult,
  totalOf,
} from "./WorkApi.ts";
import { FindingsList } from "./WorkFindings.tsx";

/** A body's current score on one indicator and in total, from the latest scoring run. */
export function CurrentScore({
  result,
  indicator,
  fw,
}: {
  result: BodyResult | null;
  indicator: string;
  fw: Framework;
}) {
  const { t, num } = useI18n();
  if (!result) return <p className="muted">{t("该单位尚未计分。", "This body has not been scored yet.")}</p>;
  const points = fw.nodes.find((n) => n.code === indicator)?.points ?? null;
  const rootPoints = fw.nodes.find((n) => n.code === result.root)?.points ?? null;
  return (
    <dl className="work-total">
      <div>
        <dt>{t("本指标得分", "This indicator")}</dt>
        <dd>
          {num(result.scores[indicator] ?? null, 2)}
          {points !== null && ` / ${num(points, 0)}`}
        </dd>
      </div>
      <div>
        <dt>{t("总分", "Total")}</dt>
        <dd>
          {num(totalOf(result), 2)}
          {rootPoints !== null && ` / ${num(rootPoints, 0)}`}
        </dd>
      </div>
      <div>
        <dt>{t("名次", "Rank")}</dt>
        <dd>{result.ranks[result.root] ?? "—"}</dd>
      </div>
      <div>
        <dt>{t("档级", "Tier")}</dt>
        <dd>{result.tier ?? "—"}</dd>
      </div>
      <div>
        <dt>{t("计分批次", "Scoring run")}</dt>
        <dd>#{result.run}</dd>
      </div>
    </dl>
  );
}

/** The right-hand side of the scoring screen: findings, recorded values, current score. */
export function EvidencePanel({
  code,
  bodyId,
  indicator,
  fw,
  version,
  onCite,
  cited,
}: {
  code: string;
  bodyId: string;
  indicator: string;
  fw: Framework;
  version: number;
  onCite: (ref: string) => void;
  cited: ReadonlySet<string>;
}) {
  const { t } = useI18n();
  const base = `/evaluations/${seg(code)}/bodies/${seg(bodyId)}`;
  const findings = useLoad(() => api.get<Findings>(`${base}/findings`), [base]);
  const values = useLoad(() => api.get<EvidenceValue[]>(`${base}/evidence`), [base, version]);
  const result = useLoad(() => loadResult(code, bodyId), [code, bodyId, version]);
  return (
    <section aria-labelledby="evidence-h" className="work-evidence">
      <h2 id="evidence-h">{t("该单位的证据", "Evidence for this body")}</h2>
      <section aria-labelledby="score-now-h">
        <h3 id="score-now-h">{t("当前得分", "Current score")}</h3>
        <Loaded state={result}>{(r) => <CurrentScore result={r} indicator={indicator} fw={fw} />}</Loaded>
      </section>
      <section aria-labelledby="findings-h">
        <h3 id="findings-h">{t("巡检发现", "Inspection findings")}</h3>
        <Loaded state={findings}>{(f) => <FindingsList data={f} onCite={onCite} cited={cited} />}</Loaded>
      </section>
      <section aria-labelledby="values-h">
        <h3 id="values-h">{t("已记录的数值", "Values recorded")}</h3>
        <Loaded state={values}>
          {(v) => <ScoreEvidence values={v} framework={fw} caption={t("已记录的数值", "Values recorded")} />}
        </Loaded>
      </section>
    </section>
  );
}
