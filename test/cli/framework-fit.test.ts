import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fitDimensions } from "../../src/frameworks/fit-table.ts";
import { frameworkOutline } from "../../src/frameworks/leaves.ts";
import { builtinPath, loadFramework } from "../../src/frameworks/load.ts";
import { runCli } from "../support/run-cli.ts";

const dims = fitDimensions(frameworkOutline(loadFramework(builtinPath("cn-website-performance"))));
const dir = mkdtempSync(join(tmpdir(), "govscore-fit-"));

/** A published-looking table: Chinese headers, scores to one decimal, totals from `points`. */
function table(points: number[], rows = 12, decimals = 6): string {
  let seed = 11;
  const rnd = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const lines = [["单位名称", ...dims.map((d) => d.name.zh), "总分"].join(",")];
  for (let i = 0; i < rows; i++) {
    const s = points.map(() => Math.round((40 + 60 * rnd()) * 10) / 10);
    const total = s.reduce((a, x, j) => a + ((points[j] as number) * x) / 100, 0);
    lines.push([`单位${i + 1}`, ...s, total.toFixed(decimals)].join(","));
  }
  return `${lines.join("\n")}\n`;
}

test("framework fit recovers the declared points from a table made with them, through the CLI", async () => {
  const declared = dims.map((d) => d.declared as number);
  assert.ok(
    declared.every((p) => p > 0),
    "the built-in framework declares every dimension's points",
  );
  const file = join(dir, "exact.csv");
  writeFileSync(file, table(declared));
  const r = await runCli([
    "framework",
    "fit",
    file,
    "--framework",
    "builtin:cn-website-performance",
    "--json",
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.rows, 12);
  for (const [i, d] of out.dimensions.entries()) {
    assert.equal(d.code, dims[i]?.code);
    assert.ok(Math.abs(d.fitted - (d.declared as number)) < 1e-4, `${d.code}: ${d.fitted} vs ${d.declared}`);
  }
  assert.ok(out.maxAbsResidual < 1e-4);
});

test("framework fit shows how far other points are, row by row, in the language asked", async () => {
  // The evaluator used other points than the framework declares: the fit finds theirs.
  const theirs = dims.map((_, i) => (i === 0 ? 40 : 10));
  const file = join(dir, "other.csv");
  writeFileSync(file, table(theirs, 15, 1));
  const r = await runCli(
    ["framework", "fit", file, "--framework", "builtin:cn-website-performance", "--json"],
    { GOVSCORE_LANG: "en" },
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const [i, d] of out.dimensions.entries())
    assert.ok(Math.abs(d.fitted - (theirs[i] as number)) < 1, `${d.code}: ${d.fitted} vs ${theirs[i]}`);
  assert.equal(out.residuals.length, 15);
  assert.ok(
    out.residuals.some((x: { residual: number }) => x.residual !== 0),
    "totals rounded to 0.1 leave residuals",
  );
  const text = await runCli(["framework", "fit", file, "--framework", "builtin:cn-website-performance"], {
    GOVSCORE_LANG: "en",
  });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /dimension\tdeclared\tfitted\tdifference/);
  assert.match(text.stdout, /RMSE [\d.]+\tmax \|residual\| [\d.]+\tR² /);
  assert.doesNotMatch(text.stdout, /[\u4e00-\u9fff]{2}\t/, "names in English when English is asked");
});

test("framework fit refuses an unknown column with the dimension it meant, and a bad cell with its line", async () => {
  const good = table(dims.map((d) => d.declared as number));
  const first = (dims[0] as (typeof dims)[number]).name.zh;
  const typo = good.replace(first, `${first.slice(0, -1)}不`);
  const f1 = join(dir, "typo.csv");
  writeFileSync(f1, typo);
  const r1 = await runCli(["framework", "fit", f1, "--framework", "builtin:cn-website-performance"], {
    GOVSCORE_LANG: "en",
  });
  assert.equal(r1.code, 3);
  assert.ok(r1.stderr.includes(`${f1}:1`), r1.stderr);
  assert.ok(r1.stderr.includes(`did you mean "${first}"?`), r1.stderr);

  const lines = good.split("\n");
  lines[4] = (lines[4] as string).replace(/,([\d.]+),/, ",n/a,");
  const f2 = join(dir, "cell.csv");
  writeFileSync(f2, lines.join("\n"));
  const r2 = await runCli(["framework", "fit", f2, "--framework", "builtin:cn-website-performance"], {
    GOVSCORE_LANG: "en",
  });
  assert.equal(r2.code, 3);
  assert.match(r2.stderr, new RegExp(`${f2.replace(/[.]/g, "\\.")}:5 \\[[^\\]]+\\]: "n/a" is not a number`));
});
