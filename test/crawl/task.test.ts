import assert from "node:assert/strict";
import { test } from "node:test";
import { inspectSiteTask } from "../../src/jobs/inspect-task.ts";

test("inspect.site task payload is validated and serialisable", () => {
  const ok = inspectSiteTask.payload.parse(
    JSON.parse(JSON.stringify({ site: "https://www.hainan.gov.cn/", asOf: "2026-11-01" })),
  );
  assert.equal(ok.allowPrivate, false);
  assert.throws(() => inspectSiteTask.payload.parse({ site: "not a url", asOf: "2026-11-01" }));
  assert.throws(() => inspectSiteTask.payload.parse({ site: "https://a.gov.cn/", asOf: "1/11/2026" }));
});
