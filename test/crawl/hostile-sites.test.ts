// Hostile and broken sites in one `govscore inspect` call with normal ones, run as a user runs it
// (the real command, a process of its own, accessibility pass on): each hostile site costs at most
// its limits, the call ends with a report for every site, and the normal sites get the very reports
// they get when inspected alone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  HOSTILE_BEHAVIOURS,
  type HostileBehaviour,
  type HostileServer,
  startHostileServer,
} from "../../fixtures/hostile/server.ts";
import { type ShapeServer, startShapeServer } from "../../fixtures/shapes/server.ts";
import { preset } from "../../fixtures/shapes/shape.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { runCli } from "../support/run-cli.ts";

let hostile: HostileServer;
let normal: ShapeServer;
before(async () => {
  hostile = await startHostileServer();
  normal = await startShapeServer(preset("small", 7, { sites: 2, pagesPerSite: 30, externalLinks: 1 }));
});
after(async () => {
  await hostile.close();
  await normal.close();
});

/** The limits this test runs with; everything else is the command's default. */
const BUDGET_S = 40;
const STALL_S = 45;
const ARGS = [
  "inspect",
  "--json",
  "--allow-private",
  "--as-of",
  "2026-11-01",
  "--site-budget",
  String(BUDGET_S),
  "--stall-timeout",
  String(STALL_S),
];
/** What the whole call may cost: 22 sites, 16 at a time, each within its budget, plus start-up. */
const CALL_LIMIT_MS = 3 * BUDGET_S * 1000;
const MEMORY_LIMIT_MB = 500;

/** A report without what differs from run to run (its clock). */
const comparable = (r: InspectionReport) => ({ ...r, startedAt: "", finishedAt: "" });

function errorOf(r: InspectionReport): unknown {
  return r.findings.find((f) => f.check === "site.unreachable")?.error;
}

const noteCodes = (r: InspectionReport) => r.notes.map((n) => n.code);

/** What each behaviour's report must say; a check runs for every one of them. */
const EXPECT: Record<HostileBehaviour, (r: InspectionReport) => void> = {
  "endless-body": (r) => assert.match(String(errorOf(r)), /^(too-large|timeout)$/),
  drip: (r) => assert.equal(errorOf(r), "timeout"),
  "redirect-loop": (r) => assert.equal(errorOf(r), "redirect-loop"),
  "redirect-chain": (r) => assert.equal(errorOf(r), "too-many-redirects"),
  "gzip-bomb": (r) => assert.equal(errorOf(r), "too-large"),
  "many-links": (r) => {
    assert.equal(r.facts["home.status"], 200);
    assert.ok(r.pages.fetched <= 500, `${r.pages.fetched} pages`);
  },
  "huge-page": (r) => assert.equal(errorOf(r), "too-large"),
  "deep-nesting": (r) => {
    assert.equal(r.facts["home.status"], 200);
    assert.equal(r.facts["a11y.unread"], 1, "the page jsdom cannot take is counted, not fatal");
  },
  "bad-charset": (r) => {
    assert.equal(r.facts["home.status"], 200);
    assert.equal(r.checks["charset.mismatch"]?.outcome, "fail");
  },
  silent: (r) => assert.equal(errorOf(r), "timeout"),
  "reset-mid-body": (r) => assert.equal(errorOf(r), "reset"),
  "huge-robots": (r) => {
    assert.ok(noteCodes(r).includes("robots-truncated"), String(noteCodes(r)));
    assert.equal(r.pages.fetched, 4);
  },
  "sitemap-self": (r) => assert.equal(r.facts["home.status"], 200),
  calendar: (r) => assert.ok(r.pages.fetched < 50, `${r.pages.fetched} calendar pages`),
  "soft-404": (r) => assert.ok(r.pages.fetched <= 500),
  "link-explosion": (r) => {
    assert.ok(r.pages.fetched <= 500);
    assert.ok(noteCodes(r).includes("link-targets"), String(noteCodes(r)));
  },
  "slow-pages": (r) => {
    assert.equal(r.facts["inspection.status"], "partial");
    assert.ok(r.pages.fetched > 1 && r.pages.fetched < 201);
  },
  "many-attachments": (r) => {
    assert.equal(r.facts["inspection.status"], "partial");
    assert.ok(noteCodes(r).includes("links-unchecked"), String(noteCodes(r)));
  },
  "huge-sitemap": (r) => {
    assert.ok(noteCodes(r).includes("sitemap-truncated"), String(noteCodes(r)));
    assert.ok(r.pages.fetched <= 500);
  },
  "many-links-page": (r) => {
    assert.ok(noteCodes(r).includes("links-per-page"), String(noteCodes(r)));
    assert.ok(r.pages.fetched <= 500);
  },
};

