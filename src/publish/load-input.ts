import { readFileSync } from "node:fs";
import { type BuildOptions, buildEvaluations, type RegistryLookup, tiersOf } from "./build-input.ts";

export { DEFAULT_TIERS } from "./build-input.ts";

import { type InputProblem, problem, ReleaseInputError } from "./input-error.ts";
import { parseScoresCsv, type ScoresFile } from "./scores-csv.ts";
import { parseCasesCsv, parseEvidenceCsv } from "./side-csv.ts";
import type { PracticeCase, ReleaseInput } from "./types.ts";

export interface ReleaseFiles {
  /** A scores file to read, or rows already read (a release from the database). */
  readonly scores: string | ScoresFile;
  /** The previous edition, the same way. */
  readonly previous?: string | ScoresFile | undefined;
  /** A cases file to read, or the cases themselves (those the evaluations in the database received). */
  readonly cases?: string | readonly PracticeCase[] | undefined;
  readonly evidence?: string | undefined;
}

export interface ReleaseSettings extends Omit<BuildOptions, "lookup"> {
  readonly year?: number | undefined;
  readonly previousYear?: number | undefined;
}

/**
 * Reads every input of a release and builds the ReleaseInput. Problems of all inputs are
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
  const options: BuildOptions = { ...settings, lookup };
  const ladderOf = (evaluation: string) => tiersOf(options, evaluation).tierLadder;
  const load = (given: string | ScoresFile) => {
    let parsed: ScoresFile | undefined;
    if (typeof given === "string") {
      const bytes = read(given);
      parsed = bytes && attempt(() => parseScoresCsv(given, bytes, ladderOf));
    } else parsed = given;
    return parsed && { parsed, evaluations: attempt(() => buildEvaluations(parsed, options)) };
  };
  const current = load(files.scores);
  const previous = files.previous ? load(files.previous) : undefined;
  for (const e of current?.evaluations ?? []) {
    if (e.present === "ranking") continue;
    for (const t of e.publishedTiers) {
      if (!e.tierLadder.includes(t)) {
        problems.push(
          problem(
            "--publish-tiers",
            null,
            null,
            `「${t}」不在「${e.name}」的档级序列 ${e.tierLadder.join("、")} 中`,
            `"${t}" is not in the tier ladder of "${e.name}" (${e.tierLadder.join(", ")})`,
          ),
        );
      }
    }
  }
  const cases = typeof files.cases === "string" ? readCases(files.cases) : files.cases;
  function readCases(file: string) {
    const bytes = read(file);
    return bytes && attempt(() => parseCasesCsv(file, bytes));
  }
  const evidenceBytes = files.evidence ? read(files.evidence) : undefined;
  const evidence =
    files.evidence && evidenceBytes
      ? attempt(() => parseEvidenceCsv(files.evidence as string, evidenceBytes))
      : undefined;
  if (problems.length > 0 || !current?.evaluations) throw new ReleaseInputError(problems);
  return {
    year: settings.year,
    previousYear: settings.previousYear,
    dimensions: current.parsed.dimensions,
    evaluations: current.evaluations,
    previous: previous?.evaluations,
    cases,
    evidence,
  };
}
