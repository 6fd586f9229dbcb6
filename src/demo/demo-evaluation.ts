import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { type FixtureServer, fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { defaultResolver, type Resolver } from "../crawl/fetch.ts";
import { getEvaluation, setStatus } from "../evaluations/evaluation-store.ts";
import { inspectEvaluation } from "../evaluations/inspect-evaluation.ts";
import { createEvaluation } from "../evaluations/members.ts";
import { type EvaluationScores, scoreEvaluation } from "../evaluations/score-evaluation.ts";
import { builtinPath, parseFramework } from "../frameworks/load.ts";
import { defaultOptions } from "../inspect/config.ts";
import { importRegistryCsv } from "../registry/import-registry.ts";
import type { Database } from "../store/schema.ts";
import { DEMO_WORKSPACE, seedDemoWorkspace } from "./demo-workspace.ts";

export const DEMO_EVALUATION = "demo-website-checklist";
export const DEMO_CATEGORY = "demo-site";
const DEMO_SEED = 20221220;
const DEMO_AS_OF = "2026-11-01";

export interface DemoEvaluation {
  sites: { bodyId: string; name: string; url: string }[];
  inspected: number;
  scores: EvaluationScores;
  warcDir: string;
  /** Files of the release written from the scores, and of its results site. */
  release: { dir: string; files: number; siteDir: string; pages: number };
  /** The workspace's evaluation (null with `workspace: false`). */
  workspace: Awaited<ReturnType<typeof seedDemoWorkspace>> | null;
  /** The demo sites, still served when `keepSites` asked for it (close it when done). */
  server: FixtureServer | null;
  /**
   * What inspections of the demo may reach: its fixture servers (`address:port`) and public
   * addresses, nothing else private; fixture names resolve to the fixture server, others by DNS.
   * The workspace the demo serves inspects with exactly this (`buildApp`'s options).
   */
  crawl: { allowEndpoints: string[]; resolver: Resolver };
}

/** The fixture servers of the demo, as `address:port`, and their names' resolution. */
export function demoCrawlPolicy(server: FixtureServer): DemoEvaluation["crawl"] {
  const ports = [server.port, server.httpsPort, ...server.sitePorts].filter((p) => p > 0);
  return {
    allowEndpoints: ports.map((p) => `127.0.0.1:${p}`),
    resolver: (host) => fixtureResolver(host).catch(() => defaultResolver(host)),
  };
}

/** The release of the demo evaluation: the same path as `govscore release --evaluation`. */
async function writeDemoRelease(
  db: Kysely<Database>,
  dir: string,
  siteDir: string,
): Promise<DemoEvaluation["release"]> {
  const { loadDatabaseRelease } = await import("../publish/from-evaluations.ts");
  const { produceRelease } = await import("../publish/produce.ts");
  const { writeAllOrNothing } = await import("../publish/write-dir.ts");
  // The check list's ladder (合格, 不合格) comes from its framework; the release lists both.
  const input = await loadDatabaseRelease(
    db,
    { evaluations: [DEMO_EVALUATION], publishTiers: ["合格", "不合格"] },
    { ranking: "dense", year: Number(DEMO_AS_OF.slice(0, 4)) },
  );
  const produced = await produceRelease(input, { pdf: false, site: true });
  writeAllOrNothing(dir, produced.out);
  writeAllOrNothing(siteDir, produced.site);
  return { dir, files: produced.out.size, siteDir, pages: produced.site.size };
}

/**
 * The demo's evaluation: synthetic government sites (fixtures/, with planted defects) served on
 * 127.0.0.1, registered as demo bodies, inspected under the national check list and scored. Only
 * the fixture hosts are let through the address policy; everything else stays refused.
 */
export async function runDemoEvaluation(
  db: Kysely<Database>,
  opts: {
    sites: number;
    warcDir: string;
    releaseDir: string;
    siteDir: string;
    onSite?: (done: number, total: number) => void;
    /** Also seed the workspace's evaluation (accounts, experts, submissions, cases). */
    workspace?: boolean;
    /** Keep serving the demo sites after the run (the workspace links to them). */
    keepSites?: boolean;
  },
): Promise<DemoEvaluation> {
  const server: FixtureServer = await startFixtureServer({ seed: DEMO_SEED, sites: opts.sites });
  server.logging = false;
  let kept = false;
  try {
    await db
      .insertInto("category")
      .values({
        code: DEMO_CATEGORY,
        name_zh: "演示站点",
        name_en: "Demo sites",
        applies_to: "body",
        sort_order: 900,
      })
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
    // The fixture server listens on a new port each run: the demo's old addresses go first.
    await db.deleteFrom("evaluation").where("code", "=", DEMO_EVALUATION).execute();
    await db.deleteFrom("website").where("body_id", "like", "demo-%").execute();
    const sites = Array.from({ length: opts.sites }, (_, i) => ({
      bodyId: `demo-s${i}`,
      name: `${server.spec(i).name}（演示 s${i}）`,
      url: server.url(i),
    }));
    const csv = [
      "kind,body_id,name,categories,level,url",
      ...sites.flatMap((s) => [
        `body,${s.bodyId},${s.name},${DEMO_CATEGORY},other,`,
        `website,${s.bodyId},,,,${s.url}`,
      ]),
    ].join("\n");
    const imported = await importRegistryCsv(db, "demo-sites.csv", Buffer.from(csv));
    const errors = imported.problems.filter((p) => p.severity === "error");
    if (errors.length) throw new Error(errors.map((e) => `line ${e.line}: ${e.message.en}`).join("; "));

    const file = builtinPath("cn-website-checklist-2019");
    const source = readFileSync(file, "utf8");
    await createEvaluation(db, {
      code: DEMO_EVALUATION,
      name: "演示：政府网站检查（2019年版指标） · Demo: national website check list",
      framework: parseFramework(source, file),
      frameworkSource: source,
      asOf: DEMO_AS_OF,
      categories: [DEMO_CATEGORY],
    });
    const options = defaultOptions();
    // The fixture servers and nothing else private (a fixture's name on another port is refused).
    const crawl = demoCrawlPolicy(server);
    options.allowEndpoints = crawl.allowEndpoints;
    options.crawl.maxPages = 60;
    options.crawl.delayMs = 0;
    const run = await inspectEvaluation(db, {
      code: DEMO_EVALUATION,
      options,
      resolver: fixtureResolver,
      warcDir: join(opts.warcDir, DEMO_EVALUATION),
      ...(opts.onSite ? { onProgress: (d: number, t: number) => opts.onSite?.(d, t) } : {}),
    });
    const { scores } = await scoreEvaluation(db, DEMO_EVALUATION);
    const release = await writeDemoRelease(db, opts.releaseDir, opts.siteDir);
    const ev = await getEvaluation(db, DEMO_EVALUATION);
    // The check-list evaluation is the demo's published one: what the public pages show.
    for (const step of ["collecting", "scoring", "review", "published"] as const)
      await setStatus(db, ev.id, step);
    const workspace =
      opts.workspace === false
        ? null
        : await seedDemoWorkspace(db, {
            bodyIds: sites.map((s) => s.bodyId),
            category: DEMO_CATEGORY,
            asOf: DEMO_AS_OF,
            options,
            resolver: fixtureResolver,
            // Each evaluation's archive in a folder of its own: a site's file names repeat.
            warcDir: join(opts.warcDir, DEMO_WORKSPACE),
          });
    kept = opts.keepSites === true;
    return {
      sites,
      inspected: run.inspected,
      scores,
      warcDir: join(opts.warcDir, DEMO_EVALUATION),
      release,
      workspace,
      server: kept ? server : null,
      crawl,
    };
  } finally {
    if (!kept) await server.close();
  }
}
