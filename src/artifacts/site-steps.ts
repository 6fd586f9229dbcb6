import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import { checksProfileOf } from "./checks-profile.ts";
import type { Ipv6Dns, SiteArtifacts } from "./types.ts";

/** AAAA addresses of a host; throws with a `code` (ENODATA, ENOTFOUND, ETIMEOUT…) when there are none. */
export type AaaaResolver = (host: string) => Promise<string[]>;
/** NS records of a name; throws with a `code` like `AaaaResolver`. */
export type NsResolver = (name: string) => Promise<string[]>;

/** One try, two seconds: an unanswered AAAA query must not hold up a run of hundreds of sites. */
const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
export const dnsAaaa: AaaaResolver = (host) => resolver.resolve6(host);
export const dnsNs: NsResolver = (name) => resolver.resolveNs(name);

/** Answers that mean "the name has no such record", as opposed to "we could not ask". */
export const NO_RECORD = new Set(["ENODATA", "ENOTFOUND", "NXDOMAIN", "NODATA"]);

/**
 * Second-level labels under which a name is not a zone of its own (`gov.cn`, `com.cn`…): the
 * walk up from a host stops before them, so a site is never judged by its registry's servers.
 */
const CATEGORY_LABELS = new Set(["ac", "com", "edu", "gov", "mil", "net", "org"]);
/** Name servers whose AAAA records are looked up, at most. */
const MAX_NAMESERVERS = 8;

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" ? code : "error";
};

/**
 * The zone a host is delegated in (the nearest name upwards with NS records) and whether its name
 * servers have AAAA records: the IPv6 DNS delegation of the national IPv6 monitoring.
 */
export async function ipv6Delegation(host: string, ns: NsResolver, aaaa: AaaaResolver): Promise<Ipv6Dns> {
  // An address has no zone of its own to ask about.
  if (isIP(host.replace(/^\[|\]$/g, ""))) return { zone: null, nameservers: [], error: "not-a-name" };
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  // The shortest name that can be a zone: two labels, three under a category label (x.gov.cn).
  const min = labels.length >= 3 && CATEGORY_LABELS.has(labels[labels.length - 2] as string) ? 3 : 2;
  for (let i = 0; labels.length - i >= min; i++) {
    const name = labels.slice(i).join(".");
    let servers: string[];
    try {
      servers = await ns(name);
    } catch (e) {
      if (NO_RECORD.has(codeOf(e))) continue;
      return { zone: null, nameservers: [], error: codeOf(e) };
    }
    if (servers.length === 0) continue;
    const hosts = [...new Set(servers.map((s) => s.toLowerCase().replace(/\.$/, "")))]
      .sort()
      .slice(0, MAX_NAMESERVERS);
    const nameservers = await Promise.all(
      hosts.map(async (h) => {
        try {
          return { host: h, addresses: await aaaa(h), error: null };
        } catch (e) {
          return { host: h, addresses: [], error: codeOf(e) };
        }
      }),
    );
    return { zone: name, nameservers, error: null };
  }
  return { zone: null, nameservers: [], error: "ENODATA" };
}

/**
 * Site-level steps after the crawl: the profile's check settings (carried by the crawl
 * configuration) go onto the artifacts, and, when a resolver is given, the host's AAAA records
 * are looked up, and with `ns` too the name servers of its zone. Checks stay pure: they only read
 * what these steps wrote.
 */
export async function completeSite(
  a: SiteArtifacts,
  cfg: object,
  aaaa?: AaaaResolver | null,
  ns?: NsResolver | null,
): Promise<void> {
  const profile = checksProfileOf(cfg);
  if (profile) a.profile = profile;
  if (!aaaa) return;
  try {
    a.ipv6 = { addresses: await aaaa(a.host), error: null };
  } catch (e) {
    a.ipv6 = { addresses: [], error: codeOf(e) };
  }
  if (ns) a.ipv6.dns = await ipv6Delegation(a.host, ns, aaaa);
}
