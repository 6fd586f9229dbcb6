import { createHash } from "node:crypto";

/**
 * Probes of one site are spread evenly over the day, and sites are offset from each other by a
 * fixed fraction of the interval derived from their id, so 14,000 sites do not all fire at once.
 */
export function intervalMs(probesPerDay: number): number {
  return Math.round(86_400_000 / probesPerDay);
}

export function offsetMs(targetId: number, probesPerDay: number): number {
  const h = createHash("sha256").update(String(targetId)).digest().readUInt32BE(0);
  return Math.floor((h / 2 ** 32) * intervalMs(probesPerDay));
}

/** The first due time of a new target: the next slot of its offset after `now`. */
export function firstDue(now: number, targetId: number, probesPerDay: number): number {
  const step = intervalMs(probesPerDay);
  const off = offsetMs(targetId, probesPerDay);
  return Math.floor((now - off) / step) * step + off + step;
}

/** The next due time after a probe that was due at `due` and ran at `now` (never in the past). */
export function nextDue(due: number, now: number, probesPerDay: number): number {
  const step = intervalMs(probesPerDay);
  let next = due + step;
  if (next <= now) next += Math.ceil((now - next + 1) / step) * step;
  return next;
}

/** The evaluators' calendar day (China Standard Time, UTC+8) of an instant. */
export function cstDay(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
