// The fetch-and-parse ceiling of bench/crawl.ts: the known HTML pages of every site fetched with
// undici and parsed as our engine parses them (script and style bodies dropped, decoded,
// one htmlparser2 pass), nothing else: no robots, links, checks or reports. On `threads` threads,
// each with the sites of its own (so no host gets more than 4 connections).
//   node bench/support/ceiling.mjs <pages.json> <threads> <requests in flight>
// pages.json: [[url, …] per site]. Prints {"pages": N} when done.
import { readFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { Agent, request } from "undici";
import { extractFacts } from "../../lib/artifacts/extract.js";
import { dropRawText } from "../../lib/crawl/raw-text.js";
import { decodeBody } from "../../lib/encoding/charset.js";

async function crawl(sites, inFlight) {
  const jobs = sites.flat();
  const agent = new Agent({ connections: 4 });
  let next = 0;
  let links = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const url = jobs[next++];
      const res = await request(url, { dispatcher: agent });
      const body = new Uint8Array(await res.body.arrayBuffer());
      const d = decodeBody(dropRawText(body), res.headers["content-type"]);
      links += extractFacts(d.text).links.length;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  await agent.close();
  return { pages: jobs.length, links };
}

if (isMainThread) {
  const [file, threadsArg, inFlightArg] = process.argv.slice(2);
  const sites = JSON.parse(readFileSync(file, "utf8"));
  const threads = Math.max(1, Number(threadsArg));
  const inFlight = Number(inFlightArg);
  const shares = Array.from({ length: threads }, (_, t) => sites.filter((_, i) => i % threads === t));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), {
            workerData: { sites: share, inFlight: Math.max(1, Math.round(inFlight / threads)) },
          });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  process.stdout.write(`${JSON.stringify({ pages: results.reduce((n, r) => n + r.pages, 0) })}\n`);
} else {
  parentPort.postMessage(await crawl(workerData.sites, workerData.inFlight));
}
