import { readFileSync } from "node:fs";
import { type BuildOptions, buildEvaluations, type RegistryLookup } from "./build-input.ts";
import { type InputProblem, problem, ReleaseInputError } from "./input-error.ts";
import { parseScoresCsv } from "./scores-csv.ts";
import { parseCasesCsv, parseEvidenceCsv } from "./side-csv.ts";
import type { ReleaseInput } from "./types.ts";

export interface ReleaseFiles {
  readonly scores: string;
  /** The scores file's content when it does not come from disk (a release from the database). */
  readonly scoresBytes?: Uint8Array | undefined;
  readonly previous?: string | undefined;
  readonly cases?: string | undefined;
  readonly evidence?: string | undefined;
}

export interface ReleaseSettings extends Omit<BuildOptions, "lookup"> {
  readonly tierLadder: readonly string[];
  readonly publishedTiers: readonly string[];
  readonly year?: number | undefined;
  readonly previousYear?: number | undefined;
}

export const DEFAULT_TIERS = ["卓越", "优秀", "良好", "发展"] as const;

/**
 * Reads every input file of a release and builds the ReleaseInput. Problems of all files are
 * gathered and thrown together, before anything is written.
 */
export function loadReleaseInput(
  files: ReleaseFiles,
  settings: ReleaseSettings,
  lookup?: RegistryLookup,
): ReleaseInput {
  const problems: InputProblem[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ReleaseInputError) problems.push(...e.problems);
      else throw e;
      return undefined;
    }
  };
  const read = (file: string): Uint8Array | undefined => {
    try {
      return readFileSync(file);
    } catch (e) {
      problems.push(
        problem(
          file,
          null,
          null,
          `无法读取：${(e as Error).message}`,
          `cannot read: ${(e as Error).message}`,
        ),
      );
      return undefined;
    }
  };
  for (const t of settings.publishedTiers) {
    if (!settings.tierLadder.includes(t)) {
      problems.push(
        problem("--publish-tiers", null, null, `「${t}」不在档级序列中`, `"${t}" is not in the tier ladder`),
      );
    }
  }
  const options: BuildOptions = { ...settings, lookup };
  const load = (file: string, given?: Uint8Array) => {
    const bytes = given ?? read(file);
    if (!bytes) return undefined;
    const parsed = attempt(() => parseScoresCsv(file, bytes, settings.tierLadder));
    return parsed && { parsed, evaluations: attempt(() => buildEvaluations(parsed, options)) };
  };
  const current = load(files.scores, files.scoresBytes);
  const previous = files.previous ? load(files.previous) : undefined;
  const casesBytes = files.cases ? read(files.cases) : undefined;
  const cases =
    files.cases && casesBytes ? attempt(() => parseCasesCsv(files.cases as string, casesBytes)) : undefined;
  const evidenceBytes = files.evidence ? read(files.evidence) : undefined;
  const evidence =
    files.evidence && evidenceBytes
      ? attempt(() => parseEvidenceCsv(files.evidence as string, evidenceBytes))
      : undefined;
  if (problems.length > 0 || !current?.evaluations) throw new ReleaseInputError(problems);
  return {
    year: settings.year,
    previousYear: settings.previousYear,
    tierLadder: settings.tierLadder,
    publishedTiers: settings.publishedTiers,
    dimensions: current.parsed.dimensions,
    evaluations: current.evaluations,
    previous: previous?.evaluations,
    cases,
    evidence,
  };
}
