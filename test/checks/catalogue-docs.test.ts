import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CHECKS } from "../../src/checks/catalogue.ts";
import { DOCS_BEGIN, DOCS_END, renderCatalogue, withCatalogue } from "../../src/checks/catalogue-docs.ts";
import { catalogueProblems } from "../../src/checks/catalogue-rules.ts";
import type { Check } from "../../src/checks/types.ts";
import { bi } from "../../src/i18n/bilingual.ts";
import { ROOT } from "../support/paths.ts";

const DOC = join(ROOT, "docs/checks.md");

test("every check of the catalogue has a rule from a known document and a bilingual description", () => {
  assert.deepEqual(catalogueProblems(CHECKS), []);
});

test("a check without a rule or a description is refused", () => {
  const good = CHECKS[0] as Check;
  const broken: [string, Check][] = [
    ["no rule", { ...good, rule: undefined } as unknown as Check],
    ["no description", { ...good, description: undefined } as unknown as Check],
    ["empty description", { ...good, description: bi("", "") }],
    [
      "English only",
      {
        ...good,
        description: bi(
          "Reported when the homepage is down for good.",
          "Reported when the homepage is down for good.",
        ),
      },
    ],
    ["unknown source", { ...good, rule: { source: "folklore", item: good.rule.item } } as unknown as Check],
    ["rule without item", { ...good, rule: { source: "good-practice" } } as unknown as Check],
  ];
  for (const [why, c] of broken) assert.notDeepEqual(catalogueProblems([c]), [], why);
  assert.match(catalogueProblems([good, good]).join(), /listed twice/);
});

test("docs/checks.md holds the catalogue as `npm run docs:checks` writes it", () => {
  const doc = readFileSync(DOC, "utf8");
  const generated = renderCatalogue(CHECKS);
  assert.equal(
    withCatalogue(doc, generated),
    doc,
    "docs/checks.md differs from src/checks/catalogue.ts: run `npm run docs:checks`",
  );
  // The generated part names every id, title and rule (and nothing stands in for it).
  const part = doc.slice(doc.indexOf(DOCS_BEGIN), doc.indexOf(DOCS_END));
  for (const c of CHECKS) {
    assert.ok(part.includes(`\`${c.id}\``), c.id);
    assert.ok(part.includes(c.title.zh) && part.includes(c.rule.item.zh.replace(/</g, "&lt;")), c.id);
  }
});

test("a changed check makes the docs differ, and docs without the markers are refused", () => {
  const doc = readFileSync(DOC, "utf8");
  const changed = CHECKS.map((c, i) =>
    i === 0
      ? {
          ...c,
          description: bi("改过的说明，足够长的一段话。", "A changed description, long enough to be one."),
        }
      : c,
  );
  assert.notEqual(withCatalogue(doc, renderCatalogue(changed)), doc);
  assert.throws(() => withCatalogue("# no markers", renderCatalogue(CHECKS)), /missing/);
});
