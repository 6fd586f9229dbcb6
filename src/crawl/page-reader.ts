import type { Worker } from "node:worker_threads";
import { startWorker } from "../runtime/worker-entry.ts";
import { boundHeapGrowth } from "./heap-growth.ts";
import type { ResolvedLink } from "./link-resolver.ts";
import { LinkDecoder, type WireLinks } from "./link-wire.ts";
import { type PageInput, type PageReading, readPage, siteReading } from "./read-page.ts";

/** A page that could not be read: its reader ran out of memory, time or stack. The page's loss only. */
export class ReadFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadFailure";
  }
}

/**
 * Reads fetched pages for the crawler. Reading (decoding, parsing, the content facts) is most of
 * a crawl's CPU; in reader threads it runs beside the network work instead of between it.
 */
export interface PageReader {
  /**
   * A site, before its pages: its configuration, and the URL its scope is taken from (where its
   * homepage ended). `release` after its last page. `read` rejects with ReadFailure for a page
   * that cannot be read.
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
        try {
          // Strings cut out of the page are slices that keep the whole decoded page alive; a copy
          // holds only what the checks read. (From a thread, the message is already a copy.) The
          // links are the site's remembered objects, made apart from the page: shared, as from a
          // thread (link-wire.ts).
          const { links, ...rest } = readPage(input, site);
          return { ...structuredClone(rest), links };
        } catch (e) {
          // A page nested too deep for a recursive step, say: that page is lost, not the run.
          throw new ReadFailure(`page could not be read: ${e instanceof Error ? e.message : String(e)}`);
        }
      },
      release() {},
    };
  },
  async close() {},
};

/** What a reader thread sends: that it is ready, or a page's reading (its links numbered) or error. */
interface Answer {
  ready?: boolean;
  id: number;
  site?: number;
  reading?: Omit<PageReading, "links">;
  links?: WireLinks;
  error?: string;
}

/** Pages a thread holds at once (one reading, the next ones ready). */
const IN_FLIGHT = 4;

interface Job {
  site: number;
  input: PageInput;
  resolve: (r: PageReading) => void;
  reject: (e: Error) => void;
  /** A thread died while holding this page: it is read again, alone, once. */
  suspect: boolean;
}

interface Slot {
  w: Worker;
  /** Pages sent, by message id, in the order the thread reads them. */
  jobs: Map<number, Job>;
  /** When the thread began the page it is on (its oldest unanswered one). */
  since: number;
  /** Holds a page that killed a thread before: no other page goes with it. */
  isolating: boolean;
  /** performance.now() when the thread had loaded its modules (0: not yet). */
  readyAt: number;
  startedAt: number;
  /** The link numbers this thread gave, by site (link-wire.ts); they die with the thread. */
  links: Map<number, LinkDecoder>;
}

/** Longest a new thread may take to load its modules before it is taken as broken. */
const START_TIMEOUT_MS = 60_000;

/**
 * Pages waiting for a thread, served site by site in turn: a site with many pages, or pages that
 * take long to read, cannot make the other sites wait behind all of them. Pages to read again
 * (their thread died) go first.
 */
class FairQueue {
  private readonly retries: Job[] = [];
  /** Per site, in the order the sites take turns. */
  private readonly sites = new Map<number, Job[]>();

  add(job: Job): void {
    const q = this.sites.get(job.site);
    if (q) q.push(job);
    else this.sites.set(job.site, [job]);
  }

  retry(job: Job): void {
    this.retries.push(job);
  }

  peek(): Job | undefined {
    if (this.retries.length > 0) return this.retries[0];
    const first = this.sites.values().next();
    return first.done ? undefined : first.value[0];
  }

  /** Takes the job `peek` gave; its site goes to the back of the turn. */
  take(): void {
    if (this.retries.length > 0) {
      this.retries.shift();
      return;
    }
    const first = this.sites.entries().next();
    if (first.done) return;
    const [site, q] = first.value;
    q.shift();
    this.sites.delete(site);
    if (q.length > 0) this.sites.set(site, q);
  }

