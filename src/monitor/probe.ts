import { createHash } from "node:crypto";
import type { Agent } from "undici";
import { fullDates, latestOf } from "../artifacts/dates.ts";
import { FetchFailure, type FetchOptions, fetchFollow, fetchOnce } from "../crawl/fetch.ts";
import { decodeBody } from "../encoding/charset.ts";
import { cstDay } from "./schedule.ts";
import { PROBE_TIMEOUT_MS } from "./verdicts.ts";

export interface ProbeResult {
  at: number;
  /** An HTTP answer arrived within the limit (whatever its status). */
  answered: boolean;
  status: number | null;
  ms: number;
  error: string | null;
  homeSha256: string | null;
  latestDate: string | null;
}

/** The fetch settings of a probe: the rule's 15 s for the whole answer, redirects followed. */
export function probeFetchOptions(base: FetchOptions): FetchOptions {
  return {
    ...base,
    connectTimeoutMs: Math.min(base.connectTimeoutMs, PROBE_TIMEOUT_MS),
    headersTimeoutMs: PROBE_TIMEOUT_MS,
    bodyTimeoutMs: PROBE_TIMEOUT_MS,
    totalTimeoutMs: PROBE_TIMEOUT_MS,
  };
}

/**
 * One availability probe of a homepage: did it answer within 15 s, and what does it say (a hash
 * to notice changes; the newest date on it, for 首页不更新).
 */
export async function probeHome(
  url: string,
  o: FetchOptions,
  dispatcher: Agent,
  now: () => number,
): Promise<ProbeResult> {
  const at = now();
  const started = performance.now();
  try {
    const { hops } = await fetchFollow(url, "GET", o.maxRedirects, (u, m) => fetchOnce(u, m, o, dispatcher));
    const last = hops[hops.length - 1];
    const ms = Math.round(performance.now() - started);
    if (!last)
      return { at, answered: false, status: null, ms, error: "network", homeSha256: null, latestDate: null };
    const ok = last.status >= 200 && last.status < 300;
    const text = ok ? decodeBody(last.body, last.headers["content-type"]).text : "";
    return {
      at,
      answered: ms <= PROBE_TIMEOUT_MS,
      status: last.status,
      ms,
      error: null,
      homeSha256: ok ? createHash("sha256").update(last.body).digest("hex") : null,
      latestDate: ok
        ? latestOf(
            fullDates(text).map((h) => h.date),
            cstDay(at),
          )
        : null,
    };
  } catch (e) {
    const ms = Math.round(performance.now() - started);
    const error = e instanceof FetchFailure ? e.failure : "network";
    return { at, answered: false, status: null, ms, error, homeSha256: null, latestDate: null };
  }
}
