/** Thresholds of the national check list's veto items (cn-website-rules.md). */
export const UNREACHABLE_SHARE = 0.05;
export const PROBE_TIMEOUT_MS = 15_000;
export const MIN_PROBES_PER_DAY = 20;
export const HOME_STALE_DAYS = 14;

export interface WindowSummary {
  probes: number;
  unanswered: number;
  serverErrors: number;
  /** Distinct days that had at least one probe. */
  days: number;
  homeChanges: number;
  /** Newest date read on the homepage over the window (YYYY-MM-DD), if any. */
  latestDate: string | null;
}

export interface UnreachableVerdict {
  share: number | null;
  veto: boolean;
  /** Whether the window had enough probes (≥ 20 a day over 7 days) to judge. */
  sufficient: boolean;
}

/**
 * 站点无法访问: over a week of probes at ≥ 20 a day, requests left unanswered after 15 s make up
 * ≥ 5 % of all. An HTTP error answer is an answer (counted apart, not in the share).
 */
export function unreachableVerdict(w: WindowSummary, windowDays = 7): UnreachableVerdict {
  if (w.probes === 0) return { share: null, veto: false, sufficient: false };
  const share = w.unanswered / w.probes;
  return {
    share,
    veto: share >= UNREACHABLE_SHARE,
    sufficient: w.days >= windowDays && w.probes >= MIN_PROBES_PER_DAY * windowDays,
  };
}

const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/**
 * 首页不更新: no homepage update in the two weeks before the as-of date, judged from the
 * monitoring history: neither a change of the homepage nor a date on it within the window.
 */
export function homeStaleVerdict(w: WindowSummary, asOf: string): { stale: boolean; ageDays: number | null } {
  const age = w.latestDate ? dayNumber(asOf) - dayNumber(w.latestDate) : null;
  const stale = w.probes > 0 && w.homeChanges === 0 && (age === null || age > HOME_STALE_DAYS);
  return { stale, ageDays: age };
}
