import assert from "node:assert/strict";
import { test } from "node:test";
import { CHECKS } from "../../src/checks/catalogue.ts";
import { runCli } from "../support/run-cli.ts";

test("govscore checks --json: every check with its rule and description", async () => {
  const r = await runCli(["checks", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.schema, "govscore.checks/1");
  assert.deepEqual(
    doc.checks.map((c: { id: string }) => c.id),
    CHECKS.map((c) => c.id),
  );
  for (const c of doc.checks) {
    assert.match(c.rule.source, /^(guideline-2017|checklist-2019|ageing-2020|good-practice)$/, c.id);
    assert.match(c.rule.document.zh, /[\u4e00-\u9fff]/, c.id);
    assert.ok(c.rule.item.zh && c.rule.item.en, c.id);
    assert.ok(c.description.zh.length > 10 && c.description.en.length > 40, c.id);
  }
  const defacement = doc.checks.find((c: { id: string }) => c.id === "integrity.defacement");
  assert.equal(defacement.rule.source, "checklist-2019");
  assert.match(defacement.rule.document.zh, /国办秘函〔2019〕19号/);
});

test("govscore checks prints id, severity, title, rule and description, in the language asked", async () => {
  const zh = await runCli(["checks"], { GOVSCORE_LANG: "zh" });
  assert.equal(zh.code, 0, zh.stderr);
  for (const c of CHECKS) {
    assert.ok(zh.stdout.includes(`${c.id}  [${c.severity}]  ${c.title.zh}`), c.id);
    assert.ok(zh.stdout.includes(c.description.zh), c.id);
  }
  assert.match(zh.stdout, /依据：政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）：单项否决：首页不更新/);
  assert.doesNotMatch(zh.stdout, /Rule: /);
  const en = await runCli(["checks"], { GOVSCORE_LANG: "en" });
  assert.match(en.stdout, /Rule: Good practice: /);
  assert.ok(en.stdout.includes(CHECKS[0]?.description.en ?? "?"));
});
