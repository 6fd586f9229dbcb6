import { isIP } from "node:net";
import type { Command } from "commander";
import { defaultResolver, type Resolver } from "../crawl/fetch.ts";
import { bi, say } from "../i18n/bilingual.ts";
import {
  defaultOptions,
  type EngineOptions,
  loadProfile,
  type Profile,
  ProfileError,
} from "../inspect/config.ts";
import { CliError, ExitCode } from "./exit-codes.ts";

/** The crawl flags shared by every command that inspects sites. */
export interface CrawlFlags {
  maxPages?: string;
  profile?: string;
  allowPrivate?: boolean;
  userAgent?: string;
  delay?: string;
  resolve?: string[];
}

export function addCrawlFlags(cmd: Command): Command {
  return cmd
    .option("--max-pages <n>", "每个网站最多抓取页数 (pages per site)")
    .option("--profile <file>", "按网站覆盖参数的 YAML 文件 (per-site overrides, YAML)")
    .option("--allow-private", "允许访问内网与回环地址 (allow private and loopback addresses)")
    .option("--user-agent <ua>", "用户代理 (user agent)")
    .option("--delay <ms>", "同一主机请求间隔毫秒 (per-host delay, ms)")
    .option(
      "--resolve <host=ip>",
      "指定主机的地址，可重复，仍受地址策略约束 (pin a host to an address, repeatable; the address policy still applies)",
      (v: string, acc: string[] = []) => [...acc, v],
    );
}

export function engineOptionsFrom(o: CrawlFlags): EngineOptions {
  const options = defaultOptions();
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
  options.allowPrivate = o.allowPrivate === true;
  return options;
}

export function profileFrom(o: CrawlFlags): Profile | null {
  if (!o.profile) return null;
  try {
    return loadProfile(o.profile);
  } catch (e) {
    const problems = e instanceof ProfileError ? e.problems : [(e as Error).message];
    throw new CliError(say(bi("配置文件无效", "invalid profile")), ExitCode.invalidInput, problems);
  }
}

/**
 * `--resolve host=ip` pins; `--resolve '*.example.cn=ip'` pins a whole domain (fixture sites of a
 * simulation); every other name goes to the system resolver.
 */
export function resolverFrom(o: CrawlFlags): Resolver {
  const pinned = new Map<string, string>();
  const suffixes: [string, string][] = [];
  for (const r of o.resolve ?? []) {
    const [h, ip] = r.split("=");
    if (!h || !ip || isIP(ip) === 0)
      throw new CliError(
        say(bi(`--resolve 格式应为 host=ip：${r}`, `--resolve wants host=ip: ${r}`)),
        ExitCode.usage,
      );
    if (h.startsWith("*.")) suffixes.push([h.slice(1).toLowerCase(), ip]);
    else pinned.set(h.toLowerCase(), ip);
  }
  return async (host) => {
    const name = host.toLowerCase();
    const ip = pinned.get(name) ?? suffixes.find(([suffix]) => name.endsWith(suffix))?.[1];
    return ip ? [{ address: ip, family: isIP(ip) }] : defaultResolver(host);
  };
}

export function parseAsOf(value: string | undefined): string {
  const asOf = value ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new CliError(say(bi("--as-of 须为 YYYY-MM-DD", "--as-of must be YYYY-MM-DD")), ExitCode.usage);
  return asOf;
}
