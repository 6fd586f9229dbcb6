import { readFileSync } from "node:fs";
import type { Command } from "commander";
import {
  EvaluationError,
  getEvaluation,
  listEvaluations,
  saveEvidenceValues,
} from "../../evaluations/evaluation-store.ts";
import { parseEvidenceCsv } from "../../evaluations/evidence-csv.ts";
import { inspectEvaluation } from "../../evaluations/inspect-evaluation.ts";
import { createEvaluation, evaluationTargets } from "../../evaluations/members.ts";
import { scoreEvaluation } from "../../evaluations/score-evaluation.ts";
import { FrameworkError, parseFramework } from "../../frameworks/load.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { frameworkFile } from "../framework-arg.ts";
import {
  addCrawlFlags,
  type CrawlFlags,
  engineOptionsFrom,
  ipv6StepsFrom,
  parseAsOf,
  profileFrom,
  resolverFrom,
} from "../inspect-flags.ts";
import { printJson, printLine } from "../output.ts";
import { startRunStatus } from "../run-status.ts";
import { withStore } from "../with-store.ts";

const repeat = (v: string, acc: string[] = []) => [...acc, v];

function readFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CliError(say(bi(`无法读取 ${file}`, `cannot read ${file}`)), ExitCode.invalidInput, [
      (e as Error).message,
    ]);
  }
}

