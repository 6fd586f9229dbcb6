import { z } from "zod";
import { readDataFile } from "../runtime/data-file.ts";

/** A known host of analytics or advertising scripts (`data/third-party-hosts.yaml`). */
export interface ThirdPartyHost {
  host: string;
  vendor: string;
  category: "analytics" | "ads";
  source: string;
}

const Hosts = z.object({
  hosts: z.array(
    z.object({
      host: z.string().regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/),
      vendor: z.string().min(1),
      category: z.enum(["analytics", "ads"]),
      source: z.string().min(1),
    }),
  ),
});

let builtin: ThirdPartyHost[] | undefined;

export function thirdPartyHosts(): ThirdPartyHost[] {
  builtin ??= Hosts.parse(readDataFile(new URL("./data/third-party-hosts.yaml", import.meta.url))).hosts;
  return builtin;
}

/** The listed host `host` is, or is a subdomain of (s4.cnzz.com → cnzz.com); else undefined. */
export function knownThirdParty(host: string): ThirdPartyHost | undefined {
  const h = host.toLowerCase().replace(/\.$/, "");
  return thirdPartyHosts().find((k) => h === k.host || h.endsWith(`.${k.host}`));
}
