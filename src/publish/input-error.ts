import { type Bilingual, bi, say } from "../i18n/bilingual.ts";

/** One thing wrong with an input file, with where it is (line 1 is the header). */
export interface InputProblem {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly message: Bilingual;
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line === null ? null : String(p.line)].filter((x) => x !== null).join(":");
  const column = p.column === null ? "" : ` [${p.column}]`;
  return `${where}${column}: ${say(p.message)}`;
}

/** Thrown before anything is written: every problem of every input file at once. */
export class ReleaseInputError extends Error {
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ReleaseInputError";
  }
}

export function problem(
  file: string,
  line: number | null,
  column: string | null,
  zh: string,
  en: string,
): InputProblem {
  return { file, line, column, message: bi(zh, en) };
}
