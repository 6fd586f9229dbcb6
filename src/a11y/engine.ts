import type { SiteArtifacts } from "../artifacts/types.ts";
import type { CrawlConfig } from "../crawl/config.ts";
import type { HostGate } from "../crawl/gate.ts";
import type { Transport } from "../crawl/transport.ts";
import type { BrowserPass } from "./browser-pass.ts";
import { JsdomThread } from "./jsdom-thread.ts";
import type { A11ySettings } from "./settings.ts";
import { fillFooterFromRendered, inspectA11y, type ReportPart, transportFetcher } from "./site.ts";
import { BodySpool, spoolingTransport } from "./spool.ts";

export interface SiteA11y {
  /** The crawl's transport, keeping the HTML bodies the sample will need. */
  transport: Transport;
  /**
   * Runs the passes once the crawl is done. With the browser pass, `browserTransport` fetches
   * the scripts and stylesheets the pages load (the live transport without WARC: those fetches
   * are not part of the crawl's evidence, and the replay must not depend on them).
   */
  finish(
    site: SiteArtifacts,
    net?: { browserTransport: Transport; gate: HostGate; cfg: CrawlConfig },
  ): Promise<ReportPart>;
  close(): void;
}

/** One per run: the browser (when asked for) is shared by all the run's sites. */
export class A11yRunner {
  /** Per-page milliseconds of the last sites, for benchmarks and the docs' figures. */
  readonly timings = { jsdom: [] as number[], browser: [] as number[] };
  /** The jsdom pass runs on a thread of its own: a page too much for jsdom costs only that page. */
  private readonly jsdom = new JsdomThread();
  private constructor(
    readonly settings: A11ySettings,
    private readonly browser: BrowserPass | null,
  ) {}

  static async start(settings: A11ySettings): Promise<A11yRunner> {
    // playwright-core is loaded only by runs that render pages.
    const browser = settings.browser ? await (await import("./browser-pass.ts")).BrowserPass.launch() : null;
    return new A11yRunner(settings, browser);
  }

  site(inner: Transport): SiteA11y {
    const spool = new BodySpool();
    let key: string | null = null;
    return {
      transport: spoolingTransport(inner, spool),
      finish: async (site, net) => {
        key = site.site;
        const fetcher =
          this.browser && net
            ? transportFetcher(net.browserTransport, net.gate, {
                maxRedirects: net.cfg.maxRedirects,
                delayMs: net.cfg.delayMs,
              })
            : null;
        const r = await inspectA11y(
          site,
          spool,
          {
            articlesPerColumn: this.settings.articlesPerColumn,
            maxPages: this.settings.maxPages,
            browser: fetcher ? this.browser : null,
            jsdom: this.jsdom.run,
          },
          fetcher,
        );
        // Bounded: a national run has thousands of sites; the latest figures are enough.
        for (const [k, v] of [
          ["jsdom", r.timings.jsdom],
          ["browser", r.timings.browser],
        ] as const) {
          this.timings[k].push(...v);
          if (this.timings[k].length > 10_000) this.timings[k].splice(0, this.timings[k].length - 10_000);
        }
        if (r.renderedHome !== null) fillFooterFromRendered(site, r.renderedHome);
        return r.part;
      },
      // A site that ended with its pass under way: its pages still waiting are not analysed.
      close: () => {
        spool.close();
        if (key !== null) this.jsdom.forget(key);
      },
    };
  }

  async close(): Promise<void> {
    await this.jsdom.close();
    await this.browser?.close();
  }
}
