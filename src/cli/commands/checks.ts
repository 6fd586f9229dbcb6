import type { Command } from "commander";
import { CHECKS } from "../../checks/catalogue.ts";
import { RULE_SOURCES, ruleText } from "../../checks/types.ts";
import { currentLang, say } from "../../i18n/bilingual.ts";
import { printJson, printLine } from "../output.ts";

/** The catalogue as data: what `--json` prints and what other tools may read. */
export function catalogueJson() {
  return {
    schema: "govscore.checks/1",
    checks: CHECKS.map((c) => ({
      id: c.id,
      title: c.title,
      severity: c.severity,
      rule: { source: c.rule.source, document: RULE_SOURCES[c.rule.source], item: c.rule.item },
      description: c.description,
    })),
  };
}

export function register(program: Command): void {
  program
    .command("checks")
    .description("列出全部检查项及其依据 (list every check with its rule source and description)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((opts: { json?: boolean }) => {
      if (opts.json) return printJson(catalogueJson());
      const lang = currentLang();
      for (const c of CHECKS) {
        printLine(`${c.id}  [${c.severity}]  ${say(c.title, lang)}`);
        // One line per language when both are shown: a paragraph reads badly in parentheses.
        for (const l of lang === "both" ? (["zh", "en"] as const) : [lang]) {
          printLine(`  ${l === "zh" ? "依据：" : "Rule: "}${ruleText(c.rule)[l]}`);
          printLine(`  ${c.description[l]}`);
        }
        printLine();
      }
    });
}
