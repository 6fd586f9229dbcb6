import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** Thrown when an address is refused before any connection is made. */
export class PolicyError extends Error {
  readonly code = "POLICY_REFUSED";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`address policy refused ${host} → ${address} (${range}); use --allow-private to allow`);
    this.name = "PolicyError";
  }
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];
const cidr = (s: string): Cidr => ipaddr.parseCIDR(s);

/**
 * The IANA IPv4 Special-Purpose Address Registry's ranges that are not globally reachable (plus
 * multicast, reserved and the deprecated 6to4 relay anycast), most specific first so the name
 * given is the precise one. The globally reachable entries (AS112 192.31.196/24 and 192.175.48/24,
 * AMT 192.52.193/24) are ordinary destinations and stay allowed.
 */
const V4: readonly [Cidr, string][] = (
  [
    ["255.255.255.255/32", "limited-broadcast"],
    ["0.0.0.0/8", "this-network"],
    ["10.0.0.0/8", "private"],
    ["100.64.0.0/10", "shared-address-space (cgnat)"],
    ["127.0.0.0/8", "loopback"],
    ["169.254.0.0/16", "link-local/cloud-metadata"],
    ["172.16.0.0/12", "private"],
    ["192.0.0.0/24", "ietf-protocol-assignments"],
    ["192.0.2.0/24", "documentation (TEST-NET-1)"],
    ["192.88.99.0/24", "6to4-relay-anycast (deprecated)"],
    ["192.168.0.0/16", "private"],
    ["198.18.0.0/15", "benchmarking"],
    ["198.51.100.0/24", "documentation (TEST-NET-2)"],
    ["203.0.113.0/24", "documentation (TEST-NET-3)"],
    ["224.0.0.0/4", "multicast"],
    ["240.0.0.0/4", "reserved"],
  ] as const
).map(([c, name]) => [cidr(c), name]);

/**
 * IPv6 ranges refused outright, inside global unicast 2000::/3 (everything outside 2000::/3 is
 * refused too, see `v6Range`, except the two forms that carry an IPv4 address judged as IPv4).
 */
const V6: readonly [Cidr, string][] = (
  [
    ["2001:2::/48", "benchmarking"],
    ["2001:10::/28", "orchid (deprecated)"],
    ["2001:20::/28", "orchidv2"],
    ["2001:30::/28", "drip-entity-tags"],
    ["2001:db8::/32", "documentation"],
    ["3fff::/20", "documentation"],
  ] as const
).map(([c, name]) => [cidr(c), name]);

const GLOBAL_UNICAST = cidr("2000::/3");
const IETF_ASSIGNMENTS = cidr("2001::/23");
const TEREDO = cidr("2001::/32");
const SIX_TO_FOUR = cidr("2002::/16");
const NAT64 = cidr("64:ff9b::/96");
const NAT64_LOCAL = cidr("64:ff9b:1::/48");

/** Names of the ranges outside 2000::/3, most specific first, for the message only. */
const V6_OUTSIDE: readonly [Cidr, string][] = (
  [
    ["::/128", "unspecified"],
    ["::1/128", "loopback"],
    ["::/96", "ipv4-compatible (deprecated)"],
    ["::ffff:0:0:0/96", "ipv4-translated"],
    ["100::/64", "discard-only"],
    ["5f00::/16", "srv6-sids"],
    ["fc00::/7", "unique-local"],
    ["fe80::/10", "link-local"],
    ["fec0::/10", "site-local (deprecated)"],
    ["ff00::/8", "multicast"],
  ] as const
).map(([c, name]) => [cidr(c), name]);

function matchIn(a: ipaddr.IPv4 | ipaddr.IPv6, list: readonly [Cidr, string][]): string | null {
  for (const [range, name] of list) if (a.kind() === range[0].kind() && a.match(range)) return name;
  return null;
}

function v4Range(a: ipaddr.IPv4): string | null {
  return matchIn(a, V4);
}

/** The IPv4 address in 32 bits of an IPv6 address's groups, starting at group `at`. */
function v4At(parts: readonly number[], at: number, invert = false): ipaddr.IPv4 {
  const hi = (parts[at] ?? 0) ^ (invert ? 0xffff : 0);
  const lo = (parts[at + 1] ?? 0) ^ (invert ? 0xffff : 0);
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function embedded(form: string, v4: ipaddr.IPv4): string | null {
  const r = v4Range(v4);
  return r ? `${form} of ${v4.toString()}: ${r}` : null;
}

function v6Range(a: ipaddr.IPv6): string | null {
  const p = a.parts;
  // Forms that carry an IPv4 address: the IPv4 address decides.
  if (a.isIPv4MappedAddress()) return embedded("ipv4-mapped", v4At(p, 6));
  if (a.match(NAT64)) return embedded("nat64", v4At(p, 6));
  if (a.match(NAT64_LOCAL)) return "nat64-local-use";
  if (!a.match(GLOBAL_UNICAST)) return matchIn(a, V6_OUTSIDE) ?? "reserved";
  if (a.match(SIX_TO_FOUR)) return embedded("6to4", v4At(p, 1));
  if (a.match(TEREDO)) {
    // Teredo (RFC 4380): the server's IPv4 in bits 32–63, the client's inverted in the last 32.
    return embedded("teredo server", v4At(p, 2)) ?? embedded("teredo client", v4At(p, 6, true));
  }
  const named = matchIn(a, V6);
  if (named) return named;
  // The rest of the IETF protocol assignments are anycast services and unassigned space.
  if (a.match(IETF_ASSIGNMENTS)) return "ietf-protocol-assignments";
  return null;
}

/**
 * Names the forbidden range an address falls in, or null when it is a public address. An IPv6
 * address that embeds an IPv4 one (mapped, NAT64, 6to4, Teredo) is judged by that IPv4 address;
 * anything that is not an IP address in its canonical text form is refused.
 */
export function forbiddenRange(address: string): string | null {
  const kind = isIP(address);
  if (kind === 0) return "not-an-ip";
  let a: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    a = ipaddr.parse(address);
  } catch {
    return "not-an-ip";
  }
  return a.kind() === "ipv4" ? v4Range(a as ipaddr.IPv4) : v6Range(a as ipaddr.IPv6);
}

export interface AddressPolicy {
  /** Allow loopback, private, link-local, CGNAT… (tests and `--allow-private` opt in). */
  allowPrivate: boolean;
  /** Host names exempt from the policy (configuration, e.g. an intranet portal). */
  allowHosts?: readonly string[];
  /**
   * Socket addresses exempt from the policy, as `address:port` (`[::1]:8080` for IPv6): exactly
   * these servers and no other port of the same address (the demo's fixture servers).
   */
  allowEndpoints?: readonly string[];
}

/** `address:port` as `allowEndpoints` writes it. */
export function endpoint(address: string, port: number | string): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * Throws a PolicyError when the policy refuses the address. `port` is the port the connection is
 * made to; without it, `allowEndpoints` cannot let anything through.
 */
export function assertAllowed(host: string, address: string, policy: AddressPolicy, port?: number): void {
  if (policy.allowPrivate || policy.allowHosts?.includes(host.toLowerCase())) return;
  const range = forbiddenRange(address);
  if (!range) return;
  if (port !== undefined && policy.allowEndpoints?.includes(endpoint(address, port))) return;
  throw new PolicyError(host, address, range);
}
