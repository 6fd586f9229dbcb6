// Child process of bench/api-results.ts: a workspace API over an in-memory database holding one
// published evaluation of N bodies, plus a bare route answering the same bytes (the ceiling).
import { parseArgs } from "node:util";
import { getEvaluation, saveEvidenceValues, setStatus } from "../../src/evaluations/evaluation-store.ts";
import { createEvaluation } from "../../src/evaluations/members.ts";
import { scoreEvaluation } from "../../src/evaluations/score-evaluation.ts";
import { parseFramework } from "../../src/frameworks/load.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import { buildApp } from "../../src/server/app.ts";
import { openStore } from "../../src/store/open.ts";

const { values } = parseArgs({ options: { bodies: { type: "string", default: "400" } } });
const N = Number(values.bodies);
const FRAMEWORK = `
schema: govscore.framework/1
id: bench
version: "1"
kind: composite
name: { zh: 基准, en: bench }
sources: [{ title: benchmark }]
pipeline: { normalise: { method: minmax }, aggregate: { method: arithmetic }, ranking: { ties: dense, round: 2, groupBy: category } }
tiers: { levels: [{ name: 卓越, min: 95 }, { name: 优秀, min: 85 }, { name: 良好, min: 75 }, { name: 发展, min: 60 }, { name: 准备 }] }
tree:
  code: index
  children:
${Array.from({ length: 12 }, (_, i) => `    - { code: f${i}, source: { from: figure } }`).join("\n")}
`;

const store = await openStore({ kind: "pglite-memory" });
const rows = ["kind,body_id,name,categories,level"];
for (let i = 0; i < N; i++)
  rows.push(`body,b-${i},单位${i},${i % 2 ? "地市" : "区县"},${i % 2 ? "prefectural" : "county"}`);
await importRegistryCsv(store.db, "bench.csv", Buffer.from(rows.join("\n")));
await createEvaluation(store.db, {
  code: "bench",
  name: "基准",
  framework: parseFramework(FRAMEWORK, "bench"),
  frameworkSource: FRAMEWORK,
  asOf: "2026-11-01",
  categories: ["地市", "区县"],
});
const ev = await getEvaluation(store.db, "bench");
let x = 7;
const rand = () => {
  x = (x * 48271) % 2147483647;
  return x / 2147483647;
};
await saveEvidenceValues(
  store.db,
  ev.id,
  Array.from({ length: N }, (_, i) =>
    Array.from({ length: 12 }, (_, k) => ({
      bodyId: `b-${i}`,
      kind: "figure" as const,
      code: `f${k}`,
      value: rand(),
      source: "bench",
    })),
  ).flat(),
);
await scoreEvaluation(store.db, "bench");
await setStatus(store.db, ev.id, "published");

const app = await buildApp({ store });
let cached = "";
app.get("/baseline", async (_req, reply) => reply.type("application/json; charset=utf-8").send(cached));
const base = await app.listen({ host: "127.0.0.1", port: 0 });
cached = await (await fetch(`${base}/api/evaluations/bench/results`)).text();
process.stdout.write(`${JSON.stringify({ base, bytes: Buffer.byteLength(cached) })}\n`);
process.on(
  "SIGTERM",
  () =>
    void app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0)),
);
