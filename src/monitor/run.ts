import { type Kysely, sql } from "kysely";
import type { Agent } from "undici";
import { request } from "undici";
import type { FetchOptions } from "../crawl/fetch.ts";
import { getEvaluation, saveEvidenceValues } from "../evaluations/evaluation-store.ts";
import { evaluationTargets } from "../evaluations/members.ts";
import type { Database } from "../store/schema.ts";
import { recordProbe, windowSummary } from "./history.ts";
import { probeHome } from "./probe.ts";
import { cstDay, firstDue } from "./schedule.ts";
import { homeStaleVerdict, unreachableVerdict } from "./verdicts.ts";

export interface MonitorRun {
  now: () => number;
  fetch: FetchOptions;
  dispatcher: Agent;
  concurrency?: number;
  /** Most targets claimed per round. */
  batch?: number;
  webhook?: string | null;
  onAlert?: (a: AlertEvent) => void;
}

export interface AlertEvent {
  event: "alert.raised" | "alert.cleared";
  kind: "unreachable" | "home-stale";
  site: string;
  at: string;
  detail: Record<string, unknown>;
}

/** Watches the main website of every body of an evaluation; returns how many were added. */
export async function addEvaluationTargets(
  db: Kysely<Database>,
  code: string,
  probesPerDay: number,
  now: number,
): Promise<number> {
  const ev = await getEvaluation(db, code);
  let added = 0;
  for (const t of await evaluationTargets(db, ev.id)) {
    const site = t.websites[0];
    if (!site) continue;
    const row = await db
      .insertInto("monitor_target")
      .values({
        website_id: site.id,
        url: site.url,
        probes_per_day: probesPerDay,
        next_due_at: new Date(now),
      })
      .onConflict((oc) => oc.column("website_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) continue;
    added++;
    await db
      .updateTable("monitor_target")
      .set({ next_due_at: new Date(firstDue(now, row.id, probesPerDay)) })
      .where("id", "=", row.id)
      .execute();
  }
  return added;
}

/**
 * Claims the targets that are due and moves each to its next slot in the same statement (missed
 * slots are skipped, not made up in a burst). `skip locked` lets several monitor processes share
 * the targets of one Postgres server without probing a site twice.
 */
async function claimDue(db: Kysely<Database>, now: number, batch: number) {
  const at = new Date(now);
  const r = await sql<{ id: number; url: string; probes_per_day: number }>`
    update monitor_target t set next_due_at = to_timestamp(
      extract(epoch from t.next_due_at)
      + (86400.0 / t.probes_per_day)
        * (floor((extract(epoch from ${at}::timestamptz) - extract(epoch from t.next_due_at)) / (86400.0 / t.probes_per_day)) + 1))
    where t.id in (
      select id from monitor_target
      where enabled and next_due_at <= ${at}::timestamptz
      order by next_due_at
      limit ${batch}
      for update skip locked)
    returning t.id, t.url, t.probes_per_day`.execute(db);
  return r.rows;
}

/** One round: probe every due site, record, and raise or clear alerts. Returns probes made. */
export async function runDueProbes(db: Kysely<Database>, run: MonitorRun): Promise<number> {
  const due = await claimDue(db, run.now(), run.batch ?? 500);
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const t = due[next++] as (typeof due)[number];
      const p = await probeHome(t.url, run.fetch, run.dispatcher, run.now);
      await recordProbe(db, t.id, p);
      await updateAlerts(db, t.id, t.url, p.at, run);
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.concurrency ?? 64, due.length) }, worker));
  return due.length;
}

