import type { Kysely } from "kysely";
import type { Resolver } from "../crawl/fetch.ts";
import type { EngineOptions, Profile } from "../inspect/config.ts";
import { type InspectRun, inspectSites, type RunProgress, type StallReport } from "../inspect/inspect.ts";
import type { InspectionReport } from "../inspect/report.ts";
import type { Database } from "../store/schema.ts";
import { getEvaluation, inspectedWebsites, saveInspection, setStatus } from "./evaluation-store.ts";
import { evaluationTargets } from "./members.ts";

export interface InspectEvaluationRun {
  code: string;
  options: EngineOptions;
  profile?: Profile | null;
  warcDir?: string | null;
  /** Every website of every body, not only each body's main one. */
  allSites?: boolean;
  /** Inspect again sites that already have a report in this evaluation. */
  again?: boolean;
  resolver?: Resolver;
  /** The DNS lookups and IPv6 fetches of the ipv6.* checks (none: those checks do not apply). */
  ipv6?: Pick<InspectRun, "aaaa" | "ns" | "ipv6Fetch">;
  onProgress?: (done: number, total: number, report: InspectionReport) => void;
  /** How the run goes, about twice a second (see inspectSites). */
  onRunProgress?: (p: RunProgress) => void;
  /** A site stalled and was ended (its report says so). */
  onStall?: (s: StallReport) => void;
}

/**
 * Inspects the websites of an evaluation's bodies as of its date. Each report is stored the
 * moment its site finishes, so a run that stops half-way keeps what it did and the next run
 * takes up only the sites without a report.
 */
export async function inspectEvaluation(
  db: Kysely<Database>,
  run: InspectEvaluationRun,
): Promise<{ planned: number; skipped: number; inspected: number; noWebsite: string[] }> {
  const ev = await getEvaluation(db, run.code);
  const targets = await evaluationTargets(db, ev.id);
  const done = run.again ? new Set<number>() : await inspectedWebsites(db, ev.id);
  const noWebsite = targets.filter((t) => t.websites.length === 0).map((t) => t.bodyId);
  const wanted = targets.flatMap((t) => (run.allSites ? t.websites : t.websites.slice(0, 1)));
  const todo = wanted.filter((w) => !done.has(w.id));
  const byUrl = new Map(todo.map((w) => [w.url, w]));
  if (ev.status === "draft") await setStatus(db, ev.id, "collecting");
  let inspected = 0;
  // Reports are written one after another in the order sites finish; a failing write stops the run.
  let writes: Promise<void> = Promise.resolve();
  await inspectSites({
    sites: todo.map((w) => w.url),
    asOf: ev.asOf,
    options: run.options,
    profile: run.profile ?? null,
    warcDir: run.warcDir ?? null,
    ...(run.resolver ? { resolver: run.resolver } : {}),
    ...run.ipv6,
    collect: false,
    ...(run.onRunProgress ? { onProgress: run.onRunProgress } : {}),
    ...(run.onStall ? { onStall: run.onStall } : {}),
    onSite: (report) => {
      const site = byUrl.get(report.site);
      if (!site) return;
      writes = writes.then(async () => {
        await saveInspection(db, {
          evaluationId: ev.id,
          websiteId: site.id,
          site: report.site,
          asOf: report.asOf,
          report,
          warcDir: run.warcDir ?? null,
          startedAt: report.startedAt,
          finishedAt: report.finishedAt,
        });
        inspected++;
        run.onProgress?.(inspected, todo.length, report);
      });
    },
  });
  await writes;
  return { planned: wanted.length, skipped: wanted.length - todo.length, inspected, noWebsite };
}
