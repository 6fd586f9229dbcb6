/**
 * One site's inspection while it runs: what it is waiting for, when it last made progress, and
 * whether it has been ended (its time budget passed, the watchdog found it stalled, the run was
 * cancelled). Every wait of a site's work goes through `wait`, so that ending the site settles all
 * of them at once, and so that a stall can say what the site was waiting for, and for how long.
 */

/** What a site's work can be waiting for. */
export type WaitKind =
  | "host-slot"
  | "global-slot"
  | "politeness-delay"
  | "request"
  | "page-reader"
  | "link-check"
  | "warc"
  | "accessibility"
  | "dns";

export type EndReason = "budget" | "stall" | "cancelled";

const SHARED = new Set<WaitKind>(["global-slot", "page-reader", "accessibility"]);

/** Thrown (as a rejection) into every wait of a site that has been ended. */
export class SiteEnded extends Error {
  constructor(
    readonly reason: EndReason,
    message: string,
    /** The same in Chinese, for the report's note. */
    readonly zh: string = message,
  ) {
    super(message);
    this.name = "SiteEnded";
  }
}

export interface OpenWait {
  kind: WaitKind;
  /** What exactly: a host, a URL. */
  what: string;
  /** performance.now() when the wait began. */
  since: number;
}

interface Pending extends OpenWait {
  reject: (e: SiteEnded) => void;
}

export class SiteRun {
  readonly startedAt = performance.now();
  /** performance.now() of the last finished wait (a request answered, a page read …). */
  lastProgress = this.startedAt;
  private readonly pending = new Set<Pending>();
  private readonly onEnd = new Set<() => void>();
  ended: SiteEnded | null = null;
  /** Pages fetched or failed so far (progress displays). */
  pagesDone = 0;
  pagesFailed = 0;
  /**
   * Told the site's page count once its crawl is over (its link checks add none): the run may
   * then start another site in the room it no longer needs.
   */
  onCrawled: ((pages: number) => void) | null = null;

  constructor(
    readonly site: string,
    /** The site's whole time budget, ms. */
    readonly budgetMs: number,
  ) {}

  /** performance.now() past which the crawl itself stops, leaving the rest for link checks. */
  get crawlDeadline(): number {
    return this.startedAt + (this.budgetMs * 2) / 3;
  }

  get deadline(): number {
    return this.startedAt + this.budgetMs;
  }

  /**
   * Awaits `p` as an open wait of this site: progress when it settles; rejected with SiteEnded as
   * soon as the site ends, whatever `p` does (its owner must still settle or cancel it: see
   * `whenEnded`).
   */
  wait<T>(kind: WaitKind, what: string, p: Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise<T>((resolve, reject) => {
      const w: Pending = { kind, what, since: performance.now(), reject };
      this.pending.add(w);
      p.then(
        (v) => {
          if (!this.pending.delete(w)) return;
          this.lastProgress = performance.now();
          resolve(v);
        },
        (e: unknown) => {
          if (!this.pending.delete(w)) return;
          this.lastProgress = performance.now();
          reject(e);
        },
      );
    });
  }

  /** Runs `stop` when the site ends (to cancel what a wait was for); returns the unregistration. */
  whenEnded(stop: () => void): () => void {
    if (this.ended) {
      stop();
      return () => {};
    }
    this.onEnd.add(stop);
    return () => this.onEnd.delete(stop);
  }

  /** The wait open longest, or null. */
  oldestWait(): OpenWait | null {
    let oldest: Pending | null = null;
    for (const w of this.pending) if (!oldest || w.since < oldest.since) oldest = w;
    return oldest ? { kind: oldest.kind, what: oldest.what, since: oldest.since } : null;
  }

  /**
   * Whether every open wait is for something shared with other sites (a request slot, the reader
   * threads, the accessibility thread): queued behind them, not stalled, as long as they go on.
   * Each of those has deadlines of its own.
   */
  onlyQueued(): boolean {
    if (this.pending.size === 0) return false;
    for (const w of this.pending) if (!SHARED.has(w.kind)) return false;
    return true;
  }

  /** Throws SiteEnded once the site has been ended (for loops between waits). */
  check(): void {
    if (this.ended) throw this.ended;
  }

  end(reason: EndReason, message: string, zh?: string): void {
    if (this.ended) return;
    this.ended = new SiteEnded(reason, message, zh);
    const waits = [...this.pending];
    this.pending.clear();
    for (const w of waits) w.reject(this.ended);
    const stops = [...this.onEnd];
    this.onEnd.clear();
    for (const s of stops) s();
  }
}

/** A run that is never ended: replays, and callers that supervise nothing. */
export const unsupervised = (site = ""): SiteRun => new SiteRun(site, Number.POSITIVE_INFINITY);
