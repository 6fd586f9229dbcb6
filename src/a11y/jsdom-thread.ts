import type { Worker } from "node:worker_threads";
import { startWorker } from "../runtime/worker-entry.ts";
import type { AxeRun } from "./result.ts";

/** The jsdom pass of one page, wherever it runs; rejects when the page cannot be analysed. */
export type JsdomRunner = (html: string, url: string, rules: readonly string[]) => Promise<AxeRun>;

export interface JsdomThreadOptions {
  /** Longest one page may take (ms) before the thread is stopped and the page given up. */
  pageTimeoutMs?: number;
  /** Heap of the thread (MB): jsdom builds a whole DOM, and a page past this is that page's loss. */
  heapMb?: number;
}

/**
 * The jsdom pass on a thread of its own: jsdom and axe-core weigh ~100 MB and build a DOM per page,
 * and a page that is too much for them (nested 100,000 deep: a stack overflow; huge: out of memory;
 * endless: a timeout) must cost that page its analysis, never the run. One page at a time; a thread
 * that dies or overruns is replaced for the next page. The thread keeps the process alive only
 * while it holds a page, and every page sent is answered or failed.
 */
export class JsdomThread {
  private w: Worker | null = null;
  private nextId = 0;
  private current: {
    id: number;
    resolve: (r: AxeRun) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
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
      this.settle();
      if (m.error !== undefined) c.reject(new Error(m.error));
      else c.resolve(m.run as AxeRun);
    });
    const lost = (why: string) => {
      if (this.w !== w) return;
      this.w = null;
      void w.terminate();
      const c = this.current;
      this.settle();
      c?.reject(new Error(/out of memory|heap/i.test(why) ? "jsdom ran out of memory" : why));
    };
    w.on("error", (e) => lost(e.message));
    w.on("exit", (code) => lost(`jsdom thread exited with ${code}`));
    w.unref();
    this.w = w;
    return w;
  }

  private settle(): void {
    if (this.current) clearTimeout(this.current.timer);
    this.current = null;
    this.w?.unref();
  }

  /** Runs axe over one page in the thread; pages queue one behind the other. */
  run: JsdomRunner = (html, url, rules) => {
    const job = this.queue.then(
      () =>
        new Promise<AxeRun>((resolve, reject) => {
          const w = this.thread();
          const id = this.nextId++;
          const timer = setTimeout(() => {
            // An endless page: stop the thread (the next page gets a new one).
            const stuck = this.w;
            this.w = null;
            this.settle();
            void stuck?.terminate();
            reject(new Error(`jsdom took longer than ${this.pageTimeoutMs / 1000} s`));
          }, this.pageTimeoutMs);
          this.current = { id, resolve, reject, timer };
          w.ref();
          w.postMessage({ id, html, url, rules: [...rules] });
        }),
    );
    this.queue = job.catch(() => {});
    return job;
  };

  async close(): Promise<void> {
    const w = this.w;
    this.w = null;
    const c = this.current;
    this.settle();
    c?.reject(new Error("jsdom thread closed"));
    await w?.terminate();
  }
}
