import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildEvaluations } from "../../src/publish/build-input.ts";
import { DEFAULT_TIERS } from "../../src/publish/load-input.ts";
import { loadRegistryLookup } from "../../src/publish/registry-lookup.ts";
import { parseScoresCsv } from "../../src/publish/scores-csv.ts";
import { categoryText } from "../../src/publish/text/category-text.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import { ROOT } from "../support/paths.ts";
import { backends } from "../support/stores.ts";
import { fixture } from "./support/build-small.ts";

/** Every generated line of every category. */
function allLines(evaluations: ReturnType<typeof buildEvaluations>): string[] {
  return evaluations.flatMap((e) =>
    e.categories.flatMap((c) => {
      const t = categoryText(e, c, ["卓越", "优秀"]);
      return [...t.tierLinesZh, t.rankingZh];
    }),
  );
}

for (const backend of backends) {
  test(`names are matched against the registry for division codes (${backend.name})`, {
    skip: backend.skip,
  }, async () => {
    const store = await backend.open();
    try {
      await importRegistryCsv(
        store.db,
        "demo-registry.csv",
        readFileSync(join(ROOT, "data/demo-registry.csv")),
      );
      const lookup = await loadRegistryLookup(store.db);
      assert.equal(lookup("上海市")?.divisionCode, "310000");
      assert.equal(lookup("中华人民共和国商务部")?.bodyId, "sc-mofcom");
      // An app is found by its name without the place the release prints after it.
      assert.equal(lookup("随申办（上海）")?.divisionCode, "310000");
      // A development zone has no code of its own and sorts where its parent lies.
      assert.equal(lookup("苏州工业园区")?.divisionCode, "320500");
      assert.equal(lookup("不存在的单位"), undefined);

      const bytes = readFileSync(fixture("seed-2022-results.csv"));
      const withCodes = parseScoresCsv("seed.csv", bytes, DEFAULT_TIERS);
      // The same file without its division_code column: the order must now come from the registry.
      const stripped = Buffer.from(
        bytes
          .toString("utf8")
          .split("\n")
          .map((l) =>
            l
              .split(",")
              .filter((_, i) => i !== 3)
              .join(","),
          )
          .join("\n"),
      );
      const withoutCodes = parseScoresCsv("seed-no-codes.csv", stripped, DEFAULT_TIERS);
      assert.ok(withoutCodes.rows.every((r) => r.divisionCode === undefined));
      const expected = allLines(buildEvaluations(withCodes, { ranking: "dense" }));
      const fromRegistry = allLines(buildEvaluations(withoutCodes, { ranking: "dense", lookup }));
      assert.deepEqual(fromRegistry, expected);
      const noRegistry = allLines(buildEvaluations(withoutCodes, { ranking: "dense" }));
      assert.notDeepEqual(noRegistry, expected, "without codes or registry the order must differ");
    } finally {
      await store.close();
    }
  });
}
