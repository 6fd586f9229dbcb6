import type { Dispatcher } from "undici";
import { type Exchange, FetchFailure, type FetchOptions, fetchOnce, type RequestOptions } from "./fetch.ts";
import type { WarcWriter } from "./warc.ts";
import { type Archive, archiveKey } from "./warc.ts";
/** One request without redirects: live over the network or replayed from a WARC archive. */
export interface Transport {
  once(url: string, method: "GET" | "HEAD", req?: RequestOptions): Promise<Exchange>;
}

const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Live transport: retries transient failures (connection reset, 429/502/503/504) with
 * exponential back-off. Timeouts are not retried: a stalled server must cost at most its
 * timeout. Every final answer or failure is archived when a WARC writer is given.
 */
export function liveTransport(
  o: FetchOptions,
  dispatcher: Dispatcher,
  retries: number,
  warc: WarcWriter | null,
  backoffMs = 250,
): Transport {
  return {
    async once(url, method, req = {}): Promise<Exchange> {
      for (let attempt = 0; ; attempt++) {
        try {
          const x = await fetchOnce(url, method, o, dispatcher, req);
          if (TRANSIENT_STATUS.has(x.status) && attempt < retries) {
            await sleep(backoffMs * 2 ** attempt);
            continue;
          }
          if (warc) x.recordId = warc.exchange(x);
          return x;
        } catch (e) {
          const f = e instanceof FetchFailure ? e : new FetchFailure("network", String(e), url);
          if ((f.failure === "reset" || f.failure === "network") && attempt < retries) {
            await sleep(backoffMs * 2 ** attempt);
            continue;
          }
          if (warc) f.recordId = warc.failure(url, method, f.failure, f.message);
          throw f;
        }
      }
    },
  };
}

/** Replays a WARC archive: no network at all. Unknown requests fail as "not-archived". */
export function replayTransport(archive: Archive): Transport {
  return {
    async once(url, method): Promise<Exchange> {
      const k = archiveKey(method, url);
      const x = archive.exchanges.get(k);
      if (x) return x;
      const f = archive.failures.get(k);
      if (f) throw new FetchFailure(f.failure, f.message, url, f.recordId);
      throw new FetchFailure("network", `not in the archive: ${method} ${url}`, url);
    },
  };
}
