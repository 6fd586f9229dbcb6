import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { DEFAULT_TIERS, loadReleaseInput } from "../../src/publish/load-input.ts";
import { produceRelease } from "../../src/publish/produce.ts";
import { parseScoresCsv } from "../../src/publish/scores-csv.ts";
import { neutraliseCell, restoreCell, writeCsv } from "../../src/registry/csv-cells.ts";
import { runCli } from "../support/run-cli.ts";

const HOSTILE = ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"];
const TRIGGER = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Every cell of a CSV text: none begins with a formula trigger unless it is a plain number. */
function assertNoFormula(text: string, where: string): string[][] {
  const rows = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
  for (const row of rows)
    for (const cell of row)
      assert.ok(!TRIGGER.test(cell) || NUMBER.test(cell), `${where}: a formula cell ${JSON.stringify(cell)}`);
  return rows;
}

describe("CSV exports neutralise formula injection", () => {
  test("text cells beginning with = + - @ tab or CR get an apostrophe; numbers stay numbers; reading undoes it", () => {
    assert.equal(neutraliseCell('=HYPERLINK("http://x","y")'), `'=HYPERLINK("http://x","y")`);
    assert.equal(neutraliseCell("\tx"), "'\tx");
    assert.equal(neutraliseCell("\rx"), "'\rx");
    assert.equal(neutraliseCell("-3"), "'-3", "a string is text");
    assert.equal(neutraliseCell(-3), -3, "a number is a number");
    assert.equal(neutraliseCell("北京市"), "北京市");
    assert.equal(neutraliseCell("'=x"), "''=x");
    assert.equal(neutraliseCell(null), "");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "'", "a", "1", "中") }),
        (s) => {
          const n = neutraliseCell(s) as string;
          assert.ok(!TRIGGER.test(n), JSON.stringify(n));
          assert.equal(restoreCell(n), s);
        },
      ),
      { numRuns: 2000 },
    );
    assert.equal(writeCsv([["=1", -3, 2.5, "x"]]), "'=1,-3,2.5,x\n");
  });

  test("the release's results.csv: hostile names neutralised, negative numbers kept, English names kept, and it reads back", async () => {
    const rows = [
      [
        "evaluation",
        "evaluation_en",
        "category",
        "category_en",
        "body",
        "body_en",
        "division_code",
        "score",
        "tier",
        "d1",
      ],
      ["评估", "An evaluation", "省级政府", "Provinces", HOSTILE[0], "@Evil", "110000", "90", "卓越", "-3"],
      ["评估", "An evaluation", "省级政府", "Provinces", HOSTILE[1], "Shanghai", "310000", "80", "优秀", "4"],
      ["评估", "An evaluation", "省级政府", "Provinces", HOSTILE[2], "-Minus", "320000", "70", "良好", "5"],
      ["评估", "An evaluation", "省级政府", "Provinces", HOSTILE[3], "Anhui", "340000", "60", "发展", "6"],
    ];
    const settings = {
      ranking: "dense" as const,
      tierLadder: DEFAULT_TIERS,
      publishedTiers: DEFAULT_TIERS,
      year: 2026,
    };
    const input = loadReleaseInput(
      { scores: parseScoresCsv("hostile.csv", Buffer.from(stringify(rows)), DEFAULT_TIERS) },
      settings,
    );
    const { out } = await produceRelease(input, { pdf: false, site: false });
    const csv = out.get("results.csv") as string;
    const [header, ...body] = assertNoFormula(csv, "results.csv");
    assert.deepEqual(header?.slice(0, 7), [
      "evaluation",
      "evaluation_en",
      "category",
      "category_en",
      "body",
      "body_en",
      "division_code",
    ]);
    const col = (name: string) => (header ?? []).indexOf(name);
    const first = body.find((r) => r[col("body")] === `'${HOSTILE[0]}`);
    assert.ok(first, csv);
    assert.equal(first[col("body_en")], "'@Evil");
    assert.equal(first[col("evaluation_en")], "An evaluation");
    assert.equal(first[col("category_en")], "Provinces");
    assert.equal(first[col("d1")], "-3", "a negative number stays a number");
    // The release can be re-run from its own results.csv: the names come back as they were.
    const again = loadReleaseInput(
      { scores: parseScoresCsv("results.csv", Buffer.from(csv), DEFAULT_TIERS) },
      settings,
    );
    const bodies = again.evaluations.flatMap((e) => e.categories.flatMap((c) => c.entries));
    assert.deepEqual(bodies.map((b) => b.body).sort(), [...HOSTILE].sort());
    assert.ok(bodies.some((b) => b.bodyEn === "@Evil"));
  });

  test("govscore registry export: hostile names neutralised, and importing the export changes nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "govscore-csv-injection-"));
    try {
      const env = { GOVSCORE_DATA_DIR: join(dir, "db") };
      const file = join(dir, "hostile.csv");
      await writeFile(
        file,
        stringify([
          ["kind", "body_id", "name", "short_name", "categories", "level", "url"],
          ...HOSTILE.flatMap((name, i) => [
            ["body", `h${i}`, name, i === 0 ? "@short" : "", "地市", "prefectural", ""],
            ["website", `h${i}`, i === 1 ? "-site" : "", "", "", "", `https://h${i}.example.gov.cn/`],
          ]),
        ]),
      );
      const imported = await runCli(["registry", "import", file], env);
      assert.equal(imported.code, 0, imported.stderr + imported.stdout);
      const out = join(dir, "export.csv");
      const exported = await runCli(["registry", "export", "--out", out], env);
      assert.equal(exported.code, 0, exported.stderr);
      const text = await readFile(out, "utf8");
      const [header, ...rows] = assertNoFormula(text, "registry export");
      const name = (header ?? []).indexOf("name");
      for (const h of HOSTILE)
        assert.ok(
          rows.some((r) => r[name] === `'${h}`),
          `${h} in ${text}`,
        );
      assert.match(text, /'@short/);
      assert.match(text, /'-site/);
      const again = await runCli(["registry", "import", out, "--json"], env);
      assert.equal(again.code, 0, again.stderr);
      const { written } = JSON.parse(again.stdout) as {
        written: { bodies: { unchanged: number }; websites: { unchanged: number } };
      };
      // Names read back exactly as they were: nothing to update.
      assert.equal(written.bodies.unchanged, HOSTILE.length, again.stdout);
      assert.equal(written.websites.unchanged, HOSTILE.length, again.stdout);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
