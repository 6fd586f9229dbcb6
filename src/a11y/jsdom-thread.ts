import type { Worker } from "node:worker_threads";
import { startWorker } from "../runtime/worker-entry.ts";
import type { AxeRun } from "./result.ts";

/**
 * The jsdom pass of one page, wherever it runs; rejects when the page cannot be analysed. `site`
 * names whose page it is (the thread shares its time fairly between sites).
 */
export type JsdomRunner = (
  html: string,
  url: string,
  rules: readonly string[],
  site?: string,
) => Promise<AxeRun>;

export interface JsdomThreadOptions {
  /** Longest one page may take (ms) before the thread is stopped and the page given up. */
  pageTimeoutMs?: number;
  /** Heap of the thread (MB): jsdom builds a whole DOM, and a page past this is that page's loss. */
  heapMb?: number;
}

interface Job {
  site: string;
  html: string;
  url: string;
  rules: string[];
  resolve: (r: AxeRun) => void;
  reject: (e: Error) => void;
}

/**
 * The jsdom pass on a thread of its own: jsdom and axe-core weigh ~100 MB and build a DOM per page,
 * and a page that is too much for them (nested 100,000 deep: a stack overflow; huge: out of memory;
 * endless: a timeout) must cost that page its analysis, never the run. One page at a time; a thread
 * that dies or overruns is replaced for the next page. The thread keeps the process alive only
 * while it holds a page, and every page sent is answered or failed.
 *
 * Waiting pages are served to the site that has used the thread least so far: a site whose pages
 * take seconds each (thousands of links) cannot make a normal site's pages, which take a tenth of
 * a second, wait behind every one of its own.
 */
export class JsdomThread {
  private w: Worker | null = null;
  private nextId = 0;
  private current: (Job & { id: number; timer: NodeJS.Timeout; started: number }) | null = null;
  private readonly waiting: Job[] = [];
  /** Milliseconds of the thread each site has used. */
  private readonly used = new Map<string, number>();
  private readonly pageTimeoutMs: number;
  private readonly heapMb: number;

  constructor(o: JsdomThreadOptions = {}) {
    // A normal page takes well under a second; these bound what a hostile one costs everyone.
    this.pageTimeoutMs = o.pageTimeoutMs ?? 10_000;
    this.heapMb = o.heapMb ?? 128;
  }

  private thread(): Worker {
    if (this.w) return this.w;
    const w = startWorker(import.meta.url, "./jsdom-worker.ts", {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 8 },
    });
    w.on("message", (m: { id: number; run?: AxeRun; error?: string }) => {
      const c = this.current;
      if (!c || c.id !== m.id) return;
      this.finish();
      if (m.error !== undefined) c.reject(new Error(m.error));
      else c.resolve(m.run as AxeRun);
    });
    const lost = (why: string) => {
      if (this.w !== w) return;
      this.w = null;
      void w.terminate();
      const c = this.current;
      this.finish();
      c?.reject(new Error(/out of memory|heap/i.test(why) ? "jsdom ran out of memory" : why));
    };
    w.on("error", (e) => lost(e.message));
    w.on("exit", (code) => lost(`jsdom thread exited with ${code}`));
    w.unref();
    this.w = w;
    return w;
  }

  /** The current page is done (answered or not): count its time, then take the next one. */
  private finish(): void {
    const c = this.current;
    if (c) {
      clearTimeout(c.timer);
      this.used.set(c.site, (this.used.get(c.site) ?? 0) + performance.now() - c.started);
    }
    this.current = null;
    this.w?.unref();
    queueMicrotask(() => this.next());
  }

  private next(): void {
    if (this.current || this.waiting.length === 0) return;
    let pick = 0;
    for (let i = 1; i < this.waiting.length; i++)
      if (
        (this.used.get((this.waiting[i] as Job).site) ?? 0) <
        (this.used.get((this.waiting[pick] as Job).site) ?? 0)
      )
        pick = i;
    const job = this.waiting.splice(pick, 1)[0] as Job;
    const w = this.thread();
    const id = this.nextId++;
    const timer = setTimeout(() => {
      // An endless page: stop the thread (the next page gets a new one).
      const stuck = this.w;
      this.w = null;
      const c = this.current;
      this.finish();
      void stuck?.terminate();
      c?.reject(new Error(`jsdom took longer than ${this.pageTimeoutMs / 1000} s`));
    }, this.pageTimeoutMs);
    this.current = { ...job, id, timer, started: performance.now() };
    w.ref();
    w.postMessage({ id, html: job.html, url: job.url, rules: job.rules });
  }

  /** Runs axe over one page in the thread. */
  run: JsdomRunner = (html, url, rules, site = url) =>
    new Promise<AxeRun>((resolve, reject) => {
      this.waiting.push({ site, html, url, rules: [...rules], resolve, reject });
      this.next();
    });

  /** A site is done: its pages still waiting are dropped and its account closed. */
  forget(site: string): void {
    this.used.delete(site);
    for (let i = this.waiting.length - 1; i >= 0; i--)
      if (this.waiting[i]?.site === site) this.waiting.splice(i, 1)[0]?.reject(new Error("site done"));
  }

  async close(): Promise<void> {
    const w = this.w;
    this.w = null;
    const c = this.current;
    if (c) clearTimeout(c.timer);
    this.current = null;
    c?.reject(new Error("jsdom thread closed"));
    for (const job of this.waiting.splice(0)) job.reject(new Error("jsdom thread closed"));
    await w?.terminate();
  }
}
