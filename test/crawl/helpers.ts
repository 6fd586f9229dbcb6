import { randomInt } from "node:crypto";
import { defaultOptions, type EngineOptions } from "../../src/inspect/config.ts";

/** A seed the tests did not pick: random unless GOVSCORE_FIXTURE_SEED pins it to reproduce. */
export function testSeed(): number {
  const env = process.env.GOVSCORE_FIXTURE_SEED;
  return env ? Number(env) : randomInt(1, 2 ** 31 - 1);
}

/**
 * Short timeouts, for the tests about timeouts. The others keep generous ones: the fixture server
 * shares the test's event loop, and on a loaded machine a busy loop made healthy pages time out.
 */
export const SHORT_TIMEOUTS = {
  connectTimeoutMs: 1000,
  headersTimeoutMs: 800,
  bodyTimeoutMs: 800,
  totalTimeoutMs: 1500,
} satisfies Partial<EngineOptions>;

/** Fast options for loopback fixtures: no politeness delay, private allowed. */
export function testOptions(
  over: Partial<EngineOptions> = {},
  crawl: Partial<EngineOptions["crawl"]> = {},
): EngineOptions {
  const d = defaultOptions();
  return {
    ...d,
    connectTimeoutMs: 5000,
    headersTimeoutMs: 10_000,
    bodyTimeoutMs: 10_000,
    totalTimeoutMs: 20_000,
    maxBodyBytes: 1024 * 1024,
    retries: 1,
    allowPrivate: true,
    ...over,
    crawl: { ...d.crawl, delayMs: 0, perHostConcurrency: 4, maxPages: 2000, maxQueryVariants: 5, ...crawl },
  };
}
