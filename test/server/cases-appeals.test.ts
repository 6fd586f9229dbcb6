import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";
import { call, FRAMEWORK, login, type Running, startServer } from "./support.ts";

interface Results {
  bodies: { bodyId: string; score: number | null }[];
}

for (const backend of backends) {
  describe(`practice cases and appeals (${backend.name})`, { skip: backend.skip }, () => {
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

    test("cases: bodies submit with attachments, experts score, staff select, counts by class and level", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      const subA = await login(b, "submitter");
      const subB = await login(b, "submitter2");
      const expert = await login(b, "expert");
      await call(b, "POST", "/api/evaluations", ev, {
        code: "c-1",
        framework: FRAMEWORK,
        asOf: "2026-11-01",
        categories: ["地市", "区县"],
      });
      await call(b, "POST", "/api/evaluations/c-1/status", ev, { status: "collecting" });
      const html = Buffer.from("<script>alert(1)</script>").toString("base64");
      const a1 = await call(b, "POST", "/api/evaluations/c-1/bodies/ws-a/cases", subA, {
        title: "一网通办改革",
        class: "技术平台",
        summary: "……",
        attachments: [{ name: "说明 材料.html", contentType: "text/html", dataBase64: html }],
      });
      assert.equal(a1.status, 201, JSON.stringify(a1.json));
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations/c-1/bodies/ws-a/cases", subA, {
            title: "数字机关",
            class: "数字机关",
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations/c-1/bodies/ws-a/cases", subB, {
            title: "冒名",
            class: "其他",
          })
        ).status,
        403,
      );
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations/c-1/bodies/ws-c/cases", ev, {
            title: "区县案例",
            class: "技术平台",
          })
        ).status,
        201,
      );
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations/c-1/bodies/ws-a/cases", subA, {
            title: "x",
            class: "不存在",
          })
        ).status,
        400,
      );

      const listB = (await call(b, "GET", "/api/evaluations/c-1/cases", subB)).json as unknown[];
      assert.equal(listB.length, 0, "a body sees its own cases only");
      const all = (await call(b, "GET", "/api/evaluations/c-1/cases", ev)).json as {
        id: number;
        bodyId: string;
        attachments: { id: number; name: string }[];
      }[];
      assert.equal(all.length, 3);
      const first = all[0] as { id: number; attachments: { id: number; name: string }[] };
      assert.deepEqual(
        first.attachments.map((a) => a.name),
        ["说明 材料.html"],
      );

      // The attachment comes back as a download, byte for byte, never rendered as a page.
      const dl = await fetch(`${b}/api/cases/${first.id}/attachments/1`, {
        headers: { cookie: subA.cookie },
      });
      assert.equal(dl.status, 200);
      assert.match(
        dl.headers.get("content-disposition") ?? "",
        /^attachment; filename\*=UTF-8''%E8%AF%B4%E6%98%8E%20/,
      );
      assert.equal(dl.headers.get("x-content-type-options"), "nosniff");
      assert.equal(Buffer.from(await dl.arrayBuffer()).toString("base64"), html);
      const other = await fetch(`${b}/api/cases/${first.id}/attachments/1`, {
        headers: { cookie: subB.cookie },
      });
      assert.equal(other.status, 404);

      assert.equal(
        (await call(b, "PUT", `/api/cases/${first.id}/review`, expert, { score: 88, comment: "创新" }))
          .status,
        200,
      );
      assert.equal(
        (await call(b, "POST", `/api/cases/${first.id}/select`, expert, { selected: true })).status,
        403,
      );
      assert.equal(
        (await call(b, "POST", `/api/cases/${first.id}/select`, ev, { selected: true })).status,
        200,
      );
      const summary = (await call(b, "GET", "/api/evaluations/c-1/cases/summary", ev)).json;
      assert.deepEqual(summary, {
        cases: 3,
        bodies: 2,
        selected: 1,
        byClass: { 技术平台: 2, 数字机关: 1 },
        byLevel: { prefectural: 2, county: 1 },
      });
      // Not published: the public sees no counts either.
      assert.equal((await call(b, "GET", "/api/evaluations/c-1/cases/summary", null)).status, 404);
    });

    test("appeals: a body contests an indicator and a finding; accepted ones change the score, rejected ones do not; all audited", async () => {
      const b = server.base;
      const ev = await login(b, "evaluator");
      const subA = await login(b, "submitter");
      const subB = await login(b, "submitter2");
      const admin = await login(b, "admin");
      await call(b, "POST", "/api/evaluations", ev, {
        code: "p-1",
        framework: FRAMEWORK,
        asOf: "2026-11-01",
        categories: ["地市"],
      });
      await call(b, "POST", "/api/evaluations/p-1/status", ev, { status: "collecting" });
      await call(b, "PUT", "/api/evaluations/p-1/bodies/ws-a/submission", subA, {
        values: [
          { kind: "figure", code: "rating", value: "0.91" },
          { kind: "answer", code: "agency", value: "否" },
        ],
      });
      // Appeals are not taken while collecting.
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations/p-1/bodies/ws-a/appeals", subA, {
            targetKind: "indicator",
            target: "rating",
            reason: "x",
          })
        ).status,
        409,
      );
      await call(b, "POST", "/api/evaluations/p-1/status", ev, { status: "scoring" });
      await call(b, "POST", "/api/evaluations/p-1/score", ev);
      const score = async () =>
        ((await call(b, "GET", "/api/evaluations/p-1/results", ev)).json as Results).bodies.find(
          (x) => x.bodyId === "ws-a",
        )?.score;
      assert.equal(await score(), 20);

      const rating = await call(b, "POST", "/api/evaluations/p-1/bodies/ws-a/appeals", subA, {
        targetKind: "indicator",
        target: "rating",
        reason: "好评率应为 96%，见附件",
      });
      assert.equal(rating.status, 201);
      const agency = await call(b, "POST", "/api/evaluations/p-1/bodies/ws-a/appeals", subA, {
        targetKind: "indicator",
        target: "agency",
        reason: "我们有数据管理机构",
      });
      assert.equal(
        (
          await call(b, "POST", "/api/evaluations/p-1/bodies/ws-a/appeals", subB, {
            targetKind: "indicator",
            target: "rating",
            reason: "x",
          })
        ).status,
        403,
      );
      const seenByB = (await call(b, "GET", "/api/evaluations/p-1/appeals", subB)).json as unknown[];
      assert.equal(seenByB.length, 0);

      const ratingId = (rating.json as { id: number }).id;
      // Accepting an indicator appeal needs the corrected value, checked against the framework.
      assert.equal(
        (
          await call(b, "POST", `/api/appeals/${ratingId}/decision`, ev, {
            decision: "accepted",
            reason: "核实",
          })
        ).status,
        400,
      );
      assert.equal(
        (
          await call(b, "POST", `/api/appeals/${ratingId}/decision`, ev, {
            decision: "accepted",
            reason: "核实",
            correction: { kind: "figure", code: "rating", value: "百分之九十六" },
          })
        ).status,
        400,
      );
      const ok = await call(b, "POST", `/api/appeals/${ratingId}/decision`, ev, {
        decision: "accepted",
        reason: "核实无误",
        correction: { kind: "figure", code: "rating", value: "0.96" },
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.equal(await score(), 30, "the accepted appeal re-scored at once");
      assert.equal(
        (
          await call(b, "POST", `/api/appeals/${ratingId}/decision`, ev, {
            decision: "rejected",
            reason: "改主意",
          })
        ).status,
        409,
      );
      const agencyId = (agency.json as { id: number }).id;
      assert.equal(
        (
          await call(b, "POST", `/api/appeals/${agencyId}/decision`, ev, {
            decision: "rejected",
            reason: "未提供证明",
          })
        ).status,
        200,
      );
      assert.equal(await score(), 30);

      const appeals = (await call(b, "GET", "/api/evaluations/p-1/appeals", subA)).json as {
        state: string;
        decisionReason: string;
      }[];
      assert.deepEqual(
        appeals.map((a) => [a.state, a.decisionReason]),
        [
          ["accepted", appeals[0]?.decisionReason],
          ["rejected", "未提供证明"],
        ],
      );
      const trail = (await call(b, "GET", "/api/audit?entity=appeal", admin)).json as { action: string }[];
      assert.deepEqual(trail.map((t) => t.action).sort(), ["accept", "appeal", "appeal", "reject"]);
    });
  });
}
