import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Transform } from "node:stream";
import { rootCertificates } from "node:tls";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { buildConnector as BuildConnector, Dispatcher } from "undici";
import type { FailureClass } from "../artifacts/types.ts";
import { type AddressPolicy, assertAllowed, PolicyError } from "./address-policy.ts";
import { Agent, buildConnector } from "./undici-agent.ts";

type Connector = BuildConnector.connector;

export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const defaultResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Remembers answers of `inner` for a run: a national run meets the same hosts (www.gov.cn, a
 * province's portal, a dead one) on thousands of pages, and each new connection would ask again,
 * on libuv's four lookup threads. Failures are remembered for less long; lookups of one host under
 * way are shared. Bounded: the oldest answers go past `max` hosts.
 */
export function cachingResolver(
  inner: Resolver,
  o = { ttlMs: 300_000, failureTtlMs: 60_000, max: 10_000 },
): Resolver {
  const cache = new Map<string, { at: number; ttl: number; answer: Promise<LookupAddress[]> }>();
  return (host) => {
    const now = performance.now();
    const hit = cache.get(host);
    if (hit && now - hit.at < hit.ttl) return hit.answer;
    const answer = inner(host);
    const entry = { at: now, ttl: o.ttlMs, answer };
    cache.delete(host);
    cache.set(host, entry);
    if (cache.size > o.max) cache.delete(cache.keys().next().value as string);
    answer.catch(() => {
      entry.ttl = o.failureTtlMs;
    });
    return answer;
  };
}

export interface FetchOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest pause between body chunks. */
  bodyTimeoutMs: number;
  /** Hard cap on one exchange, so a trickling body cannot outlast it. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  userAgent: string;
  policy: AddressPolicy;
  resolver: Resolver;
  /** PEM certificates trusted besides the system's roots; verification stays on. */
  extraCa?: readonly string[];
}

/** One HTTP exchange (no redirect following: that is done above, one hop at a time). */
export interface Exchange {
  url: string;
  /** WARC record id of the archived response, when archiving. */
  recordId?: string;
  method: "GET" | "HEAD";
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Time to the end of the body. */
  ms: number;
  requestHeaders: Record<string, string>;
  /** The body is the first part only (`RequestOptions.truncateAt`). */
  truncated?: boolean;
}

export class FetchFailure extends Error {
  constructor(
    readonly failure: FailureClass,
    message: string,
    readonly url: string,
    public recordId?: string,
  ) {
    super(message);
    this.name = "FetchFailure";
  }
}

/** A discarded body shorter than this is read to its end; a longer one closes its connection. */
const DISCARD_READ_LIMIT = 64 * 1024;

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** Maps a Node/undici error to a failure class. */
export function classifyError(e: unknown): FailureClass {
  if (e instanceof FetchFailure) return e.failure;
  if (e instanceof PolicyError) return "policy-refused";
  const err = e as { code?: string; name?: string; cause?: unknown };
  if (err?.cause instanceof PolicyError) return "policy-refused";
  const code = err?.code ?? (err?.cause as { code?: string } | undefined)?.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA" || code === "EAI_FAIL")
    return "dns";
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET") return "reset";
  if (
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "ETIMEDOUT" ||
    err?.name === "TimeoutError" ||
    err?.name === "AbortError"
  )
    return "timeout";
  if (TLS_CODES.test(code)) return "tls";
  if (code === "POLICY_REFUSED") return "policy-refused";
  return "network";
}

/**
 * An undici dispatcher whose connections resolve names through our resolver and refuse
 * forbidden addresses there, so the address checked is the address connected to: a DNS answer
 * that changes between check and connect (rebinding) cannot slip past. The check knows the port
 * connected to (one connector per destination port), so a policy can let through exactly some
 * `address:port` servers (`AddressPolicy.allowEndpoints`); IP literals, which never reach the
 * lookup, are checked in the connector itself.
 */
