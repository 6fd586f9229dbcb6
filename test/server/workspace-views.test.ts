import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";
import { call, FRAMEWORK, login, type Running, startServer } from "./support.ts";

interface Outline {
  kind: string;
  root: string;
  nodes: {
    code: string;
    parent: string | null;
    leaf: boolean;
    points: number | null;
    source: { from: string } | null;
  }[];
  vetoes: { id: string }[];
}

/** A check list whose bonus items are an expert's rubric and a yes/no (as the national 2019 list). */
const CHECKLIST = `
schema: govscore.framework/1
id: ws-checklist
version: "1"
kind: checklist
name: { zh: 检查清单测试, en: check list test }
sources: [{ title: written for this test }]
checklist:
  veto:
    - { id: security, name: 安全, any: [{ manual: true }] }
  deductions:
    total: 100
    passMark: 60
    items:
      - { id: links, name: 链接, block: usability, points: 10, rules: [{ check: link.broken, perFinding: 1 }] }
  bonus:
    max: 10
    above: 0
    portalOnly: false
    items:
      - { id: open-data, name: 数据开放, points: 5, source: { from: rubric, levels: { A: 5, B: 3, C: 1, D: 0 } } }
      - { id: smart-qa, name: 智能问答, points: 5, source: { from: yesno, yes: 5, no: 0 } }
`;

