import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildEvaluations } from "../../src/publish/build-input.ts";
import { formatProblem, ReleaseInputError } from "../../src/publish/input-error.ts";
import { DEFAULT_TIERS } from "../../src/publish/load-input.ts";
import { parseScoresCsv } from "../../src/publish/scores-csv.ts";
import { fillTemplate } from "../../src/publish/template.ts";

const csv = (text: string) => new TextEncoder().encode(text);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReleaseInputError)
      return e.problems.map((p) => formatProblem({ ...p, message: { zh: p.message.en, en: p.message.en } }));
    throw e;
  }
  assert.fail("expected a ReleaseInputError");
}

describe("scores CSV", () => {
  test("reads dimensions, tiers with their suffix, and computes dense ranks from scores", () => {
    const file = parseScoresCsv(
      "s.csv",
      csv(
        "evaluation,category,body,score,tier,维度甲\nE,C,甲,90,卓越级,1.5\nE,C,乙,90,优秀级,\nE,C,丙,80,优秀级,2\n",
      ),
      DEFAULT_TIERS,
    );
    assert.deepEqual(file.dimensions, ["维度甲"]);
    const [e] = buildEvaluations(file, { ranking: "dense" });
    assert.equal(e?.tierSuffix, "级");
    assert.equal(e?.present, "tiers");
    assert.deepEqual(
      e?.categories[0]?.entries.map((x) => [x.body, x.rank, x.tier, x.dimensions.维度甲]),
      [
        ["甲", 1, "卓越", 1.5],
        ["乙", 1, "优秀", undefined],
        ["丙", 2, "优秀", 2],
      ],
    );
    const [c] = buildEvaluations(file, { ranking: "competition" });
    assert.equal(c?.categories[0]?.entries[2]?.rank, 3);
    const [f] = buildEvaluations(file, { ranking: "dense", rankingFor: { E: "competition" } });
    assert.equal(f?.ranking, "competition");
    assert.equal(f?.categories[0]?.entries[2]?.rank, 3);
  });

  test("every bad cell is reported with file, line and column, all at once", () => {
    const problems = problemsOf(() =>
      parseScoresCsv(
        "bad.csv",
        csv(
          [
            "evaluation,category,body,division_code,score,rank,tier,d1",
            "E,C,甲,110000,abc,1,卓越,",
            "E,C,,11000x,90,0,最好,x",
            '"E",C,"多行',
            '名称",,,,,',
            "E,C,甲,,,2,,",
          ].join("\n"),
        ),
        DEFAULT_TIERS,
      ),
    );
    assert.deepEqual(problems, [
      'bad.csv:2 [score]: "abc" is not a number',
      "bad.csv:3 [body]: must not be empty",
      'bad.csv:3 [rank]: rank "0" is not a positive integer',
      'bad.csv:3 [division_code]: "11000x" is neither a 6-digit division code nor a bmNN department code',
      'bad.csv:3 [tier]: tier "最好" is not one of 卓越, 优秀, 良好, 发展',
      'bad.csv:3 [d1]: "x" is not a number',
      'bad.csv:6 [body]: "甲" appears twice in the same evaluation and category (line 2)',
    ]);
  });

  test("a missing column, a malformed file and an empty one", () => {
    assert.deepEqual(
      problemsOf(() => parseScoresCsv("h.csv", csv("evaluation,body\nE,甲\n"), DEFAULT_TIERS)),
      ['h.csv:1 [category]: the header lacks the required column "category"'],
    );
    const malformed = problemsOf(() =>
      parseScoresCsv("m.csv", csv('evaluation,category,body\nE,C,"甲\n'), DEFAULT_TIERS),
    );
    assert.match(malformed[0] ?? "", /^m\.csv:\d+: malformed CSV/);
    assert.deepEqual(
      problemsOf(() => parseScoresCsv("e.csv", csv("evaluation,category,body\n"), DEFAULT_TIERS)),
      ["e.csv: no data rows"],
    );
    assert.deepEqual(
      problemsOf(() =>
        parseScoresCsv("w.csv", csv("evaluation,category,body,a\nE,C,甲,1,2\n"), DEFAULT_TIERS),
      ),
      ["w.csv:2: the row has 5 fields, the header 4"],
    );
  });

  test("tiers written two ways in one evaluation, and ranks given for some rows only", () => {
    assert.deepEqual(
      problemsOf(() =>
        parseScoresCsv(
          "t.csv",
          csv("evaluation,category,body,tier\nE,C,甲,卓越档\nE,C,乙,优秀级\n"),
          DEFAULT_TIERS,
        ),
      ),
      ['t.csv:3 [tier]: tiers of one evaluation are written two ways: "档" on line 2, "级" here'],
    );
    const file = parseScoresCsv(
      "r.csv",
      csv("evaluation,category,body,score,rank\nE,C,甲,9,1\nE,C,乙,8,\n"),
      DEFAULT_TIERS,
    );
    assert.deepEqual(
      problemsOf(() => buildEvaluations(file, { ranking: "dense" })),
      [
        'r.csv:3 [rank]: category "C" gives ranks for some rows only: give all of them or none (computed from scores)',
      ],
    );
  });

  test("GB18030 files are read", async () => {
    const iconv = (await import("iconv-lite")).default;
    const file = parseScoresCsv(
      "g.csv",
      iconv.encode("evaluation,category,body\n评估,类别,北京市\n", "gb18030"),
      DEFAULT_TIERS,
    );
    assert.equal(file.rows[0]?.body, "北京市");
  });
});

describe("templates", () => {
  const values = {
    lang: "zh" as const,
    results: (e?: string) => (e === undefined || e === "评估甲" ? `结果${e ?? ""}` : undefined),
    findings: "- 发现",
    yoy: "",
    cases: "案例",
    year: "2023",
    previousYear: "2022",
    bodyCount: "7",
  };

  test("placeholders are filled where the template puts them; an empty one takes its line", () => {
    const out = fillTemplate(
      "t.md",
      "# {{year}}年\n<!-- note -->\n编辑写的段落，{{share:24/64}}的地方。\n\n{{yoy}}\n\n{{results:评估甲}}\n\n{{cases}}\n",
      values,
    );
    assert.equal(out, "# 2023年\n编辑写的段落，近40%的地方。\n\n结果评估甲\n\n案例\n");
  });

  test("unknown placeholders and bad arguments name the template line", () => {
    const problems = problemsOf(() =>
      fillTemplate("t.md", "a\n{{nope}}\n{{share:5/4}}\n{{results:无此评估}}\n", values),
    );
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? "", /^t\.md:2: unknown placeholder \{\{nope\}\}/);
    assert.match(problems[1] ?? "", /^t\.md:3: \{\{share:5\/4\}\} needs "count\/total"/);
    assert.equal(problems[2], 't.md:4: no evaluation named "无此评估"');
  });

  test("the year placeholders need the year", () => {
    assert.deepEqual(
      problemsOf(() => fillTemplate("t.md", "# {{year}}年\n", { ...values, year: "" })),
      ["t.md:1: {{year}} needs the edition year: give --year"],
    );
  });
});
