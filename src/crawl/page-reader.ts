import { Worker } from "node:worker_threads";
import { boundHeapGrowth } from "./heap-growth.ts";
import { type PageInput, type PageReading, readPage, siteReading } from "./read-page.ts";

/**
 * Reads fetched pages for the crawler. Reading (decoding, parsing, the content facts) is most of
 * a crawl's CPU; in reader threads it runs beside the network work instead of between it.
 */
export interface PageReader {
  /**
   * A site, before its pages: its configuration, and the URL its scope is taken from (where its
   * homepage ended). `release` after its last page.
   */
  site(cfg: object, scope: string): { read(input: PageInput): Promise<PageReading>; release(): void };
  close(): Promise<void>;
}

/** Reads in the calling thread (no threads: tests, recheck on one core, small runs). */
export const inlineReader: PageReader = {
  site(cfg, scope) {
    const site = siteReading(cfg, scope);
    return {
      read: async (input) => {
        const r = readPage(input, site);
        // Strings cut out of the page are slices that keep the whole decoded page alive; a copy
        // holds only what the checks read. (From a thread, the message is already a copy.)
        return structuredClone(r);
      },
      release() {},
    };
  },
  async close() {},
};

/** Pages a thread holds at once (one reading, the next ones ready). */
const IN_FLIGHT = 4;

interface Pending {
  resolve: (r: PageReading) => void;
  reject: (e: Error) => void;
}

/**
 * The thread's entry: the sources are TypeScript run through tsx, and a worker does not inherit
 * the loader hooks of the thread that starts it, so the thread registers tsx before importing.
 */
function workerSource(): string {
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./page-reader-worker.ts", import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

/** A pool of reader threads; pages go to the thread with the fewest in hand. */
export class ThreadedReader implements PageReader {
  private readonly workers: { w: Worker; load: number }[] = [];
  private readonly pending = new Map<number, Pending & { worker: number }>();
  private nextId = 0;
  private nextSite = 0;
  private failed: Error | null = null;

  constructor(threads: number) {
    // With reading moved off it, this thread's heap is mostly short-lived garbage: see there.
    boundHeapGrowth();
    const source = workerSource();
    for (let i = 0; i < threads; i++) {
      // A small heap: a thread holds a few pages at a time, and collects early what it let go.
      const w = new Worker(source, {
        eval: true,
        resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
      });
      w.on("message", (m: { id: number; reading?: PageReading; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        const slot = this.workers[p.worker];
        if (slot) slot.load--;
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.reading as PageReading);
        this.pump();
      });
      w.on("error", (e) => this.fail(e));
      w.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`page reader thread exited with ${code}`));
      });
      w.unref();
      this.workers.push({ w, load: 0 });
    }
  }

  /**
   * Pages wait here, not in a thread's message queue, until a thread has room: a copy of a page
   * is made only when a thread is about to read it, so a fast crawl does not pile copies up.
   */
  private readonly waiting: {
    site: number;
    input: PageInput;
    resolve: (r: PageReading) => void;
    reject: (e: Error) => void;
  }[] = [];

  private pump(): void {
    while (this.waiting.length > 0) {
      let best = 0;
      for (let i = 1; i < this.workers.length; i++)
        if ((this.workers[i]?.load ?? 0) < (this.workers[best]?.load ?? 0)) best = i;
      const slot = this.workers[best] as { w: Worker; load: number };
      if (slot.load >= IN_FLIGHT) return;
      const job = this.waiting.shift() as (typeof this.waiting)[number];
      const id = this.nextId++;
      slot.load++;
      this.pending.set(id, { resolve: job.resolve, reject: job.reject, worker: best });
      slot.w.postMessage({ kind: "read", id, site: job.site, input: job.input });
    }
  }

  private fail(e: Error): void {
    this.failed = e;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(e);
    }
    for (const job of this.waiting.splice(0)) job.reject(e);
  }

  site(cfg: object, scope: string) {
    const site = this.nextSite++;
    // Only what reading uses crosses over: the profile's check settings, and the scope.
    const sent = { checks: (cfg as { checks?: unknown }).checks };
    for (const { w } of this.workers) w.postMessage({ kind: "site", site, cfg: sent, scope });
    return {
      read: (input: PageInput) =>
        new Promise<PageReading>((resolve, reject) => {
          if (this.failed) return reject(this.failed);
          this.waiting.push({ site, input, resolve, reject });
          this.pump();
        }),
      release: () => {
        for (const { w } of this.workers) w.postMessage({ kind: "drop", site });
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ w }) => w.terminate()));
  }
}
