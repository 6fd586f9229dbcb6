// Per-page cost of the two accessibility passes over the real portal pages in ../shared/data/govpages:
// `npm run bench:a11y -- [--browser] [--limit N]`. Prints median, mean, p90 and max per pass.
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BrowserPass, chromiumAvailable } from "../src/a11y/browser-pass.ts";
import { axeJsdom } from "../src/a11y/jsdom-pass.ts";

const dir = fileURLToPath(new URL("../../shared/data/govpages/", import.meta.url));
if (!existsSync(join(dir, "INDEX.csv"))) {
  console.error(`no ${dir}INDEX.csv: nothing to measure`);
  process.exit(0);
}
const args = process.argv.slice(2);
const limitAt = args.indexOf("--limit");
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Number.POSITIVE_INFINITY;
const files = readFileSync(join(dir, "INDEX.csv"), "utf8")
  .split("\n")
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split(",")[0] as string)
  .slice(0, limit);

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number).toFixed(0);
  const mean = (s.reduce((a, b) => a + b, 0) / s.length).toFixed(0);
  return `n=${s.length} median ${at(0.5)} ms, mean ${mean} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
};

const pages = files.map((f) => {
  const body = readFileSync(join(dir, f));
  const text =
    body[0] === 0xff && body[1] === 0xfe ? new TextDecoder("utf-16le").decode(body) : body.toString("utf8");
  return { f, body, text };
});
const url = "https://www.example.gov.cn/index.html";
await axeJsdom("<html><body></body></html>", url); // warm-up: compile axe once
const jsdom: number[] = [];
for (const p of pages) {
  const t = performance.now();
  await axeJsdom(p.text, url);
  jsdom.push(performance.now() - t);
}
console.log(`jsdom pass:    ${stats(jsdom)}  (load average ${loadavg()[0]?.toFixed(1)})`);

if (args.includes("--browser") && chromiumAvailable()) {
  const browser = await BrowserPass.launch();
  const session = await browser.session(async () => null);
  const chromium: number[] = [];
  await session.visit(url, { body: new TextEncoder().encode("<html></html>"), contentType: "text/html" });
  for (const p of pages) {
    const v = await session.visit(url, { body: p.body, contentType: "text/html" });
    chromium.push(v.ms);
  }
  await session.close();
  await browser.close();
  console.log(`chromium pass: ${stats(chromium)}  (load average ${loadavg()[0]?.toFixed(1)})`);
}
