import { extractFacts } from "../artifacts/extract.ts";
import type { FooterFacts } from "../artifacts/footer.ts";
import type { SiteArtifacts } from "../artifacts/types.ts";
import type { Finding, Outcome } from "../checks/types.ts";
import { FetchFailure, fetchFollow } from "../crawl/fetch.ts";
import type { HostGate } from "../crawl/gate.ts";
import type { Transport } from "../crawl/transport.ts";
import { decodeBody } from "../encoding/charset.ts";
import { AXE_VERSION, BROWSER_RULES, ruleTitle, STATIC_RULES } from "./axe.ts";
import type { BrowserPass, Fetched, Fetcher } from "./browser-pass.ts";
import type { JsdomRunner } from "./jsdom-thread.ts";
import type { AxeRun } from "./result.ts";
import { DEFAULT_SAMPLE, type SampledPage, type SampleOptions, samplePages } from "./sample.ts";
import type { BodySpool } from "./spool.ts";

/** Findings, check outcomes and facts that a pass adds to a site's report. */
export interface ReportPart {
  findings: Finding[];
  checks: Record<string, { outcome: Outcome; count: number }>;
  facts: Record<string, string | number | null>;
}

export interface A11yOptions extends SampleOptions {
  /** The browser pass; null: the jsdom pass only. */
  browser: BrowserPass | null;
  /** Pages larger than this (decoded characters) are left out of the jsdom pass. */
  maxHtmlChars?: number;
  /** Where the jsdom pass runs (default: this thread; the engine gives it a thread of its own). */
  jsdom?: JsdomRunner;
}

export const defaultA11yOptions = (): A11yOptions => ({ ...DEFAULT_SAMPLE, browser: null });

export interface A11yTimings {
  jsdom: number[];
  browser: number[];
}

export interface A11yResult {
  part: ReportPart;
  timings: A11yTimings;
  /** The homepage after its scripts ran (browser pass only). */
  renderedHome: string | null;
}

const MAX_HTML_CHARS = 4_000_000;

/** The jsdom pass in the calling thread (tests, recheck): jsdom is loaded only when it runs. */
const inThisThread: JsdomRunner = async (html, url, rules) =>
  (await import("./jsdom-pass.ts")).axeJsdom(html, url, rules);
/**
 * Pages nested deeper than this are left out of the passes: jsdom and axe walk the tree
 * recursively (10,000 levels took 14 s and then overflowed the stack), and no real page comes near.
 */
const MAX_NESTING = 512;

type Engine = "jsdom" | "chromium";
interface PageRun {
  sampled: SampledPage;
  engine: Engine;
  run: AxeRun;
}

/**
 * A fetcher for the browser built on the crawl's own transport: redirects followed by us (each
 * hop through the address policy), politeness gate per host, and each URL fetched once per site.
 */
export function transportFetcher(
  transport: Transport,
  gate: HostGate,
  o: { maxRedirects: number; delayMs: number; maxCacheBytes?: number },
): Fetcher {
  const cache = new Map<string, Promise<Fetched | null>>();
  let cached = 0;
  const cap = o.maxCacheBytes ?? 64 * 1024 * 1024;
  return (url) => {
    const hit = cache.get(url);
    if (hit) return hit;
    const p = (async (): Promise<Fetched | null> => {
      try {
        const r = await fetchFollow(url, "GET", o.maxRedirects, (u, m) =>
          gate.run(new URL(u).host, () => transport.once(u, m), o.delayMs),
        );
        const last = r.hops[r.hops.length - 1];
        if (!last) return null;
        return { status: last.status, headers: last.headers, body: last.body };
      } catch (e) {
        if (e instanceof FetchFailure) return null;
        throw e;
      }
    })();
    cache.set(url, p);
    void p.then((r) => {
      cached += r?.body.byteLength ?? 0;
      // Past the cap, stop remembering: a later page asking again costs a fetch, not memory.
      if (cached > cap) cache.delete(url);
    });
    return p;
  };
}

