import { type Browser, type BrowserContext, chromium, type Page, type Route } from "playwright-core";
import { Semaphore } from "../crawl/gate.ts";
import { axeSource, BROWSER_RULES } from "./axe.ts";
import { CHROMIUM_PATH } from "./chromium-path.ts";
import { AXE_RUN_SNIPPET, type AxeRun, snippetArgs } from "./result.ts";

export { CHROMIUM_PATH, chromiumAvailable } from "./chromium-path.ts";

/**
 * Flags this environment needs (as root, no GPU), plus two that make sure Chromium itself
 * never reaches the network: every request is answered by our route handler, and anything that
 * slipped past it (preconnect, DNS prefetch) meets a resolver that knows no name and a proxy
 * that does not exist.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--host-resolver-rules=MAP * ~NOTFOUND",
  "--proxy-server=http://127.0.0.1:9",
];

/** A response for the browser; null refuses the request. */
export interface Fetched {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}
/**
 * Fetches a subresource (script, stylesheet) on the browser's behalf. In `inspect` it is the
 * crawler's transport, so the address policy, the user agent and the politeness gate apply to
 * the browser exactly as to the crawl.
 */
export type Fetcher = (url: string) => Promise<Fetched | null>;

/** The page itself, as the crawl received it. */
export interface Document {
  body: Uint8Array;
  contentType: string | null;
}

export interface Visit {
  axe: AxeRun | null;
  /** `document.documentElement.outerHTML` after scripts ran. */
  html: string | null;
  ms: number;
  /** Why the visit produced nothing, when it did not. */
  error: string | null;
}

export interface VisitOptions {
  /** axe rules to run; empty: none. Default: the layout rules. */
  rules?: readonly string[];
  /** Also return the rendered HTML. */
  html?: boolean;
}

/** Resource types that cannot change what axe or the footer reader sees: not fetched. */
const SKIPPED_TYPES = new Set(["image", "media", "font", "manifest", "texttrack", "beacon", "ping"]);
/** Headers the browser must not see: we hand over decoded, complete bodies. */
const DROP_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection"]);

const NAV_TIMEOUT_MS = 20_000;
const AXE_TIMEOUT_MS = 30_000;
/** After `load`, how long scripts may keep fetching (footers injected by XHR) before we read. */
const SETTLE_MAX_MS = 2_000;
const SETTLE_QUIET_MS = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One headless Chromium for a whole run; sites get a context each, pages are bounded overall. */
export class BrowserPass {
  private readonly pages: Semaphore;
  private constructor(
    private readonly browser: Browser,
    concurrency: number,
  ) {
    this.pages = new Semaphore(concurrency);
  }

