import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";
import { call, FRAMEWORK, login, PASSWORD, type Running, startServer } from "./support.ts";

const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];

for (const backend of backends) {
  describe(`API input: NUL bytes and bidi overrides (${backend.name})`, { skip: backend.skip }, () => {
    let store: Store;
    let server: Running;
    before(async () => {
      store = await backend.open();
      server = await startServer(store, { loginPerMinute: 1000 });
    });
    after(async () => {
      await server?.close();
      await store?.close();
    });

    test("a NUL byte anywhere in a request is a 400 that names the field, never a 500", async () => {
      const b = server.base;
      const nulError = (r: { status: number; json: unknown }, field: RegExp, what: string) => {
        assert.equal(r.status, 400, `${what}: ${JSON.stringify(r.json)}`);
        const body = r.json as { error: string; message: string };
        assert.equal(body.error, "nul-byte", what);
        assert.match(body.message, field, what);
        assert.match(body.message, /NUL/, what);
      };
      // Before signing in: the login form's fields.
      nulError(
        await call(b, "POST", "/api/auth/login", null, { username: "eval\u0000uator", password: PASSWORD }),
        /body\.username/,
        "login username",
      );
      nulError(
        await call(b, "POST", "/api/auth/login", null, {
          username: "evaluator",
          password: `${PASSWORD}\u0000`,
        }),
        /body\.password/,
        "login password",
      );
      const ev = await login(b, "evaluator");
      nulError(
        await call(b, "POST", "/api/evaluations", ev, {
          code: "nul-1",
          name: "名称\u0000",
          framework: FRAMEWORK,
          asOf: "2026-11-01",
          categories: ["地市"],
        }),
        /body\.name/,
        "evaluation name",
      );
      nulError(
        await call(b, "POST", "/api/evaluations", ev, {
          code: "nul-1",
          framework: FRAMEWORK,
          asOf: "2026-11-01",
          categories: ["地\u0000市"],
        }),
        /body\.categories\[0\]/,
        "a category in a list",
      );
      nulError(
        await call(b, "POST", "/api/evaluations", ev, { "co\u0000de": "x", framework: FRAMEWORK }),
        /a key/,
        "a key",
      );
      nulError(await call(b, "GET", "/api/evaluations?status=%00", ev), /query\.status/, "query string");
      // Deeply nested: refused without overflowing anything.
      const deep = `${"[".repeat(20_000)}"\\u0000"${"]".repeat(20_000)}`;
      const r = await fetch(`${b}/api/evaluations`, {
        method: "POST",
        headers: { cookie: ev.cookie, "x-csrf-token": ev.csrf, "content-type": "application/json" },
        body: `{"code":"nul-2","framework":${deep}}`,
      });
      assert.ok(r.status === 400, `deep: ${r.status} ${await r.text()}`);
      // Nothing was created, and the server still answers.
      const list = await call(b, "GET", "/api/evaluations", ev);
      assert.equal(list.status, 200);
      assert.deepEqual(list.json, []);
    });

    test("download names lose bidi overrides and control characters", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      const sub = await login(b, "submitter");
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations", ev, {
            code: "bidi-1",
            framework: FRAMEWORK,
            asOf: "2026-11-01",
            categories: ["地市"],
          })
        ).status,
        201,
      );
      await call(b, "POST", "/api/evaluations/bidi-1/status", ev, { status: "collecting" });
      const data = Buffer.from("MZ").toString("base64");
      const names = ["invoice\u202efdp.exe", `a${BIDI.join("")}b.txt`, "\u2067\u2069"];
      const created = await call(b, "POST", "/api/evaluations/bidi-1/bodies/ws-a/cases", sub, {
        title: "案例",
        class: "其他",
        attachments: names.map((name) => ({
          name,
          contentType: "application/octet-stream",
          dataBase64: data,
        })),
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const caseId = (created.json as { id: number }).id;
      const got: string[] = [];
      for (let i = 1; i <= names.length; i++) {
        const dl = await fetch(`${b}/api/cases/${caseId}/attachments/${i}`, {
          headers: { cookie: sub.cookie },
        });
        assert.equal(dl.status, 200);
        const cd = dl.headers.get("content-disposition") ?? "";
        const m = /^attachment; filename\*=UTF-8''(.*)$/.exec(cd);
        assert.ok(m, cd);
        got.push(decodeURIComponent(m[1] as string));
      }
      assert.deepEqual(got, ["invoicefdp.exe", "ab.txt", "download"]);
      for (const name of got) for (const c of BIDI) assert.ok(!name.includes(c), JSON.stringify(name));
    });
  });
}
