import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { chromiumPath } from "../../src/publish/export/chromium.ts";
import { runCli } from "../support/run-cli.ts";
import { fixture, tempDir } from "./support/build-small.ts";

describe("govscore release", () => {
  test("a bad scores file: exit 3, every problem with file, line and column, nothing written", async () => {
    const dir = tempDir("govscore-release-bad-");
    const scores = join(dir, "bad.csv");
    writeFileSync(scores, "evaluation,category,body,score\nE,C,甲,90\nE,C,乙,abc\n");
    const out = join(dir, "out");
    const noDb = join(dir, "no-db");
    const r = await runCli(["release", "--scores", scores, "--out", out, "--site", join(dir, "site")], {
      GOVSCORE_LANG: "en",
      GOVSCORE_DATA_DIR: noDb,
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /the input is wrong; nothing was written/);
    assert.ok(r.stderr.includes(`${scores}:3 [score]: "abc" is not a number`), r.stderr);
    assert.ok(!existsSync(out) && !existsSync(join(dir, "site")), "nothing may be written");
    assert.ok(!existsSync(noDb), "a release must not create a database");
  });

  test("--evaluation reads a database, never creates one, and takes each tier ladder from its framework", async () => {
    const dir = tempDir("govscore-release-db-");
    const noDb = join(dir, "no-db");
    const r = await runCli(
      ["release", "--evaluation", "web-2022", "--evaluation", "apps-2022", "--out", join(dir, "out")],
      { GOVSCORE_LANG: "en", GOVSCORE_DATA_DIR: noDb },
    );
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /no database: --evaluation reads evaluations from the database/);
    assert.ok(!existsSync(noDb), "a release must not create a database");
    const tiers = await runCli(
      ["release", "--evaluation", "web-2022", "--tiers", "卓越,优秀", "--out", join(dir, "out")],
      { GOVSCORE_LANG: "en", GOVSCORE_DATA_DIR: noDb },
    );
    assert.equal(tiers.code, 2, tiers.stderr);
    assert.match(tiers.stderr, /each tier ladder comes from the evaluation's framework/);
  });

  test("writes the release, its exports and the site", async () => {
    const dir = tempDir("govscore-release-");
    const out = join(dir, "out");
    const r = await runCli(
      [
        "release",
        "--scores",
        fixture("small-2023.csv"),
        "--previous",
        fixture("small-2022.csv"),
        "--cases",
        fixture("small-cases.csv"),
        "--out",
        out,
        "--site",
        join(dir, "site"),
        "--year",
        "2023",
        "--no-pdf",
      ],
      { GOVSCORE_DATA_DIR: join(dir, "no-db") },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(out).sort(), [
      "release.en.md",
      "release.html",
      "release.zh.md",
      "results.csv",
      "results.json",
      "results.xlsx",
    ]);
    assert.ok(existsSync(join(dir, "site", "e1", "b", "1.html")));
    assert.ok(
      readdirSync(dir).every((f) => !f.includes(".partial-")),
      "no staging folder left behind",
    );
  });

  test("a missing Chromium skips the PDF with a clear message", async () => {
    const dir = tempDir("govscore-release-nopdf-");
    const r = await runCli(
      ["release", "--scores", fixture("small-2022.csv"), "--out", join(dir, "out"), "--year", "2022"],
      {
        GOVSCORE_CHROMIUM: join(dir, "no-chromium"),
        GOVSCORE_DATA_DIR: join(dir, "no-db"),
        GOVSCORE_LANG: "en",
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Chromium not found, PDF skipped/);
    assert.ok(!existsSync(join(dir, "out", "release.pdf")));
  });

  test("prints the PDF with Chromium", {
    skip: chromiumPath() ? undefined : "Chromium not found at /usr/bin/chromium; PDF test skipped",
  }, async () => {
    const dir = tempDir("govscore-release-pdf-");
    const r = await runCli(
      ["release", "--scores", fixture("small-2023.csv"), "--out", join(dir, "out"), "--year", "2023"],
      {
        GOVSCORE_DATA_DIR: join(dir, "no-db"),
      },
    );
    assert.equal(r.code, 0, r.stderr);
    const pdf = readFileSync(join(dir, "out", "release.pdf"));
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    assert.ok(pdf.length > 10_000);
  });
});
