import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";
import { call, FRAMEWORK, login, type Running, startServer } from "./support.ts";

interface Release {
  zh: string;
  en: string;
  release: { schema: string; year: number; evaluations: { name: string; categories: { name: string }[] }[] };
}

for (const backend of backends) {
  describe(`one release from several evaluations in the workspace API (${backend.name})`, {
    skip: backend.skip,
  }, () => {
    let store: Store;
    let server: Running;
    before(async () => {
      store = await backend.open();
      server = await startServer(store);
    });
    after(async () => {
      await server?.close();
      await store?.close();
    });

    test("POST /api/releases: the evaluations in the order given, as the command line releases them", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      for (const [code, name, categories] of [
        ["r-cities", "城市网站评估", ["地市=地级市网站"]],
        ["r-counties", "区县网站评估", ["区县"]],
      ] as const) {
        const created = await call(b, "POST", "/api/evaluations", ev, {
          code,
          name,
          framework: FRAMEWORK,
          asOf: "2022-11-30",
          categories,
        });
        assert.equal(created.status, 201, JSON.stringify(created.json));
      }
      // An unknown category is refused with the closest name.
      const typo = await call(b, "POST", "/api/evaluations", ev, {
        code: "r-typo",
        framework: FRAMEWORK,
        asOf: "2022-11-30",
        categories: ["地级市"],
      });
      assert.equal(typo.status, 400);
      assert.match((typo.json as { message: string }).message, /是否指「地市」/);

      const notScored = await call(b, "POST", "/api/releases", ev, { evaluations: ["r-cities"] });
      assert.equal(notScored.status, 400);
      assert.match((notScored.json as { message: string }).message, /not scored yet/);
      for (const code of ["r-cities", "r-counties"])
        assert.equal((await call(b, "POST", `/api/evaluations/${code}/score`, ev)).status, 200);
      const missing = await call(b, "POST", "/api/releases", ev, { evaluations: ["r-cities", "r-none"] });
      assert.equal(missing.status, 404);

      const r = await call(b, "POST", "/api/releases", ev, { evaluations: ["r-counties", "r-cities"] });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const { zh, en, release } = r.json as Release;
      assert.equal(release.schema, "govscore.release/2");
      assert.equal(release.year, 2022, "the as-of year");
      assert.deepEqual(
        release.evaluations.map((e) => [e.name, e.categories.map((c) => c.name)]),
        [
          ["区县网站评估", ["区县"]],
          ["城市网站评估", ["地级市网站"]],
        ],
      );
      assert.match(zh, /# 2022年数字政府服务能力系列评估结果发布/);
      assert.ok(zh.indexOf("一、区县网站评估结果") < zh.indexOf("二、城市网站评估结果"), zh);
      assert.match(en, /1\. 区县网站评估: results/);
      assert.doesNotMatch(zh, /ws-a|ws-b|prefecture-city/);
      const expert = await login(b, "expert");
      assert.equal(
        (await call(b, "POST", "/api/releases", expert, { evaluations: ["r-cities"] })).status,
        403,
      );
    });
  });
}