export function createDispatcher(o: FetchOptions, connections = 4): Agent {
  const lookupFor =
    (port: number) =>
    (
      hostname: string,
      opts: { all?: boolean },
      cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ): void => {
      o.resolver(hostname).then(
        (addrs) => {
          try {
            if (addrs.length === 0) {
              const err = Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" });
              throw err;
            }
            for (const a of addrs) assertAllowed(hostname, a.address, o.policy, port);
            if (opts.all) cb(null, addrs);
            else cb(null, addrs[0]?.address ?? "", addrs[0]?.family ?? 4);
          } catch (e) {
            cb(e as Error, "");
          }
        },
        (e: Error) => cb(e, ""),
      );
    };
  const connectors = new Map<number, Connector>();
  const connectorFor = (port: number): Connector => {
    let c = connectors.get(port);
    if (!c) {
      c = buildConnector({
        timeout: o.connectTimeoutMs,
        lookup: lookupFor(port) as never,
        // `ca` replaces the default roots: the system's are kept and the extra ones added.
        ...(o.extraCa?.length ? { ca: [...rootCertificates, ...o.extraCa] } : {}),
      });
      connectors.set(port, c);
    }
    return c;
  };
  const connect: Connector = (opts, cb) => {
    const port = Number(opts.port) || (opts.protocol === "https:" ? 443 : 80);
    const host = opts.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host)) {
      try {
        assertAllowed(host, host, o.policy, port);
      } catch (e) {
        cb(e as Error, null);
        return;
      }
    }
    connectorFor(port)(opts, cb);
  };
  return new Agent({
    connections,
    pipelining: 1,
    keepAliveTimeout: 4000,
    headersTimeout: o.headersTimeoutMs,
    bodyTimeout: o.bodyTimeoutMs,
    connect,
  });
}

/** What one request asks beyond method and URL. */
export interface RequestOptions {
  /** Link checks need the status only: the body is dropped once the headers are in. */
  discardBody?: boolean;
  /**
   * Keep at most this many bytes of the body and end the exchange there, marking the answer
   * `truncated` (robots.txt and sitemaps: the first part is worth having; a page over
   * `maxBodyBytes` instead fails as too-large).
   */
  truncateAt?: number;
}

/** One request, no redirects followed. Throws FetchFailure. */
export async function fetchOnce(
  url: string,
  method: "GET" | "HEAD",
  o: FetchOptions,
  dispatcher: Dispatcher,
  req: RequestOptions = {},
): Promise<Exchange> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new FetchFailure("bad-url", `bad URL ${url}`, url);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new FetchFailure("bad-url", `unsupported scheme ${u.protocol}`, url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  // IP literals never reach the lookup hook: check them here.
  if (isIP(host)) {
    try {
      assertAllowed(host, host, o.policy, Number(u.port) || (u.protocol === "https:" ? 443 : 80));
    } catch (e) {
      throw new FetchFailure("policy-refused", (e as Error).message, url);
    }
  }
  const requestHeaders = {
    "user-agent": o.userAgent,
    accept: "text/html,application/xhtml+xml,*/*;q=0.8",
    "accept-language": "zh-CN,zh;q=0.9",
    // Bodies arrive as sent; a server that compresses anyway is decompressed below, within limits.
    "accept-encoding": "identity",
  };
  const started = performance.now();
  const deadline = watchDeadline(started + o.totalTimeoutMs);
  try {
    const r = await dispatchOnce(dispatcher, u, method, requestHeaders, {
      discard: req.discardBody === true || method === "HEAD",
      maxBodyBytes: Math.min(o.maxBodyBytes, req.truncateAt ?? Number.POSITIVE_INFINITY),
      truncate: req.truncateAt !== undefined,
      deadline,
      url,
    });
    let body: Uint8Array = r.chunks.length === 1 ? (r.chunks[0] as Buffer) : Buffer.concat(r.chunks);
    let truncated = r.truncated;
    const coding = r.headers["content-encoding"]?.trim().toLowerCase();
    if (coding && coding !== "identity" && body.byteLength > 0 && method === "GET" && !req.discardBody) {
      const d = await decompress(body, coding, o.maxBodyBytes, req.truncateAt, url, deadline);
      if (d) {
        body = d.body;
        truncated ||= d.truncated;
        // The body is kept decoded: the header would mislead whoever reads it back.
        delete r.headers["content-encoding"];
        delete r.headers["content-length"];
      }
    }
    const x: Exchange = {
      url,
      method,
      status: r.status,
      headers: r.headers,
      body,
      ms: Math.round(performance.now() - started),
      requestHeaders,
    };
    if (truncated) x.truncated = true;
    return x;
  } catch (e) {
    if (e instanceof FetchFailure) throw e;
    const cls = classifyError(e);
    const msg = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new FetchFailure(cls, msg, url);
  } finally {
    deadline.clear();
  }
}

