import { type Kysely, sql } from "kysely";
import type { Database } from "../store/schema.ts";
import type { ProbeResult } from "./probe.ts";
import { cstDay } from "./schedule.ts";
import type { WindowSummary } from "./verdicts.ts";

/**
 * Records a probe and folds it into its day's summary in one transaction: the summary is what
 * is kept for years; raw probes are pruned after a while (`pruneProbes`).
 */
export async function recordProbe(db: Kysely<Database>, targetId: number, p: ProbeResult): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const prev = await trx
      .selectFrom("probe")
      .select("home_sha256")
      .where("target_id", "=", targetId)
      .where("home_sha256", "is not", null)
      .orderBy("at", "desc")
      .limit(1)
      .executeTakeFirst();
    const changed = p.homeSha256 !== null && prev !== undefined && prev.home_sha256 !== p.homeSha256 ? 1 : 0;
    await trx
      .insertInto("probe")
      .values({
        target_id: targetId,
        at: new Date(p.at),
        answered: p.answered,
        status: p.status,
        ms: p.ms,
        error: p.error,
        home_sha256: p.homeSha256,
        latest_date: p.latestDate,
      })
      .execute();
    const serverError = p.status !== null && p.status >= 500 ? 1 : 0;
    await trx
      .insertInto("probe_day")
      .values({
        target_id: targetId,
        day: cstDay(p.at),
        probes: 1,
        unanswered: p.answered ? 0 : 1,
        server_errors: serverError,
        total_ms: p.ms,
        home_changes: changed,
        latest_date: p.latestDate,
      })
      .onConflict((oc) =>
        oc.columns(["target_id", "day"]).doUpdateSet({
          probes: sql`probe_day.probes + 1`,
          unanswered: sql`probe_day.unanswered + ${p.answered ? 0 : 1}`,
          server_errors: sql`probe_day.server_errors + ${serverError}`,
          total_ms: sql`probe_day.total_ms + ${p.ms}`,
          home_changes: sql`probe_day.home_changes + ${changed}`,
          latest_date: sql`greatest(probe_day.latest_date, ${p.latestDate})`,
        }),
      )
      .execute();
  });
}

/** Drops raw probes older than `keepDays`; the day summaries stay. */
export async function pruneProbes(db: Kysely<Database>, now: number, keepDays = 8): Promise<number> {
  const r = await db
    .deleteFrom("probe")
    .where("at", "<", new Date(now - keepDays * 86_400_000))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The summary of the `days` calendar days that end with `lastDay` (inclusive), from day rows. */
export async function windowSummary(
  db: Kysely<Database>,
  targetId: number,
  lastDay: string,
  days: number,
): Promise<WindowSummary> {
  const first = new Date(Date.parse(`${lastDay}T00:00:00Z`) - (days - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const rows = await db
    .selectFrom("probe_day")
    .selectAll()
    .where("target_id", "=", targetId)
    .where("day", ">=", first)
    .where("day", "<=", lastDay)
    .execute();
  let latest: string | null = null;
  for (const r of rows)
    if (r.latest_date && (latest === null || r.latest_date > latest)) latest = r.latest_date;
  return {
    probes: rows.reduce((s, r) => s + Number(r.probes), 0),
    unanswered: rows.reduce((s, r) => s + Number(r.unanswered), 0),
    serverErrors: rows.reduce((s, r) => s + Number(r.server_errors), 0),
    days: rows.filter((r) => Number(r.probes) > 0).length,
    homeChanges: rows.reduce((s, r) => s + Number(r.home_changes), 0),
    latestDate: latest,
  };
}