test("every hostile site at once, beside normal ones: bounded, a report each, the normal ones unharmed", {
  timeout: CALL_LIMIT_MS + 120_000,
}, async () => {
  const normals = normal.urls();
  const alone = await runCli([...ARGS, ...normals]);
  assert.equal(alone.code, 0, alone.stderr);
  const aloneReports = JSON.parse(alone.stdout) as InspectionReport[];

  const hostiles = HOSTILE_BEHAVIOURS.map((b) => hostile.url(b));
  const all = await runCli([...ARGS, normals[0] as string, ...hostiles, normals[1] as string]);
  assert.equal(all.code, 0, all.stderr);
  assert.ok(all.ms < CALL_LIMIT_MS, `the call took ${Math.round(all.ms / 1000)} s`);
  assert.ok(all.peakMb < MEMORY_LIMIT_MB, `peak RSS ${all.peakMb.toFixed(0)} MB`);
  const reports = JSON.parse(all.stdout) as InspectionReport[];
  assert.deepEqual(
    reports.map((r) => r.site),
    [normals[0], ...hostiles, normals[1]],
  );

  // The normal sites: the same reports as alone.
  assert.deepEqual(
    comparable(reports[0] as InspectionReport),
    comparable(aloneReports[0] as InspectionReport),
  );
  assert.deepEqual(
    comparable(reports[reports.length - 1] as InspectionReport),
    comparable(aloneReports[1] as InspectionReport),
  );

  // Each hostile site within its budget, with what its behaviour implies.
  const failures: string[] = [];
  HOSTILE_BEHAVIOURS.forEach((b, k) => {
    const r = reports[k + 1] as InspectionReport;
    const took = Date.parse(r.finishedAt) - Date.parse(r.startedAt);
    try {
      assert.ok(took <= (BUDGET_S + 15) * 1000, `took ${took} ms`);
      assert.notEqual(r.facts["inspection.status"], "failed", JSON.stringify(r.notes));
      EXPECT[b](r);
    } catch (e) {
      failures.push(`${b}: ${(e as Error).message.split("\n")[0]}`);
    }
  });
  assert.deepEqual(failures, []);
});

test("a stall is reported with its site, what it waited for and how long, and the site ends with what it had", async () => {
  const site = hostile.url("silent");
  const r = await runCli(
    ["inspect", "--json", "--no-a11y", "--allow-private", "--stall-timeout", "3", site],
    {
      GOVSCORE_LANG: "en",
    },
  );
  assert.equal(r.code, 0, r.stderr);
  // Stalled at 3 s, long before the 15 s header timeout would have ended the request.
  assert.ok(r.ms < 12_000, `took ${r.ms} ms`);
  assert.match(
    r.stderr,
    new RegExp(
      `warning: ${site.replace(/[./]/g, "\\$&")} made no progress for \\d+ s, waiting for request \\(GET ${site.replace(/[./]/g, "\\$&")}\\) for \\d+ s`,
    ),
  );
  const [report] = JSON.parse(r.stdout) as InspectionReport[];
  assert.equal(report?.facts["inspection.status"], "partial");
  assert.equal(report?.facts["inspection.ended"], "stall");
  assert.ok(noteCodes(report as InspectionReport).includes("ended-stall"));
});

test("alone, the heaviest sites and a normal small one each stay far below the memory allowed", {
  timeout: 300_000,
}, async () => {
  const cases: [string, string][] = [
    ["a normal site of 30 pages", normal.url(0)],
    ["a sitemap of a million URLs", hostile.url("huge-sitemap")],
    ["a page of 200,000 links", hostile.url("many-links-page")],
    ["a robots.txt of 10 MB", hostile.url("huge-robots")],
  ];
  const over: string[] = [];
  for (const [what, url] of cases) {
    const r = await runCli([...ARGS, "--site-budget", "20", "--delay", "0", url]);
    assert.equal(r.code, 0, r.stderr);
    // The whole process tree (the command, its reader and accessibility threads).
    if (r.peakMb >= 300) over.push(`${what}: ${r.peakMb.toFixed(0)} MB`);
  }
  assert.deepEqual(over, []);
});
