import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Command, Option } from "commander";
import { EvaluationError } from "../../evaluations/evaluation-store.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import type { RegistryLookup } from "../../publish/build-input.ts";
import type { ReleaseSettings } from "../../publish/load-input.ts";
import type { Presentation, ReleaseInput } from "../../publish/types.ts";
import type { TieRule } from "../../scoring/types.ts";
import { storeConfigFromEnv } from "../../store/config.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { printLine } from "../output.ts";
import { withStore } from "../with-store.ts";

interface ReleaseOptions {
  scores?: string;
  evaluation: string[];
  previousEvaluation: string[];
  out: string;
  previous?: string;
  cases?: string;
  evidence?: string;
  site?: string;
  template?: string;
  templateEn?: string;
  ranking: TieRule;
  roundDigits?: string;
  tiers?: string;
  publishTiers?: string;
  year?: string;
  previousYear?: string;
  present: string[];
  rankingFor: string[];
  registry: boolean;
  pdf: boolean;
}

const list = (v: string) =>
  v
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);

function integer(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v))
    throw new CliError(say(bi(`${flag} 需要整数`, `${flag} needs an integer`)), ExitCode.usage);
  return Number(v);
}

function rankingRules(values: readonly string[]): Record<string, TieRule> {
  const out: Record<string, TieRule> = {};
  for (const v of values) {
    const m = /^(.+)=(dense|competition)$/.exec(v);
    if (!m) {
      throw new CliError(
        say(
          bi(
            `--ranking-for 需要「评估名=dense|competition」：${v}`,
            `--ranking-for needs "evaluation=dense|competition": ${v}`,
          ),
        ),
        ExitCode.usage,
      );
    }
    out[m[1] as string] = m[2] as TieRule;
  }
  return out;
}

function presentations(values: readonly string[]): Record<string, Presentation> {
  const out: Record<string, Presentation> = {};
  for (const v of values) {
    const m = /^(.+)=(tiers|ranking|both)$/.exec(v);
    if (!m) {
      throw new CliError(
        say(
          bi(
            `--present 需要「评估名=tiers|ranking|both」：${v}`,
            `--present needs "evaluation=tiers|ranking|both": ${v}`,
          ),
        ),
        ExitCode.usage,
      );
    }
    out[m[1] as string] = m[2] as Presentation;
  }
  return out;
}

/** Whether a database exists: a release reads one, it must never create one. */
function databasePresent(): boolean {
  const config = storeConfigFromEnv();
  return (
    config.kind === "postgres" || (config.kind === "pglite" && existsSync(join(config.dataDir, "pgdata")))
  );
}

/** The registry is consulted only when a database exists. */
async function withOptionalRegistry<T>(
  use: boolean,
  fn: (lookup?: RegistryLookup) => Promise<T>,
): Promise<T> {
  if (!use || !databasePresent()) return fn(undefined);
  const { loadRegistryLookup } = await import("../../publish/registry-lookup.ts");
  return withStore(async (store) => fn(await loadRegistryLookup(store.db)));
}

/** The release input of the evaluations named by --evaluation, read from the database. */
async function fromDatabase(
  opts: ReleaseOptions,
  publishTiers: readonly string[] | undefined,
  settings: Omit<ReleaseSettings, "tierLadder" | "publishedTiers" | "tiersFor">,
): Promise<ReleaseInput> {
  if (!databasePresent())
    throw new CliError(
      say(
        bi(
          "没有数据库：--evaluation 读取数据库中的评估（GOVSCORE_DATA_DIR 或 DATABASE_URL）",
          "no database: --evaluation reads evaluations from the database (GOVSCORE_DATA_DIR or DATABASE_URL)",
        ),
      ),
      ExitCode.invalidInput,
    );
  const { loadDatabaseRelease } = await import("../../publish/from-evaluations.ts");
  return withStore((store) =>
    loadDatabaseRelease(
      store.db,
      {
        evaluations: opts.evaluation,
        previous: opts.previousEvaluation,
        publishTiers,
        previousFile: opts.previous,
        casesFile: opts.cases,
        evidenceFile: opts.evidence,
      },
      settings,
    ),
  ).catch((e: Error) => {
    if (e instanceof EvaluationError) throw new CliError(e.message, ExitCode.invalidInput);
    throw e;
  });
}

