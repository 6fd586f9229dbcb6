import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import { createDispatcher, defaultResolver } from "../../crawl/fetch.ts";
import { EvaluationError } from "../../evaluations/evaluation-store.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { defaultOptions } from "../../inspect/config.ts";
import { pruneProbes } from "../../monitor/history.ts";
import { probeFetchOptions } from "../../monitor/probe.ts";
import { addEvaluationTargets, evaluationVerdicts, runDueProbes } from "../../monitor/run.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { printJson, printLine } from "../output.ts";
import { withStore } from "../with-store.ts";

async function domain<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof EvaluationError) throw new CliError(e.message, ExitCode.invalidInput);
    throw e;
  }
}

export function register(program: Command): void {
  const cmd = program
    .command("monitor")
    .description(
      "持续监测：可用性探测、首页更新、告警 (continuous monitoring: availability probes, homepage updates, alerts)",
    );

  cmd
    .command("add")
    .description("监测评估内各单位的主网站 (watch the main website of every body of an evaluation)")
    .argument("<code>", "评估代码 (evaluation code)")
    .option(
      "--probes-per-day <n>",
      "每天探测次数，检查指标要求至少 20 (probes a day; the check list wants ≥ 20)",
      "24",
    )
    .action((code: string, o: { probesPerDay: string }) =>
      domain(async () => {
        const n = Number(o.probesPerDay);
        if (!Number.isInteger(n) || n < 1 || n > 1440)
          throw new CliError(
            say(bi("--probes-per-day 须为 1–1440", "--probes-per-day must be 1–1440")),
            ExitCode.usage,
          );
        const added = await withStore((s) => addEvaluationTargets(s.db, code, n, Date.now()));
        printLine(
          bi(`新增监测 ${added} 个网站，每天 ${n} 次`, `now watching ${added} more sites, ${n} probes a day`),
        );
      }),
    );

  cmd
    .command("run")
    .description(
      "按计划探测，直到中断；可多进程共用一个 Postgres (probe on schedule until stopped; several processes may share a Postgres server)",
    )
    .option("--once", "只做一轮到期的探测 (one round of due probes, then exit)")
    .option("--webhook <url>", "告警时 POST JSON 到此地址 (POST alerts as JSON to this URL)")
    .option("--concurrency <n>", "同时探测数 (probes at once)", "64")
    .option("--allow-private", "允许探测内网与回环地址 (allow private and loopback addresses)")
    .option(
      "--keep-days <n>",
      "原始探测记录保留天数，日汇总永久保留 (days of raw probes kept; day summaries stay)",
      "8",
    )
    .action(
      async (o: {
        once?: boolean;
        webhook?: string;
        concurrency: string;
        allowPrivate?: boolean;
        keepDays: string;
      }) => {
        const d = defaultOptions();
        const fetch = probeFetchOptions({
          connectTimeoutMs: d.connectTimeoutMs,
          headersTimeoutMs: d.headersTimeoutMs,
          bodyTimeoutMs: d.bodyTimeoutMs,
          totalTimeoutMs: d.totalTimeoutMs,
          maxBodyBytes: d.maxBodyBytes,
          maxRedirects: d.crawl.maxRedirects,
          userAgent: d.crawl.userAgent,
          policy: { allowPrivate: o.allowPrivate === true, allowHosts: [] },
          resolver: defaultResolver,
        });
        const dispatcher = createDispatcher(fetch, 2);
        const stop = new AbortController();
        process.once("SIGINT", () => stop.abort());
        process.once("SIGTERM", () => stop.abort());
        try {
          await withStore(async (store) => {
            let lastPrune = 0;
            while (!stop.signal.aborted) {
              const n = await runDueProbes(store.db, {
                now: Date.now,
                fetch,
                dispatcher,
                concurrency: Number(o.concurrency),
                webhook: o.webhook ?? null,
              });
              if (n) process.stderr.write(`[monitor] ${new Date().toISOString()} ${n} probes\n`);
              if (Date.now() - lastPrune > 3_600_000) {
                await pruneProbes(store.db, Date.now(), Number(o.keepDays));
                lastPrune = Date.now();
              }
              if (o.once) break;
              await sleep(5000, undefined, { signal: stop.signal }).catch(() => {});
            }
          });
        } finally {
          await dispatcher.close();
        }
      },
    );

  cmd
    .command("status")
    .description(
      "基准日前一周的可用性与两周的首页更新；--apply 写入评估供计分 (availability over the week and homepage over two weeks before as-of; --apply records them for scoring)",
    )
    .argument("<code>", "评估代码 (evaluation code)")
    .option("--apply", "把未响应比例写入评估 (record the unanswered share as a fact of the evaluation)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action((code: string, o: { apply?: boolean; json?: boolean }) =>
      domain(async () => {
        const v = await withStore((s) => evaluationVerdicts(s.db, code, o.apply === true));
        if (o.json) return printJson(v);
        for (const x of v)
          printLine(
            [
              x.bodyId,
              x.site,
              `${x.unanswered}/${x.probes}`,
              x.share === null ? "-" : `${(x.share * 100).toFixed(1)}%`,
              x.unreachableVeto ? say(bi("站点无法访问", "unreachable")) : "",
              x.homeStale ? say(bi("首页不更新", "homepage not updated")) : "",
              x.sufficient
                ? ""
                : say(bi("（探测不足一周×20次/天）", "(fewer than a week of 20 probes a day)")),
            ]
              .join("\t")
              .trimEnd(),
          );
      }),
    );
}
