import { looksLikeCalendar } from "./traps.ts";

export interface FrontierLimits {
  maxPages: number;
  maxDepth: number;
  /** Distinct query strings accepted per path: bounds `?page=1…∞` and faceted-search traps. */
  maxQueryVariants: number;
}

export type SkipReason = "depth" | "query-variants" | "calendar" | "max-pages" | "robots" | "duplicate";

/** Breadth-first queue of same-site pages with de-duplication and trap bounds. */
export class Frontier {
  private readonly seen = new Set<string>();
  private readonly queue: { url: string; depth: number }[] = [];
  private head = 0;
  private readonly variants = new Map<string, number>();
  accepted = 0;
  readonly skipped: Record<SkipReason, number> = {
    depth: 0,
    "query-variants": 0,
    calendar: 0,
    "max-pages": 0,
    robots: 0,
    duplicate: 0,
  };

  constructor(
    private readonly limits: FrontierLimits,
    private readonly allowed: (url: string) => boolean,
  ) {}

  /** Offers a normalised same-site URL; returns whether it was queued. */
  offer(url: string, depth: number): boolean {
    if (this.seen.has(url)) return false;
    this.seen.add(url);
    if (depth > this.limits.maxDepth) return this.skip("depth");
    const u = new URL(url);
    if (looksLikeCalendar(u)) return this.skip("calendar");
    if (u.search) {
      const n = this.variants.get(u.pathname) ?? 0;
      if (n >= this.limits.maxQueryVariants) return this.skip("query-variants");
      this.variants.set(u.pathname, n + 1);
    }
    if (!this.allowed(url)) return this.skip("robots");
    if (this.accepted >= this.limits.maxPages) return this.skip("max-pages");
    this.accepted++;
    this.queue.push({ url, depth });
    return true;
  }

  private skip(r: SkipReason): false {
    this.skipped[r]++;
    return false;
  }

  next(): { url: string; depth: number } | undefined {
    const item = this.queue[this.head];
    if (item === undefined) return undefined;
    this.head++;
    // Release consumed entries now and then so a long crawl does not hold them all.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  get skippedTotal(): number {
    return Object.values(this.skipped).reduce((a, b) => a + b, 0) - this.skipped.duplicate;
  }
}
