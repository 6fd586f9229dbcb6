import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { CHECKS } from "../../src/checks/catalogue.ts";
import { evaluateChecklist } from "../../src/frameworks/checklist.ts";
import { tableFromEvidence } from "../../src/frameworks/collect.ts";
import { type Evidence, maxPoints } from "../../src/frameworks/evidence.ts";
import { builtinPath, FrameworkError, loadFramework, parseFramework } from "../../src/frameworks/load.ts";
import type { Checklist, TreeNode } from "../../src/frameworks/schema.ts";
import { scoreTable } from "../../src/frameworks/score.ts";

const BUILTIN = new URL("../../src/frameworks/builtin/", import.meta.url).pathname;

function checklist(): Checklist {
  const fw = loadFramework(builtinPath("cn-website-checklist-2019"));
  assert.ok(fw.checklist);
  return fw.checklist;
}

function leafMax(n: TreeNode): number {
  if (n.children?.length) return n.children.reduce((a, c) => a + leafMax(c), 0);
  return n.source ? maxPoints(n.source) : Number.NaN;
}

test("every built-in framework loads, states sources, and marks assumptions", () => {
  const files = readdirSync(BUILTIN).filter((f) => f.endsWith(".yaml"));
  assert.ok(files.length >= 4);
  for (const f of files) {
    const fw = loadFramework(`${BUILTIN}${f}`);
    // One edition: `<id>.yaml`; several: `<id>@<edition>.yaml`, the edition starting its version.
    const [id, edition] = f.slice(0, -".yaml".length).split("@");
    assert.equal(fw.id, id, f);
    if (edition) assert.ok(fw.version.startsWith(`${edition}.`), `${f}: version ${fw.version}`);
    assert.ok(fw.sources.length > 0, f);
    assert.ok(fw.assumptions.length > 0, `${f} lists its assumptions`);
  }
});

test("point scales: capability 110, website performance 100 (2019) and 110 (2022), app 100; check list 100 + 30", () => {
  const scale = (id: string) => {
    const fw = loadFramework(builtinPath(id));
    assert.ok(fw.tree);
    return leafMax(fw.tree);
  };
  assert.equal(scale("cn-digital-government-capability"), 110);
  assert.equal(scale("cn-website-performance@2019"), 100);
  assert.equal(scale("cn-website-performance@2022"), 110);
  assert.equal(scale("cn-service-app"), 100);
  const cl = checklist();
  assert.equal(
    cl.deductions.items.reduce((a, i) => a + i.points, 0),
    cl.deductions.total,
  );
  assert.equal(cl.deductions.total, 100);
  assert.equal(cl.bonus?.max, 30);
  assert.equal(cl.bonus?.above, 80);
  assert.equal(cl.deductions.passMark, 60);
});

/**
 * An inspection report in the shape of govscore.inspection/1 (checks.md), of an inspection that
 * reached the homepage (site.unreachable ran and passed).
 */
function report(findings: Record<string, unknown>[], checks: Evidence["checks"] = {}): Evidence {
  return { findings, checks: { "site.unreachable": { outcome: "pass", count: 0 }, ...checks } };
}
const stale = (columnType: string, column: string) => ({
  check: "column.stale",
  column,
  columnType,
  ageDays: 200,
});

test("check list: a homepage not updated for 2 weeks vetoes, nothing else is scored", () => {
  const r = evaluateChecklist(
    checklist(),
    report([{ check: "home.stale", latest: "2022-11-01", ageDays: 49 }], {
      "home.stale": { outcome: "fail", count: 1 },
    }),
    { portal: true, publicServices: true },
  );
  assert.equal(r.verdict, "不合格");
  assert.equal(r.vetoes[0]?.id, "home-stale");
  assert.match(r.reason, /首页不更新/);
  assert.equal(r.total, null);
});

