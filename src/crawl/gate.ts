import { type SiteRun, unsupervised } from "./site-run.ts";

interface Waiter {
  grant: () => void;
}

/** A counting semaphore whose waiters can give up (a site that ended) without leaking a slot. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Waiter[] = [];
  constructor(private readonly max: number) {}

  /** Resolves with the slot; `release()` it. Waiters are served first come, first served. */
  acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((grant) => this.waiters.push({ grant }));
  }

  /**
   * As `acquire`, for a site's work: when the site ends while waiting, the place in the queue is
   * given up and the wait rejects with the site's SiteEnded.
   */
  acquireFor(run: SiteRun, kind: "host-slot" | "global-slot", what: string): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    let waiter: Waiter | null = null;
    const granted = new Promise<void>((grant) => {
      waiter = { grant };
      this.waiters.push(waiter);
    });
    const forget = run.whenEnded(() => {
      const i = waiter ? this.waiters.indexOf(waiter) : -1;
      if (i >= 0) this.waiters.splice(i, 1);
      // Granted meanwhile but not yet taken up: hand the slot on.
      else granted.then(() => this.release());
    });
    return run.wait(kind, what, granted).finally(forget);
  }

  release(): void {
    const w = this.waiters.shift();
    if (w) w.grant();
    else this.active--;
  }

  /** Slots in use and waiters, for reports of a stall. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiters.length };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Politeness: at most `perHost` requests in flight to one host, spaced by at least `delayMs`
 * per host, and at most `global` in flight overall. The host slot is taken first so that a
 * request waiting on a busy host does not hold a global slot.
 */
export class HostGate {
  private readonly hosts = new Map<string, { sem: Semaphore; next: number; users: number }>();
  private readonly globalSem: Semaphore;
  constructor(
    private readonly perHost: number,
    private readonly delayMs: number,
    global: number,
  ) {
    this.globalSem = new Semaphore(global);
  }

  async run<T>(
    host: string,
    fn: () => Promise<T>,
    delayMs = this.delayMs,
    site: SiteRun = NO_SITE,
  ): Promise<T> {
    let h = this.hosts.get(host);
    if (!h) {
      h = { sem: new Semaphore(this.perHost), next: 0, users: 0 };
      this.hosts.set(host, h);
    }
    h.users++;
    try {
      await h.sem.acquireFor(site, "host-slot", host);
      try {
        if (delayMs > 0) {
          const now = Date.now();
          const at = Math.max(now, h.next);
          h.next = at + delayMs;
          if (at > now) await site.wait("politeness-delay", host, sleep(at - now));
        }
        await this.globalSem.acquireFor(site, "global-slot", host);
        try {
          return await fn();
        } finally {
          this.globalSem.release();
        }
      } finally {
        h.sem.release();
      }
    } finally {
      // Forget idle hosts so that a run over thousands of sites does not keep them all.
      if (--h.users === 0 && h.next <= Date.now()) this.hosts.delete(host);
    }
  }

  /** Requests in flight over all hosts, and requests queued for a free slot. */
  get load(): { active: number; waiting: number } {
    return this.globalSem.load;
  }
}

const NO_SITE = unsupervised();
