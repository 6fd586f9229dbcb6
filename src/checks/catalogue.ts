import { attachmentBroken } from "./attachment-broken.ts";
import { charsetMismatch } from "./charset-mismatch.ts";
import { domainNotGov } from "./domain-not-gov.ts";
import { httpsMissing } from "./https-missing.ts";
import { httpsNoHsts } from "./https-no-hsts.ts";
import { httpsNoRedirect } from "./https-no-redirect.ts";
import { imageBroken } from "./image-broken.ts";
import { linkBroken } from "./link-broken.ts";
import { linkBrokenExternal } from "./link-broken-external.ts";
import { siteSlow } from "./site-slow.ts";
import { siteUnreachable } from "./site-unreachable.ts";
import type { Check } from "./types.ts";

/** Every check the engine runs, in report order. Adding a check = adding a line here. */
export const CHECKS: readonly Check[] = [
  siteUnreachable,
  siteSlow,
  httpsMissing,
  httpsNoRedirect,
  httpsNoHsts,
  domainNotGov,
  linkBroken,
  linkBrokenExternal,
  imageBroken,
  attachmentBroken,
  charsetMismatch,
];
