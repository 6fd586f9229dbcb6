import type { Command } from "commander";
import { bi, say } from "../../i18n/bilingual.ts";
import { inspectSites } from "../../inspect/inspect.ts";
import type { InspectionReport } from "../../inspect/report.ts";
import { type A11yFlags, a11yFromFlags, addA11yFlags } from "../a11y-flags.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import {
  addCrawlFlags,
  type CrawlFlags,
  engineOptionsFrom,
  ipv6StepsFrom,
  parseAsOf,
  profileFrom,
  resolverFrom,
} from "../inspect-flags.ts";
import { OrderedJsonArray, printLine } from "../output.ts";
import { startRunStatus } from "../run-status.ts";

interface Opts extends A11yFlags, CrawlFlags {
  asOf?: string;
  json?: boolean;
  warc?: string;
}

/** Plain-text summary of one site; every crawled value goes out as text, never as markup. */
export function summaryLines(r: InspectionReport): string[] {
  const lines = [
    `${r.site}  ${r.pages.fetched}/${r.pages.failed}/${r.pages.skipped} (fetched/failed/skipped)`,
  ];
  const failed = Object.entries(r.checks).filter(([, c]) => c.outcome === "fail");
  for (const [id, c] of failed) lines.push(`  ✗ ${id}: ${c.count}`);
  if (failed.length === 0 && r.facts["inspection.status"] !== "failed")
    lines.push(say(bi("  全部通过", "  all checks passed")));
  for (const note of r.notes ?? []) lines.push(`  ! ${say(note)}`);
  return lines;
}

export function printSummary(reports: InspectionReport[]): void {
  for (const r of reports) for (const l of summaryLines(r)) printLine(l);
}

/** Text output in input order, each site once those before it are out. */
class OrderedText {
  private next = 0;
  private readonly held = new Map<number, InspectionReport>();
  add(i: number, r: InspectionReport): void {
    this.held.set(i, r);
    for (let h = this.held.get(this.next); h; h = this.held.get(this.next)) {
      this.held.delete(this.next++);
      printSummary([h]);
    }
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
        if (!ok) {
          const hint = /^[\w.-]+\.[a-z]{2,}(?::\d+)?(\/|$)/i.test(u)
            ? say(
                bi(
                  `（是否缺少 http:// 或 https://？例如 https://${u}）`,
                  ` (missing http:// or https://? e.g. https://${u})`,
                ),
              )
            : "";
          throw new CliError(say(bi(`无效的网址：${u}`, `invalid URL: ${u}`)) + hint, ExitCode.usage);
        }
      }
      const options = engineOptionsFrom(o);
      const asOf = parseAsOf(o.asOf);
      const profile = profileFrom(o);
      const resolver = resolverFrom(o);
      const ipv6 = ipv6StepsFrom(options);
      const status = startRunStatus();
      const json = o.json ? new OrderedJsonArray() : null;
      const text = o.json ? null : new OrderedText();
      const broken: string[] = [];
      let only: InspectionReport | null = null;
      try {
        await inspectSites({
          sites: urls,
          asOf,
          options,
          profile,
          warcDir: o.warc ?? null,
          resolver,
          a11y: a11yFromFlags(o),
          ...ipv6,
          // Reports are written as they come (in input order), not all kept to the end.
          collect: false,
          onProgress: (p) => status.progress(p),
          onStall: (s) => status.stall(s),
          onSite: (r, i) => {
            if (urls.length === 1) only = r;
            if (r.facts["inspection.status"] === "failed") broken.push(r.site);
            // A single site refused by the address policy: that is said below, as an error.
            if (urls.length === 1 && r.facts["home.error"] === "policy-refused") return;
            status.stop();
            json?.add(i, r);
            text?.add(i, r);
          },
        });
      } finally {
        status.stop();
      }
      const single = only as InspectionReport | null;
      if (single?.facts["home.error"] === "policy-refused")
        throw new CliError(
          say(
            bi(
              `地址策略拒绝访问 ${urls[0]}（内网或回环地址；可用 --allow-private）`,
              `address policy refused ${urls[0]} (private or loopback address; use --allow-private)`,
            ),
          ),
          ExitCode.unavailable,
        );
      json?.end();
      if (broken.length > 0)
        throw new CliError(
          say(
            bi(
              `${broken.length} 个网站的检查因程序错误而失败（报告中 inspection.status 为 failed，notes 说明原因）：${broken.join(" ")}`,
              `the inspection of ${broken.length} sites broke on an error of ours (inspection.status "failed" in their reports, the notes say where): ${broken.join(" ")}`,
            ),
          ),
          ExitCode.failure,
        );
    });
}
