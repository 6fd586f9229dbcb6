import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { scoreTable } from "../../frameworks/score.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { resolveTree } from "../../scoring/structure.ts";
import { structureFromMetaCsv, tableFromCsv } from "../../scoring/table-csv.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { readFrameworkArg } from "../framework-arg.ts";
import { printJson, printLine } from "../output.ts";

export function register(program: Command): void {
  program
    .command("explain")
    .description("逐步解释一个单位的得分 (explain one unit's score step by step)")
    .requiredOption("--framework <file>", "框架 YAML 文件或 builtin:<id> (framework file or builtin:<id>)")
    .requiredOption("--data <file>", "单位×指标 CSV (units × indicators CSV)")
    .requiredOption("--unit <id>", "单位编号 (unit id)")
    .option("--meta <file>", "指标元数据 CSV (indicator metadata CSV)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((o: { framework: string; data: string; unit: string; meta?: string; json?: boolean }) => {
      const fw = readFrameworkArg(o.framework);
      let out: ReturnType<typeof scoreTable>;
      try {
        const meta = o.meta ? structureFromMetaCsv(readFileSync(o.meta, "utf8")) : undefined;
        const table = tableFromCsv(readFileSync(o.data, "utf8"), fw.idColumn, meta?.groupCodes ?? []);
        out = scoreTable(fw, table, meta?.structure);
      } catch (e) {
        throw new CliError(say(bi("无法计分", "cannot score")), ExitCode.invalidInput, [
          (e as Error).message,
        ]);
      }
      const { result, structure } = out;
      const i = result.units.indexOf(o.unit);
      if (i < 0)
        throw new CliError(say(bi(`没有单位 ${o.unit}`, `no unit ${o.unit}`)), ExitCode.invalidInput);
      const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
      const indicators = structure.indicators.map((ind) => ({
        code: ind.code,
        direction: ind.direction,
        weight: ind.weight,
        denominator: ind.denominator ?? null,
        treatment: result.treatLog.find((l) => l.code === ind.code) ?? null,
        raw: num(result.raw.get(ind.code)?.[i]),
        denominated: num(result.denominated.get(ind.code)?.[i]),
        imputed: num(result.imputed.get(ind.code)?.[i]),
        treated: num(result.treated.get(ind.code)?.[i]),
        normalised: num(result.normalised.get(ind.code)?.[i]),
        rank: num(result.ranks.get(ind.code)?.[i]),
      }));
      const { nodes, order } = resolveTree(structure);
      const aggregates = order.map((code) => {
        const node = nodes.get(code);
        return {
          code,
          score: num(result.aggregated.get(code)?.[i]),
          rank: num(result.ranks.get(code)?.[i]),
          children: (node?.children ?? []).map((c) => ({
            code: c,
            weight: nodes.get(c)?.weight ?? 1,
            value: num(result.aggregated.get(c)?.[i]),
          })),
        };
      });
      const unit = out.output.units[i];
      if (o.json)
        return printJson({
          schema: "govscore.explain/1",
          unit: o.unit,
          tier: unit?.tier ?? null,
          indicators,
          aggregates,
        });
      printLine(bi(`单位 ${o.unit}`, `unit ${o.unit}`));
      printLine("indicator\traw\tdenominated\timputed\ttreated\tnormalised\trank");
      const f = (v: number | null) => (v === null ? "NA" : Number(v.toPrecision(6)).toString());
      for (const r of indicators)
        printLine(
          [
            r.code,
            f(r.raw),
            f(r.denominated),
            f(r.imputed),
            f(r.treated),
            f(r.normalised),
            r.rank ?? "-",
          ].join("\t"),
        );
      for (const a of aggregates) {
        printLine(
          `${a.code} = ${f(a.score)} (rank ${a.rank ?? "-"}) ← ${a.children.map((c) => `${c.code}:${f(c.value)}×${c.weight}`).join(" ")}`,
        );
      }
      printLine(`tier: ${unit?.tier ?? "-"}`);
    });
}
