import type { PracticeCase } from "../types.ts";
import type { Sentence } from "./findings.ts";
import { approximateCount } from "./share-wording.ts";

/**
 * "共征集到220余家单位推荐的640个实践案例。其中，数字政府类案例290余个。" Bodies are counted once
 * however many cases they sent; kinds are listed by number of cases, largest first.
 */
export function casesSentence(cases: readonly PracticeCase[], year?: number): Sentence | undefined {
  if (cases.length === 0) return undefined;
  const bodies = approximateCount(new Set(cases.map((c) => c.body)).size);
  const total = approximateCount(cases.length);
  const kinds = new Map<string, number>();
  for (const c of cases) if (c.kind) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const byCount = [...kinds.entries()].sort((a, b) => b[1] - a[1]);
  const lead = year === undefined ? "本次评估" : `${year}年评估工作`;
  let zh = `${lead}共征集到${bodies.zh}家单位推荐的${total.zh}个实践案例。`;
  let en = `${year === undefined ? "This edition" : `The ${year} edition`} collected ${total.en} practice cases sent by ${bodies.en} bodies.`;
  if (byCount.length > 0) {
    zh += `其中，${byCount.map(([k, n]) => `${k.endsWith("类") ? k : `${k}类`}案例${approximateCount(n).zh}个`).join("，")}。`;
    en += ` Of these, ${byCount.map(([k, n]) => `${approximateCount(n).en} are ${k}`).join(", ")}.`;
  }
  return { zh, en };
}
