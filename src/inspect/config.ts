import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
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
  allowPrivate: boolean;
  allowHosts?: string[];
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
  return { ...base, ...pick(profile.defaults), ...pick(profile.sites?.[host] ?? profile.sites?.[site]) };
}
