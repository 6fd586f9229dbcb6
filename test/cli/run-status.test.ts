import assert from "node:assert/strict";
import { test } from "node:test";
import { startRunStatus } from "../../src/cli/run-status.ts";

/** A stand-in for standard error: what was written, as a terminal of `columns` would get it. */
function terminal(columns: number, isTTY = true) {
  const out: string[] = [];
  const stream = { isTTY, columns, write: (s: string) => out.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, out };
}

const progress = { sites: 500, sitesDone: 12, sitesCut: 1, pages: 123_456, pagesFailed: 78, startedAt: 0 };
/** Display columns: a Chinese character takes two. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uFFDC]/.test(ch) ? 2 : 1), 0);
const visible = (s: string) => s.replaceAll("\r", "").replaceAll("\u001b[2K", "");

test("progress: the whole line on a terminal of unknown size, cut by display columns on a narrow one", () => {
  const saved = process.env.CI;
  delete process.env.CI;
  try {
    const unknown = terminal(0);
    startRunStatus(unknown.stream).progress(progress);
    const full = visible(unknown.out.at(-1) ?? "");
    assert.match(full, /500/);
    assert.match(full, /123,456/);
    assert.ok(width(full) > 40, full);

    for (const cols of [30, 41, 80]) {
      const narrow = terminal(cols);
      startRunStatus(narrow.stream).progress(progress);
      const line = visible(narrow.out.at(-1) ?? "");
      assert.ok(width(line) <= cols - 1, `${width(line)} columns on a terminal of ${cols}: ${line}`);
      // The rate moves between two draws; what comes before it does not.
      assert.ok(full.startsWith(line.slice(0, 12)), `${line} / ${full}`);
    }
  } finally {
    if (saved !== undefined) process.env.CI = saved;
  }
});

test("progress: nothing drawn in a pipe; a stall is said there all the same", () => {
  const pipe = terminal(0, false);
  const s = startRunStatus(pipe.stream);
  s.progress(progress);
  assert.deepEqual(pipe.out, []);
  s.stall({
    site: "http://a.gov.cn/",
    wait: { kind: "request", what: "GET http://a.gov.cn/x", since: 0 },
    waitedMs: 120_000,
    idleMs: 120_000,
  } as never);
  assert.equal(pipe.out.length, 1);
  assert.match(pipe.out[0] ?? "", /http:\/\/a\.gov\.cn\/.*120/);
});
