import { useI18n, useName } from "../i18n.tsx";
import { showValue } from "./ScoreCommon.tsx";
import type { EvidenceValue, Framework } from "./ScoreTypes.ts";

function useKindName(): (k: string) => string {
  const { t } = useI18n();
  const names: Record<string, string> = {
    rubric: t("专家评级", "expert level"),
    figure: t("填报数据", "figure"),
    answer: t("填报答复", "answer"),
    manual: t("人工录入", "manual value"),
    fact: t("事实数据", "fact"),
    dismissed: t("已排除的发现", "dismissed finding"),
  };
  return (k) => names[k] ?? k;
}

/** Every value recorded for one body: expert levels, submitted figures and answers, manual values. */
export function ScoreEvidence({
  values,
  framework,
  caption,
}: {
  values: EvidenceValue[];
  framework: Framework | undefined;
  caption?: string;
}) {
  const { t } = useI18n();
  const name = useName();
  const kind = useKindName();
  const nodes = new Map((framework?.nodes ?? []).map((n) => [n.code, n]));
  if (values.length === 0)
    return <p className="muted">{t("尚无为本单位记录的数据。", "No values recorded for this body yet.")}</p>;
  return (
    <div className="sc-table-scroll">
      <table data-testid="evidence-table">
        <caption className="visually-hidden">{caption ?? t("记录的数据", "Recorded values")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("指标", "Indicator")}</th>
            <th scope="col">{t("类型", "Kind")}</th>
            <th scope="col">{t("值", "Value")}</th>
            <th scope="col">{t("来源", "Source")}</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => {
            const node = nodes.get(v.code);
            return (
              <tr key={`${v.kind}:${v.code}`}>
                <th scope="row">
                  {node ? name(node.name) : v.code}
                  {node && <span className="sc-code"> {v.code}</span>}
                </th>
                <td>{kind(v.kind)}</td>
                <td>
                  {showValue(v.value, t)}
                  {node?.source?.unit ? ` ${node.source.unit}` : ""}
                </td>
                <td className="sc-small">{v.source}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
