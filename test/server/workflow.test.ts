import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { buildApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";
import { call, FRAMEWORK, login, type Running, startServer } from "./support.ts";

interface Results {
  status: string;
  bodies: { bodyId: string; name: string; score: number | null; rank: number | null }[];
}

for (const backend of backends) {
  describe(`the evaluation workspace API (${backend.name})`, { skip: backend.skip }, () => {
    let store: Store;
    let server: Running;
    before(async () => {
      store = await backend.open();
      server = await startServer(store, { loginPerMinute: 50 });
    });
    after(async () => {
      await server?.close();
      await store?.close();
    });

    test("experts double-score, a reviewer settles a disagreement, bodies submit their own figures, results publish", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      const e1 = await login(b, "expert");
      const e2 = await login(b, "expert2");
      const subA = await login(b, "submitter");
      const subB = await login(b, "submitter2");
      const created = await call(b, "POST", "/api/evaluations", ev, {
        code: "w-2026",
        framework: FRAMEWORK,
        asOf: "2026-11-01",
        categories: ["地市"],
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      // Not published: the public does not even learn that it exists.
      assert.equal((await call(b, "GET", "/api/evaluations/w-2026", null)).status, 404);
      assert.deepEqual((await call(b, "GET", "/api/evaluations", null)).json, []);
      // Lifecycle goes one step at a time.
      assert.equal(
        (await call(b, "POST", "/api/evaluations/w-2026/status", ev, { status: "review" })).status,
        409,
      );
      assert.equal(
        (await call(b, "POST", "/api/evaluations/w-2026/status", ev, { status: "collecting" })).status,
        200,
      );

      for (const [expert, body] of [
        ["expert", "ws-a"],
        ["expert2", "ws-a"],
        ["expert", "ws-b"],
      ] as const) {
        const t = await call(b, "POST", "/api/evaluations/w-2026/tasks", ev, {
          expert,
          bodyId: body,
          indicator: "service",
        });
        assert.equal(t.status, 201, JSON.stringify(t.json));
      }
      const mine = (await call(b, "GET", "/api/tasks", e1)).json as {
        id: number;
        bodyId: string;
        expert: string;
      }[];
      assert.deepEqual(
        mine.map((t) => [t.expert, t.bodyId]),
        [
          ["expert", "ws-a"],
          ["expert", "ws-b"],
        ],
      );
      const theirs = ((await call(b, "GET", "/api/tasks", e2)).json as { id: number }[])[0]?.id as number;
      // An expert cannot score another expert's task, nor give a level the rubric lacks.
      assert.equal((await call(b, "POST", `/api/tasks/${theirs}/score`, e1, { level: "A" })).status, 404);
      const aTask = mine.find((t) => t.bodyId === "ws-a")?.id as number;
      assert.equal((await call(b, "POST", `/api/tasks/${aTask}/score`, e1, { level: "Z" })).status, 400);

      const s1 = await call(b, "POST", `/api/tasks/${aTask}/score`, e1, {
        level: "A",
        comment: "好",
        evidence: ["warc:1"],
      });
      assert.deepEqual((s1.json as { consensus: unknown }).consensus, { state: "pending" });
      const s2 = await call(b, "POST", `/api/tasks/${theirs}/score`, e2, { level: "B", comment: "一般" });
      assert.deepEqual((s2.json as { consensus: unknown }).consensus, {
        state: "disagreed",
        levels: ["A", "B"],
      });
      const bTask = mine.find((t) => t.bodyId === "ws-b")?.id as number;
      assert.equal((await call(b, "POST", `/api/tasks/${bTask}/score`, e1, { level: "B" })).status, 200);
      const dis = (await call(b, "GET", "/api/evaluations/w-2026/disagreements", ev)).json as {
        bodyId: string;
      }[];
      assert.deepEqual(
        dis.map((x) => x.bodyId),
        ["ws-a"],
      );

      // Each body submits for itself only.
      const figA = {
        values: [
          { kind: "figure", code: "rating", value: "0.96" },
          { kind: "answer", code: "agency", value: "是" },
        ],
      };
      assert.equal(
        (await call(b, "PUT", "/api/evaluations/w-2026/bodies/ws-a/submission", subA, figA)).status,
        200,
      );
      assert.equal(
        (await call(b, "PUT", "/api/evaluations/w-2026/bodies/ws-b/submission", subA, figA)).status,
        403,
      );
      const bad = await call(b, "PUT", "/api/evaluations/w-2026/bodies/ws-b/submission", subB, {
        values: [{ kind: "figure", code: "rating", value: "很好" }],
      });
      assert.equal(bad.status, 400);
      assert.match(String((bad.json as { message: string }).message), /values\[0\]\.value/);
      const figB = {
        values: [
          { kind: "figure", code: "rating", value: "0.91" },
          { kind: "answer", code: "agency", value: "否" },
        ],
      };
      assert.equal(
        (await call(b, "PUT", "/api/evaluations/w-2026/bodies/ws-b/submission", subB, figB)).status,
        200,
      );
      const seenByA = (await call(b, "GET", "/api/evaluations/w-2026/bodies", subA)).json as {
        bodyId: string;
      }[];
      assert.deepEqual(
        seenByA.map((x) => x.bodyId),
        ["ws-a"],
      );
      assert.equal((await call(b, "GET", "/api/evaluations/w-2026/bodies/ws-b/evidence", subA)).status, 403);

      // A state change without the CSRF token is refused even with a valid session cookie.
      const noCsrf = await call(b, "POST", "/api/evaluations/w-2026/score", ev, undefined, { csrf: false });
      assert.equal(noCsrf.status, 403);
      assert.equal((noCsrf.json as { error: string }).error, "csrf");

      // Scored while disagreeing: ws-a's rubric is missing (no value until settled).
      assert.equal((await call(b, "POST", "/api/evaluations/w-2026/score", ev)).status, 200);
      let res = (await call(b, "GET", "/api/evaluations/w-2026/results", ev)).json as Results;
      const before = res.bodies.find((x) => x.bodyId === "ws-a")?.score;
      assert.equal(before, 30 + 10);
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations/w-2026/disagreements/resolve", ev, {
            bodyId: "ws-a",
            indicator: "service",
            level: "A",
            reason: "证据支持 A",
          })
        ).status,
        200,
      );
      assert.deepEqual((await call(b, "GET", "/api/evaluations/w-2026/disagreements", ev)).json, []);
      assert.equal((await call(b, "POST", "/api/evaluations/w-2026/score", ev)).status, 200);
      res = (await call(b, "GET", "/api/evaluations/w-2026/results", ev)).json as Results;
      assert.equal(res.bodies.find((x) => x.bodyId === "ws-a")?.score, 40 + 30 + 10);
      assert.equal(res.bodies.find((x) => x.bodyId === "ws-b")?.score, 30 + 20 + 0);
      // Before publication a submitter sees its own body's result only; the public nothing.
      const forA = (await call(b, "GET", "/api/evaluations/w-2026/results", subA)).json as Results;
      assert.deepEqual(
        forA.bodies.map((x) => x.bodyId),
        ["ws-a"],
      );
      assert.equal((await call(b, "GET", "/api/evaluations/w-2026/results", null)).status, 404);
      assert.equal((await call(b, "GET", "/api/evaluations/w-2026/results/ws-b", subA)).status, 403);
      assert.equal((await call(b, "GET", "/api/evaluations/w-2026/results/ws-a", subA)).status, 200);

      for (const status of ["scoring", "review", "published"])
        assert.equal((await call(b, "POST", "/api/evaluations/w-2026/status", ev, { status })).status, 200);
      const pub = (await call(b, "GET", "/api/evaluations/w-2026/results", null)).json as Results;
      assert.equal(pub.status, "published");
      assert.deepEqual(
        pub.bodies.map((x) => [x.name, x.rank]),
        [
          ["甲市人民政府", 1],
          ["乙市人民政府", 2],
        ],
      );
      const detail = (await call(b, "GET", "/api/evaluations/w-2026/results/ws-a", null)).json as {
        scores: Record<string, number>;
        ranks: Record<string, number>;
      };
      assert.deepEqual(
        [detail.scores.service, detail.scores.rating, detail.scores.index, detail.ranks.index],
        [40, 30, 80, 1],
      );
      // Published: closed to submissions, scoring and re-scoring.
      assert.equal(
        (await call(b, "PUT", "/api/evaluations/w-2026/bodies/ws-a/submission", subA, figA)).status,
        409,
      );
      assert.equal((await call(b, "POST", "/api/evaluations/w-2026/score", ev)).status, 409);

      // Everything above is in the audit trail, which cannot be rewritten.
      const admin = await login(b, "admin");
      const trail = (await call(b, "GET", "/api/audit?limit=1000", admin)).json as {
        action: string;
        username: string;
      }[];
      for (const action of ["create", "assign", "score", "submit", "resolve", "status"])
        assert.ok(
          trail.some((t) => t.action === action),
          `audit lacks ${action}`,
        );
      await assert.rejects(sql`update audit_log set action = 'x'`.execute(store.db), /append-only/);
      await assert.rejects(sql`delete from audit_log`.execute(store.db), /append-only/);
    });

    test("passwords are argon2id hashes; wrong passwords and unknown users get the same answer; login is rate-limited", async () => {
      const row = await store.db
        .selectFrom("account")
        .select("password_hash")
        .where("username", "=", "admin")
        .executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$/);
      const wrong = await call(server.base, "POST", "/api/auth/login", null, {
        username: "admin",
        password: "nope",
      });
      const nobody = await call(server.base, "POST", "/api/auth/login", null, {
        username: "nobody",
        password: "nope",
      });
      assert.equal(wrong.status, 401);
      assert.deepEqual(nobody, wrong);
      // A server of its own with a low limit, so the other tests can still sign in.
      const strict = await buildApp({ store, loginPerMinute: 3 });
      const base = await strict.listen({ host: "127.0.0.1", port: 0 });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 5; i++)
          codes.push(
            (await call(base, "POST", "/api/auth/login", null, { username: "admin", password: "nope" }))
              .status,
          );
        assert.deepEqual(codes, [401, 401, 401, 429, 429]);
        // The limit is per username: another account on the same address can still sign in.
        assert.equal(
          (
            await call(base, "POST", "/api/auth/login", null, {
              username: "evaluator",
              password: "correct horse battery",
            })
          ).status,
          200,
        );
      } finally {
        await strict.close();
      }
    });

    test("the session cookie is httpOnly and SameSite=Strict; logout ends the session", async () => {
      const r = await fetch(`${server.base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "expert", password: "correct horse battery" }),
      });
      assert.equal(r.status, 200);
      const setCookie = r.headers.get("set-cookie") ?? "";
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Strict/i);
      const s = {
        cookie: setCookie.split(";")[0] as string,
        csrf: ((await r.json()) as { csrfToken: string }).csrfToken,
      };
      assert.equal((await call(server.base, "GET", "/api/auth/me", s)).status, 200);
      assert.equal((await call(server.base, "POST", "/api/auth/logout", s)).status, 200);
      assert.equal((await call(server.base, "GET", "/api/auth/me", s)).status, 401);
    });

    test("the OpenAPI document and its viewer are served at /api/docs", async () => {
      const doc = (await call(server.base, "GET", "/api/docs/json", null)).json as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      assert.match(doc.openapi, /^3\./);
      assert.ok(doc.paths["/api/evaluations/{code}/results"], "results route documented");
      const ui = await fetch(`${server.base}/api/docs/`);
      assert.equal(ui.status, 200);
      assert.match(await ui.text(), /swagger/i);
    });
  });
}
