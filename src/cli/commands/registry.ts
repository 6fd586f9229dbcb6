import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { type Command, Option } from "commander";
import iconv from "iconv-lite";
import { bi, say } from "../../i18n/bilingual.ts";
import { writeCsv } from "../../registry/csv-cells.ts";
import { lookupDivision } from "../../registry/divisions.ts";
import { exportRegistryRows, registryRowsToRecords } from "../../registry/export-registry.ts";
import { type ImportResult, importRegistryCsv } from "../../registry/import-registry.ts";
import { loadCategories } from "../../registry/registry-store.ts";
import type { Problem } from "../../registry/validate-registry.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { printJson, printLine } from "../output.ts";
import { type Progress, startProgress } from "../progress.ts";
import { withStore } from "../with-store.ts";

export function register(program: Command): void {
  const registry = program
    .command("registry")
    .description("被评估单位名录：单位、网站、应用 (registry of evaluated bodies, their websites and apps)");

  registry
    .command("import")
    .description(
      "导入名录 CSV；任何一行有错则不写入任何内容 (import a registry CSV; nothing is written if any row is bad)",
    )
    .argument(
      "<file>",
      "CSV 文件，UTF-8（可带 BOM）或 GB18030 (CSV file, UTF-8 with or without BOM, or GB18030)",
    )
    .option("--dry-run", "只校验，不写入 (validate only)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const bytes = await readInput(file);
      let bar: Progress | undefined;
      const result = await withStore((store) =>
        importRegistryCsv(store.db, file, bytes, {
          dryRun: opts.dryRun ?? false,
          onProgress(written, total) {
            bar ??= startProgress(say(bi("写入", "writing")), total);
            bar.update(written);
          },
        }),
      ).finally(() => bar?.stop());
      if (opts.json) printJson(importJson(result));
      else printImport(result);
      if (result.problems.some((p) => p.severity === "error")) process.exitCode = ExitCode.invalidInput;
    });

  registry
    .command("export")
    .description("按导入格式导出名录 (export the registry in the import format)")
    .option("-o, --out <file>", "写入文件而不是标准输出 (write to a file instead of stdout)")
    .addOption(
      new Option("--encoding <encoding>", "文件编码 (file encoding)")
        .choices(["utf8", "utf8-bom", "gb18030"])
        .default("utf8"),
    )
    .action(async (opts: { out?: string; encoding: "utf8" | "utf8-bom" | "gb18030" }) => {
      const rows = await withStore((store) => exportRegistryRows(store.db));
      const text = writeCsv(registryRowsToRecords(rows), { record_delimiter: "unix" });
      const bytes =
        opts.encoding === "gb18030"
          ? iconv.encode(text, "gb18030")
          : Buffer.from(opts.encoding === "utf8-bom" ? `\uFEFF${text}` : text, "utf8");
      if (opts.out) {
        await writeFile(opts.out, bytes);
        process.stderr.write(
          `${say(bi(`已导出 ${rows.length} 行到 ${opts.out}`, `exported ${rows.length} rows to ${opts.out}`))}\n`,
        );
      } else process.stdout.write(bytes);
    });

  registry
    .command("list")
    .description("列出单位 (list bodies)")
    .option("-c, --category <category>", "按类别筛选，名称或代码 (filter by category, name or code)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action(async (opts: { category?: string; json?: boolean }) => {
      const bodies = await withStore(async ({ db }) => {
        let q = db
          .selectFrom("body")
          .leftJoin("website", (j) =>
            j.onRef("website.body_id", "=", "body.id").on("website.role", "=", "portal"),
          )
          .select([
            "body.id",
            "body.name",
            "body.short_name",
            "body.level",
            "body.division_code",
            "body.parent_id",
            "website.url as portal",
          ])
          .orderBy("body.division_code")
          .orderBy("body.id");
        if (opts.category) {
          const category = opts.category;
          q = q.where("body.id", "in", (eb) =>
            eb
              .selectFrom("body_category")
              .innerJoin("category", "category.code", "body_category.category_code")
              .select("body_category.body_id")
              .where((w) => w.or([w("category.code", "=", category), w("category.name_zh", "=", category)])),
          );
        }
        return q.execute();
      });
      if (opts.json) return printJson(bodies);
      for (const b of bodies) {
        printLine([b.id, b.division_code ?? "", b.name, b.portal ?? ""].join("\t"));
      }
      printLine(bi(`共 ${bodies.length} 个单位`, `${bodies.length} bodies`));
    });

  const category = registry
    .command("category")
    .description("单位与应用的类别 (categories of bodies and apps)");
  category
    .command("list", { isDefault: true })
    .description("列出类别 (list categories)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action(async (opts: { json?: boolean }) => {
      const rows = await withStore(async ({ db }) => loadCategories(db));
      if (opts.json) return printJson(rows);
      for (const c of rows) printLine(`${c.code}\t${c.name_zh}\t${c.name_en}\t${c.applies_to}`);
    });
  category
    .command("add")
    .description("添加自定义类别 (add a user-defined category)")
    .argument("<code>", "代码，小写字母、数字、连字符 (code: lower-case letters, digits, hyphens)")
    .requiredOption("--zh <name>", "中文名称 (Chinese name)")
    .requiredOption("--en <name>", "英文名称 (English name)")
    .addOption(
      new Option("--applies-to <scope>", "用于单位或应用 (for bodies or apps)")
        .choices(["body", "app"])
        .default("body"),
    )
    .action(async (code: string, opts: { zh: string; en: string; appliesTo: "body" | "app" }) => {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(code)) {
        throw new CliError(
          say(
            bi(
              `类别代码「${code}」只能包含小写字母、数字和连字符`,
              `category code "${code}" may only contain lower-case letters, digits and hyphens`,
            ),
          ),
          ExitCode.usage,
        );
      }
      const added = await withStore(async ({ db }) =>
        db
          .insertInto("category")
          .values({ code, name_zh: opts.zh, name_en: opts.en, applies_to: opts.appliesTo })
          .onConflict((oc) => oc.doNothing())
          .returning("code")
          .execute(),
      );
      if (added.length === 0) {
        throw new CliError(
          say(
            bi(
              `类别「${code}」或名称「${opts.zh}」已存在`,
              `category "${code}" or name "${opts.zh}" exists already`,
            ),
          ),
          ExitCode.invalidInput,
        );
      }
      printLine(bi(`已添加类别 ${code}（${opts.zh}）`, `added category ${code} (${opts.en})`));
    });

  registry
    .command("check-code")
    .description("查询区划代码或部门代码 (look up a GB/T 2260 division code or a bm department code)")
    .argument("<code...>")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((codes: string[], opts: { json?: boolean }) => {
      const results = codes.map(lookupDivision);
      if (opts.json) printJson(results);
      else {
        for (const r of results) {
          const detail =
            r.status === "current"
              ? r.name
              : r.status === "historical"
                ? `${r.name}, last seen ${r.lastSeen}`
                : "";
          printLine(`${r.code}\t${r.status}${detail ? `\t${detail}` : ""}`);
        }
      }
      if (results.some((r) => r.status === "unknown" || r.status === "malformed"))
        process.exitCode = ExitCode.invalidInput;
    });
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliError(
      say(bi(`无法读取文件 ${file}`, `cannot read ${file}`)) +
        `: ${error instanceof Error ? error.message : String(error)}`,
      ExitCode.invalidInput,
    );
  }
}

