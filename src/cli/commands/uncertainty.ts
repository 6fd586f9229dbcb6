import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { compilePipeline, compileStructure } from "../../frameworks/compile.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { runPipeline } from "../../scoring/pipeline.ts";
import { runSensitivity } from "../../scoring/sensitivity-run.ts";
import { structureFromMetaCsv, tableFromCsv } from "../../scoring/table-csv.ts";
import type { AggregateSpec, NormaliseSpec } from "../../scoring/types.ts";
import { runUncertainty } from "../../scoring/uncertainty.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { readFrameworkArg } from "../framework-arg.ts";
import { printJson, printLine } from "../output.ts";

interface Options {
  framework: string;
  data: string;
  meta?: string;
  runs: string;
  seed: string;
  weightNoise: string;
  normalisations?: string;
  aggregations?: string;
  winmax?: string;
  exclude?: string;
  workers?: string;
  sensitivity?: string;
  json?: boolean;
}

const NORMS: Record<string, NormaliseSpec> = {
  minmax: { method: "minmax", l: 0, u: 100 },
  zscore: { method: "zscore", mean: 0, sd: 1 },
  rank: { method: "rank" },
  borda: { method: "borda" },
  prank: { method: "prank", scale: 100 },
  fracmax: { method: "fracmax", scale: 100 },
  dist2max: { method: "dist2max", scale: 100 },
};
const AGGS: Record<string, AggregateSpec> = {
  arithmetic: { method: "arithmetic" },
  geometric: { method: "geometric" },
  harmonic: { method: "harmonic" },
  copeland: { method: "copeland" },
};

function list<T>(text: string | undefined, table: Record<string, T>, what: string): T[] | undefined {
  if (!text) return undefined;
  return text.split(",").map((k) => {
    const v = table[k.trim()];
    if (!v) throw new CliError(say(bi(`未知的${what} ${k}`, `unknown ${what} ${k}`)), ExitCode.usage);
    return v;
  });
}

export function register(program: Command): void {
  program
    .command("uncertainty")
    .description("蒙特卡洛不确定性分析：排名分布 (Monte Carlo uncertainty analysis of ranks)")
    .requiredOption("--framework <file>", "框架 YAML 文件或 builtin:<id> (framework file or builtin:<id>)")
    .requiredOption("--data <file>", "单位×指标 CSV (units × indicators CSV)")
    .option("--meta <file>", "指标元数据 CSV (indicator metadata CSV)")
    .option("--runs <n>", "运行次数 (number of runs)", "1000")
    .option("--seed <n>", "随机种子 (random seed)", "1")
    .option("--weight-noise <f>", "权重扰动 w·(1+U(−1,1)·f) (weight noise f)", "0.25")
    .option("--normalisations <list>", `备选标准化方法 (alternatives: ${Object.keys(NORMS).join(",")})`)
    .option("--aggregations <list>", `备选加总方法 (alternatives: ${Object.keys(AGGS).join(",")})`)
    .option("--winmax <list>", "备选 winmax 值 (alternative winmax values, e.g. 4,5,6)")
    .option("--exclude <list>", "每次可剔除的指标 (indicators that a run may drop)")
    .option("--workers <n>", "工作线程数 (worker threads; default: cores)")
    .option(
      "--sensitivity <N>",
      "改做敏感性分析：Saltelli 设计 N(d+2) 次 (instead: Sobol sensitivity, Saltelli design of N(d+2) runs)",
    )
    .option("--json", "输出 JSON (machine-readable output)")
    .action(async (o: Options) => {
      const fw = readFrameworkArg(o.framework);
      const runs = Number(o.runs);
      const seed = Number(o.seed);
      if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
        throw new CliError(
          say(bi("--runs 与 --seed 须为整数", "--runs and --seed must be integers")),
          ExitCode.usage,
        );
      }
      try {
        const meta = o.meta ? structureFromMetaCsv(readFileSync(o.meta, "utf8")) : undefined;
        const table = tableFromCsv(readFileSync(o.data, "utf8"), fw.idColumn, meta?.groupCodes ?? []);
        const structure = compileStructure(fw, meta?.structure);
        const spec = compilePipeline(fw);
        const nominal = runPipeline(table, structure, spec);
        if (o.sensitivity) {
          const n = Number(o.sensitivity);
          if (!Number.isInteger(n) || n < 2) {
            throw new CliError(
              say(bi("--sensitivity 须为 ≥2 的整数", "--sensitivity must be an integer ≥ 2")),
              ExitCode.usage,
            );
          }
          const sa = runSensitivity(nominal, structure, spec, {
            n,
            seed,
            weightNoise: Number(o.weightNoise) > 0 ? Number(o.weightNoise) : undefined,
            normalisations: list(o.normalisations, NORMS, "标准化方法"),
            aggregations: list(o.aggregations, AGGS, "加总方法"),
            winmax: o.winmax?.split(",").map(Number),
          });
          const rows = sa.inputs.map((input, k) => ({
            input,
            si: sa.si[k] as number,
            sti: sa.sti[k] as number,
          }));
          if (o.json) {
            printJson({ schema: "govscore.sensitivity/1", n, runs: sa.y.length, seed, inputs: rows });
            return;
          }
          printLine("input\tSi\tSTi");
          for (const r of rows) printLine(`${r.input}\t${r.si.toFixed(4)}\t${r.sti.toFixed(4)}`);
          return;
        }
        const res = await runUncertainty(nominal, structure, spec, {
          runs,
          seed,
          weightNoise: Number(o.weightNoise),
          normalisations: list(o.normalisations, NORMS, "标准化方法"),
          aggregations: list(o.aggregations, AGGS, "加总方法"),
          winmax: o.winmax?.split(",").map(Number),
          exclude: o.exclude?.split(",").map((s) => s.trim()),
          workers: o.workers ? Number(o.workers) : undefined,
        });
        const units = res.units.map((unit, i) => ({
          unit,
          nominal: res.nominalRanks[i] as number,
          ...res.stats[i],
        }));
        if (o.json) return printJson({ schema: "govscore.uncertainty/1", runs, seed, units });
        printLine("unit\tnominal\tmean\tmedian\tq5\tq95\tmeanShift");
        for (const u of units) {
          printLine(
            [u.unit, u.nominal, u.mean?.toFixed(2), u.median, u.q5, u.q95, u.meanShift?.toFixed(2)].join(
              "\t",
            ),
          );
        }
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(say(bi("无法计算", "cannot run the analysis")), ExitCode.invalidInput, [
          (e as Error).message,
        ]);
      }
    });
}
