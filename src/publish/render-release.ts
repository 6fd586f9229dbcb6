import { fileURLToPath } from "node:url";
import { fillTemplate, type TemplateValues } from "./template.ts";
import { casesSentence } from "./text/cases-sentence.ts";
import { tierFindings } from "./text/findings.ts";
import { type Lang, resultsMarkdown } from "./text/results-section.ts";
import { yoySentences } from "./text/yoy-sentence.ts";
import type { ReleaseInput } from "./types.ts";

/** The default templates, after the structure of the 2022 release. */
export const DEFAULT_TEMPLATES = {
  zh: fileURLToPath(new URL("../../templates/release.zh.md", import.meta.url)),
  en: fileURLToPath(new URL("../../templates/release.en.md", import.meta.url)),
};

export function templateValues(input: ReleaseInput, lang: Lang): TemplateValues {
  const bullets = (items: readonly { zh: string; en: string }[]) =>
    items.map((s) => `- ${s[lang]}`).join("\n");
  const cases = input.cases ? casesSentence(input.cases, input.year) : undefined;
  const previous = input.previousYear ?? (input.year === undefined ? undefined : input.year - 1);
  const bodies = new Set(
    input.evaluations.flatMap((e) => e.categories.flatMap((c) => c.entries.map((x) => x.body))),
  );
  return {
    lang,
    results(evaluation?: string) {
      if (
        evaluation !== undefined &&
        !input.evaluations.some((e) => e.name === evaluation || e.nameEn === evaluation)
      ) {
        return undefined;
      }
      return resultsMarkdown(input, lang, evaluation);
    },
    findings: bullets(tierFindings(input)),
    yoy: yoySentences(input)
      .map((s) => s[lang])
      .join("\n\n"),
    cases: cases ? cases[lang] : "",
    year: input.year === undefined ? "" : String(input.year),
    previousYear: previous === undefined ? "" : String(previous),
    bodyCount: String(bodies.size),
  };
}

/** The release in one language: the template filled with the generated sections. */
export function renderRelease(
  input: ReleaseInput,
  template: { file: string; text: string },
  lang: Lang,
): string {
  return fillTemplate(template.file, template.text, templateValues(input, lang));
}