function formatProblem(file: string, p: Problem): string {
  const where = `${basename(file)}:${p.line}${p.column ? ` [${p.column}]` : ""}`;
  const tag = p.severity === "error" ? bi("错误", "error") : bi("警告", "warning");
  return `${where} ${say(tag)}: ${p.message.zh} / ${p.message.en}`;
}

function printImport(result: ImportResult): void {
  for (const p of result.problems) process.stderr.write(`${formatProblem(result.file, p)}\n`);
  const errors = result.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const rows = new Set(errors.map((p) => p.line)).size;
    printLine(
      bi(
        `校验失败：${rows} 行有 ${errors.length} 个错误，未写入任何内容`,
        `validation failed: ${errors.length} errors in ${rows} rows; nothing was written`,
      ),
    );
    return;
  }
  if (result.dryRun || !result.written) {
    printLine(
      bi(`校验通过：${result.rows} 行（未写入）`, `valid: ${result.rows} rows (dry run, nothing written)`),
    );
    return;
  }
  const w = result.written;
  const fmt = (c: { inserted: number; updated: number; unchanged: number }) =>
    `+${c.inserted} ~${c.updated} =${c.unchanged}`;
  printLine(
    bi(
      `已导入 ${result.rows} 行（编码 ${result.encoding}）：单位 ${fmt(w.bodies)}，网站 ${fmt(w.websites)}，应用 ${fmt(w.apps)}，类别关联变更 ${w.categoryLinks}（+新增 ~更新 =未变）`,
      `imported ${result.rows} rows (${result.encoding}): bodies ${fmt(w.bodies)}, websites ${fmt(w.websites)}, apps ${fmt(w.apps)}, category links changed ${w.categoryLinks} (+inserted ~updated =unchanged)`,
    ),
  );
}

function importJson(result: ImportResult) {
  return {
    schema: "govscore.registry-import/1",
    file: result.file,
    encoding: result.encoding,
    rows: result.rows,
    dryRun: result.dryRun,
    ok: !result.problems.some((p) => p.severity === "error"),
    problems: result.problems,
    written: result.written ?? null,
  };
}
