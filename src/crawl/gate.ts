/** A counting semaphore. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return;
    }
    await new Promise<void>((r) => this.waiters.push(r));
  }
  release(): void {
    const w = this.waiters.shift();
    if (w) w();
    else this.active--;
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

  async run<T>(host: string, fn: () => Promise<T>, delayMs = this.delayMs): Promise<T> {
    let h = this.hosts.get(host);
    if (!h) {
      h = { sem: new Semaphore(this.perHost), next: 0, users: 0 };
      this.hosts.set(host, h);
    }
    h.users++;
    await h.sem.acquire();
    try {
      if (delayMs > 0) {
        const now = Date.now();
        const at = Math.max(now, h.next);
        h.next = at + delayMs;
        if (at > now) await sleep(at - now);
      }
      await this.globalSem.acquire();
      try {
        return await fn();
      } finally {
        this.globalSem.release();
      }
    } finally {
      h.sem.release();
      // Forget idle hosts so that a run over thousands of sites does not keep them all.
      if (--h.users === 0 && h.next <= Date.now()) this.hosts.delete(host);
    }
  }
}