  static async launch(o: { executablePath?: string; concurrency?: number } = {}): Promise<BrowserPass> {
    const browser = await chromium.launch({
      executablePath: o.executablePath ?? CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    return new BrowserPass(browser, o.concurrency ?? 2);
  }

  /** A context for one site: axe preloaded in every page, every request through `fetcher`. */
  async session(fetcher: Fetcher): Promise<BrowserSession> {
    const context = await this.browser.newContext({
      serviceWorkers: "block",
      javaScriptEnabled: true,
      viewport: { width: 1280, height: 900 },
      locale: "zh-CN",
      acceptDownloads: false,
    });
    await context.addInitScript({ content: axeSource() });
    await context.routeWebSocket(/.*/, (ws) => ws.close());
    // Pop-ups (window.open) are closed at once; they are not part of the page.
    context.on("page", (p) => {
      void p.opener().then((o) => (o ? p.close() : undefined));
    });
    return new BrowserSession(context, fetcher, this.pages);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

interface VisitState {
  url: string;
  doc: Document | null;
  navigated: boolean;
  inflight: number;
  lastActivity: number;
}

/**
 * One site's pages, one after the other in one reused tab: a new tab costs more than the
 * navigation itself (axe is preloaded in every new document).
 */
export class BrowserSession {
  private page: Page | null = null;
  private state: VisitState | null = null;

  constructor(
    private readonly context: BrowserContext,
    private readonly fetcher: Fetcher,
    private readonly slots: Semaphore,
  ) {}

  private async tab(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    const page = await this.context.newPage();
    page.on("dialog", (d) => void d.dismiss().catch(() => {}));
    await page.route("**/*", (route) => this.handle(page, route));
    this.page = page;
    return page;
  }

  private async handle(page: Page, route: Route): Promise<void> {
    const st = this.state;
    const req = route.request();
    if (!st) return route.abort("blockedbyclient");
    const isMainDoc = req.isNavigationRequest() && req.frame() === page.mainFrame();
    if (isMainDoc) {
      // Scripts that navigate away (location.href = …) must not swap the page under axe.
      if (st.navigated) return route.abort("blockedbyclient");
      st.navigated = true;
      if (st.doc && req.url() === st.url)
        return route.fulfill({
          status: 200,
          headers: { "content-type": st.doc.contentType ?? "text/html" },
          body: Buffer.from(st.doc.body.buffer, st.doc.body.byteOffset, st.doc.body.byteLength),
        });
    } else if (req.isNavigationRequest() || SKIPPED_TYPES.has(req.resourceType())) {
      // Frames are not analysed (axe runs with iframes: false); images cost time, not facts.
      return route.abort("blockedbyclient");
    }
    if (!/^https?:/.test(req.url()) || req.method() !== "GET") return route.abort("blockedbyclient");
    st.inflight++;
    try {
      const r = await this.fetcher(req.url());
      if (!r) return await route.abort("blockedbyclient");
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers)) if (!DROP_HEADERS.has(k)) headers[k] = v;
      await route.fulfill({
        status: r.status,
        headers,
        body: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength),
      });
    } catch {
      await route.abort("failed").catch(() => {});
    } finally {
      st.inflight--;
      st.lastActivity = performance.now();
    }
  }

  /**
   * Loads `url` (its document from `doc` when given, so the bytes the crawl received are the
   * ones rendered), lets its scripts run, then runs axe and/or reads the rendered DOM.
   */
  async visit(url: string, doc: Document | null, o: VisitOptions = {}): Promise<Visit> {
    const rules = o.rules ?? BROWSER_RULES;
    await this.slots.acquire();
    const t0 = performance.now();
    const st: VisitState = { url, doc, navigated: false, inflight: 0, lastActivity: t0 };
    this.state = st;
    try {
      const page = await this.tab();
      await page.goto(url, { waitUntil: "load", timeout: NAV_TIMEOUT_MS });
      const settleUntil = performance.now() + SETTLE_MAX_MS;
      while (performance.now() < settleUntil) {
        if (st.inflight === 0 && performance.now() - st.lastActivity >= SETTLE_QUIET_MS) break;
        await sleep(20);
      }
      let axe: AxeRun | null = null;
      if (rules.length > 0)
        axe = await withTimeout(
          page.evaluate(`(${AXE_RUN_SNIPPET})(${JSON.stringify(snippetArgs(rules))})`) as Promise<AxeRun>,
          AXE_TIMEOUT_MS,
          "axe",
        );
      const html = o.html ? await page.content() : null;
      return { axe, html, ms: performance.now() - t0, error: null };
    } catch (e) {
      // A tab that timed out may still be busy: the next page gets a fresh one.
      await this.page?.close().catch(() => {});
      this.page = null;
      return { axe: null, html: null, ms: performance.now() - t0, error: String((e as Error).message ?? e) };
    } finally {
      this.state = null;
      this.slots.release();
    }
  }

  /** The page's HTML after its scripts ran: for reading facts that scripts write (footers). */
  async renderedHtml(url: string, doc: Document | null = null): Promise<string | null> {
    return (await this.visit(url, doc, { rules: [], html: true })).html;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}
