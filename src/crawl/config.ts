/** How one site is crawled: limits and politeness (the inspection layer fills it in). */
export interface CrawlConfig {
  userAgent: string;
  maxPages: number;
  maxDepth: number;
  maxQueryVariants: number;
  perHostConcurrency: number;
  maxRedirects: number;
  maxSitemaps: number;
  /** Upper bound on robots.txt Crawl-delay we honour, ms. */
  maxCrawlDelayMs: number;
  delayMs: number;
  /** Links read from one page, at most: a page of 200,000 links is read as its first ones. */
  maxLinksPerPage: number;
  /** Distinct link targets recorded (and checked) per site, at most. */
  maxLinkTargets: number;
  /**
   * false: read only what crawling needs (links, title, meta), not what the content checks read.
   * The crawl benchmark's crawl-only baseline; inspections leave it on.
   */
  contentFacts?: boolean;
}