test("check list: 5 stale news/notice/policy columns veto as 栏目不更新; 4 do not", () => {
  const five = [
    stale("news", "要闻"),
    stale("news", "动态"),
    stale("notice", "通知"),
    stale("policy", "文件"),
    stale("policy", "规章"),
  ];
  const r5 = evaluateChecklist(checklist(), report(five), { portal: false, publicServices: true });
  assert.equal(r5.verdict, "不合格");
  assert.deepEqual(
    r5.vetoes.map((v) => v.id),
    ["columns-stale"],
  );
  const r4 = evaluateChecklist(checklist(), report(five.slice(0, 4)), {
    portal: false,
    publicServices: true,
  });
  assert.equal(r4.vetoes.length, 0);
  // 2 news (−2 each, item 10) + 2 policy/notice (−5 each, item 8 → capped at 8) = 12.
  assert.equal(r4.deductionScore, 88);
  assert.equal(r4.verdict, "合格");
});

test("check list: deductions are capped per item and below 60 is 不合格", () => {
  const broken = Array.from({ length: 40 }, (_, i) => ({ check: "link.broken", target: `/x${i}` }));
  const guides = Array.from({ length: 4 }, (_, i) => ({ check: "service.guide-incomplete", page: `/g${i}` }));
  const r = evaluateChecklist(
    checklist(),
    report([
      ...broken,
      ...guides,
      { check: "footer.site-id.missing" },
      { check: "footer.jiucuo.missing" },
      { check: "search.missing" },
      { check: "ipv6.missing" },
    ]),
    { portal: true, publicServices: true },
  );
  const links = r.items.find((i) => i.id === "availability");
  assert.equal(links?.deducted, 3, "40 × 0.5 capped at the item's 3 points");
  // 3 (links) + 4 (guides) + site id 4 + jiucuo 2 + search 3 + ipv6 3 = 19 → 81: passes, and
  // the bonus gate (above 80) opens: nothing in the evidence earns a bonus point though.
  assert.equal(r.deductionScore, 81);
  const links2 = r.items.find((i) => i.id === "availability");
  assert.deepEqual(
    links2?.by,
    [{ check: "link.broken", count: 40, deducted: 20 }],
    "what deducted the points",
  );
  assert.equal(r.bonusScore, 0);
  assert.equal(r.verdict, "合格");

  const many = [
    ...Array.from({ length: 4 }, () => stale("policy", "p")),
    ...Array.from({ length: 4 }, () => stale("news", "n")),
  ];
  // news (8 ≤ 10) + policy (20 → 10) → veto? 8 columns of those types ≥ 5 → 栏目不更新 veto first.
  assert.equal(
    evaluateChecklist(checklist(), report(many), { portal: false, publicServices: true }).vetoes[0]?.id,
    "columns-stale",
  );

  const bad = [
    ...Array.from({ length: 15 }, (_, i) => ({ check: "interaction.unanswered_old", i })),
    ...Array.from({ length: 12 }, (_, i) => ({ check: "content.undated", page: `/a${i}` })),
    ...Array.from({ length: 12 }, (_, i) => ({ check: "attachment.broken", target: `/f${i}` })),
    ...Array.from({ length: 4 }, (_, i) => ({ check: "service.guide-incomplete", page: `/g${i}` })),
    { check: "footer.site-id.missing" },
    { check: "footer.jiucuo.missing" },
    { check: "search.missing" },
    { check: "ipv6.missing" },
    { check: "footer.icp.missing" },
    { check: "footer.psb.missing" },
    { check: "footer.conac.missing" },
    ...Array.from({ length: 10 }, (_, i) => ({ check: "link.broken", target: `/y${i}` })),
    ...Array.from({ length: 4 }, (_, i) => ({ check: "column.empty", page: `/e${i}` })),
    { check: "column.stats-stale", statsKind: "service", latest: null },
  ];
  const rb = evaluateChecklist(checklist(), report(bad), { portal: true, publicServices: true });
  // undated 6 + attachments 6 + guides 4 + site-id 4 + jiucuo 2 + search 3 + ipv6 3 + marks 3 + links 3 + empty 6 = 40 → 60…
  // …and 2 stale 办件 statistics (−2) make 58.
  assert.equal(rb.deductionScore, 58);
  assert.equal(rb.verdict, "不合格");
  assert.match(rb.reason, /< 60/);
});

