import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { checkServerIdentity, connect, type PeerCertificate, rootCertificates } from "node:tls";
import iconv from "iconv-lite";
import { resolveDate } from "../artifacts/dates.ts";
import type { SearchForm } from "../artifacts/extract.ts";
import type { AaaaResolver } from "../artifacts/site-steps.ts";
import type {
  CertificateFacts,
  FamilyFetch,
  Ipv6Link,
  PageArtifact,
  SiteArtifacts,
} from "../artifacts/types.ts";
import { decodeBody } from "../encoding/charset.ts";
import { assertAllowed } from "./address-policy.ts";
import {
  classifyError,
  createDispatcher,
  type Exchange,
  FetchFailure,
  type FetchOptions,
  fetchFollow,
  type RequestOptions,
  type Resolver,
} from "./fetch.ts";
import type { HostGate } from "./gate.ts";
import { SiteEnded, type SiteRun } from "./site-run.ts";
import { liveTransport } from "./transport.ts";

// Site-level probes: requests made once per site, beside the crawl, for the checks that judge the
// site as a whole (http.soft-404, https.cert-invalid, ipv6.*, search.broken). None of them runs per page.

/**
 * The path the soft-404 probe asks for: no site has it. It is derived from the site's origin
 * rather than drawn at random, so that two inspections of a site ask the same URL and give the
 * same report, and a recheck finds it in the archive.
 */
export function soft404Url(origin: string): string {
  const u = new URL(origin);
  const token = createHash("sha256").update(`govscore soft-404 ${u.origin}`).digest("hex").slice(0, 16);
  return new URL(`/govscore-${token}-404.html`, u.origin).href;
}

/** How much of a probed page is read: its title and first words are all the probes look at. */
export const PROBE_BYTES = 64 * 1024;

/** What an error page says of itself, in its title or its first words. */
const ERROR_TITLE = /404|不存在|找不到|未找到|无法找到|错误|出错|失效|已删除|not\s*found|error/i;
const ERROR_TEXT =
  /页面不存在|网页不存在|文件不存在|页面未找到|找不到(?:该|此|您)?(?:所)?(?:请求|访问|要访问|查找)?的?(?:页面|网页|文件)|您(?:所)?(?:要)?访问的(?:页面|网页|内容)(?:不存在|已删除|已被删除|找不到)|404\s*not\s*found|page\s+not\s+found|\b404\b/i;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * The title and the first words of an answer, and whether they read like an error page. `echo`
 * (the probe's own path) is left out of what is judged: many error pages repeat the path asked
 * for, and the probe's path has "404" in it.
 */
export function readAnswer(
  body: Uint8Array,
  contentType: string | undefined,
  echo?: string,
): { title: string | null; errorPage: boolean } {
  const text = decodeBody(body.subarray(0, PROBE_BYTES), contentType).text;
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
  const title = m?.[1]
    ? m[1]
        .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
          if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? all;
          const n = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
          return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : all;
        })
        .replace(/\s+/g, " ")
        .trim() || null
    : null;
  // The words a visitor sees first: scripts, styles and tags dropped.
  const words = text
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .slice(0, 2000);
  const judged = (t: string) => (echo ? t.split(echo).join(" ") : t);
  return {
    title,
    errorPage: (title !== null && ERROR_TITLE.test(judged(title))) || ERROR_TEXT.test(judged(words)),
  };
}

/** What the probes work with: the site's supervision, the run's gate and the fetch settings. */
export interface ProbeContext {
  run: SiteRun;
  gate: HostGate;
  delayMs: number;
  retries: number;
  /** The site's fetch options (timeouts, limits, address policy, extra CAs, the run's resolver). */
  fetch: FetchOptions;
  /** AAAA lookups (the IPv6 probes connect to these addresses only). */
  aaaa?: AaaaResolver | null;
}

const notFound = (host: string) =>
  Object.assign(new Error(`no address for ${host}`), { code: "ENOTFOUND" }) as Error;

/**
 * Reads the certificate the https:// side presents, whether or not it verifies: a TLS connection
 * that does not refuse what it is shown, closed as soon as the handshake is over. Nothing is
 * requested over it. The address is resolved and checked against the address policy as for
 * every other connection; the extra CAs are trusted as in the crawl.
 */
