import type { Command } from "commander";
import { type A11yFlags, a11yFromFlags, addA11yFlags } from "../../a11y/cli.ts";
import { dnsAaaa } from "../../artifacts/site-steps.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { inspectSites } from "../../inspect/inspect.ts";
import type { InspectionReport } from "../../inspect/report.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import {
  addCrawlFlags,
  type CrawlFlags,
  engineOptionsFrom,
  parseAsOf,
  profileFrom,
  resolverFrom,
} from "../inspect-flags.ts";
import { printJson, printLine } from "../output.ts";

interface Opts extends A11yFlags, CrawlFlags {
  asOf?: string;
  json?: boolean;
  warc?: string;
}

/** Plain-text summary; every crawled value goes out as text, never as markup. */
export function printSummary(reports: InspectionReport[]): void {
  for (const r of reports) {
    const failed = Object.entries(r.checks).filter(([, c]) => c.outcome === "fail");
    printLine(`${r.site}  ${r.pages.fetched}/${r.pages.failed}/${r.pages.skipped} (fetched/failed/skipped)`);
    for (const [id, c] of failed) printLine(`  ✗ ${id}: ${c.count}`);
    if (failed.length === 0) printLine(say(bi("  全部通过", "  all checks passed")));
  }
}

export function register(program: Command): void {
  addCrawlFlags(addA11yFlags(program.command("inspect")))
    .description("检查网站 (inspect government websites)")
    .argument("<url...>", "网站首页 URL (homepage URLs)")
    .option("--as-of <date>", "评估基准日 YYYY-MM-DD (as-of date)")
    .option("--json", "输出 govscore.inspection/1 JSON 数组 (JSON report array)")
    .option("--warc <dir>", "将请求与响应写入 WARC 目录 (archive evidence as WARC)")
    .action(async (urls: string[], o: Opts) => {
      for (const u of urls) {
        let ok = false;
        try {
          ok = /^https?:$/.test(new URL(u).protocol);
        } catch {}
        if (!ok) throw new CliError(say(bi(`无效的网址：${u}`, `invalid URL: ${u}`)), ExitCode.usage);
      }
      const options = engineOptionsFrom(o);
      const asOf = parseAsOf(o.asOf);
      const profile = profileFrom(o);
      const resolver = resolverFrom(o);
      const reports = await inspectSites({
        sites: urls,
        asOf,
        options,
        profile,
        warcDir: o.warc ?? null,
        resolver,
        a11y: a11yFromFlags(o),
        // ipv6.missing asks public DNS; runs against private or loopback addresses have none.
        aaaa: options.allowPrivate ? null : dnsAaaa,
      });
      // A single site refused by the address policy could not be inspected at all: say so.
      if (reports.length === 1 && reports[0]?.facts["home.error"] === "policy-refused")
        throw new CliError(
          say(
            bi(
              `地址策略拒绝访问 ${urls[0]}（内网或回环地址；可用 --allow-private）`,
              `address policy refused ${urls[0]} (private or loopback address; use --allow-private)`,
            ),
          ),
          ExitCode.unavailable,
        );
      if (o.json) printJson(reports);
      else printSummary(reports);
    });
}
