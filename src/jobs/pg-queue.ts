import { type Kysely, sql } from "kysely";
import PgBoss from "pg-boss";
import type { Resolver } from "../crawl/fetch.ts";
import { ThreadedReader } from "../crawl/page-reader.ts";
import {
  getEvaluation,
  inspectedWebsites,
  saveInspection,
  setStatus,
} from "../evaluations/evaluation-store.ts";
import { evaluationTargets } from "../evaluations/members.ts";
import type { EngineOptions } from "../inspect/config.ts";
import { type InspectRun, inspectSites, readerThreads } from "../inspect/inspect.ts";
import type { Database } from "../store/schema.ts";

/** One site of one evaluation: what a worker needs to inspect it and store the report. */
export interface InspectJob {
  evaluation: string;
  evaluationId: number;
  websiteId: number;
  url: string;
  asOf: string;
  /** When the job was queued: a report finished after it means the job is already done. */
  queuedAt?: string;
  maxPages?: number;
}

export const INSPECT_QUEUE = "inspect-site";
/** The Postgres schema that holds the queue's tables. */
export const QUEUE_SCHEMA = "govscore_queue";

export interface QueueSettings {
  /** A job whose worker went silent this long (killed, machine lost) is handed out again. */
  expireInSeconds?: number;
  /** How often the queue's maintenance looks for such jobs. */
  maintenanceIntervalSeconds?: number;
  retryLimit?: number;
}

/**
 * The Postgres job queue (pg-boss, in its own schema of the same database). Inspection jobs are
 * retried with back-off, and a job whose worker dies expires and is taken up by another worker.
 */
export async function openQueue(connectionString: string, s: QueueSettings = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: QUEUE_SCHEMA,
    max: 4,
    maintenanceIntervalSeconds: s.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: 60,
  });
  // A lost connection (a server restart) is reported here and retried by the pool; it must not
  // end the process.
  boss.on("error", (e) => process.stderr.write(`[queue] ${e.message}\n`));
  await boss.start();
  if (!(await boss.getQueue(INSPECT_QUEUE)))
    await boss.createQueue(INSPECT_QUEUE, {
      name: INSPECT_QUEUE,
      retryLimit: s.retryLimit ?? 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: s.expireInSeconds ?? 15 * 60,
    });
  return boss;
}

/**
 * Puts one job per site without a report on the queue. The singleton key (evaluation, website)
 * keeps a site from being queued twice while a job for it is waiting or running.
 */
export async function enqueueEvaluation(
  db: Kysely<Database>,
  boss: PgBoss,
  code: string,
  opts: { maxPages?: number; allSites?: boolean; again?: boolean; expireInSeconds?: number } = {},
): Promise<{ planned: number; queued: number; skipped: number }> {
  const ev = await getEvaluation(db, code);
  const done = opts.again ? new Set<number>() : await inspectedWebsites(db, ev.id);
  const sites = (await evaluationTargets(db, ev.id)).flatMap((t) =>
    opts.allSites ? t.websites : t.websites.slice(0, 1),
  );
  // pg-boss's singleton key does not stop a bulk insert into a standard queue, so sites whose
  // job is still waiting or running are left out here (a race between two enqueuers costs only a
  // duplicate inspection: the report is an upsert).
  const pending = await pendingKeys(db, ev.code);
  const toQueue = sites.filter((w) => !done.has(w.id) && !pending.has(`${ev.code}:${w.id}`));
  const queuedAt = new Date().toISOString();
  const jobs: PgBoss.JobInsert<InspectJob>[] = toQueue.map((w) => ({
    name: INSPECT_QUEUE,
    singletonKey: `${ev.code}:${w.id}`,
    ...(opts.expireInSeconds ? { expireInSeconds: opts.expireInSeconds } : {}),
    data: {
      evaluation: ev.code,
      evaluationId: ev.id,
      websiteId: w.id,
      url: w.url,
      asOf: ev.asOf,
      queuedAt,
      ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
    },
  }));
  for (let i = 0; i < jobs.length; i += 1000) await boss.insert(jobs.slice(i, i + 1000));
  if (ev.status === "draft") await setStatus(db, ev.id, "collecting");
  return { planned: sites.length, queued: jobs.length, skipped: sites.length - toQueue.length };
}

