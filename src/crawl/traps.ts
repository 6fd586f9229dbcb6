/**
 * Crawler-trap defences that do not depend on the crawl state: calendar-like URLs. The stateful
 * ones (depth, query variants per path) live in the frontier.
 */
const CALENDAR_PARAM = /(^|&)(date|day|month|year|ym|ymd|d|cal|calendar|time)=/i;
const DATE_IN_PATH = /\/(19|20)\d{2}[-/]?(0[1-9]|1[0-2])([-/]?(0[1-9]|[12]\d|3[01]))?\/?$/;
const CALENDAR_PATH = /(calendar|rili|日历|kalendar)/i;

/** True when a URL looks like a calendar page that can page forever. */
export function looksLikeCalendar(u: URL): boolean {
  const q = u.search.slice(1);
  if (CALENDAR_PATH.test(decodeURIComponent(u.pathname))) return true;
  if (q && CALENDAR_PARAM.test(q) && /(19|20)\d{2}/.test(q)) return true;
  // A year outside a plausible window in the path (…/2087/05/) is a trap's signature.
  const y = /\/((?:19|20)\d{2})[-/]?(0[1-9]|1[0-2])/.exec(u.pathname);
  if (y && DATE_IN_PATH.test(u.pathname)) {
    const year = Number(y[1]);
    const now = new Date().getUTCFullYear();
    if (year > now + 1 || year < 1995) return true;
  }
  return false;
}
