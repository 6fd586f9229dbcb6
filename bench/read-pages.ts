// Reading cost of the real pages in ../shared/data/govpages: readPage (drop script/style bodies,
// decode, extract, page fields) over every page, several rounds; CPU time of this process per
// round (a busy machine stretches wall time, not this), minimum, first quartile and median.
// `ROUNDS=40 node --import tsx bench/read-pages.ts`; compare with a checkout of the baseline.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readPage, siteReading } from "../src/crawl/read-page.ts";

const dir = fileURLToPath(new URL("../../shared/data/govpages/", import.meta.url));
const files = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(d, e.name)) : /\.html?$/i.test(e.name) ? [join(d, e.name)] : [],
  );
const bodies = files(dir).map((f) => new Uint8Array(readFileSync(f)));
const rounds = Number(process.env.ROUNDS ?? 30);
const times: number[] = [];
for (let r = 0; r < rounds + 5; r++) {
  const c0 = process.cpuUsage();
  for (const body of bodies) {
    const site = siteReading({}, "https://www.example.gov.cn/");
    readPage(
      { body, contentType: undefined, finalUrl: "https://www.example.gov.cn/", depth: 0, contentFacts: true },
      site,
    );
  }
  const c = process.cpuUsage(c0);
  if (r >= 5) times.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
const mb = bodies.reduce((s, b) => s + b.byteLength, 0) / 1e6;
console.log(
  `${bodies.length} pages, ${mb.toFixed(1)} MB; CPU per round: min ${times[0]?.toFixed(1)} ms, p25 ${times[Math.floor(times.length / 4)]?.toFixed(1)} ms, median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms`,
);