export async function readCertificate(url: string, p: ProbeContext): Promise<CertificateFacts> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const port = u.port === "" ? 443 : Number(u.port);
  const facts: CertificateFacts = {
    url,
    host,
    port,
    error: null,
    subject: null,
    san: [],
    issuer: null,
    validFrom: null,
    validTo: null,
    authorizationError: null,
    hostError: null,
  };
  const o = p.fetch;
  try {
    const address = await p.run.wait(
      "dns",
      host,
      (async () => {
        if (isIP(host)) {
          assertAllowed(host, host, o.policy, port);
          return host;
        }
        const addrs = await o.resolver(host);
        if (addrs.length === 0) throw notFound(host);
        for (const a of addrs) assertAllowed(host, a.address, o.policy, port);
        return (addrs[0] as { address: string }).address;
      })(),
    );
    const r = await p.gate.run(
      u.host,
      () => p.run.wait("request", `TLS ${u.host}`, handshake(address, port, host, o, p.run)),
      p.delayMs,
      p.run,
    );
    const c = r.cert;
    facts.subject = nameOf(c.subject);
    facts.issuer = nameOf(c.issuer);
    facts.san = (c.subjectaltname ?? "")
      .split(/,\s*/)
      .map((s) => s.trim())
      .filter(Boolean);
    facts.validFrom = isoOf(c.valid_from);
    facts.validTo = isoOf(c.valid_to);
    // The host is judged below, for every certificate; OpenSSL's verdict says the chain's.
    facts.authorizationError =
      r.authorizationError === "ERR_TLS_CERT_ALTNAME_INVALID" ? null : r.authorizationError;
    const mismatch = checkServerIdentity(host, c);
    facts.hostError = mismatch ? mismatch.message : null;
  } catch (e) {
    if (e instanceof SiteEnded) throw e;
    facts.error = classifyError(e);
  }
  return facts;
}

/** Some certificates carry several values of a field (two OUs): they come as an array. */
function nameOf(n: PeerCertificate["subject"] | undefined): string | null {
  if (!n) return null;
  const pick = (k: string) => {
    const v = (n as unknown as Record<string, string | string[] | undefined>)[k];
    return Array.isArray(v) ? v.join(", ") : v;
  };
  return pick("CN") ?? pick("O") ?? null;
}

function isoOf(s: string | undefined): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function handshake(
  address: string,
  port: number,
  host: string,
  o: FetchOptions,
  run: SiteRun,
): Promise<{ cert: PeerCertificate; authorizationError: string | null }> {
  return new Promise<{ cert: PeerCertificate; authorizationError: string | null }>((resolve, reject) => {
    const socket = connect({
      host: address,
      port,
      // No SNI for an address (TLS forbids it); the name otherwise, as a browser sends it.
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      ...(o.extraCa?.length ? { ca: [...rootCertificates, ...o.extraCa] } : {}),
    });
    socket.setTimeout(o.connectTimeoutMs + o.headersTimeoutMs, () =>
      socket.destroy(Object.assign(new Error("TLS handshake timed out"), { code: "ETIMEDOUT" })),
    );
    // A site ended meanwhile: its wait is already settled, the socket must go too.
    const forget = run.whenEnded(() => socket.destroy());
    socket.once("close", forget);
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate(false);
      const err = socket.authorized ? null : String(socket.authorizationError ?? "unknown");
      socket.destroy();
      if (!cert || Object.keys(cert).length === 0)
        reject(Object.assign(new Error("no certificate presented"), { code: "ERR_TLS_NO_CERT" }));
      else resolve({ cert, authorizationError: err });
    });
    socket.once("error", reject);
  });
}

/** A resolver that answers one address family only: the AAAA records, or the run's IPv4 ones. */
function familyResolver(family: 4 | 6, p: ProbeContext): Resolver {
  if (family === 6) {
    const aaaa = p.aaaa;
    return async (host) => {
      if (isIP(host) === 6) return [{ address: host, family: 6 }];
      const addrs = aaaa ? await aaaa(host).catch(() => [] as string[]) : [];
      if (addrs.length === 0) throw notFound(host);
      return addrs.map((address) => ({ address, family: 6 }));
    };
  }
  return async (host) => {
    const addrs = (await p.fetch.resolver(host)).filter((a) => a.family === 4);
    if (addrs.length === 0) throw notFound(host);
    return addrs;
  };
}

