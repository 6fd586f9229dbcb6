import { looksLikeCalendar } from "./traps.ts";

export interface FrontierLimits {
  maxPages: number;
  maxDepth: number;
  /** Distinct query strings accepted per path: bounds `?page=1…∞` and faceted-search traps. */
  maxQueryVariants: number;
}

export type SkipReason = "depth" | "query-variants" | "calendar" | "max-pages" | "robots" | "duplicate";

/** Refused URLs remembered so that each counts once; past this, one offered again counts again. */
const MAX_REMEMBERED_SKIPS = 50_000;
const REFUSED = -1;

/**
 * Breadth-first queue of same-site pages with de-duplication and trap bounds. Memory is bounded
 * by the limits, not by what the site links: accepted URLs are at most `maxPages`, refused ones
 * are remembered up to a fixed number (past it, a refused URL offered again counts again).
 */
export class Frontier {
  /** Accepted keys. */
  private readonly accepted = new Set<string>();
  /**
   * Refused keys: the depth a too-deep one was offered at (a later offer from a shallower page
   * may still take it: pages finish out of order), or REFUSED for the other reasons.
   */
  private readonly refused = new Map<string, number>();
  private readonly queue: { url: string; depth: number }[] = [];
  private head = 0;
  private readonly variants = new Map<string, number>();
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

  /**
   * Offers a same-site URL as linked, with its de-duplication key; returns whether it was queued.
   * The URL is what will be requested, the key only decides what counts as the same page.
   */
  offer(url: string, key: string, depth: number): boolean {
    if (this.accepted.has(key)) return this.skip("duplicate");
    const prior = this.refused.get(key);
    if (prior !== undefined && (prior <= depth || this.full)) return this.skip("duplicate");
    if (this.full) return this.refuse(key, "max-pages");
    if (depth > this.limits.maxDepth) {
      if (prior === undefined) return this.refuse(key, "depth", depth);
      this.refused.set(key, depth);
      return false;
    }
    if (prior !== undefined) {
      // Too deep when first offered, within reach now.
      this.refused.delete(key);
      this.skipped.depth--;
    }
    const u = new URL(url);
    if (looksLikeCalendar(u)) return this.refuse(key, "calendar");
    if (u.search) {
      const n = this.variants.get(u.pathname) ?? 0;
      if (n >= this.limits.maxQueryVariants) return this.refuse(key, "query-variants");
      this.variants.set(u.pathname, n + 1);
    }
    if (!this.allowed(url)) return this.refuse(key, "robots");
    this.accepted.add(key);
    this.queue.push({ url, depth });
    return true;
  }

  /** Whether `maxPages` URLs have been accepted. */
  get full(): boolean {
    return this.accepted.size >= this.limits.maxPages;
  }

  private refuse(key: string, r: SkipReason, depth = REFUSED): false {
    if (this.refused.size < MAX_REMEMBERED_SKIPS) this.refused.set(key, depth);
    return this.skip(r);
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

  /** Pages not fetched because of a limit (duplicates are not skips). */
  get skippedTotal(): number {
    return Object.values(this.skipped).reduce((a, b) => a + b, 0) - this.skipped.duplicate;
  }
}
