import assert from "node:assert/strict";
import { test } from "node:test";
import { HEAP_GROWTH_PERCENT, heapGrowthFlag } from "../../src/crawl/heap-growth.ts";

test("a crawling process bounds its heap's growth unless the user sized the heap", () => {
  assert.equal(heapGrowthFlag([], undefined), `--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
  assert.equal(heapGrowthFlag(["--import", "tsx"], "--enable-source-maps"), "--heap-growing-percent=50");
  // The user's own sizing wins, from the command line or NODE_OPTIONS, in either spelling.
  assert.equal(heapGrowthFlag(["--max-old-space-size=4096"], undefined), null);
  assert.equal(heapGrowthFlag([], "--max_old_space_size=2048"), null);
  assert.equal(heapGrowthFlag(["--heap-growing-percent=200"], undefined), null);
  assert.equal(heapGrowthFlag([], "--trace-gc --heap_growing_percent=10"), null);
});