/** Domain errors are the user's input; anything else is a failure of the run. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof EvaluationError) throw new CliError(e.message, ExitCode.invalidInput);
    if (e instanceof FrameworkError)
      throw new CliError(
        say(bi("框架文件无效", "invalid framework file")),
        ExitCode.invalidInput,
        e.problems,
      );
    throw e;
  }
}

export function register(program: Command): void {
  const cmd = program
    .command("evaluation")
    .description("评估：创建、巡检、录入证据、计分 (evaluations: create, inspect, record evidence, score)");

  cmd
    .command("create")
    .description(
      "按框架创建评估，按类别选定被评估单位 (create an evaluation from a framework over categories of bodies)",
    )
    .argument("<code>", "评估代码，如 2026-website-checklist (evaluation code)")
    .requiredOption("--framework <file>", "框架 YAML 文件或 builtin:<id> (framework file or builtin:<id>)")
    .option("--name <name>", "评估名称 (name)")
    .option("--as-of <date>", "评估基准日 YYYY-MM-DD (as-of date)")
    .option(
      "--category <name>",
      "被评估类别（名称或代码），可重复；单位在所属的每个类别中各排一次名；「类别=标题」给出发布稿中的类别标题 (category, repeatable: a unit is ranked in each one it belongs to; 类别=title sets its title in releases)",
      repeat,
    )
    .option("--body <id>", "另加单位，可重复 (add a body, repeatable)", repeat)
    .option("--json", "输出 JSON (machine-readable output)")
    .action(
      (
        code: string,
        o: {
          framework: string;
          name?: string;
          asOf?: string;
          category?: string[];
          body?: string[];
          json?: boolean;
        },
      ) =>
        run(async () => {
          const file = frameworkFile(o.framework);
          const source = readFile(file).toString("utf8");
          const framework = parseFramework(source, file);
          const asOf = parseAsOf(o.asOf);
          const result = await withStore((store) =>
            createEvaluation(store.db, {
              code,
              name: o.name ?? (typeof framework.name === "string" ? framework.name : framework.name.zh),
              framework,
              frameworkSource: source,
              asOf,
              categories: o.category ?? [],
              ...(o.body ? { bodies: o.body } : {}),
            }),
          );
          if (o.json) return printJson(result);
          printLine(
            bi(
              `已创建评估 ${code}（${framework.id} ${framework.version}，基准日 ${asOf}）：${result.targets} 个被评估对象`,
              `created evaluation ${code} (${framework.id} ${framework.version}, as of ${asOf}): ${result.targets} evaluated`,
            ),
          );
          for (const c of result.categories)
            printLine(
              bi(
                `  ${c.category}${c.title ? `（发布标题：${c.title}）` : ""}：${c.units} 个`,
                `  ${c.category}${c.title ? ` (titled ${c.title})` : ""}: ${c.units}`,
              ),
            );
        }),
    );

  cmd
    .command("list")
    .description("列出评估 (list evaluations)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((o: { json?: boolean }) =>
      run(async () => {
        const rows = await withStore((s) => listEvaluations(s.db));
        if (o.json) return printJson(rows);
        for (const r of rows)
          printLine(`${r.code}\t${r.name}\t${r.framework_id}\t${r.as_of}\t${r.status}\t${Number(r.bodies)}`);
      }),
    );

  addCrawlFlags(
    cmd
      .command("inspect")
      .description(
        "巡检评估内各单位的网站，报告存入数据库；中断后再次运行只做未完成的 (inspect the bodies' websites; a rerun does only what is missing)",
      )
      .argument("<code>", "评估代码 (evaluation code)"),
  )
    .option("--warc <dir>", "将请求与响应写入 WARC 目录 (archive evidence as WARC)")
    .option(
      "--all-sites",
      "巡检每个单位的全部网站，而不仅是门户 (every website of each body, not only its main one)",
    )
    .option("--again", "已有报告的网站也重新巡检 (inspect again sites that have a report)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action(
      (
        code: string,
        o: CrawlFlags & { warc?: string; allSites?: boolean; again?: boolean; json?: boolean },
      ) =>
        run(async () => {
          const options = engineOptionsFrom(o);
          const profile = profileFrom(o);
          const resolver = resolverFrom(o);
          const status = startRunStatus();
          const result = await withStore(async (store) => {
            try {
              return await inspectEvaluation(store.db, {
                code,
                options,
                profile,
                warcDir: o.warc ?? null,
                allSites: o.allSites === true,
                again: o.again === true,
                resolver,
                ipv6: ipv6StepsFrom(options),
                onRunProgress: (p) => status.progress(p),
                onStall: (st) => status.stall(st),
              });
            } finally {
              status.stop();
            }
          });
          if (o.json) return printJson(result);
          printLine(
            bi(
              `巡检完成：新报告 ${result.inspected} 个，已有报告而跳过 ${result.skipped} 个（共 ${result.planned} 个网站）`,
              `inspection done: ${result.inspected} new reports, ${result.skipped} skipped as already inspected (${result.planned} websites)`,
            ),
          );
          if (result.noWebsite.length)
            printLine(
              bi(
                `没有网站的单位：${result.noWebsite.join("、")}`,
                `bodies without a website: ${result.noWebsite.join(", ")}`,
              ),
            );
        }),
    );

  cmd
    .command("progress")
    .description("巡检进度（跨所有工作进程）(inspection progress across every worker)")
    .argument("<code>", "评估代码 (evaluation code)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((code: string, o: { json?: boolean }) =>
      run(async () => {
        const { inspectionProgress, openQueue } = await import("../../jobs/pg-queue.ts");
        const { storeConfigFromEnv } = await import("../../store/config.ts");
        const config = storeConfigFromEnv();
        const p = await withStore(async (store) => {
          const boss = config.kind === "postgres" ? await openQueue(config.url) : null;
          try {
            return await inspectionProgress(store.db, boss, code);
          } finally {
            await boss?.stop({ graceful: false });
          }
        });
        if (o.json) return printJson(p);
        printLine(
          bi(
            `${p.evaluation}：已巡检 ${p.inspected}/${p.planned}${p.waitingInQueue === null ? "" : `，队列中 ${p.waitingInQueue}`}`,
            `${p.evaluation}: ${p.inspected}/${p.planned} inspected${p.waitingInQueue === null ? "" : `, ${p.waitingInQueue} waiting in the queue`}`,
          ),
        );
      }),
    );

  cmd
    .command("evidence")
    .description(
      "录入专家评分、报送数据、是否项与人工否决 (record rubric levels, submitted figures, yes/no answers and manual vetoes)",
    )
    .argument("<code>", "评估代码 (evaluation code)")
    .argument(
      "<file>",
      "CSV：body_id[,app],kind,code,value[,source]；应用评估须有 app 列 (CSV file; app column for an evaluation of apps)",
    )
    .option("--json", "输出 JSON (machine-readable output)")
    .action((code: string, file: string, o: { json?: boolean }) =>
      run(async () => {
        const bytes = readFile(file);
        const outcome = await withStore(async (store) => {
          const ev = await getEvaluation(store.db, code);
          const fw = parseFramework(ev.frameworkSource, `evaluation ${ev.code}`);
          const units = await evaluationTargets(store.db, ev.id);
          const parsed = parseEvidenceCsv(bytes, file, fw, units);
          if (parsed.problems.length === 0) await saveEvidenceValues(store.db, ev.id, parsed.rows);
          return parsed;
        });
        if (outcome.problems.length) {
          throw new CliError(
            say(bi(`${file} 有错误，未写入任何数据`, `${file} has errors; nothing was written`)),
            ExitCode.invalidInput,
            outcome.problems.map((p) => `${file}:${p.line}${p.column ? ` [${p.column}]` : ""}: ${p.message}`),
          );
        }
        if (o.json) return printJson({ rows: outcome.rows.length });
        printLine(bi(`已录入 ${outcome.rows.length} 条`, `recorded ${outcome.rows.length} values`));
      }),
    );

  cmd
    .command("score")
    .description(
      "用评估创建时的框架计分并保存本次结果 (score with the evaluation's framework and keep the run)",
    )
    .argument("<code>", "评估代码 (evaluation code)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((code: string, o: { json?: boolean }) =>
      run(async () => {
        const r = await withStore((store) => scoreEvaluation(store.db, code));
        if (o.json) return printJson(r.scores);
        // One line per unit and category: a unit ranked in two categories has two places.
        const root = r.scores.root;
        for (const b of r.scores.bodies) {
          const s = b.scores[root];
          for (const ranking of b.rankings)
            printLine(
              [
                b.app ? `${b.bodyId}/${b.app.name}` : b.bodyId,
                ranking.category ?? "",
                s === null || s === undefined ? "-" : s.toFixed(2),
                ranking.ranks[root] ?? "",
                b.tier ?? "",
                b.reason ?? "",
              ]
                .join("\t")
                .trimEnd(),
            );
        }
        printLine(
          bi(
            `计分记录 #${r.runId}，结果摘要 ${r.outputSha256.slice(0, 12)}`,
            `score run #${r.runId}, output digest ${r.outputSha256.slice(0, 12)}`,
          ),
        );
      }),
    );
}
