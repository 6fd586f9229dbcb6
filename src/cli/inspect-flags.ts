import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { Command } from "commander";
import { type AaaaResolver, dnsAaaa, dnsNs, type NsResolver } from "../artifacts/site-steps.ts";
import { defaultResolver, type Resolver } from "../crawl/fetch.ts";
import { hasGlobalIpv6 } from "../crawl/site-probes.ts";
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
  perHost?: string;
  requests?: string;
  sitesAtOnce?: string;
  siteBudget?: string;
  stallTimeout?: string;
  readerThreads?: string;
  profile?: string;
  allowPrivate?: boolean;
  userAgent?: string;
  delay?: string;
  resolve?: string[];
  ca?: string[];
}

export function addCrawlFlags(cmd: Command): Command {
  return cmd
    .option("--max-pages <n>", "每个网站最多抓取页数 (pages per site)")
    .option("--profile <file>", "按网站覆盖参数的 YAML 文件 (per-site overrides, YAML)")
    .option("--allow-private", "允许访问内网与回环地址 (allow private and loopback addresses)")
    .option("--user-agent <ua>", "用户代理 (user agent)")
    .option("--delay <ms>", "同一主机请求间隔毫秒 (per-host delay, ms)")
    .option("--per-host <n>", "同一主机同时进行的请求数，默认 2 (requests in flight per host; default 2)")
    .option(
      "--requests <n>",
      "所有主机同时进行的请求数，默认 64 (requests in flight over all hosts; default 64)",
    )
    .option(
      "--sites-at-once <n>",
      "同时检查的网站数，默认 16，每站页数上限大时自动减少 (sites inspected at once; default 16, fewer when --max-pages is large)",
    )
    .option(
      "--site-budget <seconds>",
      "每个网站检查的时间上限，默认 600 秒；抓取用其三分之二，其余留给链接检查 (time budget per site, default 600 s: crawling takes two thirds, link checks the rest)",
    )
    .option(
      "--stall-timeout <seconds>",
      "网站无任何进展多久即报告停滞并结束，默认 120 秒 (a site without progress this long is reported as stalled and ended; default 120 s)",
    )
    .option(
      "--reader-threads <n|auto>",
      "解析页面的线程数，默认 auto (threads that read pages; default auto: one per spare core)",
    )
    .option(
      "--resolve <host=ip>",
      "指定主机的地址，可重复，仍受地址策略约束 (pin a host to an address, repeatable; the address policy still applies)",
      (v: string, acc: string[] = []) => [...acc, v],
    )
    .option(
      "--ca <file>",
      "另外信任的 CA 证书（PEM 文件，可含多个证书，可重复），用于 HTTPS 抓取和证书检查 (extra CA certificates to trust, a PEM file that may hold several, repeatable: for the HTTPS fetches and the certificate check)",
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
  if (o.perHost !== undefined) options.crawl.perHostConcurrency = count("--per-host", o.perHost, 1, 16);
  if (o.requests !== undefined) options.globalConcurrency = count("--requests", o.requests, 1, 1024);
  if (o.sitesAtOnce !== undefined) {
    options.siteConcurrency = count("--sites-at-once", o.sitesAtOnce, 1, 1024);
    // Said outright: not lowered for big sites (see EngineOptions.maxPagesHeld).
    options.maxPagesHeld = Number.POSITIVE_INFINITY;
  }
  if (o.siteBudget !== undefined)
    options.siteBudgetMs = count("--site-budget", o.siteBudget, 1, 86_400) * 1000;
  if (o.stallTimeout !== undefined)
    options.stallTimeoutMs = count("--stall-timeout", o.stallTimeout, 1, 86_400) * 1000;
  if (o.readerThreads !== undefined)
    options.readerThreads =
      o.readerThreads === "auto" ? "auto" : count("--reader-threads", o.readerThreads, 0, 64);
  if (o.userAgent) options.crawl.userAgent = o.userAgent;
  options.allowPrivate = o.allowPrivate === true;
  if (o.ca?.length) options.extraCa = o.ca.flatMap(caCertificates);
  return options;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The PEM certificates of a `--ca` file, each one checked to parse: a file that cannot be read,
 * that holds none, or one that is broken is an error naming the file.
 */
export function caCertificates(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const why = (e as { code?: string }).code ?? (e as Error).message;
    throw new CliError(
      say(bi(`--ca 文件无法读取：${file}（${why}）`, `--ca file cannot be read: ${file} (${why})`)),
      ExitCode.invalidInput,
    );
  }
  const pems = text.match(PEM_CERTIFICATE) ?? [];
  if (pems.length === 0)
    throw new CliError(
      say(
        bi(
          `--ca 文件中没有 PEM 证书（-----BEGIN CERTIFICATE-----）：${file}`,
          `--ca file holds no PEM certificate (-----BEGIN CERTIFICATE-----): ${file}`,
        ),
      ),
      ExitCode.invalidInput,
    );
  pems.forEach((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch (e) {
      throw new CliError(
        say(
          bi(
            `--ca 文件中第 ${i + 1} 个证书无法解析：${file}（${(e as Error).message}）`,
            `--ca file's certificate ${i + 1} does not parse: ${file} (${(e as Error).message})`,
          ),
        ),
        ExitCode.invalidInput,
      );
    }
  });
  return pems;
}

/** An integer flag within bounds, or a usage error naming the flag and the bounds. */
function count(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(
      say(
        bi(
          `${flag} 须为 ${min} 到 ${max} 之间的整数：${value}`,
          `${flag} must be an integer from ${min} to ${max}: ${value}`,
        ),
      ),
      ExitCode.usage,
    );
  return n;
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

/** The IPv6 steps of an inspection: the DNS lookups, and whether sites are fetched over IPv6. */
export interface Ipv6Steps {
  aaaa: AaaaResolver | null;
  ns: NsResolver | null;
  ipv6Fetch: boolean;
}

/**
 * The same IPv6 steps for every command that inspects (inspect, evaluation inspect, worker): the
 * ipv6.* checks ask public DNS, which runs against private or loopback addresses have none of;
 * fetching over IPv6 from a machine without IPv6 would only report the machine's network, and
 * is said once on standard error.
 */
export function ipv6StepsFrom(options: EngineOptions, hasIpv6: () => boolean = hasGlobalIpv6): Ipv6Steps {
  if (options.allowPrivate) return { aaaa: null, ns: null, ipv6Fetch: false };
  const ipv6Fetch = hasIpv6();
  if (!ipv6Fetch)
    process.stderr.write(
      `govscore: ${say(
        bi(
          "警告：本机没有公网IPv6地址，不经IPv6请求网站，ipv6.home-unreachable、ipv6.links-partial、ipv6.content-differs 不适用",
          "warning: this machine has no global IPv6 address, so sites are not fetched over IPv6: ipv6.home-unreachable, ipv6.links-partial and ipv6.content-differs are not applicable",
        ),
      )}\n`,
    );
  return { aaaa: dnsAaaa, ns: dnsNs, ipv6Fetch };
}
