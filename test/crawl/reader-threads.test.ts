// The reader threads own every page they accept: a page that kills its thread (out of memory) or
// holds it too long is that page's loss, read alone to find it out; the pages beside it are read
// again and come back right, and the pool goes on with a new thread.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inlineReader, ReadFailure, ThreadedReader } from "../../src/crawl/page-reader.ts";
import type { PageInput } from "../../src/crawl/read-page.ts";

const SCOPE = "http://a.gov.cn/";
const page = (html: string, url = SCOPE): PageInput => ({
  body: Buffer.from(html),
  contentType: "text/html; charset=utf-8",
  finalUrl: url,
  depth: 1,
  contentFacts: true,
});
const normal = (n: number) =>
  page(
    `<html><head><title>第${n}页</title></head><body><ul>${Array.from({ length: 20 }, (_, k) => `<li><a href="/art/${n}_${k}.html">通知${k}</a><span>2026-10-${String((k % 28) + 1).padStart(2, "0")}</span></li>`).join("")}</ul></body></html>`,
    `http://a.gov.cn/col/${n}/index.html`,
  );
/** A page whose reading needs far more than a small thread heap: 300,000 distinct links. */
const monster = () =>
  page(
    `<html><body>${Array.from({ length: 300_000 }, (_, k) => `<a href="/p/${k}.html">链接${k}</a>`).join("")}</body></html>`,
  );

test("a page that runs its thread out of memory is lost alone; the others are read again, right", async () => {
  const pool = new ThreadedReader(1, { heapMb: 40 });
  const inline = inlineReader.site({}, SCOPE);
  const site = pool.site({}, SCOPE);
  try {
    const pages = [normal(1), monster(), normal(2), normal(3)];
    const results = await Promise.allSettled(pages.map((p) => site.read(p)));
    assert.equal(results[1]?.status, "rejected");
    const e = (results[1] as PromiseRejectedResult).reason;
    assert.ok(e instanceof ReadFailure && /out of memory/.test(e.message), String(e));
    for (const k of [0, 2, 3]) {
      assert.equal(results[k]?.status, "fulfilled", String((results[k] as PromiseRejectedResult).reason));
      assert.deepEqual(
        (results[k] as PromiseFulfilledResult<unknown>).value,
        await inline.read(pages[k] as PageInput),
      );
    }
    assert.ok(pool.restarts >= 1);
    // The pool goes on.
    assert.equal((await site.read(normal(4))).title, "第4页");
  } finally {
    site.release();
    await pool.close();
  }
});

test("a page that holds its thread too long is given up; the pool goes on", async () => {
  const pool = new ThreadedReader(1, { readTimeoutMs: 500 });
  const site = pool.site({}, SCOPE);
  try {
    await assert.rejects(site.read(monster()), (e) => e instanceof ReadFailure && /within/.test(e.message));
    assert.equal((await site.read(normal(5))).title, "第5页");
  } finally {
    site.release();
    await pool.close();
  }
});

test("reading in the crawler's thread: a page too deep for a recursive step is a ReadFailure", async () => {
  const site = inlineReader.site({}, SCOPE);
  const deep = page(`<html><body>${"<div>".repeat(100_000)}深${"</div>".repeat(100_000)}</body></html>`);
  // Either it is read (nothing in the read recurses) or it fails as a ReadFailure: never a crash.
  try {
    const r = await site.read(deep);
    assert.equal(typeof r.title, "object");
  } catch (e) {
    assert.ok(e instanceof ReadFailure, String(e));
  }
});
