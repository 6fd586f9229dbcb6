import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import type { Resolver } from "../crawl/fetch.ts";
import { saveEvidenceValues, setStatus } from "../evaluations/evaluation-store.ts";
import { applyConsensus } from "../evaluations/expert-scores.ts";
import { inspectEvaluation } from "../evaluations/inspect-evaluation.ts";
import { createEvaluation } from "../evaluations/members.ts";
import { scoreEvaluation } from "../evaluations/score-evaluation.ts";
import { frameworkLeaves } from "../frameworks/leaves.ts";
import { builtinPath, parseFramework } from "../frameworks/load.ts";
import type { EngineOptions } from "../inspect/config.ts";
import { createAccount } from "../server/routes/accounts.ts";
import type { AccountRole, CaseClass, Database } from "../store/schema.ts";

export const DEMO_WORKSPACE = "demo-digital-government";
/** Printed by `npm start`; the workspace listens on 127.0.0.1 only. */
export const DEMO_PASSWORD = "govscore-demo-2026";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: AccountRole;
  bodyId: string | null;
}

export const demoAccounts = (bodyIds: readonly string[]): DemoAccount[] => [
  { username: "demo-admin", displayName: "演示管理员", role: "admin", bodyId: null },
  { username: "demo-evaluator", displayName: "演示评估人员", role: "evaluator", bodyId: null },
  { username: "demo-expert1", displayName: "演示专家一", role: "expert", bodyId: null },
  { username: "demo-expert2", displayName: "演示专家二", role: "expert", bodyId: null },
  ...bodyIds.slice(0, 2).map((b) => ({
    username: `${b}-submitter`,
    displayName: `${b} 填报员`,
    role: "submitter" as const,
    bodyId: b,
  })),
];

/** Stable pseudo-random numbers from a text, so the demo is the same on every machine. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const LEVELS = ["A", "A", "B", "B", "B", "C", "D"];
/** Tasks left for the demo's first expert (and the browser tests) to score. */
export const DEMO_PENDING = ["gov-cloud", "data-centre", "public-services"];
/** Body × indicator pairs where the two experts disagree, for the reviewer. */
const SPLIT = new Set(["demo-s2/environment", "demo-s3/gov-cloud"]);

async function ensureAccounts(db: Kysely<Database>, accounts: DemoAccount[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const a of accounts) {
    const have = await db
      .selectFrom("account")
      .select("id")
      .where("username", "=", a.username)
      .executeTakeFirst();
    ids.set(a.username, have ? have.id : await createAccount(db, { ...a, password: DEMO_PASSWORD }));
  }
  return ids;
}

/**
 * The workspace's demo: a digital-government capability evaluation of the demo bodies, in its
 * collecting stage, with their sites inspected, two experts' double scores (a few left to do and
 * two disagreements for a reviewer), figures submitted by the bodies (the first body's left to
 * its submitter), practice cases, and a first scoring run.
 */
export async function seedDemoWorkspace(
  db: Kysely<Database>,
  o: {
    bodyIds: string[];
    category: string;
    asOf: string;
    options: EngineOptions;
    resolver: Resolver;
    warcDir: string;
  },
): Promise<{ accounts: DemoAccount[]; tasks: number; cases: number; runId: number }> {
  const accounts = demoAccounts(o.bodyIds);
  const ids = await ensureAccounts(db, accounts);
  await db.deleteFrom("evaluation").where("code", "=", DEMO_WORKSPACE).execute();
  const file = builtinPath("cn-digital-government-capability");
  const source = readFileSync(file, "utf8");
  const fw = parseFramework(source, file);
  const { evaluation: ev } = await createEvaluation(db, {
    code: DEMO_WORKSPACE,
    name: "演示：数字政府服务能力评估 · Demo: digital-government capability",
    framework: fw,
    frameworkSource: source,
    asOf: o.asOf,
    categories: [o.category],
  });
  await setStatus(db, ev.id, "collecting");
  await inspectEvaluation(db, {
    code: DEMO_WORKSPACE,
    options: o.options,
    resolver: o.resolver,
    warcDir: o.warcDir,
  });

  const leaves = [...frameworkLeaves(fw)];
  const rubric = leaves.filter(([, s]) => s?.from === "rubric").map(([code]) => code);
  const experts = [ids.get("demo-expert1"), ids.get("demo-expert2")] as number[];
  let tasks = 0;
  for (const bodyId of o.bodyIds) {
    for (const indicator of rubric) {
      const agreed = LEVELS[hash(`${bodyId}/${indicator}`) % LEVELS.length] ?? "B";
      for (const [k, expertId] of experts.entries()) {
        const pending = k === 0 && bodyId === o.bodyIds[0] && DEMO_PENDING.includes(indicator);
        const level = k === 1 && SPLIT.has(`${bodyId}/${indicator}`) ? (agreed === "A" ? "C" : "A") : agreed;
        await db
          .insertInto("expert_task")
          .values({
            evaluation_id: ev.id,
            body_id: bodyId,
            indicator,
            expert_id: expertId,
            assigned_by: ids.get("demo-evaluator") ?? null,
            ...(pending
              ? {}
              : {
                  level,
                  comment: `演示评分：依据网站与材料评为 ${level} 级 (demo score)`,
                  scored_at: new Date(),
                }),
          })
          .execute();
        tasks++;
      }
      await applyConsensus(db, ev.id, bodyId, indicator);
    }
  }

  // Every body but the first has handed in its figures; the first one's submitter has that to do.
  const asked = leaves.filter(([, s]) => s?.from === "figure" || s?.from === "yesno");
  for (const bodyId of o.bodyIds.slice(1)) {
    const h = hash(bodyId);
    await saveEvidenceValues(
      db,
      ev.id,
      asked.map(([code, s], i) => ({
        bodyId,
        kind: s?.from === "figure" ? ("figure" as const) : ("answer" as const),
        code,
        value: s?.from === "figure" ? 94 + ((h >> i) % 60) / 10 : ((h >> i) & 3) !== 0,
        source: `submitted:${bodyId}-submitter 演示填报`,
      })),
    );
  }

  const cases: { body: number; title: string; class: CaseClass; score?: number; selected?: boolean }[] = [
    { body: 1, title: "“一网通办”高频事项集成办理", class: "技术平台", score: 86, selected: true },
    { body: 2, title: "政务数据共享与安全分级管理制度", class: "制度规则", score: 78 },
    { body: 3, title: "适老化与无障碍网站改造", class: "政府网站" },
  ];
  let nCases = 0;
  for (const c of cases) {
    const bodyId = o.bodyIds[c.body % o.bodyIds.length] as string;
    await db
      .insertInto("practice_case")
      .values({
        evaluation_id: ev.id,
        body_id: bodyId,
        title: c.title,
        class: c.class,
        summary: `${c.title}：演示案例摘要 (demo case summary)。`,
        submitted_by: null,
        ...(c.score === undefined
          ? {}
          : {
              review_score: c.score,
              review_comment: "演示评审意见 (demo review)",
              reviewed_by: ids.get("demo-expert2") ?? null,
              reviewed_at: new Date(),
              selected: c.selected === true,
            }),
      })
      .execute();
    nCases++;
  }
  const run = await scoreEvaluation(db, DEMO_WORKSPACE);
  return { accounts, tasks, cases: nCases, runId: run.runId };
}