/** Alerts follow the trailing week: raised once when a threshold is crossed, cleared when back. */
async function updateAlerts(
  db: Kysely<Database>,
  targetId: number,
  site: string,
  at: number,
  run: MonitorRun,
) {
  const today = cstDay(at);
  const week = await windowSummary(db, targetId, today, 7);
  const twoWeeks = await windowSummary(db, targetId, today, 14);
  const states = {
    unreachable: {
      on: unreachableVerdict(week).veto,
      detail: { share: week.unanswered / Math.max(1, week.probes), probes: week.probes },
    },
    "home-stale": {
      on: twoWeeks.days >= 14 && homeStaleVerdict(twoWeeks, today).stale,
      detail: { latestDate: twoWeeks.latestDate },
    },
  } as const;
  for (const kind of ["unreachable", "home-stale"] as const) {
    const open = await db
      .selectFrom("monitor_alert")
      .select("id")
      .where("target_id", "=", targetId)
      .where("kind", "=", kind)
      .where("cleared_at", "is", null)
      .executeTakeFirst();
    const s = states[kind];
    if (s.on && !open) {
      const inserted = await db
        .insertInto("monitor_alert")
        .values({ target_id: targetId, kind, raised_at: new Date(at), detail: JSON.stringify(s.detail) })
        .onConflict((oc) => oc.columns(["target_id", "kind"]).where("cleared_at", "is", null).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted)
        await announce(run, {
          event: "alert.raised",
          kind,
          site,
          at: new Date(at).toISOString(),
          detail: s.detail,
        });
    } else if (!s.on && open) {
      await db
        .updateTable("monitor_alert")
        .set({ cleared_at: new Date(at) })
        .where("id", "=", open.id)
        .execute();
      await announce(run, {
        event: "alert.cleared",
        kind,
        site,
        at: new Date(at).toISOString(),
        detail: s.detail,
      });
    }
  }
}

async function announce(run: MonitorRun, a: AlertEvent): Promise<void> {
  run.onAlert?.(a);
  process.stderr.write(`[monitor] ${a.event} ${a.kind} ${a.site} ${JSON.stringify(a.detail)}\n`);
  if (!run.webhook) return;
  try {
    const r = await request(run.webhook, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(a),
      headersTimeout: 5000,
      bodyTimeout: 5000,
    });
    await r.body.dump();
  } catch (e) {
    // A webhook that is down must not stop the monitoring; the alert is in the database.
    process.stderr.write(`[monitor] webhook failed: ${(e as Error).message}\n`);
  }
}

export interface MonitorVerdict {
  bodyId: string;
  site: string;
  probes: number;
  unanswered: number;
  share: number | null;
  sufficient: boolean;
  unreachableVeto: boolean;
  homeStale: boolean;
}

/**
 * The veto-relevant verdicts of an evaluation's sites from the week (availability) and two weeks
 * (homepage) before its as-of date; with `apply`, written as facts the check list reads.
 */
export async function evaluationVerdicts(
  db: Kysely<Database>,
  code: string,
  apply = false,
): Promise<MonitorVerdict[]> {
  const ev = await getEvaluation(db, code);
  const lastDay = new Date(Date.parse(`${ev.asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const out: MonitorVerdict[] = [];
  for (const t of await evaluationTargets(db, ev.id)) {
    const site = t.websites[0];
    if (!site) continue;
    const target = await db
      .selectFrom("monitor_target")
      .select("id")
      .where("website_id", "=", site.id)
      .executeTakeFirst();
    if (!target) continue;
    const week = await windowSummary(db, target.id, lastDay, 7);
    const twoWeeks = await windowSummary(db, target.id, lastDay, 14);
    const u = unreachableVerdict(week);
    out.push({
      bodyId: t.bodyId,
      site: site.url,
      probes: week.probes,
      unanswered: week.unanswered,
      share: u.share,
      sufficient: u.sufficient,
      unreachableVeto: u.veto,
      homeStale: homeStaleVerdict(twoWeeks, ev.asOf).stale,
    });
  }
  if (apply)
    await saveEvidenceValues(
      db,
      ev.id,
      out
        .filter((v) => v.share !== null)
        .map((v) => ({
          bodyId: v.bodyId,
          kind: "fact" as const,
          code: "monitor.unreachableShare",
          value: v.share,
          source: `monitor:${v.probes} probes to ${lastDay}`,
        })),
    );
  return out;
}
