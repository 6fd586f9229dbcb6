import type { LinkArtifact, SiteArtifacts } from "../artifacts/types.ts";
import type { TargetKind } from "../links/url.ts";
import {
  type CheckResult,
  type Finding,
  fromFindings,
  homeReachable,
  notApplicable,
  withRecord,
} from "./types.ts";

export function isBroken(l: Pick<LinkArtifact, "status" | "error">): boolean {
  return l.error !== null || (l.status !== null && l.status >= 400);
}

/** One finding per page on which a broken target of the given kinds appears. */
export function brokenLinks(
  id: string,
  site: SiteArtifacts,
  accept: (l: LinkArtifact) => boolean,
): CheckResult {
  if (!homeReachable(site)) return notApplicable;
  const findings: Finding[] = [];
  for (const l of site.links) {
    if (!accept(l) || !isBroken(l)) continue;
    for (const page of l.pages) {
      const f: Finding = { check: id, page, target: l.target };
      if (l.error) f.error = l.error;
      else f.status = l.status;
      findings.push(withRecord(f, l.record));
    }
  }
  findings.sort((a, b) => cmp(`${a.page} ${a.target}`, `${b.page} ${b.target}`));
  return fromFindings(findings);
}

export const kindIs =
  (...kinds: TargetKind[]) =>
  (l: LinkArtifact) =>
    kinds.includes(l.kind);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
