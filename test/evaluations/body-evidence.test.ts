import assert from "node:assert/strict";
import { test } from "node:test";
import { bodyEvidence, findingKey } from "../../src/evaluations/score-evaluation.ts";

const report = {
  checks: { "link.broken": { outcome: "fail", count: 2 }, "image.broken": { outcome: "fail", count: 1 } },
  findings: [
    { check: "link.broken", page: "https://a.gov.cn/", target: "https://a.gov.cn/x", status: 404 },
    { check: "link.broken", page: "https://a.gov.cn/", target: "https://a.gov.cn/y", status: 404 },
    { check: "image.broken", page: "https://a.gov.cn/", target: "https://a.gov.cn/i.png", status: 404 },
  ],
  facts: { "home.latestDate": "2026-10-01", "monitor.unreachableShare": 0 },
};

test("findings dismissed on appeal leave the evidence, and their checks' counts and outcomes follow", () => {
  const ev = bodyEvidence(report, [
    {
      bodyId: "a",
      kind: "dismissed",
      code: findingKey(report.findings[0] as never),
      value: true,
      source: "appeal:1",
    },
    {
      bodyId: "a",
      kind: "dismissed",
      code: findingKey(report.findings[2] as never),
      value: true,
      source: "appeal:2",
    },
  ]);
  assert.deepEqual(
    ev.findings?.map((f) => f.target),
    ["https://a.gov.cn/y"],
  );
  assert.deepEqual(ev.checks, {
    "link.broken": { outcome: "fail", count: 1 },
    "image.broken": { outcome: "pass", count: 0 },
  });
});

test("recorded values join the report: facts override the inspection's, the rest go to their maps", () => {
  const ev = bodyEvidence(report, [
    { bodyId: "a", kind: "fact", code: "monitor.unreachableShare", value: 0.07, source: "monitor" },
    { bodyId: "a", kind: "rubric", code: "service", value: "A", source: "experts:2" },
    { bodyId: "a", kind: "figure", code: "rating", value: 0.96, source: "submitted" },
    { bodyId: "a", kind: "answer", code: "agency", value: true, source: "submitted" },
    { bodyId: "a", kind: "manual", code: "security", value: false, source: "expert" },
  ]);
  assert.equal(ev.facts?.["monitor.unreachableShare"], 0.07);
  assert.equal(ev.facts?.["home.latestDate"], "2026-10-01");
  assert.deepEqual(
    [ev.rubric, ev.figures, ev.answers, ev.manual],
    [{ service: "A" }, { rating: 0.96 }, { agency: true }, { security: false }],
  );
  assert.equal(ev.findings?.length, 3, "nothing dismissed, nothing dropped");
});
