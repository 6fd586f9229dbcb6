import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { COLUMN_TYPES } from "../artifacts/column-types.ts";
import { RenamedBodySchema } from "../artifacts/wording.ts";
import type { CrawlConfig } from "../crawl/crawler.ts";
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
  /** Sites inspected at once. */
  siteConcurrency: number;
  /** Requests in flight over all hosts. */
  globalConcurrency: number;
  /**
   * Threads that read fetched pages (decode, parse, content facts) beside the network work.
   * "auto": one per spare core (at most 4) for a crawl big enough to pay for their start-up.
   */
  readerThreads?: number | "auto";
  allowPrivate: boolean;
  allowHosts?: string[];
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
    },
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 15_000,
    bodyTimeoutMs: 15_000,
    totalTimeoutMs: 30_000,
    maxBodyBytes: 10 * 1024 * 1024,
    retries: 2,
    siteConcurrency: 16,
    globalConcurrency: 64,
    allowPrivate: false,
  };
}

const ColumnTypeId = z.enum(COLUMN_TYPES);
const Days = z.number().int().positive();

/**
 * What the content checks may be told about a site (all optional: the heuristics work without).
 * `url` keys are path prefixes (`/col/col123/`) or, between slashes, regular expressions
 * (`/\/col\/col\d+\//`), matched against the page's path and query.
 */
export const ChecksProfile = z.object({
  /** Columns and their types; a listed URL is a column even where the heuristics would not say so. */
  columns: z
    .array(
      z.object({
        url: z.string().min(1),
        type: ColumnTypeId.optional(),
        name: z.string().optional(),
        limitDays: Days.optional(),
      }),
    )
    .optional(),
  /** Staleness limits by column type (days); the rest keep the defaults. */
  staleDays: z.partialRecord(ColumnTypeId, Days).optional(),
  homeStaleDays: Days.optional(),
  /** Where the heuristics misread a list: CSS selectors for its entries, their link and date. */
  selectors: z
    .array(
      z.object({
        url: z.string().min(1),
        items: z.string().min(1),
        link: z.string().optional(),
        date: z.string().optional(),
      }),
    )
    .optional(),
  /** Sections the content checks leave alone (archives, English pages…). */
  skip: z.array(z.string().min(1)).optional(),
  wording: z
    .object({
      /** Serious wording errors (wording.flagged): the evaluation's dictionary plus the site's. */
      flagged: z.array(z.string().min(1)).optional(),
      /** More renamed bodies for wording.outdated-name, same fields as the built-in file. */
      outdated: z.array(RenamedBodySchema).optional(),
    })
    .optional(),
});
export type ChecksProfile = z.infer<typeof ChecksProfile>;

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
  const r = Profile.safeParse(parse(text) ?? {});
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

/** The content checks' settings carried by a crawl configuration, if any. */
export function checksProfileOf(cfg: object): ChecksProfile | undefined {
  const c = (cfg as { checks?: unknown }).checks;
  if (c === undefined) return undefined;
  const r = ChecksProfile.safeParse(c);
  return r.success ? r.data : undefined;
}