export function register(program: Command): void {
  program
    .command("release")
    .description(
      "生成结果发布稿及其导出文件和结果网站 (write the results release, its exports and a static results site)",
    )
    .option("--scores <file>", "结果 CSV（见 docs/publishing.md）(results CSV, see docs/publishing.md)")
    .option(
      "--evaluation <code>",
      "改用数据库中评估最近一次计分的结果；可重复，一个评估一节，按所给顺序 (instead: the latest scoring run of an evaluation in the database; repeatable, one section each, in this order)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      "--previous-evaluation <code>",
      "上一届的评估（数据库中，按名称对应），用于同比；可重复 (the previous edition's evaluation in the database, matched by name, for year over year; repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .requiredOption("--out <dir>", "输出目录 (output folder)")
    .option(
      "--previous <file>",
      "上一届结果 CSV，用于同比 (previous edition's results CSV, for year over year)",
    )
    .option("--cases <file>", "实践案例 CSV：title, body, kind (practice cases CSV)")
    .option("--evidence <file>", "证据链接 CSV：body, title, url (evidence links CSV, for the site)")
    .option("--site <dir>", "同时生成静态结果网站 (also write the static results site)")
    .option("--template <file>", "中文模板 (Chinese template; default templates/release.zh.md)")
    .option("--template-en <file>", "英文模板 (English template; default templates/release.en.md)")
    .addOption(
      new Option("--ranking <rule>", "文件未给名次时的排名规则 (ranking rule when the file gives no rank)")
        .choices(["dense", "competition"])
        .default("dense"),
    )
    .option(
      "--round-digits <n>",
      "排名前将得分四舍五入到 n 位小数 (round scores to n decimals before ranking)",
    )
    .option(
      "--tiers <list>",
      "档级序列，由高到低，默认 卓越,优秀,良好,发展；--evaluation 时取自各评估的框架 (tier ladder, best first; with --evaluation each framework's)",
    )
    .option(
      "--publish-tiers <list>",
      "发布稿列出的档级，默认前两个 (tiers the release lists; default the top two)",
    )
    .option("--year <year>", "本届年份，默认模板需要 (edition year; the default templates need it)")
    .option("--previous-year <year>", "上一届年份，默认本届减一 (previous edition year; default year − 1)")
    .option(
      "--ranking-for <evaluation=rule>",
      "某评估自己的排名规则 dense|competition，可重复 (an evaluation's own ranking rule; repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      "--present <evaluation=mode>",
      "某评估的呈现方式 tiers|ranking|both，可重复 (how an evaluation is presented; repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option("--no-registry", "不查数据库中的名录 (do not look names up in the registry database)")
    .option("--no-pdf", "不生成 PDF (skip the PDF)")
    .action(async (opts: ReleaseOptions) => {
      const started = Date.now();
      // Loaded here, not at the top: charts, spreadsheets and the browser driver are heavy, and
      // every other command would pay for them on start.
      const { formatProblem, ReleaseInputError } = await import("../../publish/input-error.ts");
      const { loadReleaseInput } = await import("../../publish/load-input.ts");
      const { produceRelease } = await import("../../publish/produce.ts");
      const { writeAllOrNothing } = await import("../../publish/write-dir.ts");
      const fromDb = opts.evaluation.length > 0;
      if ((opts.scores === undefined) === !fromDb)
        throw new CliError(
          say(bi("须给出 --scores 或 --evaluation 之一", "give exactly one of --scores and --evaluation")),
          ExitCode.usage,
        );
      if (fromDb && opts.tiers !== undefined)
        throw new CliError(
          say(
            bi(
              "--evaluation 的档级序列取自各评估的框架，不能再给 --tiers",
              "with --evaluation each tier ladder comes from the evaluation's framework: --tiers does not apply",
            ),
          ),
          ExitCode.usage,
        );
      if (!fromDb && opts.previousEvaluation.length > 0)
        throw new CliError(
          say(bi("--previous-evaluation 需要 --evaluation", "--previous-evaluation needs --evaluation")),
          ExitCode.usage,
        );
      if (opts.previous !== undefined && opts.previousEvaluation.length > 0)
        throw new CliError(
          say(
            bi(
              "--previous 和 --previous-evaluation 只能给一个",
              "give at most one of --previous and --previous-evaluation",
            ),
          ),
          ExitCode.usage,
        );
      const tierLadder = list(opts.tiers ?? "卓越,优秀,良好,发展");
      const publishTiers = opts.publishTiers ? list(opts.publishTiers) : undefined;
      const settings = {
        ranking: opts.ranking,
        rankingFor: rankingRules(opts.rankingFor),
        roundDigits: integer("--round-digits", opts.roundDigits),
        presentFor: presentations(opts.present),
        year: integer("--year", opts.year),
        previousYear: integer("--previous-year", opts.previousYear),
      };
      try {
        const produce = (input: ReleaseInput) =>
          produceRelease(input, {
            templateZh: opts.template,
            templateEn: opts.templateEn,
            pdf: opts.pdf,
            site: opts.site !== undefined,
          });
        const produced = fromDb
          ? await produce(await fromDatabase(opts, publishTiers, settings))
          : await withOptionalRegistry(opts.registry, async (lookup) =>
              produce(
                loadReleaseInput(
                  {
                    scores: opts.scores as string,
                    previous: opts.previous,
                    cases: opts.cases,
                    evidence: opts.evidence,
                  },
                  { ...settings, tierLadder, publishedTiers: publishTiers ?? tierLadder.slice(0, 2) },
                  lookup,
                ),
              ),
            );
        for (const note of produced.notes) process.stderr.write(`${note}\n`);
        const written = writeAllOrNothing(opts.out, produced.out);
        if (opts.site) written.push(...writeAllOrNothing(opts.site, produced.site));
        for (const file of written.filter((f) => !f.includes("/b/"))) printLine(file);
        const pages = produced.site.size;
        process.stderr.write(
          `${say(
            bi(
              `已写入 ${produced.out.size} 个文件${pages ? `和 ${pages} 个网页` : ""}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
              `wrote ${produced.out.size} files${pages ? ` and ${pages} pages` : ""} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            ),
          )}\n`,
        );
      } catch (e) {
        if (e instanceof ReleaseInputError) {
          throw new CliError(
            say(bi("输入有误，未写入任何文件", "the input is wrong; nothing was written")),
            ExitCode.invalidInput,
            e.problems.map(formatProblem),
          );
        }
        throw e;
      }
    });
}
