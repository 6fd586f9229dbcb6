// crawlee's HttpCrawler for bench/crawl.ts, doing the same fetch and parse as the ceiling and
// enqueuing same-site page links (not attachments, images, scripts), with its default retries.
//   node bench/support/crawlee.mjs <urls.json> <requests in flight> <max requests>
// Prints {"pages": N} (answered and failed) when done.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractFacts } from "../../lib/artifacts/extract.js";

const [file, inFlightArg, limitArg] = process.argv.slice(2);
const urls = JSON.parse(readFileSync(file, "utf8"));
const storage = mkdtempSync(join(tmpdir(), "crawlee-bench-"));
process.env.CRAWLEE_STORAGE_DIR = storage;
process.env.CRAWLEE_PURGE_ON_START = "true";
const { HttpCrawler, Configuration, log, LogLevel } = await import("@crawlee/http");
log.setLevel(LogLevel.WARNING);
const NOT_PAGES = /\.(jpe?g|png|gif|css|js|pdf|docx?|xlsx?|wps|ofd|zip)$/i;
let pages = 0;
try {
  const crawler = new HttpCrawler(
    {
      minConcurrency: Number(inFlightArg),
      maxConcurrency: Number(inFlightArg),
      maxRequestsPerCrawl: Number(limitArg),
      additionalMimeTypes: ["application/octet-stream"],
      async requestHandler({ request: req, body, enqueueLinks }) {
        pages++;
        const facts = extractFacts(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
        const base = new URL(req.loadedUrl ?? req.url);
        const same = [];
        for (const l of facts.links) {
          try {
            const u = new URL(l.href, base);
            // crawlee has no trap defences or robots here: keep it to the same page set.
            if (
              u.host === base.host &&
              !NOT_PAGES.test(u.pathname) &&
              !/^\/(calendar|search|private|old)/.test(u.pathname)
            )
              same.push(u.href);
          } catch {}
        }
        await enqueueLinks({ urls: same, strategy: "same-origin" });
      },
      failedRequestHandler() {
        pages++;
      },
    },
    new Configuration({ persistStorage: false, storageClientOptions: { localDataDirectory: storage } }),
  );
  await crawler.run(urls);
} finally {
  rmSync(storage, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ pages })}\n`);