const DECOMPRESSORS: Record<string, () => Transform> = {
  gzip: () => createGunzip(),
  "x-gzip": () => createGunzip(),
  deflate: () => createInflate(),
  br: () => createBrotliDecompress(),
};

/**
 * Decodes a body a server compressed although we asked for none, on libuv's threads and never
 * past `maxBytes` of output: a gzip bomb costs what the limit allows and no more. Null for an
 * encoding we do not know (the body is kept as it came).
 */
function decompress(
  body: Uint8Array,
  coding: string,
  maxBytes: number,
  truncateAt: number | undefined,
  url: string,
  deadline: Deadline,
): Promise<{ body: Buffer; truncated: boolean } | null> {
  const make = DECOMPRESSORS[coding];
  if (!make) return Promise.resolve(null);
  const limit = Math.min(maxBytes, truncateAt ?? Number.POSITIVE_INFINITY);
  return new Promise((resolve, reject) => {
    const z = make();
    const out: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      z.destroy();
      f();
    };
    deadline.onPass(() => finish(() => reject(new FetchFailure("timeout", "total timeout", url))));
    z.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void out.push(c);
      if (truncateAt !== undefined) {
        out.push(c.subarray(0, c.length - (size - limit)));
        finish(() => resolve({ body: Buffer.concat(out), truncated: true }));
      } else
        finish(() =>
          reject(new FetchFailure("too-large", `body decompresses past ${maxBytes} bytes (${coding})`, url)),
        );
    });
    z.on("end", () => finish(() => resolve({ body: Buffer.concat(out), truncated: false })));
    // A body cut short or corrupt: what was decoded stands, as a browser shows it.
    z.on("error", () => finish(() => resolve({ body: Buffer.concat(out), truncated: true })));
    z.end(body);
  });
}

/**
 * One exchange on undici's dispatcher interface: status, headers and body chunks straight from
 * the connection, with no response stream, async iterator or abort signal in between. Those were
 * most of what undici cost the crawler's thread, at two or three requests per page.
 */
function dispatchOnce(
  dispatcher: Dispatcher,
  u: URL,
  method: "GET" | "HEAD",
  requestHeaders: Record<string, string>,
  o: { discard: boolean; maxBodyBytes: number; truncate: boolean; deadline: Deadline; url: string },
): Promise<{ status: number; headers: Record<string, string>; chunks: Buffer[]; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let abort: ((reason: Error) => void) | null = null;
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const done = () => {
      if (settled) return;
      settled = true;
      resolve({ status, headers, chunks, truncated });
    };
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      reject(e);
      abort?.(e);
    };
    // An answer complete enough (a discarded body, a truncated one): keep it, drop the rest.
    const enough = () => {
      done();
      abort?.(new Error("body not needed"));
    };
    // The deadline runs from the start, connected or not: a request queued behind a busy
    // connection, or one whose connection never opens, ends at it too.
    const timeUp = () =>
      (o.discard || truncated) && status !== 0
        ? enough()
        : fail(new FetchFailure("timeout", "total timeout", o.url));
    o.deadline.onPass(timeUp);
    try {
      dispatcher.dispatch(
        {
          origin: u.origin,
          path: `${u.pathname}${u.search}`,
          method,
          headers: requestHeaders,
          // undici closes the connection after every HEAD unless told otherwise (for servers that
          // send a body anyway); it still closes unless the answer says `connection: keep-alive`.
          // Link checks are mostly HEADs: a new connection for each would cost more than the check.
          ...(method === "HEAD" ? { reset: false } : {}),
        },
        {
          onConnect(a: (reason: Error) => void) {
            abort = a;
            // Ended before the connection came (the deadline passed while queued): drop it now.
            if (settled) a(new Error("exchange already ended"));
          },
          onHeaders(statusCode: number, raw: Buffer[]) {
            if (settled) return false;
            if (statusCode < 200) return true;
            status = statusCode;
            headers = headerRecord(raw);
            const declared = Number(headers["content-length"] ?? Number.NaN);
            if (o.discard) {
              // Reading a short body to its end keeps the connection for the next request.
              if (declared > DISCARD_READ_LIMIT) enough();
            } else if (declared > o.maxBodyBytes && !o.truncate && !headers["content-encoding"])
              fail(
                new FetchFailure("too-large", `body of ${declared} bytes exceeds ${o.maxBodyBytes}`, o.url),
              );
            return true;
          },
          onData(chunk: Buffer) {
            if (settled) return false;
            size += chunk.length;
            if (o.discard) {
              if (size > DISCARD_READ_LIMIT) enough();
            } else if (size > o.maxBodyBytes) {
              if (o.truncate) {
                chunks.push(chunk.subarray(0, chunk.length - (size - o.maxBodyBytes)));
                truncated = true;
                enough();
              } else fail(new FetchFailure("too-large", `body exceeds ${o.maxBodyBytes} bytes`, o.url));
            } else chunks.push(chunk);
            return true;
          },
          onComplete() {
            done();
          },
          onError(e: Error) {
            if (!settled) {
              settled = true;
              reject(e);
            }
          },
        } as never,
      );
    } catch (e) {
      // undici refuses some requests at once (a path it cannot send).
      fail(e as Error);
    }
  });
}

