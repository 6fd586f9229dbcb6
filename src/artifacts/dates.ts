/**
 * Dates as Chinese government sites print them. A full date is `YYYY-MM-DD`; a date without a
 * year (`12-20` in a list under a year heading) is kept as `--MM-DD` with the heading's year
 * when there is one, and resolved against the as-of date by the checks, never the wall clock.
 */

/** `YYYY-MM-DD`, `YYYY-MM` (a month only, from URL paths) or `--MM-DD` (no year known). */
export type PageDate = string;

const FULL =
  /(?<![\d.])((?:19|20)\d{2})\s*(?:([-/.])\s*(0?[1-9]|1[0-2])\s*\2\s*(0?[1-9]|[12]\d|3[01])|年\s*(0?[1-9]|1[0-2])\s*月\s*(0?[1-9]|[12]\d|3[01])\s*日?)(?![\d])/g;
/** A list date without a year: the text around it must be little more than the date. */
const SHORT = /^[\s[(（【〔]*(0?[1-9]|1[0-2])\s*(?:[-/.]|月)\s*(0?[1-9]|[12]\d|3[01])\s*日?[\s\])）】〕]*$/;
const YEAR_HEADING = /^[\s[(（【]*((?:19|20)\d{2})\s*年?[\s\])）】]*$/;

function pad(n: string | number): string {
  return String(n).padStart(2, "0");
}

function valid(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export interface DateHit {
  date: PageDate;
  /** Offset of the match in the text. */
  at: number;
}

/** Every full date in a text (`2022-12-20`, `2022/12/20`, `2022.12.20`, `2022年12月20日`). */
export function fullDates(text: string): DateHit[] {
  const out: DateHit[] = [];
  FULL.lastIndex = 0;
  for (let m = FULL.exec(text); m; m = FULL.exec(text)) {
    const y = Number(m[1]);
    const mo = Number(m[3] ?? m[5]);
    const d = Number(m[4] ?? m[6]);
    if (valid(y, mo, d)) out.push({ date: `${y}-${pad(mo)}-${pad(d)}`, at: m.index });
  }
  return out;
}

/** `12-20`, `[12-20]`, `12/20`, `12月20日` standing alone; the year comes from context. */
export function shortDate(text: string, year: string | null): PageDate | null {
  const m = SHORT.exec(text);
  if (!m) return null;
  const mo = Number(m[1]);
  const d = Number(m[2]);
  if (year) return valid(Number(year), mo, d) ? `${year}-${pad(mo)}-${pad(d)}` : null;
  return valid(2000, mo, d) ? `--${pad(mo)}-${pad(d)}` : null;
}

/** A text that is only a year (`2022`, `2022年`): a year heading over a list of short dates. */
export function yearHeading(text: string): string | null {
  return YEAR_HEADING.exec(text)?.[1] ?? null;
}

const URL_DAY =
  /(?:^|[/_.\-a-z])((?:19|20)\d{2})[-_/]?(0[1-9]|1[0-2])[-_/]?(0[1-9]|[12]\d|3[01])(?=[_./\-a-z]|$)/i;
const URL_MONTH = /\/((?:19|20)\d{2})[-_]?(0[1-9]|1[0-2])\//;

/**
 * The date a CMS wrote into an item's path: `/t20221220_123.html`, `/2022-12/20/`,
 * `/art/2022/12/20/`, or only the month, `/202212/` (then `YYYY-MM`).
 */
export function urlDate(href: string): PageDate | null {
  let path = href;
  const q = path.search(/[?#]/);
  if (q >= 0) path = path.slice(0, q);
  path = path.replace(/^[a-z]+:\/\/[^/]+/i, "");
  const d = URL_DAY.exec(path);
  if (d && valid(Number(d[1]), Number(d[2]), Number(d[3]))) return `${d[1]}-${d[2]}-${d[3]}`;
  const m = URL_MONTH.exec(path);
  if (m) return `${m[1]}-${m[2]}`;
  return null;
}

const DAY_MS = 86_400_000;

/**
 * A page date as a calendar day, against the as-of date: a month stands for its last day
 * (never after as-of: an item of this month is not older than today); a date without a year is
 * the latest such day not after as-of.
 */
export function resolveDate(d: PageDate, asOf: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  if (/^\d{4}-\d{2}$/.test(d)) {
    const [y, m] = d.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return d === asOf.slice(0, 7) ? asOf : last;
  }
  const m = /^--(\d{2})-(\d{2})$/.exec(d);
  if (!m) return null;
  const y = Number(asOf.slice(0, 4));
  for (const year of [y, y - 1]) {
    if (!valid(year, Number(m[1]), Number(m[2]))) continue;
    const c = `${year}-${m[1]}-${m[2]}`;
    if (c <= asOf) return c;
  }
  return null;
}

/** Whole days from `d` to `asOf` (positive when d is earlier). */
export function ageDays(d: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / DAY_MS);
}

/** The newest of the dates that are not after as-of (later ones are event dates or typos). */
export function latestOf(dates: Iterable<PageDate | null | undefined>, asOf: string): string | null {
  let best: string | null = null;
  for (const raw of dates) {
    if (!raw) continue;
    const d = resolveDate(raw, asOf);
    if (d && d <= asOf && (best === null || d > best)) best = d;
  }
  return best;
}

/**
 * The same day `n` calendar months before `date` (`2026-11-01`, 3 → `2026-08-01`), or that month's
 * last day when it has no such day (`2026-05-31`, 3 → `2026-02-28`).
 */
export function monthsBefore(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}