test("check list: bonus only for portals above 80, capped at 30; rescaling without services", () => {
  const clean: Evidence = {
    findings: [],
    checks: {
      "site.unreachable": { outcome: "pass", count: 0 },
      "a11y.no-elder-mode": { outcome: "pass", count: 0 },
      "mobile.no-viewport": { outcome: "pass", count: 0 },
      "https.missing": { outcome: "fail", count: 1 },
    },
    rubric: { "open-data": "B", innovation: "A" },
    answers: { "smart-qa": true },
  };
  const portal = evaluateChecklist(checklist(), clean, { portal: true, publicServices: true });
  assert.equal(portal.deductionScore, 100);
  assert.equal(portal.bonusScore, 5 + 5 + 0 + 3 + 5 + 5);
  assert.equal(portal.total, 123);
  const dept = evaluateChecklist(checklist(), clean, { portal: false, publicServices: true });
  assert.equal(dept.bonusScore, 0);
  // Without public services: 办事服务 (25) skipped; 4 + 3 + 1 = 8 deducted of 75 → 67 × 4/3.
  const noSvc = evaluateChecklist(
    checklist(),
    report([
      { check: "footer.site-id.missing" },
      { check: "service.missing" },
      { check: "search.missing" },
      { check: "link.broken" },
      { check: "link.broken" },
    ]),
    { portal: false, publicServices: false },
  );
  assert.equal(noSvc.vetoes.length, 0, "服务不实用 does not apply to bodies without public services");
  assert.ok(Math.abs((noSvc.deductionScore as number) - ((75 - 8) * 4) / 3) < 1e-12);
  const withSvc = evaluateChecklist(checklist(), report([{ check: "service.missing" }]), {
    portal: false,
    publicServices: true,
  });
  assert.equal(withSvc.vetoes[0]?.id, "services-useless");
});

test("check list: a manual security veto and the week-long monitoring fact", () => {
  const m = evaluateChecklist(
    checklist(),
    { ...report([]), manual: { security: true } },
    { portal: false, publicServices: true },
  );
  assert.equal(m.vetoes[0]?.id, "security");
  const u = evaluateChecklist(
    checklist(),
    { ...report([]), facts: { "monitor.unreachableShare": 0.06 } },
    { portal: false, publicServices: true },
  );
  assert.equal(u.vetoes[0]?.id, "unreachable");
  const ok = evaluateChecklist(
    checklist(),
    { ...report([]), facts: { "monitor.unreachableShare": 0.04 } },
    { portal: false, publicServices: true },
  );
  assert.equal(ok.vetoes.length, 0);
});

test("capability framework: evidence → 110-point scores, tiers 卓越…准备, dense ranks per category", () => {
  const fw = loadFramework(builtinPath("cn-digital-government-capability"));
  const all: Evidence = {
    answers: Object.fromEntries(
      [
        "leading-group",
        "data-agency",
        "top-level-plan",
        "unified-application",
        "unified-query",
        "unified-consultation",
        "unified-payment",
        "unified-evaluation",
        "licence-mutual",
        "one-thing-portal",
        "answer-satisfaction",
        "open-data-satisfaction",
      ].map((k) => [k, true]),
    ),
    rubric: Object.fromEntries(
      [
        "gov-cloud",
        "data-centre",
        "licence-coverage",
        "economic-regulation",
        "market-supervision",
        "social-governance",
        "environment",
        "public-services",
        "one-thing-depth",
        "cases",
      ].map((k) => [k, "A"]),
    ),
    figures: { "good-rate": 99.6, "rectification-rate": 99.2 },
    checks: { "interaction.missing": { outcome: "pass", count: 0 } },
  };
  const weaker: Evidence = {
    ...all,
    rubric: { ...all.rubric, cases: "D", "economic-regulation": "C" },
    figures: { "good-rate": 99.1, "rectification-rate": 96 },
  };
  const table = tableFromEvidence(fw, [
    { unit: "上海市", evidence: all, groups: { category: "省级" } },
    { unit: "浙江省", evidence: all, groups: { category: "省级" } },
    { unit: "某省", evidence: weaker, groups: { category: "省级" } },
    { unit: "杭州市", evidence: weaker, groups: { category: "重点城市" } },
  ]);
  const { output } = scoreTable(fw, table);
  const by = Object.fromEntries(output.units.map((u) => [u.unit, u]));
  assert.equal(by.上海市?.scores.capability, 110);
  assert.equal(by.上海市?.tier, "卓越");
  // weaker: −10 (cases) −4 (economic C) −1 (good rate band) −2 (rectification band) = 93.
  assert.equal(by.某省?.scores.capability, 93);
  assert.equal(by.某省?.tier, "优秀");
  assert.equal(by.上海市?.ranks.capability, 1);
  assert.equal(by.浙江省?.ranks.capability, 1);
  assert.equal(by.某省?.ranks.capability, 2, "dense: the tie for first is followed by second");
  assert.equal(by.杭州市?.ranks.capability, 1, "its own category");
});