/** Response headers, lower-cased; repeated ones joined as HTTP allows. */
function headerRecord(raw: Buffer[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = (raw[i] as Buffer).toString("latin1").toLowerCase();
    // The body is stored de-chunked: keeping the header would mislead WARC readers. A header
    // named __proto__ (a hostile server's) would set the record's prototype instead.
    if (k === "transfer-encoding" || k === "__proto__") continue;
    const v = (raw[i + 1] as Buffer).toString("latin1");
    out[k] = Object.hasOwn(out, k) ? `${out[k]}, ${v}` : v;
  }
  return out;
}

interface Deadline {
  /** What to do when the deadline passes (end the exchange). */
  onPass(stop: () => void): void;
  clear(): void;
}

/**
 * Exchanges under way and what stops each one; one sweeping timer serves all of them. The timer
 * keeps the process alive while any exchange is under way: it is what settles an exchange that
 * nothing else would.
 */
const watched = new Set<{ at: number; stop: (() => void) | null }>();
let sweeper: NodeJS.Timeout | null = null;
/** How often deadlines are looked at: a body is cut at most this late. */
const SWEEP_MS = 100;

function sweep(): void {
  const now = performance.now();
  for (const w of watched)
    if (w.stop && now >= w.at) {
      const stop = w.stop;
      watched.delete(w);
      stop();
    }
  if (watched.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = null;
  }
}

function watchDeadline(at: number): Deadline {
  const w: { at: number; stop: (() => void) | null } = { at, stop: null };
  watched.add(w);
  if (!sweeper) {
    sweeper = setInterval(sweep, SWEEP_MS);
  }
  return {
    onPass(stop) {
      w.stop = stop;
    },
    clear() {
      watched.delete(w);
      if (watched.size === 0 && sweeper) {
        clearInterval(sweeper);
        sweeper = null;
      }
    },
  };
}

export interface Followed {
  /** Every hop, in order; the last one is the final answer. */
  hops: Exchange[];
  finalUrl: string;
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export type Once = (url: string, method: "GET" | "HEAD") => Promise<Exchange>;

/**
 * Follows redirects ourselves so that every hop passes the address policy (the lookup hook runs
 * for each new connection) and lands in the archive, with a limit and loop detection.
 */
export async function fetchFollow(
  url: string,
  method: "GET" | "HEAD",
  maxRedirects: number,
  once: Once,
): Promise<Followed> {
  const hops: Exchange[] = [];
  const seen = new Set<string>();
  let current = url;
  for (;;) {
    seen.add(current);
    const x = await once(current, method);
    hops.push(x);
    const loc = x.headers.location;
    if (!isRedirect(x.status) || !loc) return { hops, finalUrl: current };
    let next: string;
    try {
      next = new URL(loc, current).href;
    } catch {
      return { hops, finalUrl: current };
    }
    if (seen.has(next)) throw new FetchFailure("redirect-loop", `redirect loop at ${next}`, url);
    if (hops.length > maxRedirects)
      throw new FetchFailure("too-many-redirects", `more than ${maxRedirects} redirects`, url);
    current = next;
  }
}