  /** Removes and returns the jobs of one site, or of every site. */
  drop(site?: number): Job[] {
    const out: Job[] = [];
    const keep = (j: Job) => site !== undefined && j.site !== site;
    for (let i = this.retries.length - 1; i >= 0; i--)
      if (!keep(this.retries[i] as Job)) out.push(...this.retries.splice(i, 1));
    for (const [s, q] of [...this.sites]) {
      if (site !== undefined && s !== site) continue;
      out.push(...q);
      this.sites.delete(s);
    }
    return out;
  }
}

export interface ThreadedReaderOptions {
  /** Longest a thread may spend on one page before it is stopped and the page given up. */
  readTimeoutMs?: number;
  /** Heap of each thread, MB (old generation). */
  heapMb?: number;
}

/**
 * A pool of reader threads; pages go to the thread with the fewest in hand. The pool owns every
 * read it accepts: each settles with the thread's answer or with a ReadFailure, never not at all.
 * A thread that dies (out of memory, a crash) is replaced and the pages it held are read again,
 * each alone on a thread, so that only the page that kills a thread is lost; a thread that spends
 * longer than `readTimeoutMs` on one page is stopped the same way. Threads keep the process alive
 * only while they hold pages.
 */
export class ThreadedReader implements PageReader {
  private readonly slots: (Slot | null)[] = [];
  private nextId = 0;
  private nextSite = 0;
  private closed = false;
  private readonly sites = new Map<number, { cfg: unknown; scope: string }>();
  private readonly waiting = new FairQueue();
  private readonly timer: NodeJS.Timeout;
  private readonly readTimeoutMs: number;
  private readonly heapMb: number;
  /** Threads that died or were stopped, for reports. */
  restarts = 0;

  constructor(threads: number, o: ThreadedReaderOptions = {}) {
    // With reading moved off it, this thread's heap is mostly short-lived garbage: see there.
    boundHeapGrowth();
    this.readTimeoutMs = o.readTimeoutMs ?? 15_000;
    this.heapMb = o.heapMb ?? 96;
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn(i));
    this.timer = setInterval(() => this.watch(), Math.min(1000, this.readTimeoutMs / 4));
    this.timer.unref();
  }

