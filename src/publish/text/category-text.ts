import { inAdministrativeOrder } from "../order.ts";
import type { ReleaseCategory, ReleaseEntry, ReleaseEvaluation } from "../types.ts";
import { type Place, placesOf, rankingSentenceEn, rankingSentenceZh } from "./ranking-sentence.ts";
import { type TierList, tierLineEn, tierLineZh } from "./tier-lists.ts";

const nameEn = (e: ReleaseEntry) => e.bodyEn ?? e.body;

/** The published tiers of a category, each with its bodies in administrative order (empty lists kept). */
export function tierListsOf(category: ReleaseCategory, publishedTiers: readonly string[]): TierList[] {
  const ordered = inAdministrativeOrder(category.entries);
  return publishedTiers.map((tier) => {
    const members = ordered.filter((e) => e.tier === tier);
    return { tier, names: members.map((e) => e.body), namesEn: members.map(nameEn) };
  });
}

/** Places of a category; bodies sharing a place in administrative order, as the seed lists them. */
export function placesOfCategory(category: ReleaseCategory): { zh: Place[]; en: Place[] } {
  const ordered = inAdministrativeOrder(category.entries);
  return {
    zh: placesOf(
      ordered,
      (e) => e.rank,
      (e) => e.body,
    ),
    en: placesOf(ordered, (e) => e.rank, nameEn),
  };
}

export interface CategoryText {
  readonly tierLinesZh: readonly string[];
  readonly tierLinesEn: readonly string[];
  readonly rankingZh: string;
  readonly rankingEn: string;
}

/**
 * The generated lines of one category, as the evaluation presents it (tier lists of its published
 * tiers, or of the tiers given, ranking, or both).
 */
export function categoryText(
  evaluation: ReleaseEvaluation,
  category: ReleaseCategory,
  publishedTiers: readonly string[] = evaluation.publishedTiers,
): CategoryText {
  const showTiers = evaluation.present !== "ranking";
  const showRanking = evaluation.present !== "tiers";
  const lists = showTiers ? tierListsOf(category, publishedTiers) : [];
  const places = showRanking ? placesOfCategory(category) : { zh: [], en: [] };
  return {
    tierLinesZh: lists.map((l) => tierLineZh(l, evaluation.tierSuffix)),
    tierLinesEn: lists.map((l) => tierLineEn(l, evaluation.tierSuffix)),
    rankingZh: rankingSentenceZh(places.zh),
    rankingEn: rankingSentenceEn(places.en),
  };
}
