import { isIP } from "node:net";
import type { Command } from "commander";
import { type A11yFlags, a11yFromFlags, addA11yFlags } from "../../a11y/cli.ts";
import { dnsAaaa } from "../../artifacts/site-steps.ts";
import { defaultResolver, type Resolver } from "../../crawl/fetch.ts";
import { bi, say } from "../../i18n/bilingual.ts";
import { defaultOptions, loadProfile, type Profile, ProfileError } from "../../inspect/config.ts";
import { inspectSites } from "../../inspect/inspect.ts";
import type { InspectionReport } from "../../inspect/report.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { printJson, printLine } from "../output.ts";

interface Opts extends A11yFlags {
  maxPages?: string;
  asOf?: string;
  json?: boolean;
  warc?: string;
  profile?: string;
  allowPrivate?: boolean;
  userAgent?: string;
  delay?: string;
  resolve?: string[];
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
  addA11yFlags(program.command("inspect"))
    .description("检查网站 (inspect government websites)")
    .argument("<url...>", "网站首页 URL (homepage URLs)")
    .option("--max-pages <n>", "每个网站最多抓取页数 (pages per site)")
    .option("--as-of <date>", "评估基准日 YYYY-MM-DD (as-of date)")
    .option("--json", "输出 govscore.inspection/1 JSON 数组 (JSON report array)")
    .option("--warc <dir>", "将请求与响应写入 WARC 目录 (archive evidence as WARC)")
    .option("--profile <file>", "按网站覆盖参数的 YAML 文件 (per-site overrides, YAML)")
    .option("--allow-private", "允许访问内网与回环地址 (allow private and loopback addresses)")
    .option("--user-agent <ua>", "用户代理 (user agent)")
    .option("--delay <ms>", "同一主机请求间隔毫秒 (per-host delay, ms)")
    .option(
      "--resolve <host=ip>",
      "指定主机的地址，可重复，仍受地址策略约束 (pin a host to an address, repeatable; the address policy still applies)",
      (v: string, acc: string[] = []) => [...acc, v],
    )
    .action(async (urls: string[], o: Opts) => {
      const options = defaultOptions();
      for (const u of urls) {
        let ok = false;
        try {
          ok = /^https?:$/.test(new URL(u).protocol);
        } catch {}
        if (!ok) throw new CliError(say(bi(`无效的网址：${u}`, `invalid URL: ${u}`)), ExitCode.usage);
      }
      if (o.maxPages !== undefined) {
        const n = Number(o.maxPages);
        if (!Number.isInteger(n) || n < 1)
          throw new CliError(
            say(bi("--max-pages 须为正整数", "--max-pages must be a positive integer")),
            ExitCode.usage,
          );
        options.crawl.maxPages = n;
      }
      if (o.delay !== undefined) {
        const n = Number(o.delay);
        if (!Number.isFinite(n) || n < 0)
          throw new CliError(say(bi("--delay 须为非负数", "--delay must be ≥ 0")), ExitCode.usage);
        options.crawl.delayMs = n;
      }
      if (o.userAgent) options.crawl.userAgent = o.userAgent;
      const asOf = o.asOf ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
        throw new CliError(say(bi("--as-of 须为 YYYY-MM-DD", "--as-of must be YYYY-MM-DD")), ExitCode.usage);
      options.allowPrivate = o.allowPrivate === true;
      let profile: Profile | null = null;
      if (o.profile) {
        try {
          profile = loadProfile(o.profile);
        } catch (e) {
          const problems = e instanceof ProfileError ? e.problems : [(e as Error).message];
          throw new CliError(say(bi("配置文件无效", "invalid profile")), ExitCode.invalidInput, problems);
        }
      }
      const pinned = new Map<string, string>();
      for (const r of o.resolve ?? []) {
        const [h, ip] = r.split("=");
        if (!h || !ip || isIP(ip) === 0)
          throw new CliError(
            say(bi(`--resolve 格式应为 host=ip：${r}`, `--resolve wants host=ip: ${r}`)),
            ExitCode.usage,
          );
        pinned.set(h.toLowerCase(), ip);
      }
      const resolver: Resolver = async (host) => {
        const ip = pinned.get(host.toLowerCase());
        return ip ? [{ address: ip, family: isIP(ip) }] : defaultResolver(host);
      };
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