  private spawn(index: number): Slot {
    const w = startWorker(import.meta.url, "./page-reader-worker.ts", {
      // A thread holds a few pages at a time and collects early what it let go; a page past this
      // (a 10 MB body read into a DOM) is that page's loss, see the class comment. A small young
      // generation: what a page leaves dies young, and 16 MB cost 25 MB of RSS for no speed.
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 6 },
    });
    const slot: Slot = {
      w,
      jobs: new Map(),
      since: 0,
      isolating: false,
      readyAt: 0,
      startedAt: performance.now(),
      links: new Map(),
    };
    w.on("message", (m: Answer) => {
      if (m.ready) {
        slot.readyAt = performance.now();
        slot.since = Math.max(slot.since, slot.readyAt);
        return;
      }
      // Every answer's link definitions are taken in, even for a page no one waits for any more:
      // the thread's later pages name those links by number.
      let links: ResolvedLink[] | undefined;
      if (m.links && m.site !== undefined && this.sites.has(m.site)) {
        let decoder = slot.links.get(m.site);
        if (!decoder) {
          decoder = new LinkDecoder();
          slot.links.set(m.site, decoder);
        }
        try {
          links = decoder.decode(m.links);
        } catch (e) {
          m.error = (e as Error).message;
        }
      }
      const job = slot.jobs.get(m.id);
      if (!job) return;
      slot.jobs.delete(m.id);
      slot.since = performance.now();
      if (slot.jobs.size === 0) {
        slot.isolating = false;
        w.unref();
      }
      if (m.error !== undefined) job.reject(new ReadFailure(`page could not be read: ${m.error}`));
      else job.resolve({ ...(m.reading as Omit<PageReading, "links">), links: links ?? [] });
      this.pump();
    });
    // A thread that dies takes no page with it: see `lost`.
    w.on("error", (e) => this.lost(index, slot, e.message));
    w.on("exit", (code) => this.lost(index, slot, `reader thread exited with ${code}`));
    for (const [site, s] of this.sites) w.postMessage({ kind: "site", site, cfg: s.cfg, scope: s.scope });
    w.unref();
    return slot;
  }

  /**
   * A thread died or was stopped: replace it and read its pages again, each alone (or as before,
   * when the page that stopped it is known and already given up: `innocent`).
   */
  private lost(index: number, slot: Slot, why: string, innocent = false): void {
    if (this.slots[index] !== slot) return;
    this.slots[index] = null;
    const held = [...slot.jobs.values()];
    slot.jobs.clear();
    void slot.w.terminate();
    if (this.closed) {
      for (const job of held) job.reject(new ReadFailure("page reader closed"));
      return;
    }
    this.restarts++;
    const reason = /ERR_WORKER_OUT_OF_MEMORY|out of memory|heap/i.test(why) ? "out of memory" : why;
    // The page the thread was on when alone is the culprit; together, any of them may be.
    for (const job of held) {
      if (innocent) this.waiting.retry(job);
      else if (job.suspect || held.length === 1)
        job.reject(new ReadFailure(`page could not be read: ${reason}`));
      else {
        job.suspect = true;
        this.waiting.retry(job);
      }
    }
    this.slots[index] = this.spawn(index);
    this.pump();
  }

  /** Stops a thread that has spent too long on one page. */
  private watch(): void {
    const now = performance.now();
    this.slots.forEach((slot, i) => {
      if (slot && slot.readyAt === 0 && now - slot.startedAt > START_TIMEOUT_MS) {
        this.lost(i, slot, "reader thread did not start", true);
        return;
      }
      if (slot && slot.readyAt > 0 && slot.jobs.size > 0 && now - slot.since > this.readTimeoutMs) {
        const [first] = slot.jobs.values();
        // The page it is on is the one that took too long: give it up now, re-read the others.
        if (first) {
          slot.jobs.delete([...slot.jobs.keys()][0] as number);
          first.reject(new ReadFailure(`page could not be read within ${this.readTimeoutMs / 1000} s`));
        }
        this.lost(i, slot, "read timeout", true);
      }
    });
  }

  /**
   * Pages wait here, not in a thread's message queue, until a thread has room: a copy of a page
   * is made only when a thread is about to read it, so a fast crawl does not pile copies up.
   */
  private pump(): void {
    for (let job = this.waiting.peek(); job; job = this.waiting.peek()) {
      let best = -1;
      for (let i = 0; i < this.slots.length; i++) {
        const s = this.slots[i];
        if (!s || s.isolating) continue;
        if (job.suspect ? s.jobs.size > 0 : s.jobs.size >= IN_FLIGHT) continue;
        if (best < 0 || s.jobs.size < (this.slots[best]?.jobs.size ?? 0)) best = i;
      }
      if (best < 0) return;
      const slot = this.slots[best] as Slot;
      this.waiting.take();
      const id = this.nextId++;
      if (slot.jobs.size === 0) {
        slot.since = Math.max(performance.now(), slot.readyAt);
        slot.w.ref();
      }
      slot.jobs.set(id, job);
      if (job.suspect) slot.isolating = true;
      slot.w.postMessage({ kind: "read", id, site: job.site, input: job.input });
    }
  }

  site(cfg: object, scope: string) {
    const site = this.nextSite++;
    // Only what reading uses crosses over: the profile's check settings, and the scope.
    const sent = { checks: (cfg as { checks?: unknown }).checks };
    this.sites.set(site, { cfg: sent, scope });
    for (const s of this.slots) s?.w.postMessage({ kind: "site", site, cfg: sent, scope });
    return {
      read: (input: PageInput) =>
        new Promise<PageReading>((resolve, reject) => {
          if (this.closed) return reject(new ReadFailure("page reader closed"));
          this.waiting.add({ site, input, resolve, reject, suspect: false });
          this.pump();
        }),
      release: () => {
        this.sites.delete(site);
        // Pages of a site that ended early are not read any more.
        for (const job of this.waiting.drop(site)) job.reject(new ReadFailure("site released"));
        for (const s of this.slots) {
          s?.w.postMessage({ kind: "drop", site });
          s?.links.delete(site);
        }
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (const job of this.waiting.drop()) job.reject(new ReadFailure("page reader closed"));
    await Promise.all(this.slots.map((s) => s?.w.terminate()));
  }
}
