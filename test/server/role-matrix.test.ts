import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Role } from "../../src/server/auth/roles.ts";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";
import { call, FRAMEWORK, login, type Running, type Session, startServer } from "./support.ts";

/** Who is who in the matrix: one signed-in account per role, and nobody for `public`. */
const AS: Record<Role, string | null> = {
  admin: "admin",
  evaluator: "evaluator",
  expert: "expert",
  submitter: "submitter",
  public: null,
};

const S = ["admin", "evaluator"] as const;
const ALL = ["admin", "evaluator", "expert", "submitter"] as const;
/**
 * The policy, written down independently of the routes' declarations: who may call what. A new
 * route fails this test until someone decides here who may call it.
 */
const POLICY: Record<string, readonly Role[]> = {
  "POST /api/auth/login": ["public"],
  "POST /api/auth/logout": ALL,
  "GET /api/auth/me": ALL,
  "GET /api/accounts": ["admin"],
  "POST /api/accounts": ["admin"],
  "GET /api/audit": ["admin"],
  "GET /api/evaluations": ["public"],
  "POST /api/evaluations": S,
  "GET /api/evaluations/:code": ["public"],
  "POST /api/evaluations/:code/status": S,
  "GET /api/evaluations/:code/bodies": ALL,
  "POST /api/evaluations/:code/inspections": S,
  "GET /api/evaluations/:code/inspections": S,
  "POST /api/evaluations/:code/score": S,
  "POST /api/evaluations/:code/tasks": S,
  "GET /api/tasks": [...S, "expert"],
  "POST /api/tasks/:id/score": ["expert"],
  "GET /api/evaluations/:code/disagreements": S,
  "POST /api/evaluations/:code/disagreements/resolve": S,
  "PUT /api/evaluations/:code/bodies/:bodyId/submission": [...S, "submitter"],
  "GET /api/evaluations/:code/bodies/:bodyId/evidence": ALL,
  "GET /api/evaluations/:code/results": ["public"],
  "GET /api/evaluations/:code/results/:bodyId": ["public"],
  "POST /api/evaluations/:code/bodies/:bodyId/cases": [...S, "submitter"],
  "GET /api/evaluations/:code/cases": ALL,
  "GET /api/cases/:id/attachments/:attachment": ALL,
  "PUT /api/cases/:id/review": [...S, "expert"],
  "POST /api/cases/:id/select": S,
  "GET /api/evaluations/:code/cases/summary": ["public"],
  "POST /api/evaluations/:code/bodies/:bodyId/appeals": [...S, "submitter"],
  "GET /api/evaluations/:code/appeals": ALL,
  "POST /api/appeals/:id/decision": S,
  "GET /api/evaluations/:code/framework": ["public"],
  "GET /api/evaluations/:code/progress": S,
  "GET /api/evaluations/:code/bodies/:bodyId/findings": ALL,
  "GET /api/evaluations/:code/results/:bodyId/history": ["public"],
  "POST /api/releases": S,
  "GET /api/monitor/alerts": S,
  "GET /api/evaluations/:code/bodies/:bodyId/records/:record": ALL,
  "GET /api/evaluations/:code/bodies/:bodyId/submission": ALL,
  "GET /api/evaluations/:code/bodies/:bodyId/submission/attachments/:id": ALL,
};

/** A plausible body for each route, so that a permitted caller gets past validation. */
function bodyFor(method: string, url: string): unknown {
  if (method === "GET") return undefined;
  const bodies: Record<string, unknown> = {
    "/api/auth/login": { username: "admin", password: "correct horse battery" },
    "/api/accounts": {
      username: `u${Math.random().toString(36).slice(2, 8)}`,
      displayName: "x",
      password: "0123456789ab",
      role: "expert",
    },
    "/api/evaluations": {
      code: `m-${Math.random().toString(36).slice(2, 8)}`,
      framework: FRAMEWORK,
      asOf: "2026-11-01",
      categories: ["地市"],
    },
    "/api/evaluations/:code/status": { status: "scoring" },
    "/api/evaluations/:code/inspections": {},
    "/api/evaluations/:code/tasks": { expert: "expert2", bodyId: "ws-b", indicator: "service" },
    "/api/tasks/:id/score": { level: "A", comment: "ok", evidence: [] },
    "/api/evaluations/:code/disagreements/resolve": {
      bodyId: "ws-a",
      indicator: "service",
      level: "B",
      reason: "复核",
    },
    "/api/releases": { evaluations: ["m-eval"] },
    "/api/evaluations/:code/bodies/:bodyId/submission": {
      values: [{ kind: "figure", code: "rating", value: "0.96" }],
    },
  };
  return bodies[url] ?? {};
}

for (const backend of backends) {
  describe(`every API route checks the caller's role (${backend.name})`, { skip: backend.skip }, () => {
    let store: Store;
    let server: Running;
    let taskId = 0;
    before(async () => {
      store = await backend.open();
      server = await startServer(store);
      const ev = await login(server.base, "evaluator");
      const created = await call(server.base, "POST", "/api/evaluations", ev, {
        code: "m-eval",
        framework: FRAMEWORK,
        asOf: "2026-11-01",
        categories: ["地市", "区县"],
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      assert.equal(
        (await call(server.base, "POST", "/api/evaluations/m-eval/status", ev, { status: "collecting" }))
          .status,
        200,
      );
      const t = await call(server.base, "POST", "/api/evaluations/m-eval/tasks", ev, {
        expert: "expert",
        bodyId: "ws-a",
        indicator: "service",
      });
      assert.equal(t.status, 201, JSON.stringify(t.json));
      taskId = (t.json as { id: number }).id;
      assert.equal((await call(server.base, "POST", "/api/evaluations/m-eval/score", ev)).status, 200);
    });
    after(async () => {
      await server?.close();
      await store?.close();
    });

    test("the route table: each route admits exactly its declared roles", async () => {
      const routes = server.app.apiRoutes.filter((r) => !r.url.startsWith("/api/docs"));
      assert.deepEqual(routes.map((r) => `${r.method} ${r.url}`).sort(), Object.keys(POLICY).sort());
      const rows: string[] = [];
      for (const r of routes) {
        for (const role of Object.keys(AS) as Role[]) {
          // A fresh session per request: logging out must not spoil the next row.
          const who = AS[role];
          const session: Session | null = who ? await login(server.base, who) : null;
          const path = r.url
            .replace(":code", "m-eval")
            .replace(":bodyId", "ws-a")
            .replace(":id", String(taskId))
            .replace(":attachment", "1");
          const res = await call(server.base, r.method, path, session, bodyFor(r.method, r.url));
          const allowed = POLICY[`${r.method} ${r.url}`] ?? [];
          const admitted = allowed.includes(role) || allowed.includes("public");
          rows.push(`${r.method} ${r.url} ${role} → ${res.status}`);
          if (admitted)
            assert.ok(
              res.status !== 401 && res.status !== 403,
              `${role} may ${r.method} ${r.url} but got ${res.status}: ${JSON.stringify(res.json)}`,
            );
          else
            assert.equal(
              res.status,
              session ? 403 : 401,
              `${role} may not ${r.method} ${r.url} but got ${res.status}: ${JSON.stringify(res.json)}`,
            );
        }
      }
      assert.equal(rows.length, routes.length * 5);
    });

    test("a route registered without roles stops the server from starting", async () => {
      const { buildApp } = await import("../../src/server/app.ts");
      const app = await buildApp({ store });
      await assert.rejects(async () => {
        app.get("/api/forgotten", async () => "x");
        await app.ready();
      }, /declares no roles/);
    });
  });
}
