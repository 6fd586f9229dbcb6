import type { FastifyInstance } from "fastify";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import { type AppOptions, buildApp } from "../../src/server/app.ts";
import { createAccount } from "../../src/server/routes/accounts.ts";
import type { Store } from "../../src/store/open.ts";

export const PASSWORD = "correct horse battery";

/** A composite framework with an expert rubric, a submitted figure and a yes/no. */
export const FRAMEWORK = `
schema: govscore.framework/1
id: ws-test
version: "1"
kind: composite
name: { zh: 工作台测试, en: workspace test }
sources: [{ title: written for this test }]
pipeline:
  normalise: { method: none }
  aggregate: { method: sum }
  ranking: { ties: dense, groupBy: category }
tree:
  code: index
  children:
    - { code: service, source: { from: rubric, levels: { A: 40, B: 30, C: 10 } } }
    - { code: rating, source: { from: figure, bands: [{ atLeast: 0.95, points: 30 }, { atLeast: 0.9, points: 20 }, { points: 0 }] } }
    - { code: agency, source: { from: yesno, yes: 10, no: 0 } }
`;

export const USERS = {
  admin: { role: "admin", body: null },
  evaluator: { role: "evaluator", body: null },
  expert: { role: "expert", body: null },
  expert2: { role: "expert", body: null },
  submitter: { role: "submitter", body: "ws-a" },
  submitter2: { role: "submitter", body: "ws-b" },
} as const;

export interface Running {
  app: FastifyInstance;
  base: string;
  close(): Promise<void>;
}

/** The real server on 127.0.0.1 over a store holding three bodies and one account per role. */
export async function startServer(store: Store, over: Partial<AppOptions> = {}): Promise<Running> {
  const csv = [
    "kind,body_id,name,categories,level,division_code",
    "body,ws-a,甲市人民政府,地市,prefectural,440600",
    "body,ws-b,乙市人民政府,地市,prefectural,320500",
    "body,ws-c,丙区人民政府,区县,county,440303",
  ].join("\n");
  await importRegistryCsv(store.db, "ws.csv", Buffer.from(csv));
  for (const [username, u] of Object.entries(USERS))
    await createAccount(store.db, {
      username,
      displayName: username,
      password: PASSWORD,
      role: u.role,
      bodyId: u.body,
    });
  const app = await buildApp({ store, loginPerMinute: 10_000, ...over });
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    app,
    base,
    async close() {
      await app.runs.settle();
      await app.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(base: string, username: string, password = PASSWORD): Promise<Session> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] as string;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

export async function call(
  base: string,
  method: string,
  path: string,
  session: Session | null,
  body?: unknown,
  opts: { csrf?: boolean } = {},
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && opts.csrf !== false) headers["x-csrf-token"] = session.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  const r = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: r.status, json };
}
