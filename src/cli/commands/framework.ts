import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { CsvError } from "csv-parse/sync";
import { FitError, fitPoints } from "../../frameworks/fit.ts";
import { FitTableError, fitDimensions, readFitTable } from "../../frameworks/fit-table.ts";
import { frameworkOutline } from "../../frameworks/leaves.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { readFrameworkArg } from "../framework-arg.ts";
import { printJson, printLine } from "../output.ts";

interface FitOptions {
  framework: string;
  scale: string;
  total?: string;
  unit?: string;
  json?: boolean;
}

const round = (n: number, d = 3) => Number(n.toFixed(d));

export function register(program: Command): void {
  const fw = program.command("framework").description("评估框架工具 (framework tools)");
  fw.command("fit")
    .description(
      "用已发布的维度得分和总分，以最小二乘法拟合各维度分值并列出残差 (fit dimension points to a published table by least squares, with residuals)",
    )
    .argument("<file>", "CSV：单位、总分和各维度得分 (CSV: unit, total and one column per dimension)")
    .requiredOption("--framework <file>", "框架 YAML 文件或 builtin:<id> (framework file or builtin:<id>)")
    .option("--scale <n>", "维度得分的满分（指数为100） (what a full dimension score is printed as)", "100")
    .option("--total <column>", "总分列名 (the total's column)")
    .option("--unit <column>", "单位列名 (the unit's column)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((file: string, o: FitOptions) => {
      const framework = readFrameworkArg(o.framework);
      const outline = frameworkOutline(framework);
      const scale = Number(o.scale);
      if (!(scale > 0))
        throw new CliError(
          say(bi(`--scale 必须为正数：${o.scale}`, `--scale must be positive: ${o.scale}`)),
          ExitCode.usage,
        );
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        throw new CliError(say(bi(`无法读取 ${file}`, `cannot read ${file}`)), ExitCode.invalidInput, [
          (e as Error).message,
        ]);
      }
      let table: ReturnType<typeof readFitTable>;
      try {
        table = readFitTable(text, file, fitDimensions(outline), {
          scale,
          ...(o.total ? { total: o.total } : {}),
          ...(o.unit ? { unit: o.unit } : {}),
        });
      } catch (e) {
        if (e instanceof FitTableError)
          throw new CliError(
            say(bi(`${file}：表格无效`, `${file}: invalid table`)),
            ExitCode.invalidInput,
            e.problems.map((p) => `${file}:${p.line}${p.column ? ` [${p.column}]` : ""}: ${say(p.message)}`),
          );
        if (e instanceof CsvError)
          throw new CliError(
            say(bi(`${file}：CSV 格式错误`, `${file}: malformed CSV`)),
            ExitCode.invalidInput,
            [`${file}:${(e as CsvError & { lines?: number }).lines ?? "?"}: ${e.message}`],
          );
        throw e;
      }
      let fit: ReturnType<typeof fitPoints>;
      try {
        fit = fitPoints(table.input);
      } catch (e) {
        if (e instanceof FitError)
          throw new CliError(say(bi(`无法拟合：${e.zh}`, `cannot fit: ${e.message}`)), ExitCode.invalidInput);
        throw e;
      }
      const dims = table.used.map((d, i) => ({
        code: d.code,
        name: d.name,
        declared: d.declared,
        fitted: fit.points[i] as number,
      }));
      if (o.json)
        return printJson({
          schema: "govscore.framework-fit/1",
          framework: { id: outline.id, version: outline.version },
          rows: table.input.rows.length,
          scale,
          dimensions: dims.map((d) => ({ ...d, fitted: round(d.fitted, 6) })),
          missing: table.missing.map((d) => ({ code: d.code, name: d.name, declared: d.declared })),
          sumOfPoints: round(fit.sumOfPoints, 6),
          rmse: round(fit.rmse, 6),
          maxAbsResidual: round(fit.maxAbsResidual, 6),
          r2: round(fit.r2, 6),
          residuals: fit.residuals.map((r) => ({
            unit: r.unit,
            total: r.total,
            fitted: round(r.fitted, 6),
            residual: round(r.residual, 6),
          })),
        });
      const name = (n: { zh: string; en: string }) => say(bi(n.zh, n.en));
      printLine(
        bi(
          `${outline.name.zh} ${outline.id}@${outline.version}：${table.input.rows.length} 行的维度分值拟合`,
          `${outline.name.en} ${outline.id}@${outline.version}: dimension points fitted to ${table.input.rows.length} rows`,
        ),
      );
      printLine(say(bi("维度\t声明分值\t拟合分值\t差", "dimension\tdeclared\tfitted\tdifference")));
      for (const d of dims)
        printLine(
          [
            name(d.name),
            d.declared ?? "—",
            round(d.fitted, 2),
            d.declared === null ? "—" : round(d.fitted - d.declared, 2),
          ].join("\t"),
        );
      const declaredSum = dims.every((d) => d.declared !== null)
        ? dims.reduce((s, d) => s + (d.declared ?? 0), 0)
        : "—";
      printLine([say(bi("合计", "total")), declaredSum, round(fit.sumOfPoints, 2), ""].join("\t"));
      for (const d of table.missing)
        printLine(
          bi(
            `表中没有维度 ${d.name.zh}：未拟合（其分值若计入总分，会出现在残差中）`,
            `the table has no column for ${d.name.en}: not fitted (its points, if in the totals, show in the residuals)`,
          ),
        );
      printLine(
        `RMSE ${round(fit.rmse, 3)}\t${say(bi("最大残差", "max |residual|"))} ${round(fit.maxAbsResidual, 3)}\tR² ${round(fit.r2, 5)}`,
      );
      printLine(say(bi("单位\t总分\t拟合总分\t残差", "unit\ttotal\tfitted\tresidual")));
      for (const r of fit.residuals)
        printLine([r.unit, r.total, round(r.fitted, 2), round(r.residual, 2)].join("\t"));
    });
}
