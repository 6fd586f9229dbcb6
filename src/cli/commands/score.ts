import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { evaluateChecklist } from "../../frameworks/checklist.ts";
import type { Evidence } from "../../frameworks/evidence.ts";
import type { Framework } from "../../frameworks/schema.ts";
import { scoreTable } from "../../frameworks/score.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { resolveTree } from "../../scoring/structure.ts";
import { structureFromMetaCsv, tableFromCsv } from "../../scoring/table-csv.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { readFrameworkArg } from "../framework-arg.ts";
import { printJson, printLine } from "../output.ts";

interface ScoreOptions {
  framework: string;
  data: string;
  meta?: string;
  json?: boolean;
  portal?: boolean;
  noServices?: boolean;
}

export function register(program: Command): void {
  program
    .command("score")
    .description(
      "按评估框架计算得分、排名与档级 (score units with an evaluation framework: scores, ranks, tiers)",
    )
    .requiredOption(
      "--framework <file>",
      "框架 YAML 文件，或 builtin:<id> (framework YAML file, or builtin:<id>)",
    )
    .requiredOption(
      "--data <file>",
      "单位×指标 CSV；检查清单框架则为检查报告 JSON (units × indicators CSV; for a check list, an inspection report JSON)",
    )
    .option("--meta <file>", "指标元数据 CSV（方向、权重、分母、上级）(indicator metadata CSV)")
    .option("--json", "输出 JSON (machine-readable output)")
    .option("--portal", "检查清单：门户网站，可计加分 (check list: a portal site, bonus may apply)")
    .option(
      "--no-services",
      "检查清单：无对外服务的部门，按比例折算 (check list: body without public services, rescaled)",
    )
    .action((opts: ScoreOptions & { services?: boolean }) => {
      const fw = readFrameworkArg(opts.framework);
      if (fw.kind === "checklist") return scoreChecklist(fw, opts);
      const metaText = opts.meta ? readText(opts.meta) : undefined;
      let meta: ReturnType<typeof structureFromMetaCsv> | undefined;
      try {
        meta = metaText === undefined ? undefined : structureFromMetaCsv(metaText);
        const table = tableFromCsv(readText(opts.data), fw.idColumn, meta?.groupCodes ?? []);
        const { output, structure } = scoreTable(fw, table, meta?.structure);
        if (opts.json) return printJson(output);
        const { root } = resolveTree(structure);
        for (const u of output.units) {
          const s = u.scores[root];
          printLine(
            `${u.unit}\t${s === null || s === undefined ? "-" : s.toFixed(2)}\t${u.ranks[root] ?? "-"}\t${u.tier ?? ""}`,
          );
        }
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(say(bi("无法计分", "cannot score")), ExitCode.invalidInput, [
          (e as Error).message,
        ]);
      }
    });
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(say(bi(`无法读取 ${file}`, `cannot read ${file}`)), ExitCode.invalidInput, [
      (e as Error).message,
    ]);
  }
}

/** A check list scores inspection reports (one or an array), one verdict per site. */
function scoreChecklist(fw: Framework, opts: ScoreOptions & { services?: boolean }): void {
  let reports: (Evidence & { site?: string })[];
  try {
    const parsed = JSON.parse(readText(opts.data)) as unknown;
    reports = (Array.isArray(parsed) ? parsed : [parsed]) as (Evidence & { site?: string })[];
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      say(bi("检查报告不是有效 JSON", "the inspection report is not valid JSON")),
      ExitCode.invalidInput,
      [(e as Error).message],
    );
  }
  const cl = fw.checklist;
  if (!cl)
    throw new CliError(say(bi("框架没有检查清单", "framework has no check list")), ExitCode.invalidInput);
  const results = reports.map((r, i) => ({
    unit: r.site ?? String(i + 1),
    ...evaluateChecklist(cl, r, { portal: opts.portal ?? false, publicServices: opts.services !== false }),
  }));
  if (opts.json) {
    printJson({ schema: "govscore.checklist/1", framework: fw.id, results });
    return;
  }
  for (const r of results)
    printLine(`${r.unit}\t${r.verdict}\t${r.total === null ? "-" : r.total.toFixed(2)}\t${r.reason}`);
}