/** Runs the accessibility passes over a site's sample and turns violations into findings. */
export async function inspectA11y(
  site: SiteArtifacts,
  spool: BodySpool,
  o: A11yOptions,
  fetcher: Fetcher | null = null,
): Promise<A11yResult> {
  const sample = samplePages(site, o);
  const runs: PageRun[] = [];
  const timings: A11yTimings = { jsdom: [], browser: [] };
  const failures: string[] = [];
  let renderedHome: string | null = null;
  let browserErrors = 0;
  const maxChars = o.maxHtmlChars ?? MAX_HTML_CHARS;

  const session = o.browser && fetcher ? await o.browser.session(fetcher) : null;
  try {
    for (const s of sample) {
      const doc = spool.get(s.page.url);
      if (!doc) {
        failures.push(s.page.url);
        continue;
      }
      if ((s.page.nesting ?? 0) > MAX_NESTING) {
        failures.push(s.page.url);
        continue;
      }
      const text = decodeBody(doc.body, doc.contentType).text;
      if (text.length > maxChars) failures.push(s.page.url);
      else {
        const t = performance.now();
        try {
          const run = await (o.jsdom ?? inThisThread)(text, doc.url, STATIC_RULES, site.site);
          timings.jsdom.push(performance.now() - t);
          runs.push({ sampled: s, engine: "jsdom", run });
        } catch {
          // A page jsdom cannot take (too deep, too big, too slow) is left unanalysed, and counted.
          failures.push(s.page.url);
        }
      }
      if (session) {
        const v = await session.visit(doc.url, doc, { rules: BROWSER_RULES, html: s.role === "home" });
        timings.browser.push(v.ms);
        if (v.error) browserErrors++;
        if (v.axe) runs.push({ sampled: s, engine: "chromium", run: v.axe });
        if (s.role === "home") renderedHome = v.html;
      }
    }
  } finally {
    await session?.close();
  }

  const part = toReportPart(runs, o.browser !== null);
  part.facts["a11y.pages"] = sample.length;
  part.facts["a11y.axe"] = AXE_VERSION;
  part.facts["a11y.engines"] = session ? "jsdom+chromium" : "jsdom";
  // Sampled pages whose body was not at hand, and pages Chromium could not load or analyse.
  part.facts["a11y.unread"] = failures.length;
  if (session) part.facts["a11y.browserErrors"] = browserErrors;
  if (renderedHome !== null) Object.assign(part.facts, renderedFooterFacts(renderedHome));
  return { part, timings, renderedHome };
}

/** Facts read off the rendered homepage, beside the static ones (which scripts may leave empty). */
export function renderedFooterFacts(html: string): Record<string, string | null> {
  const f: FooterFacts = extractFacts(html).footer;
  return {
    "rendered.footer.siteIdCode": f.siteIdCode,
    "rendered.footer.icp": f.icp,
    "rendered.footer.psb": f.psb,
    "rendered.footer.sponsor": f.sponsor,
  };
}

/**
 * Where the static homepage shows no footer fact that the rendered one does (a footer written
 * by a script), the rendered value is the site's: the footer checks then judge what a visitor
 * sees. Only empty fields are filled; what the HTML itself says is never overridden.
 */
export function fillFooterFromRendered(site: SiteArtifacts, html: string): string[] {
  const home = site.pages.find((p) => p.depth === 0);
  if (!home?.footer) return [];
  const rendered = extractFacts(html).footer;
  const filled: string[] = [];
  for (const k of Object.keys(rendered) as (keyof FooterFacts)[]) {
    if (home.footer[k] === null && rendered[k] !== null) {
      (home.footer as unknown as Record<string, unknown>)[k] = rendered[k];
      filled.push(k);
    }
  }
  if (filled.length > 0)
    site.notes.push({
      code: "footer-rendered",
      zh: `页脚信息取自浏览器渲染后的首页：${filled.join("、")}`,
      en: `footer read from the rendered homepage: ${filled.join(", ")}`,
    });
  return filled;
}

/** Ordered so that a report does not depend on timing: by rule, then page. */
function toReportPart(runs: PageRun[], browser: boolean): ReportPart {
  const findings: Finding[] = [];
  const status = new Map<string, { fail: number; pass: number; incomplete: number }>();
  const ran = (id: string) => {
    let s = status.get(id);
    if (!s) {
      s = { fail: 0, pass: 0, incomplete: 0 };
      status.set(id, s);
    }
    return s;
  };
  for (const id of STATIC_RULES) ran(id);
  if (browser) for (const id of BROWSER_RULES) ran(id);
  for (const { sampled, engine, run } of runs) {
    for (const id of run.passes) ran(id).pass++;
    for (const id of run.incomplete) ran(id).incomplete++;
    for (const v of run.violations) {
      ran(v.id).fail++;
      const f: Finding = {
        check: `a11y.${v.id}`,
        page: sampled.page.url,
        role: sampled.role,
        nodes: v.nodes,
        targets: v.targets,
        snippet: v.snippet,
        impact: v.impact,
        engine,
        title: ruleTitle(v.id),
      };
      if (sampled.page.record) f.record = sampled.page.record;
      findings.push(f);
    }
  }
  findings.sort((a, b) =>
    a.check !== b.check ? (a.check < b.check ? -1 : 1) : String(a.page) < String(b.page) ? -1 : 1,
  );
  const checks: ReportPart["checks"] = {};
  for (const [id, s] of [...status].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // "warn": axe could not decide on any sampled page (needs a person to look).
    const outcome: Outcome =
      s.fail > 0 ? "fail" : s.pass > 0 ? "pass" : s.incomplete > 0 ? "warn" : "not-applicable";
    checks[`a11y.${id}`] = { outcome, count: s.fail };
  }
  return { findings, checks, facts: {} };
}
