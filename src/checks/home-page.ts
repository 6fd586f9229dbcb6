import type { PageArtifact, SiteArtifacts } from "../artifacts/types.ts";
import {
  type Check,
  type CheckResult,
  fromFindings,
  homeReachable,
  notApplicable,
  withRecord,
} from "./types.ts";

/** The homepage as read (HTML), or undefined. */
export function homePage(site: SiteArtifacts): PageArtifact | undefined {
  const p = site.pages.find((x) => x.depth === 0);
  return p && p.footer !== undefined ? p : undefined;
}

/**
 * A check that fails with one finding on the homepage when `ok` says no; not applicable when
 * the homepage was not read as HTML.
 */
export function homeCheck(
  id: string,
  ok: (home: PageArtifact, site: SiteArtifacts) => boolean,
  fields?: (home: PageArtifact) => Record<string, unknown>,
): Pick<Check, "run"> {
  return {
    run(site): CheckResult {
      if (!homeReachable(site)) return notApplicable;
      const home = homePage(site);
      if (!home) return notApplicable;
      if (ok(home, site)) return fromFindings([]);
      return fromFindings([withRecord({ check: id, page: home.url, ...fields?.(home) }, home.record)]);
    },
  };
}
