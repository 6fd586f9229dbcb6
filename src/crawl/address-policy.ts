import { isIP } from "node:net";

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

function v4ToInt(a: string): number {
  const p = a.split(".").map(Number);
  return (((p[0] ?? 0) << 24) >>> 0) + ((p[1] ?? 0) << 16) + ((p[2] ?? 0) << 8) + (p[3] ?? 0);
}

const V4_RANGES: [string, number, string][] = [
  ["0.0.0.0", 8, "this-network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local/cloud-metadata"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "ietf-protocol"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

function v4Range(addr: string): string | null {
  const n = v4ToInt(addr);
  for (const [base, bits, name] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0) return name;
  }
  return null;
}

/** Expands an IPv6 address to 8 16-bit groups. */
function v6Groups(addr: string): number[] {
  let a = addr.toLowerCase().split("%")[0] ?? "";
  // Embedded IPv4 tail (::ffff:1.2.3.4).
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4?.[1]) {
    const n = v4ToInt(v4[1]);
    a = `${a.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = a.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g || "0", 16));
}

function v6Range(addr: string): string | null {
  const g = v6Groups(addr);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  if (g.every((x) => x === 0)) return "unspecified";
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 && g6 === 0 && g7 === 1)
    return "loopback";
  // IPv4-mapped and IPv4-compatible: judge the embedded IPv4 address.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    const v4 = `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
    const r = v4Range(v4);
    return r ? `ipv4-mapped ${r}` : null;
  }
  if (g0 === 0x64 && g1 === 0xff9b) {
    const r = v4Range(`${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`);
    return r ? `nat64 ${r}` : null;
  }
  if ((g0 & 0xfe00) === 0xfc00) return "unique-local";
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  if ((g0 & 0xffc0) === 0xfec0) return "site-local";
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  if (g0 === 0xfd00 && g1 === 0x0ec2) return "cloud-metadata";
  return null;
}

/** Names the forbidden range an address falls in, or null when it is a public address. */
export function forbiddenRange(address: string): string | null {
  const kind = isIP(address);
  if (kind === 4) return v4Range(address);
  if (kind === 6) return v6Range(address);
  return "not-an-ip";
}

export interface AddressPolicy {
  /** Allow loopback, private, link-local, CGNAT… (tests and the demo opt in). */
  allowPrivate: boolean;
  /** Host names exempt from the policy (configuration, e.g. an intranet portal). */
  allowHosts?: readonly string[];
}

/** Throws a PolicyError when the policy refuses the address. */
export function assertAllowed(host: string, address: string, policy: AddressPolicy): void {
  if (policy.allowPrivate || policy.allowHosts?.includes(host.toLowerCase())) return;
  const range = forbiddenRange(address);
  if (range) throw new PolicyError(host, address, range);
}