test("YAML errors name the file, the path inside the document and the line, Chinese first", () => {
  const bad = `schema: govscore.framework/1
id: demo
version: "1"
kind: composite
name: 示例
sources: [{ title: t }]
pipeline:
  normalise: { method: minmax }
tree:
  code: root
  children:
    - code: a
      weight: -1
    - code: a
`;
  try {
    parseFramework(bad, "demo.yaml");
    assert.fail("should not parse");
  } catch (e) {
    assert.ok(e instanceof FrameworkError);
    const all = e.problems.join("\n");
    assert.match(all, /demo\.yaml:13: tree\.children\[0\]\.weight:/);
    assert.match(all, /tree\.children\[1\]\.code: 编码 a 重复 \(duplicate code a\)/);
  }
  assert.throws(
    () => parseFramework("schema: [unclosed", "x.yaml"),
    (e: unknown) => e instanceof FrameworkError && /x\.yaml:1:\d+: YAML 语法错误/.test(e.problems[0] ?? ""),
  );
  assert.throws(
    () =>
      parseFramework(
        "schema: govscore.framework/1\nid: x\nversion: '1'\nkind: checklist\nname: n\nsources: [{title: t}]\n",
        "c.yaml",
      ),
    (e: unknown) =>
      e instanceof FrameworkError &&
      /checklist: kind: checklist 需要 checklist 段/.test(e.problems.join("\n")),
  );
});

test("composite gates: a veto column fails the unit whatever its index; bonus only above the gate", () => {
  const fw = parseFramework(
    `schema: govscore.framework/1
id: gated
version: "1"
kind: composite
name: 门槛示例
sources: [{ title: test }]
pipeline:
  aggregate: { method: sum }
  ranking: { ties: dense }
gates:
  veto: [{ id: leak, name: 泄密, column: leak }]
  bonus: { columns: [extra], above: 80, max: 30 }
tiers: { levels: [{ name: 合格, min: 60 }, { name: 不合格 }] }
tree:
  code: total
  children: [{ code: a }, { code: b }]
`,
    "gated.yaml",
  );
  const col = (...v: number[]) => Float64Array.from(v);
  const table = {
    units: ["x", "y", "z", "w"],
    columns: new Map([
      ["a", col(50, 40, 50, 30)],
      ["b", col(45, 30, 45, 20)],
      ["leak", col(0, 0, 1, 0)],
      ["extra", col(40, 10, 0, 5)],
    ]),
    groups: new Map(),
  };
  const { output } = scoreTable(fw, table);
  const by = Object.fromEntries(output.units.map((u) => [u.unit, u]));
  assert.equal(by.x?.scores.total, 95 + 30, "bonus capped at 30, counted because 95 > 80");
  assert.equal(by.y?.scores.total, 70, "70 is not above 80: no bonus");
  assert.equal(by.z?.scores.total, null);
  assert.equal(by.z?.tier, "不合格");
  assert.equal(by.z?.ranks.total, null);
  assert.equal(by.w?.tier, "不合格");
  assert.deepEqual([by.x?.ranks.total, by.y?.ranks.total, by.w?.ranks.total], [1, 2, 3]);
});

