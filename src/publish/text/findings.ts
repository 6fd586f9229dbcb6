import type { ReleaseEntry, ReleaseEvaluation, ReleaseInput } from "../types.ts";
import { shareWording } from "./share-wording.ts";
import { tierNameEn } from "./tier-lists.ts";

export interface Sentence {
  readonly zh: string;
  readonly en: string;
}

/**
 * One finding per evaluation with tiers: the share of its units that reached its published tiers
 * ("64个被评估单位中，近40%达到优秀档及以上"), worded by shareWording from the exact count. A unit
 * listed in two categories counts once.
 */
export function tierFindings(input: ReleaseInput): Sentence[] {
  return input.evaluations
    .filter((e) => e.present !== "ranking")
    .flatMap((e): Sentence[] => {
      const lowest = e.publishedTiers[e.publishedTiers.length - 1];
      if (lowest === undefined) return [];
      const top = new Set(e.publishedTiers);
      const tiered = unitsOf(e).filter((x) => x.tier !== undefined);
      if (tiered.length === 0) return [];
      const count = tiered.filter((x) => top.has(x.tier as string)).length;
      const share = shareWording(count, tiered.length);
      const orAbove = e.publishedTiers.length > 1;
      return [
        {
          zh: `${e.name}：${tiered.length}个被评估对象中，${share.zh}（${count}个）达到${lowest}${e.tierSuffix}${orAbove ? "及以上" : ""}。`,
          en: `${e.nameEn ?? e.name}: of ${tiered.length} evaluated, ${share.en} (${count}) reached the ${tierNameEn(lowest)} ${e.tierSuffix === "档" ? "tier" : "level"}${orAbove ? " or above" : ""}.`,
        },
      ];
    });
}

export function entriesOf(e: ReleaseEvaluation) {
  return e.categories.flatMap((c) => c.entries.map((entry) => ({ category: c.name, entry })));
}

/** What identifies a unit across categories and editions: its registry unit, else category and name. */
export function unitKey(category: string, entry: ReleaseEntry): string {
  return entry.unit ?? `${category}\u0000${entry.body}`;
}

/** Each unit of an evaluation once (the first of its categories), with its key. */
export function unitsOf(e: ReleaseEvaluation): (ReleaseEntry & { key: string })[] {
  const seen = new Map<string, ReleaseEntry & { key: string }>();
  for (const { category, entry } of entriesOf(e)) {
    const key = unitKey(category, entry);
    if (!seen.has(key)) seen.set(key, { ...entry, key });
  }
  return [...seen.values()];
}
