import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import type { DemoEvaluation } from "../../demo/demo-evaluation.ts";
import { DEMO_EVALUATION, runDemoEvaluation } from "../../demo/demo-evaluation.ts";
import { DEMO_PASSWORD } from "../../demo/demo-workspace.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { type ImportResult, importRegistryCsv } from "../../registry/import-registry.ts";
import { buildApp } from "../../server/app.ts";
import { DEFAULT_WEB_DIR } from "../../server/web-app.ts";
import type { Store } from "../../store/open.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { listenOrExplain } from "../listen.ts";
import { printJson, printLine } from "../output.ts";
import { startProgress } from "../progress.ts";
import { withStore } from "../with-store.ts";

export const DEMO_REGISTRY = fileURLToPath(new URL("../../../data/demo-registry.csv", import.meta.url));

/** `npm start`: the main job on the embedded default database, saying what it did. */
export function register(program: Command): void {
  program
    .command("demo")
    .description(
      "演示：创建嵌入式数据库，载入演示名录，巡检并按检查指标评分本机演示网站 (demo: create the embedded database, load the demo registry, inspect and score local demo sites)",
    )
    .option("--json", "输出 JSON (machine-readable output)")
    .option("--sites <n>", "演示网站数 (number of demo sites)", "6")
    .option("--warc <dir>", "证据 WARC 目录 (evidence WARC folder; default: <data folder>/demo-warc)")
    .option("--no-serve", "完成后退出，不启动工作台 (exit when done; do not serve the workspace)")
    .option("--host <host>", "工作台监听地址 (workspace listen address)", "127.0.0.1")
    .option("--port <n>", "工作台端口 (workspace port)", "8080")
    .option("--web-dir <dir>", "已构建的网页应用目录 (the built web app; default dist/web)")
    .action(async (opts: DemoOptions) => {
      const nSites = Number(opts.sites);
      if (!Number.isInteger(nSites) || nSites < 1 || nSites > 200)
        throw new CliError(say(bi("--sites 须为 1–200", "--sites must be 1–200")), ExitCode.usage);
      const bytes = await readFile(DEMO_REGISTRY);
      const report = await withStore(async (store) => {
        const result = await importRegistryCsv(store.db, "data/demo-registry.csv", bytes);
        const errors = result.problems.filter((p) => p.severity === "error");
        if (errors.length > 0) {
          throw new CliError(
            "演示名录无效 (the demo registry is invalid)",
            ExitCode.failure,
            errors.map((p) => `line ${p.line} [${p.column ?? ""}]: ${p.message.en}`),
          );
        }
        const perCategory = await store.db
          .selectFrom("category")
          .leftJoin("body_category", "body_category.category_code", "category.code")
          .leftJoin("app_category", "app_category.category_code", "category.code")
          .select((eb) => [
            "category.name_zh",
            "category.name_en",
            eb.fn.count<number>("body_category.body_id").distinct().as("bodies"),
            eb.fn.count<number>("app_category.app_id").distinct().as("apps"),
          ])
          .groupBy(["category.code", "category.name_zh", "category.name_en", "category.sort_order"])
          .orderBy("category.sort_order")
          .execute();
        const totals = await Promise.all(
          (["body", "website", "app"] as const).map((t) =>
            store.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
              .then((r) => Number(r.n)),
          ),
        );
        const home = store.config.kind === "pglite" ? store.config.dataDir : ".govscore";
        const warcDir = opts.warc ?? join(home, "demo-warc");
        let progress: ReturnType<typeof startProgress> | null = null;
        const evaluation = await runDemoEvaluation(store.db, {
          sites: nSites,
          warcDir,
          releaseDir: join(home, "demo-release"),
          siteDir: join(home, "demo-site"),
          keepSites: opts.serve,
          onSite: (done, total) => {
            progress ??= startProgress(say(bi("巡检演示网站", "inspecting demo sites")), total);
            progress.update(done);
          },
        });
        (progress as ReturnType<typeof startProgress> | null)?.stop();
        const report: DemoReport = {
          evaluation: { ...evaluation, server: null },
          database: store.description,
          created: store.created,
          migrations: store.appliedMigrations,
          import: result,
          totals: { bodies: totals[0], websites: totals[1], apps: totals[2] },
          perCategory: perCategory.map((c) => ({ ...c, bodies: Number(c.bodies), apps: Number(c.apps) })),
        };
        if (opts.json) printJson(report);
        else printReport(report);
        if (opts.serve) await serveWorkspace(store, opts, evaluation);
        else await evaluation.server?.close();
        return report;
      });
      void report;
    });
}

interface DemoReport {
  evaluation: DemoEvaluation;
  database: string;
  created: boolean;
  migrations: string[];
  import: ImportResult;
  totals: { bodies: number | undefined; websites: number | undefined; apps: number | undefined };
  perCategory: { name_zh: string; name_en: string; bodies: number; apps: number }[];
}

interface DemoOptions {
  json?: boolean;
  sites: string;
  warc?: string;
  serve: boolean;
  host: string;
  port: string;
  webDir?: string;
}

