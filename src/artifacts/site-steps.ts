import { promises as dns } from "node:dns";
import { checksProfileOf } from "./checks-profile.ts";
import type { SiteArtifacts } from "./types.ts";

/** AAAA addresses of a host; throws with a `code` (ENODATA, ENOTFOUND, ETIMEOUT…) when there are none. */
export type AaaaResolver = (host: string) => Promise<string[]>;

/** One try, two seconds: an unanswered AAAA query must not hold up a run of hundreds of sites. */
const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
export const dnsAaaa: AaaaResolver = (host) => resolver.resolve6(host);

/**
 * Site-level steps after the crawl: the profile's check settings (carried by the crawl
 * configuration) go onto the artifacts, and, when a resolver is given, the host's AAAA records
 * are looked up. Checks stay pure: they only read what these steps wrote.
 */
export async function completeSite(a: SiteArtifacts, cfg: object, aaaa?: AaaaResolver | null): Promise<void> {
  const profile = checksProfileOf(cfg);
  if (profile) a.profile = profile;
  if (!aaaa) return;
  try {
    a.ipv6 = { addresses: await aaaa(a.host), error: null };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    a.ipv6 = { addresses: [], error: typeof code === "string" ? code : "error" };
  }
}