test("missing data per level: minShare leaves a node unscored when too few children are present", async () => {
  const { aggregateColumns } = await import("../../src/scoring/aggregate.ts");
  const kids = [
    Float64Array.from([1, Number.NaN]),
    Float64Array.from([3, Number.NaN]),
    Float64Array.from([5, 6]),
  ];
  const y = aggregateColumns(kids, [1, 1, 1], { method: "arithmetic", minShare: 0.5 }, 2);
  assert.equal(y[0], 3);
  assert.ok(Number.isNaN(y[1] as number), "1 of 3 present < 50 %");
  assert.equal(aggregateColumns(kids, [1, 1, 1], { method: "arithmetic" }, 2)[1], 6);
});

test("website performance framework: findings become capped deductions, dense ranks within each category", () => {
  const fw = loadFramework(builtinPath("cn-website-performance@2019"));
  const rubric = {
    "release-quality": "A",
    "interpretation-policy": "A",
    "interpretation-response": "A",
    "services-online": "A",
    "innovation-case": "A",
  };
  const passAll = Object.fromEntries(
    [
      "service.missing",
      "interaction.missing",
      "footer.icp.missing",
      "footer.psb.missing",
      "footer.conac.missing",
      "https.missing",
      "ipv6.missing",
      "search.missing",
      "mobile.no-viewport",
      "a11y.no-elder-mode",
      "footer.jiucuo.missing",
      // Deduction leaves need their check to have run: a check that did not run is missing data.
      "attachment.broken",
      "column.empty",
      "column.stale",
      "content.undated",
      "footer.site-id.missing",
      "interaction.unanswered",
      "link.broken",
      "service.guide-incomplete",
    ].map((c) => [c, { outcome: "pass", count: 0 }]),
  );
  const perfect: Evidence = { rubric, checks: passAll, findings: [] };
  const stale = Array.from({ length: 9 }, () => ({ check: "column.stale", columnType: "news" }));
  const worse: Evidence = { rubric, checks: passAll, findings: stale };
  const table = tableFromEvidence(fw, [
    { unit: "商务部", evidence: perfect, groups: { category: "国务院组成部门" } },
    { unit: "交通运输部", evidence: worse, groups: { category: "国务院组成部门" } },
    { unit: "工业和信息化部", evidence: worse, groups: { category: "国务院组成部门" } },
    {
      unit: "水利部",
      evidence: { ...worse, rubric: { ...rubric, "innovation-case": "B" } },
      groups: { category: "国务院组成部门" },
    },
    { unit: "税务总局", evidence: worse, groups: { category: "国务院其他部门" } },
  ]);
  const { output } = scoreTable(fw, table);
  const by = Object.fromEntries(output.units.map((u) => [u.unit, u]));
  assert.equal(by.商务部?.scores.performance, 100);
  // 9 stale news columns × 2 = 18, capped at the leaf's 8 points.
  assert.equal(by.交通运输部?.scores["release-news"], 0);
  assert.equal(by.交通运输部?.scores.performance, 92);
  assert.equal(by.水利部?.scores.performance, 90);
  assert.deepEqual(
    ["商务部", "交通运输部", "工业和信息化部", "水利部", "税务总局"].map((u) => by[u]?.ranks.performance),
    [1, 2, 2, 3, 1],
  );
});

test("editions: builtin:<id> is the newest, <id>@<edition> an older one; unknown ones refused with the known", () => {
  const newest = loadFramework(builtinPath("cn-website-performance"));
  assert.equal(newest.version, "2022.1");
  assert.deepEqual(
    newest.tree?.children?.map((c) => (typeof c.name === "object" ? c.name.zh : c.name)),
    ["资源汇聚", "数据应用", "资源融合", "资源传递", "诉求响应", "安全运维保障", "优秀创新案例"],
  );
  assert.deepEqual(
    newest.tree?.children?.map((c) => leafMax(c)),
    [45, 10, 10, 15, 10, 10, 10],
  );
  assert.ok(newest.assumptions.some((a) => /least-squares fit of 17 published rows/.test(a)));
  assert.equal(loadFramework(builtinPath("cn-website-performance@2019")).version, "2019.1");
  assert.throws(
    () => builtinPath("cn-website-performance@2020"),
    (e: FrameworkError) => e.problems.some((p) => p.includes("2019, 2022")),
  );
  assert.throws(
    () => builtinPath("cn-website-performanse"),
    (e: FrameworkError) => e.problems.some((p) => p.includes("did you mean cn-website-performance?")),
  );
});

