import type { YearOverYear } from "../../scoring/yoy.ts";
import { yearOverYear } from "../../scoring/yoy.ts";
import type { ReleaseEvaluation, ReleaseInput } from "../types.ts";
import type { Sentence } from "./findings.ts";
import { unitsOf } from "./findings.ts";
import { tierNameEn } from "./tier-lists.ts";

export interface EvaluationYoy {
  readonly evaluation: ReleaseEvaluation;
  readonly yoy: YearOverYear;
  readonly countsBefore: readonly number[];
  readonly countsAfter: readonly number[];
}

/**
 * Year over year per evaluation present in both editions (matched by name; units by their registry
 * unit, else by category and name), each unit once, on the current edition's tier ladder.
 */
export function compareEditions(input: ReleaseInput): EvaluationYoy[] {
  if (!input.previous) return [];
  const out: EvaluationYoy[] = [];
  for (const after of input.evaluations) {
    const before = input.previous.find((p) => p.name === after.name);
    if (!before) continue;
    const edition = (e: ReleaseEvaluation) => {
      const units = unitsOf(e);
      return {
        units: units.map((u) => u.key),
        scores: units.map((u) => u.score ?? Number.NaN),
        tiers: units.map((u) => u.tier ?? null),
      };
    };
    const b = edition(before);
    const a = edition(after);
    const ladder = after.tierLadder;
    const yoy = yearOverYear(b, a, ladder, after.ranking);
    const counts = (tiers: readonly (string | null)[]) =>
      ladder.map((t) => tiers.filter((x) => x === t).length);
    out.push({ evaluation: after, yoy, countsBefore: counts(b.tiers), countsAfter: counts(a.tiers) });
  }
  return out;
}

function changeZh(before: number, after: number): string {
  if (after > before) return `由${before}个增至${after}个`;
  if (after < before) return `由${before}个减至${after}个`;
  return `保持${after}个`;
}

function changeEn(before: number, after: number): string {
  if (after > before) return `rose from ${before} to ${after}`;
  if (after < before) return `fell from ${before} to ${after}`;
  return `stayed at ${after}`;
}

/**
 * "与2021年相比，{评估}中达到卓越档、优秀档的由8个增至10个，其余档级的由56个减至54个，档级重心上移。"
 * The centre of gravity is yoy.ts's mean tier index; it "moves up" when it gets nearer the best tier.
 */
export function yoySentences(input: ReleaseInput): Sentence[] {
  return compareEditions(input)
    .filter((c) => c.evaluation.present !== "ranking")
    .map(({ evaluation, yoy, countsBefore, countsAfter }) => {
      const published = new Set(evaluation.publishedTiers);
      const sum = (counts: readonly number[], high: boolean) =>
        evaluation.tierLadder.reduce(
          (acc, t, i) => acc + (published.has(t) === high ? (counts[i] ?? 0) : 0),
          0,
        );
      const hb = sum(countsBefore, true);
      const ha = sum(countsAfter, true);
      const lb = sum(countsBefore, false);
      const la = sum(countsAfter, false);
      const s = evaluation.tierSuffix;
      const tiersZh = evaluation.publishedTiers.map((t) => `${t}${s}`).join("、");
      const since = input.previousYear ?? (input.year === undefined ? undefined : input.year - 1);
      const moved =
        yoy.centreAfter < yoy.centreBefore ? "上移" : yoy.centreAfter > yoy.centreBefore ? "下移" : "不变";
      const movedEn =
        yoy.centreAfter < yoy.centreBefore
          ? "moved up"
          : yoy.centreAfter > yoy.centreBefore
            ? "moved down"
            : "did not move";
      const name = evaluation.nameEn ?? evaluation.name;
      return {
        zh: `${since === undefined ? "与上一届相比" : `与${since}年相比`}，${evaluation.name}中达到${tiersZh}的${changeZh(hb, ha)}，其他档级的${changeZh(lb, la)}，档级重心${moved}。`,
        en: `${since === undefined ? "Compared with the previous edition" : `Compared with ${since}`}, in the ${name} the number in the ${evaluation.publishedTiers.map(tierNameEn).join(" and ")} ${s === "档" ? "tiers" : "levels"} ${changeEn(hb, ha)} and in the other tiers ${changeEn(lb, la)}; the centre of gravity of the tier distribution ${movedEn}.`,
      };
    });
}