/** Singleton keys of an evaluation's jobs that are waiting, retrying or running. */
async function pendingKeys(db: Kysely<Database>, code: string): Promise<Set<string>> {
  const r = await sql<{ k: string }>`
    select singleton_key as k from ${sql.table(`${QUEUE_SCHEMA}.job`)}
    where name = ${INSPECT_QUEUE} and state in ('created', 'retry', 'active')
      and data->>'evaluation' = ${code}`.execute(db);
  return new Set(r.rows.map((x) => x.k));
}

/**
 * True when another worker stored this site's report after the job was queued: the job is then a
 * second delivery (its first worker went silent past the expiry but did finish) and needs no crawl.
 */
async function alreadyDone(db: Kysely<Database>, j: InspectJob): Promise<boolean> {
  if (!j.queuedAt) return false;
  const row = await db
    .selectFrom("inspection")
    .select("finished_at")
    .where("evaluation_id", "=", j.evaluationId)
    .where("website_id", "=", j.websiteId)
    .executeTakeFirst();
  return row !== undefined && new Date(row.finished_at).getTime() >= new Date(j.queuedAt).getTime();
}

export interface WorkerSettings {
  /** Sites inspected at once by this process. */
  concurrency: number;
  /** The address policy is the worker's, not the job's: whoever queues cannot widen it. */
  options: EngineOptions;
  resolver?: Resolver;
  /** The DNS lookups and IPv6 fetches of the ipv6.* checks (none: those checks do not apply). */
  ipv6?: Pick<InspectRun, "aaaa" | "ns" | "ipv6Fetch">;
  onDone?: (job: InspectJob) => void;
  /** A job whose site another worker has already done since it was queued. */
  onSkip?: (job: InspectJob) => void;
}

/**
 * Works inspection jobs until `stop`. Each job inspects its site and stores the report with an
 * upsert on (evaluation, website), so a job run twice (its first worker died after writing)
 * still leaves exactly one report.
 */
export async function runInspectWorker(db: Kysely<Database>, boss: PgBoss, w: WorkerSettings): Promise<void> {
  // One pool of reader threads for the worker's whole life: jobs are one site each, too small to
  // pay for starting threads of their own.
  const threads = readerThreads(w.options, Number.POSITIVE_INFINITY);
  const reader = threads > 0 ? new ThreadedReader(threads) : undefined;
  const handle = async ([job]: PgBoss.Job<InspectJob>[]) => {
    if (!job) return;
    const j = job.data;
    if (await alreadyDone(db, j)) {
      w.onSkip?.(j);
      return;
    }
    const options: EngineOptions = { ...w.options, crawl: { ...w.options.crawl } };
    if (j.maxPages) options.crawl.maxPages = j.maxPages;
    const [report] = await inspectSites({
      sites: [j.url],
      asOf: j.asOf,
      options,
      ...(w.resolver ? { resolver: w.resolver } : {}),
      ...w.ipv6,
      ...(reader ? { reader } : {}),
    });
    if (!report) throw new Error(`no report for ${j.url}`);
    await saveInspection(db, {
      evaluationId: j.evaluationId,
      websiteId: j.websiteId,
      site: report.site,
      asOf: report.asOf,
      report,
      warcDir: null,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
    });
    w.onDone?.(j);
  };
  // One poller per slot, one job each: a failing site fails alone, not a whole batch.
  for (let i = 0; i < w.concurrency; i++)
    await boss.work<InspectJob>(INSPECT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, handle);
}

/** Where an evaluation's inspection stands, across every worker. */
export async function inspectionProgress(db: Kysely<Database>, boss: PgBoss | null, code: string) {
  const ev = await getEvaluation(db, code);
  const planned = (await evaluationTargets(db, ev.id)).filter((t) => t.websites.length > 0).length;
  const inspected = (await inspectedWebsites(db, ev.id)).size;
  const queue = boss ? await boss.getQueueSize(INSPECT_QUEUE) : null;
  return { evaluation: ev.code, planned, inspected, waitingInQueue: queue };
}