test("every check a built-in framework names exists in the catalogue", () => {
  const ids = new Set(CHECKS.map((c) => c.id));
  for (const f of readdirSync(BUILTIN).filter((x) => x.endsWith(".yaml"))) {
    const named = [...readFileSync(`${BUILTIN}${f}`, "utf8").matchAll(/\bcheck: ([a-z0-9.-]+)/g)].map(
      (m) => m[1],
    );
    for (const c of named) assert.ok(ids.has(c as string), `${f}: check ${c} is not in the catalogue`);
  }
});

test("check list 2019: every deduction rule deducts from its item, evaluator items by the figure entered", () => {
  const cl = checklist();
  for (const it of cl.deductions.items) {
    for (const r of it.rules) {
      // One finding that the rule's filter accepts, on an inspection that reached the homepage.
      const finding: Record<string, unknown> = { check: r.check };
      for (const [k, allowed] of Object.entries(r.where ?? {})) finding[k] = allowed[0];
      const res = evaluateChecklist(cl, report([finding]), { portal: false, publicServices: true });
      if (res.vetoes.length > 0) continue; // a finding that vetoes is scored by the veto (checked below)
      const item = res.items.find((i) => i.id === it.id);
      assert.equal(item?.deducted, Math.min(r.perFinding, it.points), `${it.id} ← ${r.check}`);
      assert.deepEqual(item?.by, [{ check: r.check, count: 1, deducted: r.perFinding }], it.id);
      assert.equal(res.deductionScore, cl.deductions.total - Math.min(r.perFinding, it.points), it.id);
    }
    if (it.evaluator) {
      assert.match(
        typeof it.evaluator.criterion === "string" ? it.evaluator.criterion : it.evaluator.criterion.zh,
        /扣/,
      );
      const res = evaluateChecklist(
        cl,
        { ...report([]), figures: { [it.id]: 2 } },
        { portal: false, publicServices: true },
      );
      assert.equal(res.items.find((i) => i.id === it.id)?.deducted, Math.min(2, it.points), it.id);
    }
  }
  // No item's rule is one the vetoes always reach first (互动交流 could never deduct before).
  const vetoChecks = new Set(
    cl.veto.flatMap((v) => v.any.filter((c) => c.minCount === 1 && !c.where).map((c) => c.check)),
  );
  for (const it of cl.deductions.items)
    for (const r of it.rules) assert.ok(!vetoChecks.has(r.check), `${it.id}: ${r.check} always vetoes first`);
  // Every block of 19号 carries points, and the items not scored say why.
  assert.deepEqual(
    [...new Set(cl.deductions.items.map((i) => i.block))],
    ["发布解读", "办事服务", "互动交流", "功能设计"],
  );
  for (const n of cl.notScored)
    assert.ok((typeof n.reason === "string" ? n.reason : n.reason.zh).length > 10);
});

test("check list 2019: an undated homepage counts as not updated (veto), an undated column as stale", () => {
  const cl = checklist();
  const undatedHome = evaluateChecklist(cl, report([], { "home.stale": { outcome: "warn", count: 0 } }), {
    portal: false,
    publicServices: true,
  });
  assert.equal(undatedHome.vetoes[0]?.id, "home-stale");
  const undatedColumn = evaluateChecklist(
    cl,
    report([{ check: "column.stale", columnType: "news", latest: null, undated: true }]),
    { portal: false, publicServices: true },
  );
  assert.equal(undatedColumn.items.find((i) => i.id === "news-columns")?.deducted, 2);
});