/** A fetcher that connects over one address family only, redirects followed; `close` when done. */
function familyFetcher(family: 4 | 6, p: ProbeContext) {
  const o: FetchOptions = { ...p.fetch, resolver: familyResolver(family, p) };
  const dispatcher = createDispatcher(o, 2);
  const forget = p.run.whenEnded(() => void dispatcher.destroy().catch(() => {}));
  const transport = liveTransport(o, dispatcher, p.retries, null);
  return {
    async get(url: string, req: RequestOptions): Promise<{ outcome: FamilyFetch; last: Exchange | null }> {
      const outcome: FamilyFetch = {
        url,
        finalUrl: url,
        status: null,
        error: null,
        bytes: null,
        title: null,
      };
      try {
        const r = await fetchFollow(url, "GET", o.maxRedirects, (h) =>
          p.gate.run(
            new URL(h).host,
            () => p.run.wait("request", `GET ${h} (IPv${family})`, transport.once(h, "GET", req)),
            p.delayMs,
            p.run,
          ),
        );
        const last = r.hops[r.hops.length - 1] as Exchange;
        outcome.finalUrl = r.finalUrl;
        outcome.status = last.status;
        return { outcome, last };
      } catch (e) {
        if (e instanceof SiteEnded) throw e;
        outcome.error = e instanceof FetchFailure ? e.failure : classifyError(e);
        return { outcome, last: null };
      }
    },
    async close(): Promise<void> {
      forget();
      await dispatcher.destroy().catch(() => {});
    },
  };
}

/**
 * Whether this machine has a global IPv6 address (2000::/3) to fetch sites over IPv6 from. Without
 * one every IPv6 connection fails here, whatever the site does: the IPv6 fetches would only report
 * the inspector's own network.
 */
export function hasGlobalIpv6(interfaces = networkInterfaces()): boolean {
  return Object.values(interfaces).some((list) =>
    (list ?? []).some((i) => i.family === "IPv6" && !i.internal && /^[23][0-9a-f]{0,3}:/i.test(i.address)),
  );
}

/** Pages of each level fetched again over IPv6, at most. */
export const IPV6_LINKS_PER_LEVEL = 10;

/** At most `n` of `list`, spread evenly over it (the whole list when it is short). */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)] as T);
}

/**
 * The IPv6 probes of the national IPv6 monitoring that need a connection: the homepage fetched
 * over IPv6 (the host's AAAA addresses, nothing else) and over IPv4 (its A addresses), and, when
 * the homepage answers over IPv6, a sample of the crawl's second- and third-level pages fetched
 * again over IPv6. Writes `a.ipv6.home` and `a.ipv6.links`; does nothing for a site without AAAA
 * records or given as an address.
 */
export async function probeIpv6(a: SiteArtifacts, p: ProbeContext): Promise<void> {
  const v6 = a.ipv6;
  if (!v6 || v6.addresses.length === 0 || !p.aaaa || isIP(a.host.replace(/^\[|\]$/g, ""))) return;
  const over6 = familyFetcher(6, p);
  const over4 = familyFetcher(4, p);
  try {
    const home = a.home.url;
    const req = { truncateAt: p.fetch.maxBodyBytes };
    const summary = (r: { outcome: FamilyFetch; last: Exchange | null }): FamilyFetch => {
      if (r.last) {
        r.outcome.bytes = r.last.body.byteLength;
        r.outcome.title = readAnswer(r.last.body, r.last.headers["content-type"]).title;
      }
      return r.outcome;
    };
    const h6 = summary(await over6.get(home, req));
    const h4 = summary(await over4.get(home, req));
    v6.home = { v6: h6, v4: h4 };
    if (h6.status === null || h6.status < 200 || h6.status >= 300) return;
    const ok = (s: number | null) => s !== null && s >= 200 && s < 300;
    const seen = new Set<string>();
    const levels = ([1, 2] as const).map((depth) =>
      spread(
        a.pages
          .filter((pg) => pg.depth === depth && ok(pg.status) && !seen.has(pg.url) && seen.add(pg.url))
          .map((pg) => pg.url)
          .sort(),
        IPV6_LINKS_PER_LEVEL,
      ).map((url) => ({ url, level: (depth + 1) as 2 | 3 })),
    );
    v6.links = await Promise.all(
      levels.flat().map(async ({ url, level }): Promise<Ipv6Link> => {
        const r = await over6.get(url, { discardBody: true });
        return { url, level, status: r.outcome.status, error: r.outcome.error };
      }),
    );
  } finally {
    await Promise.all([over6.close(), over4.close()]);
  }
}

