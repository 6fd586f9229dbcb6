import { type Check, ruleText } from "./types.ts";

/** The generated part of docs/checks.md lies between these lines. */
export const DOCS_BEGIN =
  "<!-- checks:begin: generated from src/checks/catalogue.ts by `npm run docs:checks`; edit the checks, not this -->";
export const DOCS_END = "<!-- checks:end -->";

/** Text safe in a Markdown table cell and outside code: no column breaks, no raw HTML. */
const md = (s: string) => s.replace(/\|/g, "\\|").replace(/</g, "&lt;");

/** Every check with its severity, rule and description, as docs/checks.md shows them. */
export function renderCatalogue(checks: readonly Check[]): string {
  const lines = [
    DOCS_BEGIN,
    "",
    "| id | 检查项 (check) | 严重程度 (severity) | 依据 (rule) |",
    "|---|---|---|---|",
  ];
  for (const c of checks)
    lines.push(
      `| \`${c.id}\` | ${md(c.title.zh)} (${md(c.title.en)}) | ${c.severity} | ${md(ruleText(c.rule).zh)} |`,
    );
  lines.push("");
  for (const c of checks) {
    lines.push(`#### \`${c.id}\` ${md(c.title.zh)} · ${md(c.title.en)}`, "");
    lines.push(`${md(c.description.zh)}`, "");
    lines.push(`${md(c.description.en)} *Rule: ${md(ruleText(c.rule).en)}.*`, "");
  }
  lines.push(DOCS_END);
  return lines.join("\n");
}

/** `doc` with its generated part replaced by `generated`; an error when the markers are missing. */
export function withCatalogue(doc: string, generated: string): string {
  const begin = doc.indexOf(DOCS_BEGIN);
  const end = doc.indexOf(DOCS_END);
  if (begin < 0 || end < begin)
    throw new Error(`docs/checks.md: the lines ${DOCS_BEGIN} … ${DOCS_END} are missing`);
  return doc.slice(0, begin) + generated + doc.slice(end + DOCS_END.length);
}
