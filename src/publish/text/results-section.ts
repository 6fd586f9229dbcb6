import type { ReleaseEvaluation, ReleaseInput } from "../types.ts";
import { categoryText } from "./category-text.ts";
import { chineseNumber } from "./numerals.ts";
import { ORDER_NOTE_EN, ORDER_NOTE_ZH } from "./tier-lists.ts";

export type Lang = "zh" | "en";

/**
 * The results part of a release in Markdown: "一、{评估}结果", then "（一）{类别}" when an
 * evaluation has several categories, then tier lists (with the note that their order is not a
 * ranking) or ranking sentences. `index` numbers the evaluation among all of them.
 */
export function evaluationMarkdown(
  evaluation: ReleaseEvaluation,
  index: number,
  lang: Lang,
  level = 3,
): string {
  const h = "#".repeat(level);
  const out: string[] = [];
  out.push(
    lang === "zh"
      ? `${h} ${chineseNumber(index + 1)}、${evaluation.name}结果`
      : `${h} ${index + 1}. ${evaluation.nameEn ?? evaluation.name}: results`,
  );
  const several = evaluation.categories.length > 1;
  evaluation.categories.forEach((category, i) => {
    if (several) {
      out.push(
        lang === "zh"
          ? `${h}# （${chineseNumber(i + 1)}）${category.name}`
          : `${h}# (${i + 1}) ${category.nameEn ?? category.name}`,
      );
    }
    const text = categoryText(evaluation, category);
    out.push(...(lang === "zh" ? text.tierLinesZh : text.tierLinesEn));
    const ranking = lang === "zh" ? text.rankingZh : text.rankingEn;
    if (ranking) out.push(ranking);
  });
  if (evaluation.present !== "ranking") out.push(lang === "zh" ? ORDER_NOTE_ZH : ORDER_NOTE_EN);
  return out.join("\n\n");
}

export function resultsMarkdown(input: ReleaseInput, lang: Lang, only?: string): string {
  return input.evaluations
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => only === undefined || e.name === only || e.nameEn === only)
    .map(({ e, i }) => evaluationMarkdown(e, i, lang))
    .join("\n\n");
}