/** Characters of a title submitted to the site's search: the first ones name the article well enough. */
export const SEARCH_QUERY_CHARS = 20;
/** Characters of the query the results must show (results often shorten long titles). */
export const SEARCH_FOUND_CHARS = 12;

/**
 * The newest dated article the crawl read, and the query to search for it: an article is a page
 * below the homepage with a date of its own (meta or a labelled 发布时间) and a title; its name is
 * the `ArticleTitle` meta, else the title's first part (`标题_网站名`). Ties go to the first URL.
 */
export function newestArticle(
  pages: readonly PageArtifact[],
  asOf: string,
): { url: string; title: string; query: string } | null {
  let best: { url: string; title: string; date: string } | null = null;
  for (const p of pages) {
    if (p.depth === 0 || !p.date || p.status === null || p.status < 200 || p.status >= 300) continue;
    const named =
      (p.meta.articletitle ?? "").trim() || (p.title ?? "").split(/\s*[_|｜—–]\s*|\s{2,}|\s+-\s+/)[0]?.trim();
    const title = (named ?? "").replace(/\s+/g, " ");
    if (title.replace(/\s/g, "").length < 6) continue;
    const date = resolveDate(p.date, asOf);
    if (!date || date > asOf) continue;
    if (!best || date > best.date || (date === best.date && p.url < best.url))
      best = { url: p.url, title, date };
  }
  if (!best) return null;
  return {
    url: best.url,
    title: best.title,
    query: [...best.title].slice(0, SEARCH_QUERY_CHARS).join("").trim(),
  };
}

/** A form's fields as application/x-www-form-urlencoded in the page's charset, as a browser sends them. */
export function formBody(fields: { name: string; value: string }[], charset: string): string {
  const enc = iconv.encodingExists(charset) ? charset : "utf-8";
  const part = (s: string) => {
    let out = "";
    for (const byte of iconv.encode(s, enc)) {
      if (
        (byte >= 0x30 && byte <= 0x39) ||
        (byte >= 0x41 && byte <= 0x5a) ||
        (byte >= 0x61 && byte <= 0x7a) ||
        byte === 0x2a ||
        byte === 0x2d ||
        byte === 0x2e ||
        byte === 0x5f
      )
        out += String.fromCharCode(byte);
      else if (byte === 0x20) out += "+";
      else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return out;
  };
  return fields.map((f) => `${part(f.name)}=${part(f.value)}`).join("&");
}

/** The URL a GET search form submits to with the query in its query field. */
export function searchUrl(form: SearchForm, query: string, charset: string): string {
  const fields = form.fields.map((f) => (f.name === form.query ? { name: f.name, value: query } : f));
  const u = new URL(form.action);
  u.hash = "";
  u.search = `?${formBody(fields, form.charset ?? charset)}`;
  return u.href;
}

const NO_RESULTS =
  /共\s*0\s*条|找到\s*0\s*条|0\s*条(?:结果|记录)|没有找到|未找到|未检索到|没有检索到|无(?:相关)?(?:检索)?结果|暂无(?:相关)?(?:数据|信息|内容|结果)|no\s+results/i;

/**
 * Whether a results page shows the article: its text (tags dropped, spaces removed, the
 * characters highlighted in `<em>` joined again) has the query's first characters, and it does not
 * say it found nothing (which it may say while repeating the query).
 */
export function resultsShow(body: Uint8Array, contentType: string | undefined, query: string): boolean {
  const text = decodeBody(body, contentType)
    .text.replace(/<(script|style|textarea|title)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? all;
      const n = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : all;
    })
    .replace(/\s+/g, "");
  const want = [...query.replace(/\s+/g, "")].slice(0, SEARCH_FOUND_CHARS).join("");
  return want !== "" && text.includes(want) && !NO_RESULTS.test(text);
}
