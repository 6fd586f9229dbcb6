import { readFileSync } from "node:fs";
import { z } from "zod";
import { ChecksProfile } from "../artifacts/checks-profile.ts";
import type { CrawlConfig } from "../crawl/config.ts";
import { parseYaml } from "../runtime/data-file.ts";
import { VERSION } from "../version.ts";

export const CONTACT_URL = "https://github.com/govscore/govscore";
export const DEFAULT_USER_AGENT = `govscore/${VERSION} (+${CONTACT_URL})`;

export interface EngineOptions {
  crawl: CrawlConfig;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
  retries: number;
  /** Sites inspected at once (fewer when they may be big: see maxPagesHeld). */
  siteConcurrency: number;
  /**
   * Pages the sites in progress may hold together, at most, counted by their `maxPages` while they
   * crawl and by their pages after: it sets how many big sites run at once, and so bounds the
   * run's memory (src/inspect/admission.ts). Default 40,000.
   */
  maxPagesHeld?: number;
  /** Requests in flight over all hosts. */
  globalConcurrency: number;
  /**
   * Threads that read fetched pages (decode, parse, content facts) beside the network work.
   * "auto": one per spare core (at most 4) for a crawl big enough to pay for their start-up.
   */
  readerThreads?: number | "auto";
  /**
   * One site's whole inspection, at most (ms): crawling stops at two thirds of it and leaves the
   * rest to link checks; at the end the site's report is made of what was learned.
   */
  siteBudgetMs: number;
  /** A site that makes no progress this long (ms) is reported as stalled and ended. */
  stallTimeoutMs: number;
  /** Longest a reader thread may spend on one page (ms) before the page is given up. */
  readTimeoutMs?: number;
  allowPrivate: boolean;
  /** Host names the address policy lets through whatever they resolve to (any port). */
  allowHosts?: string[];
  /** `address:port` servers the address policy lets through (`AddressPolicy.allowEndpoints`). */
  allowEndpoints?: string[];
  /**
   * PEM certificates trusted in addition to the system's roots (an intranet CA, the tests'
   * self-signed fixture). Certificate verification itself is never turned off.
   */
  extraCa?: string[];
}

/** Polite defaults for the real web. */
export function defaultOptions(): EngineOptions {
  return {
    crawl: {
      userAgent: DEFAULT_USER_AGENT,
      maxPages: 500,
      maxDepth: 8,
      maxQueryVariants: 20,
      perHostConcurrency: 2,
      maxRedirects: 10,
      maxSitemaps: 20,
      maxCrawlDelayMs: 10_000,
      delayMs: 250,
      maxLinksPerPage: 5_000,
      maxLinkTargets: 20_000,
    },
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 15_000,
    bodyTimeoutMs: 15_000,
    totalTimeoutMs: 30_000,
    maxBodyBytes: 10 * 1024 * 1024,
    retries: 2,
    siteConcurrency: 16,
    globalConcurrency: 64,
    siteBudgetMs: 10 * 60_000,
    stallTimeoutMs: 120_000,
    readTimeoutMs: 15_000,
    allowPrivate: false,
  };
}

/** Per-site overrides in a `--profile` YAML file: `sites: { <host>: { maxPages: 50, ... } }`. */
const SiteOverride = z
  .object({
    maxPages: z.number().int().positive().optional(),
    maxDepth: z.number().int().nonnegative().optional(),
    maxQueryVariants: z.number().int().positive().optional(),
    delayMs: z.number().int().nonnegative().optional(),
    perHostConcurrency: z.number().int().positive().max(16).optional(),
    userAgent: z.string().min(1).optional(),
  })
  .extend(ChecksProfile.shape)
  .passthrough();
export type SiteOverride = z.infer<typeof SiteOverride>;

const Profile = z.object({
  defaults: SiteOverride.optional(),
  sites: z.record(z.string(), SiteOverride).optional(),
});
export type Profile = z.infer<typeof Profile>;

export class ProfileError extends Error {
  constructor(readonly problems: string[]) {
    super("invalid profile");
  }
}

export function parseProfile(text: string): Profile {
  const r = Profile.safeParse(parseYaml(text) ?? {});
  if (!r.success) throw new ProfileError(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  return r.data;
}

export function loadProfile(file: string): Profile {
  return parseProfile(readFileSync(file, "utf8"));
}

/** The crawl settings for one site: defaults, then the profile's defaults, then its entry. */
export function crawlConfigFor(site: string, base: CrawlConfig, profile: Profile | null): CrawlConfig {
  if (!profile) return base;
  const host = new URL(site).hostname;
  const pick = (o: SiteOverride | undefined): Partial<CrawlConfig> => {
    if (!o) return {};
    const out: Partial<CrawlConfig> = {};
    for (const k of [
      "maxPages",
      "maxDepth",
      "maxQueryVariants",
      "delayMs",
      "perHostConcurrency",
      "userAgent",
    ] as const) {
      if (o[k] !== undefined) (out as Record<string, unknown>)[k] = o[k];
    }
    return out;
  };
  const own = profile.sites?.[host] ?? profile.sites?.[site];
  const cfg: CrawlConfig = { ...base, ...pick(profile.defaults), ...pick(own) };
  const checks = mergeChecks(profile.defaults, own);
  // The crawl configuration travels with the site (and into the WARC run record, so a recheck
  // reads pages the same way); the content checks' settings ride along with it.
  if (checks) Object.assign(cfg, { checks });
  return cfg;
}

/** The profile's defaults, then the site's entry; dictionaries and column lists add up. */
function mergeChecks(d: SiteOverride | undefined, s: SiteOverride | undefined): ChecksProfile | undefined {
  const parts = [d, s].filter((x): x is SiteOverride => x !== undefined);
  const out: ChecksProfile = {};
  for (const p of parts) {
    if (p.columns) out.columns = [...(out.columns ?? []), ...p.columns];
    if (p.selectors) out.selectors = [...(out.selectors ?? []), ...p.selectors];
    if (p.skip) out.skip = [...(out.skip ?? []), ...p.skip];
    if (p.staleDays) out.staleDays = { ...out.staleDays, ...p.staleDays };
    if (p.homeStaleDays !== undefined) out.homeStaleDays = p.homeStaleDays;
    if (p.wording) {
      out.wording ??= {};
      const w = out.wording;
      if (p.wording.flagged) w.flagged = [...(w.flagged ?? []), ...p.wording.flagged];
      if (p.wording.outdated) w.outdated = [...(w.outdated ?? []), ...p.wording.outdated];
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