for (const backend of backends) {
  describe(`workspace views: framework, progress, findings, history, submissions (${backend.name})`, {
    skip: backend.skip,
  }, () => {
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

    test("a composite framework's outline adds up its points; scores follow an expert at once; history keeps each run", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      const e1 = await login(b, "expert");
      const subA = await login(b, "submitter");
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations", ev, {
            code: "v-2026",
            framework: FRAMEWORK,
            asOf: "2026-11-01",
            categories: ["地市"],
          })
        ).status,
        201,
      );
      const fw = (await call(b, "GET", "/api/evaluations/v-2026/framework", ev)).json as Outline;
      assert.equal(fw.root, "index");
      assert.deepEqual(
        fw.nodes.map((n) => [n.code, n.parent, n.leaf, n.points]),
        [
          ["index", null, false, 80],
          ["service", "index", true, 40],
          ["rating", "index", true, 30],
          ["agency", "index", true, 10],
        ],
      );
      // Unpublished: the public does not learn the evaluation exists.
      assert.equal((await call(b, "GET", "/api/evaluations/v-2026/framework", null)).status, 404);

      await call(b, "POST", "/api/evaluations/v-2026/status", ev, { status: "collecting" });
      const task = await call(b, "POST", "/api/evaluations/v-2026/tasks", ev, {
        expert: "expert",
        bodyId: "ws-a",
        indicator: "service",
      });
      assert.equal(task.status, 201, JSON.stringify(task.json));
      assert.equal((await call(b, "POST", "/api/evaluations/v-2026/score", ev)).status, 200);
      const total = async () =>
        (
          (await call(b, "GET", "/api/evaluations/v-2026/results/ws-a", ev)).json as {
            scores: { index: number };
          }
        ).scores.index;
      const before = await total();
      const scored = await call(b, "POST", `/api/tasks/${(task.json as { id: number }).id}/score`, e1, {
        level: "A",
        comment: "全部事项可在线办理",
        evidence: [],
      });
      assert.equal(scored.status, 200, JSON.stringify(scored.json));
      assert.ok((scored.json as { run: number | null }).run, "an agreed level re-scores");
      assert.equal((await total()) - before, 40, "the rubric's 40 points count at once");
      // Scoring the same level again changes nothing, so no new run.
      const again = await call(b, "POST", `/api/tasks/${(task.json as { id: number }).id}/score`, e1, {
        level: "A",
        comment: "复查",
        evidence: [],
      });
      assert.equal((again.json as { run: number | null }).run, null);

      const history = (await call(b, "GET", "/api/evaluations/v-2026/results/ws-a/history", subA)).json as {
        run: number;
        score: number;
      }[];
      assert.equal(history.length, 2);
      assert.equal((history[1]?.score ?? 0) - (history[0]?.score ?? 0), 40);
      assert.equal(
        (await call(b, "GET", "/api/evaluations/v-2026/results/ws-b/history", subA)).status,
        403,
        "a submitter sees its own body's history only",
      );

      const progress = (await call(b, "GET", "/api/evaluations/v-2026/progress", ev)).json as {
        bodies: number;
        tasks: { total: number; scored: number };
        submissions: { asked: boolean; submitted: number };
        scoreRuns: number;
        queue: unknown;
      };
      assert.equal(progress.bodies, 2);
      assert.deepEqual(progress.tasks, { total: 1, scored: 1, disagreements: 0 });
      assert.equal(progress.submissions.asked, true);
      assert.equal(progress.submissions.submitted, 0);
      assert.equal(progress.scoreRuns, 2);
      assert.equal(progress.queue, null, "no queue on this database");
      assert.equal((await call(b, "GET", "/api/evaluations/v-2026/progress", e1)).status, 403);
    });

    test("a submission keeps its attachment, downloadable by the body and staff only, never rendered", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      const subA = await login(b, "submitter");
      const subB = await login(b, "submitter2");
      const doc = Buffer.from("<html><script>alert(1)</script>统计表</html>");
      const put = await call(b, "PUT", "/api/evaluations/v-2026/bodies/ws-a/submission", subA, {
        values: [
          { kind: "figure", code: "rating", value: "0.97" },
          { kind: "answer", code: "agency", value: "是" },
        ],
        source: "2026年统计报表",
        attachment: { name: "统计表.html", contentType: "text/html", dataBase64: doc.toString("base64") },
      });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      const id = (put.json as { attachment: number }).attachment;
      const got = (await call(b, "GET", "/api/evaluations/v-2026/bodies/ws-a/submission", subA)).json as {
        values: { code: string; value: unknown }[];
        attachments: { id: number; name: string; size: number }[];
      };
      assert.deepEqual(got.values.map((v) => [v.code, v.value]).sort(), [
        ["agency", true],
        ["rating", 0.97],
      ]);
      assert.deepEqual(
        got.attachments.map((a) => [a.id, a.name, a.size]),
        [[id, "统计表.html", doc.length]],
      );
      const url = `${b}/api/evaluations/v-2026/bodies/ws-a/submission/attachments/${id}`;
      const dl = await fetch(url, { headers: { cookie: ev.cookie } });
      assert.equal(dl.status, 200);
      assert.match(dl.headers.get("content-disposition") ?? "", /^attachment;/);
      assert.equal(dl.headers.get("x-content-type-options"), "nosniff");
      assert.deepEqual(Buffer.from(await dl.arrayBuffer()), doc);
      assert.equal((await fetch(url, { headers: { cookie: subB.cookie } })).status, 403);
      assert.equal((await fetch(url)).status, 401);
      // A bad value writes nothing, attachment included.
      const bad = await call(b, "PUT", "/api/evaluations/v-2026/bodies/ws-a/submission", subA, {
        values: [{ kind: "figure", code: "rating", value: "很多" }],
        attachment: { name: "b.txt", contentType: "text/plain", dataBase64: "eA==" },
      });
      assert.equal(bad.status, 400);
      assert.match((bad.json as { message: string }).message, /values\[0\]\.value/);
      const after = (await call(b, "GET", "/api/evaluations/v-2026/bodies/ws-a/submission", ev)).json as {
        attachments: unknown[];
      };
      assert.equal(after.attachments.length, 1);
    });

    test("a check list's bonus rubric takes expert tasks and submitted answers; its outline lists vetoes", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      const subA = await login(b, "submitter");
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations", ev, {
            code: "c-2026",
            framework: CHECKLIST,
            asOf: "2026-11-01",
            categories: ["地市"],
          })
        ).status,
        201,
      );
      const fw = (await call(b, "GET", "/api/evaluations/c-2026/framework", ev)).json as Outline;
      assert.equal(fw.kind, "checklist");
      assert.deepEqual(
        fw.vetoes.map((v) => v.id),
        ["security"],
      );
      assert.deepEqual(
        fw.nodes.filter((n) => n.source).map((n) => [n.code, n.parent, n.source?.from]),
        [
          ["open-data", "bonus", "rubric"],
          ["smart-qa", "bonus", "yesno"],
        ],
      );
      await call(b, "POST", "/api/evaluations/c-2026/status", ev, { status: "collecting" });
      const task = await call(b, "POST", "/api/evaluations/c-2026/tasks", ev, {
        expert: "expert",
        bodyId: "ws-a",
        indicator: "open-data",
      });
      assert.equal(task.status, 201, JSON.stringify(task.json));
      const put = await call(b, "PUT", "/api/evaluations/c-2026/bodies/ws-a/submission", subA, {
        values: [{ kind: "answer", code: "smart-qa", value: "否" }],
      });
      assert.equal(put.status, 200, JSON.stringify(put.json));
    });

    test("findings: a submitter reads its own body's only", async () => {
      const b = server.base;
      const subA = await login(b, "submitter");
      const own = await call(b, "GET", "/api/evaluations/v-2026/bodies/ws-a/findings", subA);
      assert.equal(own.status, 200);
      assert.deepEqual(own.json, { inspections: [] }, "nothing inspected in this evaluation");
      assert.equal((await call(b, "GET", "/api/evaluations/v-2026/bodies/ws-b/findings", subA)).status, 403);
    });
  });
}
