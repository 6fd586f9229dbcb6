import { type InputProblem, problem, ReleaseInputError } from "./input-error.ts";
import { shareWording } from "./text/share-wording.ts";

/** What the generated placeholders expand to, in one language. */
export interface TemplateValues {
  readonly lang: "zh" | "en";
  /** All results, or one evaluation's by name. */
  results(evaluation?: string): string | undefined;
  readonly findings: string;
  readonly yoy: string;
  readonly cases: string;
  readonly year: string;
  readonly previousYear: string;
  readonly bodyCount: string;
}

export const PLACEHOLDERS = [
  "results",
  "findings",
  "yoy",
  "cases",
  "year",
  "previous_year",
  "body_count",
  "share",
] as const;

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*(?::\s*([^}]*?)\s*)?\}\}/g;

/**
 * Fills a release template: evaluators write the editorial Markdown (headline, findings in their
 * own words, problems, recommendations) and put {{placeholders}} where generated text goes, so
 * the template decides the order. A placeholder that comes out empty takes its line with it.
 * Unknown placeholders and bad arguments are errors naming the template's line.
 */
export function fillTemplate(file: string, text: string, values: TemplateValues): string {
  const problems: InputProblem[] = [];
  // Comments are notes for template authors, not part of the release.
  const lines = text.replace(/<!--[\s\S]*?-->\n?/g, "").split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const at = (zh: string, en: string) => problems.push(problem(file, i + 1, null, zh, en));
    const filled = line.replace(PLACEHOLDER, (_all, name: string, arg: string | undefined) => {
      switch (name) {
        case "results": {
          const r = values.results(arg || undefined);
          if (r === undefined) at(`没有名为「${arg}」的评估`, `no evaluation named "${arg}"`);
          return r ?? "";
        }
        case "findings":
          return values.findings;
        case "yoy":
          return values.yoy;
        case "cases":
          return values.cases;
        case "year":
        case "previous_year": {
          const v = name === "year" ? values.year : values.previousYear;
          if (!v)
            at(`{{${name}}} 需要年份：用 --year 给出`, `{{${name}}} needs the edition year: give --year`);
          return v;
        }
        case "body_count":
          return values.bodyCount;
        case "share": {
          const m = /^(\d+)\s*\/\s*(\d+)$/.exec(arg ?? "");
          const count = Number(m?.[1]);
          const total = Number(m?.[2]);
          if (!m || total === 0 || count > total) {
            at(`{{share:${arg ?? ""}}} 需要「数量/总数」`, `{{share:${arg ?? ""}}} needs "count/total"`);
            return "";
          }
          return shareWording(count, total)[values.lang];
        }
        default:
          at(
            `未知的占位符 {{${name}}}；可用：${PLACEHOLDERS.join("、")}`,
            `unknown placeholder {{${name}}}; known: ${PLACEHOLDERS.join(", ")}`,
          );
          return "";
      }
    });
    const hadPlaceholder = filled !== line;
    if (hadPlaceholder && filled.trim() === "") return;
    out.push(filled);
  });
  if (problems.length > 0) throw new ReleaseInputError(problems);
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
