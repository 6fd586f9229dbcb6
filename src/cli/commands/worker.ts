import type { Command } from "commander";
import { bi, say } from "../../i18n/bilingual.ts";
import { openQueue, runInspectWorker } from "../../jobs/pg-queue.ts";
import { storeConfigFromEnv } from "../../store/config.ts";
import { openStore } from "../../store/open.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import {
  addCrawlFlags,
  type CrawlFlags,
  engineOptionsFrom,
  ipv6StepsFrom,
  resolverFrom,
} from "../inspect-flags.ts";
import { printLine } from "../output.ts";

/** The Postgres server the queue lives on; the embedded database runs tasks in-process instead. */
export function queueUrl(): string {
  const config = storeConfigFromEnv();
  if (config.kind !== "postgres")
    throw new CliError(
      say(
        bi(
          "分布式任务队列需要 Postgres 服务器：请设置 DATABASE_URL=postgres://…（嵌入式数据库在本进程内运行任务）",
          "the distributed queue needs a Postgres server: set DATABASE_URL=postgres://… (the embedded database runs tasks in-process)",
        ),
      ),
      ExitCode.usage,
    );
  return config.url;
}

export function register(program: Command): void {
  addCrawlFlags(
    program
      .command("worker")
      .description(
        "从 Postgres 任务队列领取巡检任务，可在多台机器上运行 (work inspection jobs from the Postgres queue; run on as many machines as you like)",
      ),
  )
    .option("--concurrency <n>", "本进程同时巡检的网站数 (sites at once in this process)", "4")
    .option(
      "--maintenance-seconds <n>",
      "检查失联任务的间隔秒数 (how often to look for jobs whose worker died)",
      "30",
    )
    .action(async (o: CrawlFlags & { concurrency: string; maintenanceSeconds: string }) => {
      const url = queueUrl();
      const concurrency = Number(o.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new CliError(
          say(bi("--concurrency 须为正整数", "--concurrency must be a positive integer")),
          ExitCode.usage,
        );
      const options = engineOptionsFrom(o);
      const resolver = resolverFrom(o);
      const store = await openStore();
      const boss = await openQueue(url, { maintenanceIntervalSeconds: Number(o.maintenanceSeconds) });
      let done = 0;
      await runInspectWorker(store.db, boss, {
        concurrency,
        options,
        resolver,
        ipv6: ipv6StepsFrom(options),
        onDone: (j) => {
          done++;
          process.stderr.write(`[worker ${process.pid}] ${done} ${j.evaluation} ${j.url}\n`);
        },
      });
      printLine(
        bi(
          `巡检工作进程 ${process.pid} 已就绪（并发 ${concurrency}）`,
          `inspection worker ${process.pid} ready (${concurrency} at once)`,
        ),
      );
      const stop = async () => {
        await boss.stop({ graceful: true, timeout: 30_000 });
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
