import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type FixtureServer, fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { contentGroundTruth, FIXTURE_AS_OF } from "../../fixtures/site.ts";
import type { AaaaResolver } from "../../src/artifacts/site-steps.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions, testSeed } from "../crawl/helpers.ts";

// A province's worth of sites is what a quarterly spot check covers; 24 keep the run short.
const seed = testSeed();
const SITES = Number(process.env.GOVSCORE_FIXTURE_SITES ?? 24);
let server: FixtureServer;
let reports: InspectionReport[];

/** Sites with an odd index have no AAAA record: ipv6.missing is planted through the resolver. */
const aaaa: AaaaResolver = async (host) => {
  const i = Number(/^s(\d+)\./.exec(host)?.[1] ?? 0);
  if (i % 2 === 1) throw Object.assign(new Error("no AAAA"), { code: "ENODATA" });
  return ["2001:db8::1"];
};

const CONTENT_CHECKS = [
  "home.stale",
  "column.stale",
  "column.empty",
  "content.undated",
  "footer.site-id.missing",
  "footer.site-id.invalid",
  "meta.site-id.mismatch",
  "footer.icp.missing",
  "footer.psb.missing",
  "footer.conac.missing",
  "footer.jiucuo.missing",
  "footer.sponsor.missing",
  "footer.contact.missing",
  "meta.site.missing",
  "meta.column.missing",
  "meta.article.missing",
  "search.missing",
  "mobile.no-viewport",
  "a11y.no-elder-mode",
  "wording.outdated-name",
  "interaction.missing",
  "interaction.unanswered",
  "service.missing",
  "service.guide-incomplete",
];
/** The fields compared besides check and page (the report may carry more, e.g. ageDays). */
const FIELDS = [
  "latest",
  "column",
  "columnType",
  "missing",
  "value",
  "meta",
  "footer",
  "text",
  "suggest",
  "asked",
  "answered",
];

before(async () => {
  server = await startFixtureServer({ seed, sites: SITES });
  reports = await inspectSites({
    sites: Array.from({ length: SITES }, (_, i) => server.url(i)),
    asOf: FIXTURE_AS_OF,
    options: testOptions(),
    resolver: fixtureResolver,
    aaaa,
  });
});
after(() => server.close());

function keyOf(f: Record<string, unknown>, origin: string): string {
  const page = String(f.page ?? "").replace(origin, "") || "/";
  const extra = FIELDS.filter((k) => f[k] !== undefined).map((k) => `${k}=${JSON.stringify(f[k])}`);
  return `${f.check} ${page} ${extra.join(" ")}`;
}

test(`inspect on a generated province yields exactly the planted check-list findings (seed ${seed})`, () => {
  let planted = 0;
  let garbled = 0;
  const perCheck = new Map<string, { expected: number; found: number }>();
  for (let i = 0; i < SITES; i++) {
    const origin = server.url(i).replace(/\/$/, "");
    const report = reports[i] as InspectionReport;
    assert.equal(report.checks["ipv6.missing"]?.outcome, i % 2 === 1 ? "fail" : "pass", `site ${i}: ipv6`);
    // A planted header/meta charset conflict makes the text unreadable (as in a browser): the
    // content checks cannot be held to the plan there.
    if (server.spec(i).mismatch) {
      garbled++;
      continue;
    }
    const gt = contentGroundTruth(server.spec(i));
    const expected = new Set(gt.findings.map((f) => keyOf(f, origin)));
    const actual = new Set(
      report.findings.filter((f) => CONTENT_CHECKS.includes(f.check)).map((f) => keyOf(f, origin)),
    );
    planted += expected.size;
    for (const k of expected) {
      const c = k.split(" ")[0] as string;
      const e = perCheck.get(c) ?? { expected: 0, found: 0 };
      e.expected++;
      if (actual.has(k)) e.found++;
      perCheck.set(c, e);
    }
    const missing = [...expected].filter((e) => !actual.has(e));
    const extra = [...actual].filter((a) => !expected.has(a));
    assert.deepEqual(missing, [], `site ${i} (${server.spec(i).dateForm}): planted findings not reported`);
    assert.deepEqual(extra, [], `site ${i} (${server.spec(i).dateForm}): findings that were not planted`);
    // The veto-relevant counts (栏目不更新, 空白栏目, 互动回应差) come out of the summary too.
    for (const id of ["column.stale", "column.empty", "interaction.unanswered"]) {
      const n = gt.findings.filter((f) => f.check === id).length;
      assert.equal(report.checks[id]?.count ?? 0, n, `site ${i}: ${id} count`);
    }
  }
  console.log(
    `planted check-list findings: ${planted} over ${SITES - garbled} sites (${garbled} with a charset conflict left out); per check found/planted: ${[
      ...perCheck,
    ]
      .map(([c, v]) => `${c} ${v.found}/${v.expected}`)
      .join(", ")}`,
  );
  // Every kind of defect must actually have been planted somewhere, or the test proves little.
  for (const c of [
    "column.stale",
    "column.empty",
    "content.undated",
    "interaction.unanswered",
    "wording.outdated-name",
  ])
    assert.ok((perCheck.get(c)?.expected ?? 0) > 0, `nothing planted for ${c}`);
});

test("facts read off every generated site match the ground truth", () => {
  let right = 0;
  let total = 0;
  for (let i = 0; i < SITES; i++) {
    if (server.spec(i).mismatch) continue;
    const gt = contentGroundTruth(server.spec(i)).facts;
    const facts = (reports[i] as InspectionReport).facts;
    for (const [k, v] of Object.entries(gt)) {
      if (k === "charset" && v === null) continue; // a planted header/meta conflict: no single answer
      total++;
      if (facts[k] === v) right++;
      else assert.equal(facts[k], v, `site ${i}: fact ${k}`);
    }
  }
  console.log(`facts read right on generated sites: ${right}/${total}`);
});