/** Serves the workspace over the demo's database until Ctrl-C, then closes everything. */
async function serveWorkspace(store: Store, opts: DemoOptions, ev: DemoEvaluation): Promise<void> {
  const webDir = opts.webDir ?? DEFAULT_WEB_DIR;
  // Inspections started from the workspace reach the demo's fixture servers and public sites only.
  const app = await buildApp({
    store,
    webDir,
    allowEndpoints: ev.crawl.allowEndpoints,
    resolver: ev.crawl.resolver,
  });
  let address: string;
  try {
    address = await listenOrExplain(app, opts.host, Number(opts.port));
  } catch (e) {
    await ev.server?.close();
    throw e;
  }
  const hasApp = existsSync(join(webDir, "index.html"));
  printLine(
    hasApp
      ? bi(`评估工作台已启动：${address}/`, `the evaluation workspace is up: ${address}/`)
      : bi(
          `未找到网页应用（${webDir}），请先运行 npm run build:web；API 已在 ${address}/api`,
          `no built web app in ${webDir} (run npm run build:web); the API is at ${address}/api`,
        ),
  );
  printLine(bi(`接口文档：${address}/api/docs`, `API docs: ${address}/api/docs`));
  printLine(
    bi(`演示账号（密码均为 ${DEMO_PASSWORD}）：`, `demo accounts (password ${DEMO_PASSWORD} for all):`),
  );
  for (const a of ev.workspace?.accounts ?? [])
    printLine(`  ${a.username.padEnd(20)} ${a.role}${a.bodyId ? ` (${a.bodyId})` : ""}  ${a.displayName}`);
  printLine(bi("按 Ctrl-C 停止。", "Press Ctrl-C to stop."));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await app.close();
  await ev.server?.close();
}

function printReport(report: DemoReport): void {
  {
    printLine(
      report.created
        ? bi(`已创建数据库：${report.database}`, `created the database: ${report.database}`)
        : bi(`已打开数据库：${report.database}`, `opened the database: ${report.database}`),
    );
    if (report.migrations.length) {
      printLine(
        bi(
          `已应用迁移：${report.migrations.join(", ")}`,
          `applied migrations: ${report.migrations.join(", ")}`,
        ),
      );
    }
    const w = report.import.written;
    if (w) {
      printLine(
        bi(
          `已载入演示名录 data/demo-registry.csv（${report.import.rows} 行）：新增单位 ${w.bodies.inserted}，更新 ${w.bodies.updated}，未变 ${w.bodies.unchanged}；新增网站 ${w.websites.inserted}；新增应用 ${w.apps.inserted}`,
          `loaded the demo registry data/demo-registry.csv (${report.import.rows} rows): bodies inserted ${w.bodies.inserted}, updated ${w.bodies.updated}, unchanged ${w.bodies.unchanged}; websites inserted ${w.websites.inserted}; apps inserted ${w.apps.inserted}`,
        ),
      );
    }
    for (const p of report.import.problems) printLine(`  line ${p.line}: ${p.message.zh} / ${p.message.en}`);
    printLine(
      bi(
        `名录现有 ${report.totals.bodies} 个单位、${report.totals.websites} 个网站、${report.totals.apps} 个应用：`,
        `the registry now holds ${report.totals.bodies} bodies, ${report.totals.websites} websites, ${report.totals.apps} apps:`,
      ),
    );
    for (const c of report.perCategory) {
      const n = c.bodies || c.apps;
      if (n > 0) printLine(`  ${c.name_zh} (${c.name_en}): ${n}`);
    }
    const ev = report.evaluation;
    printLine(
      bi(
        `已在本机启动 ${ev.sites.length} 个演示政府网站（合成数据，含预置缺陷），巡检 ${ev.inspected} 个，证据存于 ${ev.warcDir}`,
        `served ${ev.sites.length} synthetic demo government sites (with planted defects) on 127.0.0.1, inspected ${ev.inspected}, evidence in ${ev.warcDir}`,
      ),
    );
    printLine(
      bi(
        `按《政府网站检查指标（2019年版）》评分（评估 ${DEMO_EVALUATION}，基准日 ${ev.scores.asOf}）：`,
        `scored with the 2019 national website check list (evaluation ${DEMO_EVALUATION}, as of ${ev.scores.asOf}):`,
      ),
    );
    const names = new Map(ev.sites.map((s) => [s.bodyId, s.name]));
    for (const b of ev.scores.bodies) {
      const total = b.scores.total;
      printLine(
        `  ${names.get(b.bodyId) ?? b.bodyId}  ${b.verdict ?? ""}  ${total === null || total === undefined ? "—" : total.toFixed(1)}  ${b.reason ?? ""}`.trimEnd(),
      );
    }
    printLine(
      bi(
        `发布稿与导出文件 ${ev.release.files} 个：${ev.release.dir}；结果网站 ${ev.release.pages} 页：${ev.release.siteDir}/index.html`,
        `release and exports (${ev.release.files} files): ${ev.release.dir}; results site (${ev.release.pages} pages): ${ev.release.siteDir}/index.html`,
      ),
    );
    printLine(
      bi(
        `下一步：govscore evaluation score ${DEMO_EVALUATION} --json、govscore registry list、govscore --help`,
        `next: govscore evaluation score ${DEMO_EVALUATION} --json, govscore registry list, govscore --help`,
      ),
    );
  }
}
