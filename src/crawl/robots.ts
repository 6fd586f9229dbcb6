import robotsParserModule from "robots-parser";

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
// The package's typings confuse TypeScript's ESM/CJS interop; the runtime export is the function.
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => Robot;

/**
 * How much of a robots.txt is read: RFC 9309 §2.5 asks crawlers to parse at least 500 KiB; a
 * longer file is cut there (a 10 MB one cost hundreds of MB to parse whole).
 */
export const ROBOTS_MAX_BYTES = 512 * 1024;

export interface Robots {
  isAllowed(url: string): boolean;
  sitemaps: string[];
  crawlDelayS: number | undefined;
}

/**
 * Parses robots.txt (RFC 9309 via robots-parser). Per the RFC, a 4xx robots.txt means
 * "no restrictions" and a 5xx or unreachable one means "assume complete disallow".
 */
export function parseRobots(robotsUrl: string, status: number | null, body: string, agent: string): Robots {
  if (status === null || status >= 500) {
    return { isAllowed: () => false, sitemaps: [], crawlDelayS: undefined };
  }
  if (status >= 400 || status < 200 || status >= 300) {
    return { isAllowed: () => true, sitemaps: [], crawlDelayS: undefined };
  }
  const r = robotsParser(robotsUrl, body);
  // The product token is the part before the slash (RFC 9309 §2.2.1).
  const token = agent.split("/")[0] ?? agent;
  return {
    isAllowed: (url) => r.isAllowed(url, token) !== false,
    sitemaps: r.getSitemaps(),
    crawlDelayS: r.getCrawlDelay(token),
  };
}
