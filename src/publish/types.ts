import type { TieRule } from "../scoring/types.ts";

/**
 * What a release is made from, in memory. A scores file (`scores-csv.ts`) and evaluations in the
 * database (`from-evaluations.ts`) both give rows that `build-input.ts` turns into this value.
 */
export interface ReleaseInput {
  /** Edition year, e.g. 2022; used in titles and in the year-over-year sentence. */
  readonly year?: number | undefined;
  readonly previousYear?: number | undefined;
  /** Dimension columns in file order (the extra numeric columns of the scores file). */
  readonly dimensions: readonly string[];
  readonly evaluations: readonly ReleaseEvaluation[];
  /** The previous edition, same shape, for year-over-year comparisons. */
  readonly previous?: readonly ReleaseEvaluation[] | undefined;
  readonly cases?: readonly PracticeCase[] | undefined;
  readonly evidence?: readonly EvidenceLink[] | undefined;
}

export type Presentation = "tiers" | "ranking" | "both";

export interface ReleaseEvaluation {
  readonly name: string;
  readonly nameEn?: string | undefined;
  readonly ranking: TieRule;
  /** 档 or 级, as the evaluation's tier values were written (卓越档, 卓越级). */
  readonly tierSuffix: "档" | "级";
  /** Its tier names best first, without the 档/级 suffix (from its framework, or --tiers). */
  readonly tierLadder: readonly string[];
  /** The tiers its release lists by name (the seed lists 卓越 and 优秀 only). */
  readonly publishedTiers: readonly string[];
  readonly present: Presentation;
  readonly categories: readonly ReleaseCategory[];
}

export interface ReleaseCategory {
  readonly name: string;
  readonly nameEn?: string | undefined;
  readonly entries: readonly ReleaseEntry[];
}

export interface ReleaseEntry {
  /** The name the release prints, as written in the scores file. */
  readonly body: string;
  readonly bodyEn?: string | undefined;
  /** The registry id when the name was matched against the registry. */
  readonly bodyId?: string | undefined;
  /**
   * The evaluated unit when known (a release from the database: `body:ID` or `app:ID`), so that a
   * unit ranked in two categories is counted once in the evaluation's figures.
   */
  readonly unit?: string | undefined;
  /** GB/T 2260 code (or bmNN) used to order tier lists. */
  readonly divisionCode?: string | undefined;
  /** Explicit order (official order of State Council departments, or the file's order column). */
  readonly order?: number | undefined;
  readonly score?: number | undefined;
  /** Place within the category; computed from the score when the file has none. */
  readonly rank?: number | undefined;
  /** Tier name without suffix (卓越), or undefined. */
  readonly tier?: string | undefined;
  readonly dimensions: Readonly<Record<string, number | undefined>>;
}

export interface PracticeCase {
  readonly title: string;
  readonly body: string;
  /** Kind of case (数字政府类, 政府网站类 …), optional. */
  readonly kind?: string | undefined;
}

export interface EvidenceLink {
  readonly body: string;
  readonly title: string;
  readonly url: string;
}
