import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ASEM, absent, ROOT, readCsv, relErr } from "./shared.ts";

function cli(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
}

const skip = absent(`${ASEM}inputs/ASEM_iData.csv`);
const ARGS = [
  "score",
  "--framework",
  "examples/coinr-asem/framework.yaml",
  "--data",
  `${ASEM}inputs/ASEM_iData.csv`,
  "--meta",
  `${ASEM}inputs/ASEM_iMeta.csv`,
  "--json",
];

test("govscore score reproduces COINr's ASEM index and ranks, byte for byte the same twice", { skip }, () => {
  const a = cli(ARGS);
  assert.equal(a.status, 0, a.stderr);
  const b = cli(ARGS);
  assert.equal(a.stdout, b.stdout, "deterministic output");
  const out = JSON.parse(a.stdout) as {
    schema: string;
    units: {
      unit: string;
      scores: Record<string, number>;
      ranks: Record<string, number>;
      tier: string | null;
    }[];
  };
  assert.equal(out.schema, "govscore.scores/1");
  assert.equal(out.units.length, 51);
  const ref = readCsv(`${ASEM}ASEM_expected_summary.csv`);
  for (const row of ref) {
    const u = out.units.find((x) => x.unit === row.uCode);
    assert.ok(u, row.uCode);
    assert.equal(Object.keys(u.scores).length, 49 + 11, "every node of the tree");
    assert.equal(u.tier, null);
    for (const code of ["Index", "Conn", "Sust", "ConEcFin", "Instit"]) {
      assert.ok(relErr(u.scores[code] as number, Number(row[`v6_${code}`])) <= 1e-7, `${row.uCode} ${code}`);
      assert.equal(
        u.ranks[code],
        Number(row[`v6_rank_${code}_rounded2dp_COINr6`]),
        `${row.uCode} ${code} rank`,
      );
    }
  }
});

test("govscore score: an invalid framework exits 3 and names the path", () => {
  const dir = mkdtempSync(join(tmpdir(), "govscore-score-"));
  const fw = join(dir, "bad.yaml");
  writeFileSync(
    fw,
    "schema: govscore.framework/1\nid: Bad Id\nversion: '1'\nkind: composite\nname: x\nsources: []\n",
  );
  const data = join(dir, "d.csv");
  writeFileSync(data, "uCode,a\nX,1\n");
  const r = cli(["score", "--framework", fw, "--data", data]);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /框架文件无效/);
  assert.match(r.stderr, /bad\.yaml:2: id:/);
  assert.match(r.stderr, /bad\.yaml:6: sources:/);
});

test("govscore score with the built-in check list turns an inspection report into 不合格 with the veto reason", () => {
  const dir = mkdtempSync(join(tmpdir(), "govscore-score-"));
  const rep = join(dir, "report.json");
  writeFileSync(
    rep,
    JSON.stringify([
      {
        schema: "govscore.inspection/1",
        site: "https://www.example.gov.cn/",
        findings: [{ check: "interaction.unanswered", page: "/hd/1", asked: "2022-03-01", answered: null }],
        checks: {
          "site.unreachable": { outcome: "pass", count: 0 },
          "interaction.unanswered": { outcome: "fail", count: 1 },
        },
      },
      {
        schema: "govscore.inspection/1",
        site: "https://b.example.gov.cn/",
        findings: [{ check: "search.missing" }],
        checks: { "site.unreachable": { outcome: "pass", count: 0 } },
      },
      // An inspection that learned nothing (it fetched nothing, or failed before its checks).
      { schema: "govscore.inspection/1", site: "https://c.example.gov.cn/", findings: [], checks: {} },
    ]),
  );
  const r = cli(["score", "--framework", "builtin:cn-website-checklist-2019", "--data", rep, "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    results: { unit: string; verdict: string; reason: string; total: number | null }[];
  };
  assert.equal(out.results[0]?.verdict, "不合格");
  assert.match(out.results[0]?.reason ?? "", /互动回应差/);
  assert.equal(out.results[1]?.verdict, "合格");
  assert.equal(out.results[1]?.total, 97);
  assert.equal(out.results[2]?.verdict, "不合格", "an empty inspection is never 合格");
  assert.match(out.results[2]?.reason ?? "", /站点无法访问 \(site\.unreachable: 未运行/);
  assert.equal(out.results[2]?.total, null);
});

test("govscore uncertainty and explain on the ASEM example: seeded output, rank statistics, stages", {
  skip,
}, () => {
  const base = [
    "--framework",
    "examples/coinr-asem/framework.yaml",
    "--data",
    `${ASEM}inputs/ASEM_iData.csv`,
  ];
  const args = [
    "uncertainty",
    ...base,
    "--runs",
    "20",
    "--seed",
    "5",
    "--workers",
    "1",
    "--normalisations",
    "minmax,prank",
    "--json",
  ];
  const a = cli(args);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(cli(args).stdout, a.stdout, "same seed, same bytes");
  const out = JSON.parse(a.stdout) as {
    schema: string;
    units: { unit: string; nominal: number; q5: number; q95: number }[];
  };
  assert.equal(out.schema, "govscore.uncertainty/1");
  assert.equal(out.units.length, 51);
  for (const u of out.units) assert.ok(u.q5 <= u.q95);
  const sa = cli([
    "uncertainty",
    ...base,
    "--sensitivity",
    "6",
    "--normalisations",
    "minmax,prank",
    "--json",
  ]);
  assert.equal(sa.status, 0, sa.stderr);
  const s = JSON.parse(sa.stdout) as { runs: number; inputs: { input: string }[] };
  assert.equal(s.runs, 6 * (2 + 2));
  assert.deepEqual(
    s.inputs.map((i) => i.input),
    ["normalisation", "weights"],
  );
  const ex = cli(["explain", ...base, "--unit", "CHN", "--json"]);
  assert.equal(ex.status, 0, ex.stderr);
  const e = JSON.parse(ex.stdout) as {
    indicators: { code: string; raw: number | null; imputed: number | null }[];
    aggregates: { code: string; rank: number }[];
  };
  const neet = e.indicators.find((i) => i.code === "NEET");
  assert.equal(neet?.raw, null, "CHN has no NEET value");
  assert.ok(typeof neet?.imputed === "number", "…which the Asia group mean fills");
  assert.equal(e.aggregates.find((x) => x.code === "Index")?.rank, 49);
});
