// A reader thread: decodes and reads the pages the crawler hands it (see page-reader.ts).
import { parentPort } from "node:worker_threads";
import { LinkEncoder } from "./link-wire.ts";
import { type PageInput, readPage, type SiteReading, siteReading } from "./read-page.ts";

type Message =
  | { kind: "site"; site: number; cfg: object; scope: string }
  | { kind: "drop"; site: number }
  | { kind: "read"; id: number; site: number; input: PageInput };

// Each site is sent once; its configuration object and link memo stay the same for all its
// pages, so what is derived from them (the parsed profile, resolved links) is derived once, and
// its links cross as numbers after their first time (link-wire.ts).
const sites = new Map<number, { reading: SiteReading; wire: LinkEncoder }>();

parentPort?.on("message", (m: Message) => {
  if (m.kind === "site") sites.set(m.site, { reading: siteReading(m.cfg, m.scope), wire: new LinkEncoder() });
  else if (m.kind === "drop") sites.delete(m.site);
  else {
    try {
      const site = sites.get(m.site);
      if (!site) throw new Error(`page of an unknown site ${m.site}`);
      const { links, ...reading } = readPage(m.input, site.reading);
      parentPort?.postMessage({
        id: m.id,
        site: m.site,
        reading,
        links: site.wire.encode(links, site.reading.resolver.generation),
      });
    } catch (e) {
      parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
});

// Reading time is counted from here: loading the modules is not a page's.
parentPort?.postMessage({ ready: true });
