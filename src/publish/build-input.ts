import { rankDescending } from "../scoring/rank.ts";
import type { TieRule } from "../scoring/types.ts";
import { problem, ReleaseInputError } from "./input-error.ts";
import { officialDepartmentOrder } from "./official-order.ts";
import type { ScoreRow, ScoresFile } from "./scores-csv.ts";
import type { Presentation, ReleaseCategory, ReleaseEntry, ReleaseEvaluation } from "./types.ts";

/** What the registry knows about a name in a scores file. */
export interface RegistryMatch {
  readonly bodyId: string;
  readonly divisionCode?: string | undefined;
  /** Other names of the same body (name and short name), to find its official order. */
  readonly names: readonly string[];
}
export type RegistryLookup = (name: string) => RegistryMatch | undefined;

/** An evaluation's tier ladder (best first, without 档/级) and the tiers its release lists. */
export interface TierSettings {
  readonly tierLadder: readonly string[];
  readonly publishedTiers: readonly string[];
}

/** The national release's tiers, when nothing else is said; its lists name the top two. */
export const DEFAULT_TIERS = ["卓越", "优秀", "良好", "发展"] as const;

export interface BuildOptions extends Partial<TierSettings> {
  /** The ranking convention when the file has no rank column: dense (the national release) by default. */
  readonly ranking: TieRule;
  readonly rankingFor?: Readonly<Record<string, TieRule>>;
  readonly presentFor?: Readonly<Record<string, Presentation>>;
  /** Round scores to this many decimals before ranking (as a printed table would tie them). */
  readonly roundDigits?: number | undefined;
  readonly lookup?: RegistryLookup | undefined;
  /** Evaluations with tiers of their own (a release from the database: each framework's ladder). */
  readonly tiersFor?: Readonly<Record<string, TierSettings>>;
}

export function tiersOf(options: BuildOptions, evaluation: string): TierSettings {
  const own = options.tiersFor?.[evaluation];
  if (own) return own;
  const tierLadder = options.tierLadder ?? DEFAULT_TIERS;
  return { tierLadder, publishedTiers: options.publishedTiers ?? tierLadder.slice(0, 2) };
}

/** Groups a scores file into evaluations → categories → entries, in the file's order, with ranks. */
export function buildEvaluations(scores: ScoresFile, options: BuildOptions): ReleaseEvaluation[] {
  const problems = [];
  const official = officialDepartmentOrder();
  const byEvaluation = new Map<string, ScoreRow[]>();
  for (const r of scores.rows) {
    const list = byEvaluation.get(r.evaluation) ?? [];
    list.push(r);
    byEvaluation.set(r.evaluation, list);
  }
  const evaluations: ReleaseEvaluation[] = [];
  for (const [name, rows] of byEvaluation) {
    const ranking = options.rankingFor?.[name] ?? options.ranking;
    const byCategory = new Map<string, ScoreRow[]>();
    for (const r of rows) {
      const list = byCategory.get(r.category) ?? [];
      list.push(r);
      byCategory.set(r.category, list);
    }
    const categories: ReleaseCategory[] = [];
    for (const [category, members] of byCategory) {
      const withRank = members.filter((m) => m.rank !== undefined);
      // A row without a score needs no rank (a unit vetoed or not scored has none).
      const missing = members.find((m) => m.rank === undefined && m.score !== undefined);
      if (withRank.length > 0 && missing) {
        problems.push(
          problem(
            scores.file,
            missing.line,
            "rank",
            `类别「${category}」中有的行有名次、有的没有：有得分的行要么全给，要么全不给（由得分计算）`,
            `category "${category}" gives ranks for some rows only: give all of them or none (computed from scores)`,
          ),
        );
        continue;
      }
      const computed =
        withRank.length === 0
          ? rankDescending(
              members.map((m) => m.score ?? Number.NaN),
              ranking,
              options.roundDigits,
            )
          : undefined;
      const entries = members.map((m, i): ReleaseEntry => {
        const match = options.lookup?.(m.body);
        const names = [m.body, ...(match?.names ?? [])];
        const officialOrder = names.map((n) => official.get(n)).find((o) => o !== undefined);
        const r = computed ? computed[i] : m.rank;
        return {
          body: m.body,
          bodyEn: m.bodyEn,
          bodyId: match?.bodyId,
          unit: m.unit,
          divisionCode: m.divisionCode ?? match?.divisionCode,
          order: m.order ?? officialOrder,
          score: m.score,
          rank: r === undefined || Number.isNaN(r) ? undefined : r,
          tier: m.tier,
          dimensions: m.dimensions,
        };
      });
      categories.push({ name: category, nameEn: members.find((m) => m.categoryEn)?.categoryEn, entries });
    }
    const hasTiers = rows.some((r) => r.tier !== undefined);
    const tiers = tiersOf(options, name);
    evaluations.push({
      name,
      nameEn: rows.find((r) => r.evaluationEn)?.evaluationEn,
      ranking,
      tierSuffix: rows.find((r) => r.tierSuffix)?.tierSuffix ?? "档",
      tierLadder: tiers.tierLadder,
      publishedTiers: tiers.publishedTiers,
      present: options.presentFor?.[name] ?? (hasTiers ? "tiers" : "ranking"),
      categories,
    });
  }
  if (problems.length > 0) throw new ReleaseInputError(problems);
  return evaluations;
}
