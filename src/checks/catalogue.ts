import { a11yNoElderMode } from "./a11y-no-elder-mode.ts";
import { attachmentBroken } from "./attachment-broken.ts";
import { charsetMismatch } from "./charset-mismatch.ts";
import { columnEmpty } from "./column-empty.ts";
import { columnRequiredMissing } from "./column-required-missing.ts";
import { columnStale } from "./column-stale.ts";
import { columnStatsStale } from "./column-stats-stale.ts";
import { contentUndated } from "./content-undated.ts";
import { domainNotGov } from "./domain-not-gov.ts";
import { footerConacMissing } from "./footer-conac-missing.ts";
import { footerContactMissing } from "./footer-contact-missing.ts";
import { footerIcpMissing } from "./footer-icp-missing.ts";
import { footerJiucuoMissing } from "./footer-jiucuo-missing.ts";
import { footerPsbMissing } from "./footer-psb-missing.ts";
import { footerSiteIdInvalid } from "./footer-site-id-invalid.ts";
import { footerSiteIdMissing } from "./footer-site-id-missing.ts";
import { footerSponsorMissing } from "./footer-sponsor-missing.ts";
import { homeStale } from "./home-stale.ts";
import { httpSoft404 } from "./http-soft-404.ts";
import { httpsCertInvalid } from "./https-cert-invalid.ts";
import { httpsMissing } from "./https-missing.ts";
import { httpsMixedContent } from "./https-mixed-content.ts";
import { httpsNoHsts } from "./https-no-hsts.ts";
import { httpsNoRedirect } from "./https-no-redirect.ts";
import { imageBroken } from "./image-broken.ts";
import { integrityDefacement } from "./integrity-defacement.ts";
import { integrityHiddenLink } from "./integrity-hidden-link.ts";
import { interactionMissing } from "./interaction-missing.ts";
import { interactionUnanswered } from "./interaction-unanswered.ts";
import { interpretationUnlinked } from "./interpretation-unlinked.ts";
import { ipv6ContentDiffers } from "./ipv6-content-differs.ts";
import { ipv6DnsNoV6 } from "./ipv6-dns-no-v6.ts";
import { ipv6HomeUnreachable } from "./ipv6-home-unreachable.ts";
import { ipv6LinksPartial } from "./ipv6-links-partial.ts";
import { ipv6Missing } from "./ipv6-missing.ts";
import { linkBroken } from "./link-broken.ts";
import { linkBrokenExternal } from "./link-broken-external.ts";
import { metaArticleMissing } from "./meta-article-missing.ts";
import { metaColumnMissing } from "./meta-column-missing.ts";
import { metaSiteIdMismatch } from "./meta-site-id-mismatch.ts";
import { metaSiteMissing } from "./meta-site-missing.ts";
import { mobileNoViewport } from "./mobile-no-viewport.ts";
import { privacyThirdPartyScript } from "./privacy-third-party-script.ts";
import { reportAnnualMissing } from "./report-annual-missing.ts";
import { searchBroken } from "./search-broken.ts";
import { searchMissing } from "./search-missing.ts";
import { serviceGuideIncomplete } from "./service-guide-incomplete.ts";
import { serviceMissing } from "./service-missing.ts";
import { siteSlow } from "./site-slow.ts";
import { siteUnreachable } from "./site-unreachable.ts";
import type { Check } from "./types.ts";
import { wordingFlagged } from "./wording-flagged.ts";
import { wordingOutdatedName } from "./wording-outdated-name.ts";

/** Every check the engine runs, in report order. Adding a check = adding a line here. */
export const CHECKS: readonly Check[] = [
  siteUnreachable,
  siteSlow,
  httpsMissing,
  httpsCertInvalid,
  httpsNoRedirect,
  httpsNoHsts,
  httpsMixedContent,
  domainNotGov,
  linkBroken,
  linkBrokenExternal,
  imageBroken,
  attachmentBroken,
  httpSoft404,
  charsetMismatch,
  ipv6Missing,
  ipv6HomeUnreachable,
  ipv6DnsNoV6,
  ipv6LinksPartial,
  ipv6ContentDiffers,
  homeStale,
  columnStale,
  columnEmpty,
  contentUndated,
  columnRequiredMissing,
  columnStatsStale,
  reportAnnualMissing,
  interpretationUnlinked,
  footerSiteIdMissing,
  footerSiteIdInvalid,
  metaSiteIdMismatch,
  footerIcpMissing,
  footerPsbMissing,
  footerConacMissing,
  footerJiucuoMissing,
  footerSponsorMissing,
  footerContactMissing,
  metaSiteMissing,
  metaColumnMissing,
  metaArticleMissing,
  searchMissing,
  searchBroken,
  mobileNoViewport,
  a11yNoElderMode,
  wordingOutdatedName,
  wordingFlagged,
  integrityDefacement,
  integrityHiddenLink,
  interactionMissing,
  interactionUnanswered,
  serviceMissing,
  serviceGuideIncomplete,
  privacyThirdPartyScript,
];
