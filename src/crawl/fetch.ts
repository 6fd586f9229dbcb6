import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { rootCertificates } from "node:tls";
import { Agent, request } from "undici";
import { type AddressPolicy, assertAllowed, PolicyError } from "./address-policy.ts";

/** Failure classes reported in findings and logs (docs/inspection.md lists them). */
export type FailureClass =
  | "dns"
  | "refused"
  | "reset"
  | "timeout"
  | "tls"
  | "too-large"
  | "redirect-loop"
  | "too-many-redirects"
  | "policy-refused"
  | "bad-url"
  | "network";

export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const defaultResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

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
 * that changes between check and connect (rebinding) cannot slip past.
 */
export function createDispatcher(o: FetchOptions, connections = 4): Agent {
  const lookup = (
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
          for (const a of addrs) assertAllowed(hostname, a.address, o.policy);
          if (opts.all) cb(null, addrs);
          else cb(null, addrs[0]?.address ?? "", addrs[0]?.family ?? 4);
        } catch (e) {
          cb(e as Error, "");
        }
      },
      (e: Error) => cb(e, ""),
    );
  };
  return new Agent({
    connections,
    pipelining: 1,
    keepAliveTimeout: 4000,
    headersTimeout: o.headersTimeoutMs,
    bodyTimeout: o.bodyTimeoutMs,
    connect: {
      timeout: o.connectTimeoutMs,
      lookup: lookup as never,
      // `ca` replaces the default roots: the system's are kept and the extra ones added.
      ...(o.extraCa?.length ? { ca: [...rootCertificates, ...o.extraCa] } : {}),
    },
  });
}

/** One request, no redirects followed. Throws FetchFailure. */
export async function fetchOnce(
  url: string,
  method: "GET" | "HEAD",
  o: FetchOptions,
  dispatcher: Agent,
  /** Link checks need the status only: the body is dropped once the headers are in. */
  discardBody = false,
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
      assertAllowed(host, host, o.policy);
    } catch (e) {
      throw new FetchFailure("policy-refused", (e as Error).message, url);
    }
  }
  const requestHeaders = {
    "user-agent": o.userAgent,
    accept: "text/html,application/xhtml+xml,*/*;q=0.8",
    "accept-language": "zh-CN,zh;q=0.9",
  };
  const started = performance.now();
  const deadline = watchDeadline(started + o.totalTimeoutMs);
  try {
    // No signal: the connect and header waits have undici's own timeouts, and the total cap is
    // enforced on the body below. An AbortSignal per request was a good part of the crawler's
    // own CPU (creating it, and undici listening to it).
    const res = await request(u, {
      method,
      headers: requestHeaders,
      dispatcher,
      // undici closes the connection after every HEAD unless told otherwise (for servers that send
      // a body anyway); it still closes unless the answer says `connection: keep-alive`. Link
      // checks are mostly HEADs: a new connection for each would cost more than the check.
      ...(method === "HEAD" ? { reset: false } : {}),
    });
    res.body.on("error", () => {});
    if (deadline.passed()) {
      res.body.destroy();
      throw new FetchFailure("timeout", "total timeout", url);
    }
    deadline.onPass(() => res.body.destroy(totalTimeoutError()));
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(res.headers["content-length"] ?? Number.NaN);
    if (discardBody || method === "HEAD") {
      // Reading a short body to its end keeps the connection for the next request; destroying
      // it would abort the exchange and cost a new connection (and an error) every time.
      await res.body.dump({ limit: DISCARD_READ_LIMIT });
    } else if (declared > o.maxBodyBytes) {
      res.body.destroy();
      throw new FetchFailure("too-large", `body of ${declared} bytes exceeds ${o.maxBodyBytes}`, url);
    }
    if (!discardBody && method !== "HEAD")
      for await (const c of res.body as AsyncIterable<Buffer>) {
        size += c.length;
        if (size > o.maxBodyBytes) {
          res.body.destroy();
          throw new FetchFailure("too-large", `body exceeds ${o.maxBodyBytes} bytes`, url);
        }
        chunks.push(c);
      }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      // The body is stored de-chunked: keeping the header would mislead WARC readers.
      if (v !== undefined && k !== "transfer-encoding")
        headers[k] = Array.isArray(v) ? v.join(", ") : String(v);
    }
    return {
      url,
      method,
      status: res.statusCode,
      headers,
      body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
      ms: Math.round(performance.now() - started),
      requestHeaders,
    };
  } catch (e) {
    if (e instanceof FetchFailure) throw e;
    const cls = classifyError(e);
    const msg = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new FetchFailure(cls, msg, url);
  } finally {
    deadline.clear();
  }
}

const totalTimeoutError = () => Object.assign(new Error("total timeout"), { name: "TimeoutError" });

interface Deadline {
  passed(): boolean;
  /** What to do when the deadline passes (stop reading the body). */
  onPass(stop: () => void): void;
  clear(): void;
}

/** Exchanges under way and what stops each one; one sweeping timer serves all of them. */
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
    sweeper.unref();
  }
  return {
    passed: () => performance.now() >= at,
    onPass(stop) {
      w.stop = stop;
    },
    clear() {
      watched.delete(w);
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
