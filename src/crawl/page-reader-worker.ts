// A reader thread: decodes and reads the pages the crawler hands it (see page-reader.ts).
import { parentPort } from "node:worker_threads";
import { type PageInput, readPage } from "./read-page.ts";

type Message =
  | { kind: "site"; site: number; cfg: object }
  | { kind: "drop"; site: number }
  | { kind: "read"; id: number; site: number; input: PageInput };

// Each site's configuration is sent once; the object stays the same for all its pages, so what
// is derived from it (the parsed profile) is derived once.
const sites = new Map<number, object>();

parentPort?.on("message", (m: Message) => {
  if (m.kind === "site") sites.set(m.site, m.cfg);
  else if (m.kind === "drop") sites.delete(m.site);
  else {
    try {
      parentPort?.postMessage({ id: m.id, reading: readPage(m.input, sites.get(m.site) ?? {}) });
    } catch (e) {
      parentPort?.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
});
