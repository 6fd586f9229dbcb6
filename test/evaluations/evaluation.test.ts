import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { type FixtureServer, fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import {
  EvaluationError,
  getEvaluation,
  saveEvidenceValues,
} from "../../src/evaluations/evaluation-store.ts";
import { parseEvidenceCsv } from "../../src/evaluations/evidence-csv.ts";
import { inspectEvaluation } from "../../src/evaluations/inspect-evaluation.ts";
import { createEvaluation, evaluationTargets } from "../../src/evaluations/members.ts";
import { scoreEvaluation } from "../../src/evaluations/score-evaluation.ts";
import { evaluateChecklist } from "../../src/frameworks/checklist.ts";
import { builtinPath, parseFramework } from "../../src/frameworks/load.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import type { Store } from "../../src/store/open.ts";
import { testOptions, testSeed } from "../crawl/helpers.ts";
import { backends } from "../support/stores.ts";

const CHECKLIST_FILE = builtinPath("cn-website-checklist-2019");
const CHECKLIST_SOURCE = readFileSync(CHECKLIST_FILE, "utf8");
const CHECKLIST = parseFramework(CHECKLIST_SOURCE, CHECKLIST_FILE);

/** A small composite framework: an expert rubric, a submitted figure, a yes/no and a check. */
const COMPOSITE_SOURCE = `
schema: govscore.framework/1
id: test-composite
version: "1"
kind: composite
name: { zh: 测试框架, en: test framework }
sources: [{ title: written for this test }]
pipeline:
  normalise: { method: none }
  aggregate: { method: sum }
  ranking: { ties: dense, round: 1, groupBy: category }
tree:
  code: index
  children:
    - { code: service, source: { from: rubric, levels: { A: 40, B: 30, C: 10 } } }
    - { code: rating, source: { from: figure, bands: [{ atLeast: 0.95, points: 30 }, { atLeast: 0.9, points: 20 }, { points: 0 }] } }
    - { code: agency, source: { from: yesno, yes: 10, no: 0 } }
    - { code: links, source: { from: deduction, check: link.broken, perFinding: 1, points: 20 } }
`;
const COMPOSITE = parseFramework(COMPOSITE_SOURCE, "test-composite.yaml");

function registryCsv(server: FixtureServer, n: number): Buffer {
  const lines = ["kind,body_id,name,short_name,categories,level,division_code,url"];
  for (let i = 0; i < n; i++) {
    const cat = i < n - 1 ? "地市" : "区县";
    const code = ["440600", "320500", "330300", "440303"][i] ?? "";
    lines.push(`body,t-${i},测试单位${i},单位${i},${cat},${i < n - 1 ? "prefectural" : "county"},${code},`);
    lines.push(`website,t-${i},,,,,,${server.url(i)}`);
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

for (const backend of backends) {
  describe(`evaluations stored in the database (${backend.name})`, { skip: backend.skip }, () => {
    let server: FixtureServer;
    let store: Store;
    const seed = testSeed();
    before(async () => {
      server = await startFixtureServer({ seed, sites: 4 });
      server.logging = false;
      store = await backend.open();
      const imported = await importRegistryCsv(store.db, "t.csv", registryCsv(server, 4));
      assert.deepEqual(
        imported.problems.filter((p) => p.severity === "error"),
        [],
      );
    });
    after(async () => {
      await store?.close();
      await server?.close();
    });

    test("a check-list evaluation: inspected, resumed, scored with vetoes, deterministic", async () => {
      const created = await createEvaluation(store.db, {
        code: "t-checklist",
        name: "测试",
        framework: CHECKLIST,
        frameworkSource: CHECKLIST_SOURCE,
        asOf: "2026-11-01",
        categories: ["地市", "区县"],
      });
      assert.equal(created.targets, 4);
      await assert.rejects(
        createEvaluation(store.db, {
          code: "t-checklist",
          name: "x",
          framework: CHECKLIST,
          frameworkSource: CHECKLIST_SOURCE,
          asOf: "2026-11-01",
          categories: ["地市"],
        }),
        EvaluationError,
      );
      const options = testOptions({}, { maxPages: 25 });
      const first = await inspectEvaluation(store.db, {
        code: "t-checklist",
        options,
        resolver: fixtureResolver,
      });
      assert.deepEqual(
        { planned: first.planned, inspected: first.inspected, skipped: first.skipped },
        {
          planned: 4,
          inspected: 4,
          skipped: 0,
        },
      );

      // A run cut short loses nothing: drop one report, and the next run does only that site.
      const ev = await getEvaluation(store.db, "t-checklist");
      const targets = await evaluationTargets(store.db, ev.id);
      const lost = targets[2]?.websites[0]?.id as number;
      await store.db.deleteFrom("inspection").where("website_id", "=", lost).execute();
      const resumed = await inspectEvaluation(store.db, {
        code: "t-checklist",
        options,
        resolver: fixtureResolver,
        // The IPv6 steps reach the inspection (a name without AAAA records, as public DNS says).
        ipv6: { aaaa: async () => [], ns: null, ipv6Fetch: false },
      });
      assert.deepEqual(
        { inspected: resumed.inspected, skipped: resumed.skipped },
        { inspected: 1, skipped: 3 },
      );
      const count = await store.db
        .selectFrom("inspection")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("evaluation_id", "=", ev.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 4, "one report per site, never two");
      const reports = await store.db
        .selectFrom("inspection")
        .select(["website_id", "report"])
        .where("evaluation_id", "=", ev.id)
        .execute();
      const ipv6 = (r: (typeof reports)[number]) =>
        (r.report as { checks: Record<string, { outcome: string }> }).checks["ipv6.missing"]?.outcome;
      for (const r of reports)
        assert.equal(ipv6(r), r.website_id === lost ? "fail" : "not-applicable", `website ${r.website_id}`);

      // An evaluator's judgement and a week of monitoring enter as evidence.
      const csv = Buffer.from(
        "body_id,kind,code,value,source\n" +
          "t-0,manual,security,是,专家组\n" +
          "t-1,fact,monitor.unreachableShare,0.1,监测\n" +
          "t-2,fact,monitor.unreachableShare,0.03,监测\n",
      );
      const parsed = parseEvidenceCsv(csv, "e.csv", CHECKLIST, targets);
      assert.deepEqual(parsed.problems, []);
      await saveEvidenceValues(store.db, ev.id, parsed.rows);

      const a = await scoreEvaluation(store.db, "t-checklist");
      const by = new Map(a.scores.bodies.map((b) => [b.bodyId, b]));
      assert.equal(by.get("t-0")?.verdict, "不合格");
      assert.match(by.get("t-0")?.reason ?? "", /安全/);
      assert.equal(by.get("t-1")?.verdict, "不合格");
      assert.match(by.get("t-1")?.reason ?? "", /站点无法访问/);
      // 3 % unanswered is under the 5 % threshold: no veto from monitoring for t-2.
      assert.doesNotMatch(by.get("t-2")?.reason ?? "", /站点无法访问/);

      // Bodies without evaluator input are scored exactly as the check list scores their report.
      const reportRow = await store.db
        .selectFrom("inspection")
        .innerJoin("website", "website.id", "inspection.website_id")
        .select(["inspection.report"])
        .where("website.body_id", "=", "t-3")
        .where("inspection.evaluation_id", "=", ev.id)
        .executeTakeFirstOrThrow();
      const report = (
        typeof reportRow.report === "string" ? JSON.parse(reportRow.report) : reportRow.report
      ) as never;
      const direct = evaluateChecklist(CHECKLIST.checklist as never, report, {
        portal: true,
        publicServices: true,
      });
      assert.equal(by.get("t-3")?.verdict, direct.verdict);
      assert.equal(by.get("t-3")?.scores.total, direct.total);

      const b = await scoreEvaluation(store.db, "t-checklist");
      assert.equal(b.outputSha256, a.outputSha256, "same inputs, same bytes out");
      assert.notEqual(b.runId, a.runId, "every run is kept");
      const kept = await store.db
        .selectFrom("score_result")
        .select(["body_id", "tier"])
        .where("run_id", "=", a.runId)
        .where("node", "=", "*")
        .orderBy("body_id")
        .execute();
      assert.deepEqual(
        kept.map((r) => r.tier),
        a.scores.bodies.map((x) => x.tier),
      );
    });

    test("a composite evaluation: evidence rows checked before anything is written, ranks per category", async () => {
      await createEvaluation(store.db, {
        code: "t-composite",
        name: "测试综合",
        framework: COMPOSITE,
        frameworkSource: COMPOSITE_SOURCE,
        asOf: "2026-11-01",
        categories: ["地市", "区县"],
      });
      const ev = await getEvaluation(store.db, "t-composite");
      const bodies = await evaluationTargets(store.db, ev.id);
      const bad = parseEvidenceCsv(
        Buffer.from(
          "body_id,kind,code,value\n" +
            "t-0,rubric,service,A\n" +
            "t-9,rubric,service,A\n" +
            "t-1,rubric,service,Z\n" +
            "t-1,figure,rating,很好\n" +
            "t-2,rubric,rating,A\n" +
            "t-2,answer,agency,也许\n",
        ),
        "e.csv",
        COMPOSITE,
        bodies,
      );
      assert.deepEqual(
        bad.problems.map((p) => `${p.line}:${p.column}`),
        ["3:body_id", "4:value", "5:value", "6:code", "7:value"],
      );
      assert.equal(bad.rows.length, 0, "a file with a bad row gives nothing to write");

      const good = parseEvidenceCsv(
        Buffer.from(
          "body_id,kind,code,value\n" +
            "t-0,rubric,service,A\nt-0,figure,rating,0.96\nt-0,answer,agency,是\n" +
            "t-1,rubric,service,B\nt-1,figure,rating,0.97\nt-1,answer,agency,否\n" +
            "t-2,rubric,service,B\nt-2,figure,rating,0.91\nt-2,answer,agency,是\n" +
            "t-3,rubric,service,C\nt-3,figure,rating,0.5\nt-3,answer,agency,是\n",
        ),
        "e.csv",
        COMPOSITE,
        bodies,
      );
      assert.deepEqual(good.problems, []);
      await saveEvidenceValues(store.db, ev.id, good.rows);
      const { scores } = await scoreEvaluation(store.db, "t-composite");
      const by = new Map(scores.bodies.map((b) => [b.bodyId, b]));
      // No inspection in this evaluation: the link leaf is missing data, so only the other three
      // leaves add up (sum aggregation drops missing values).
      assert.equal(by.get("t-0")?.scores.index, 40 + 30 + 10);
      assert.equal(by.get("t-1")?.scores.index, 30 + 30 + 0);
      assert.equal(by.get("t-2")?.scores.index, 30 + 20 + 10);
      assert.equal(by.get("t-3")?.scores.index, 10 + 0 + 10);
      // One ranking per category, dense: 80 > 60 = 60 in 地市; the 区县 body is first of its own.
      assert.deepEqual(
        ["t-0", "t-1", "t-2", "t-3"].map((id) => by.get(id)?.ranks.index),
        [1, 2, 2, 1],
      );
    });
  });
}
