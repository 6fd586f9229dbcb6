import { selectAll, selectOne } from "css-select";
import { type AnyNode, DomHandler, type Element } from "domhandler";
import { Parser } from "htmlparser2";
import { resolveLink } from "../links/url.ts";
import { type ChecksProfile, checksProfileOf } from "./checks-profile.ts";
import { fullDates, type PageDate, shortDate, urlDate } from "./dates.ts";
import { defacementDictionary } from "./defacement.ts";
import type { ListItem, PageFacts } from "./extract.ts";
import { columnsNamed } from "./required-columns.ts";
import { annualReportList, annualReportYear, linkRelation, reportYearOnly, statsKind } from "./topics.ts";
import type { DefacementHit, PageArtifact, PageItem } from "./types.ts";
import { currentName, matcherFor, renamedBodies, TermMatcher, type WordingHit } from "./wording.ts";

/** The 办事指南 elements of the national check list, each with the labels sites use for it. */
export const GUIDE_ELEMENTS: [string, RegExp][] = [
  ["事项名称", /事项名称|服务事项名称|事项名/],
  ["设定依据", /设定依据|实施依据|法律依据|办理依据|法定依据/],
  ["申请条件", /申请条件|受理条件|办理条件|受理标准/],
  ["办理材料", /办理材料|申请材料|申报材料|提交材料|材料目录|所需材料/],
  ["办理地点", /办理地点|办公地点|受理地点|窗口地址|办理地址/],
  ["办理时间", /办理时间|办公时间|受理时间|工作时间/],
  ["联系电话", /联系电话|咨询电话|咨询方式|联系方式|监督电话/],
  ["办理流程", /办理流程|办事流程|办理程序|流程图|办理步骤/],
];

const PUB_META = ["pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date"];

/** A profile `url`: a path prefix, or a regular expression between slashes. */
export function urlMatches(pattern: string, url: string): boolean {
  let path = url;
  try {
    const u = new URL(url);
    path = u.pathname + u.search;
  } catch {}
  if (
    pattern.length > 2 &&
    pattern.startsWith("/") &&
    pattern.endsWith("/") &&
    /[\\^$*+?()[\]{}|]/.test(pattern)
  )
    try {
      return new RegExp(pattern.slice(1, -1)).test(path);
    } catch {
      return false;
    }
  return path.startsWith(pattern) || url.startsWith(pattern);
}

const profiles = new WeakMap<object, ChecksProfile | null>();
function profileOf(cfg: object | undefined): ChecksProfile | null {
  if (!cfg) return null;
  let p = profiles.get(cfg);
  if (p === undefined) {
    p = checksProfileOf(cfg) ?? null;
    profiles.set(cfg, p);
  }
  return p;
}

/**
 * The content facts of one HTML page, ready to go onto its artifact: hrefs made absolute, the
 * page's own date chosen, dictionaries matched. `cfg` is the site's crawl configuration (it
 * carries the profile's check settings); `html` is read again only when the profile gives
 * selectors for this page.
 */
export function pageFields(
  facts: PageFacts,
  pageUrl: string,
  depth: number,
  cfg?: object,
  html?: string,
): Partial<PageArtifact> {
  // As linked, like the crawled pages' URLs they are matched with.
  const base = facts.base ? (resolveLink(facts.base, pageUrl) ?? pageUrl) : pageUrl;
  const abs = (href: string) => resolveLink(href, base);
  const profile = profileOf(cfg);
  let items: ListItem[] = [];
  let selectorItems = false;
  const sel = profile?.selectors?.find((s) => urlMatches(s.url, pageUrl));
  if (sel && html !== undefined) {
    items = itemsBySelector(html, sel);
    selectorItems = true;
  } else items = facts.items;
  // Undated entries matter only on a column page (is its list empty?); elsewhere they are mostly
  // navigation, repeated on every page, and not worth the memory of a 500-page crawl.
  const keepUndated =
    selectorItems ||
    facts.meta.columnname !== undefined ||
    facts.meta.columntype !== undefined ||
    (profile?.columns ?? []).some((c) => urlMatches(c.url, pageUrl));
  const resolved: PageItem[] = [];
  for (const it of items) {
    if (it.date === null && !keepUndated) continue;
    const href = abs(it.href);
    if (href) resolved.push({ href, date: it.date });
  }
  const nav =
    depth === 0
      ? facts.nav.flatMap((n) => {
          const href = abs(n.href);
          return href ? [{ href, text: n.text }] : [];
        })
      : [];
  let date: PageDate | null = null;
  for (const k of PUB_META) {
    const v = facts.meta[k];
    if (v) {
      date = fullDates(v)[0]?.date ?? null;
      if (date) break;
    }
  }
  date ??= facts.labeledDate;
  const text = facts.text;
  // One scan of the text finds renamed bodies and defacement terms alike.
  const matcher = wordingMatcher(profile);
  const outdated: WordingHit[] = [];
  const defaced: DefacementHit[] = [];
  for (const h of matcher.find(text)) {
    if (!defacing().has(h.text)) outdated.push(h);
    else if (defaced.length < MAX_DEFACED) defaced.push(h);
  }
  // Planted wording often sits in the title, which is not part of the text.
  if (facts.title)
    for (const h of matcher.find(facts.title))
      if (defacing().has(h.text) && defaced.length < MAX_DEFACED) defaced.push({ ...h, inTitle: true });

  const out: Partial<PageArtifact> = {
    items: resolved,
    date,
    freeDate: facts.freeDate,
    messages: facts.messages.map((m) => ({ ...m, href: m.href ? abs(m.href) : null })),
    entries: facts.entries,
    footer: facts.footer,
    saysEmpty: facts.saysEmpty,
    nav,
    nesting: facts.nesting,
    guide: guideElements(facts.title, text.slice(0, facts.footerAt)),
    outdated,
    flagged: profile?.wording?.flagged ? flaggedMatcher(profile, profile.wording.flagged).find(text) : [],
  };
  if (selectorItems) out.selectorItems = true;
  if (defaced.length > 0) out.defaced = defaced;
  hiddenFields(out, facts, pageUrl, depth, abs);
  loadedFields(out, facts, pageUrl, abs);
  topicFields(out, facts, items, depth, abs);
  return out;
}

/** Links a page keeps that say they lead to an interpretation or a document: a few say it all. */
const MAX_RELATED = 20;

/**
 * What the page's titles and link texts say of the topics the 19号 check list asks about past the
 * columns (`topics.ts`): annual reports, statistics, interpretations and documents, the required
 * columns its menu names. Set only when there is something: most pages have none of them.
 */
function topicFields(
  out: Partial<PageArtifact>,
  facts: PageFacts,
  items: ListItem[],
  depth: number,
  abs: (href: string) => string | null,
): void {
  // Annual reports: the page is one (its title), or links to one; a list of them may name years only.
  const years = new Set<number>();
  const own = facts.title ? annualReportYear(facts.title) : null;
  if (own !== null) years.add(own);
  const titleParts = (facts.title ?? "").split(/\s*[_|｜—–-]\s*|\s{2,}/);
  const reportList =
    annualReportList(facts.meta.columnname) || titleParts.some((p) => annualReportList(p.trim()));
  for (const l of facts.topicLinks) {
    const y = annualReportYear(l.text) ?? (reportList ? reportYearOnly(l.text) : null);
    if (y !== null) years.add(y);
  }
  if (years.size > 0) out.annualReports = [...years].sort((a, b) => b - a);

  // Statistics: list entries with the date shown beside them, and links naming them.
  const stats = new Map<string, NonNullable<PageArtifact["stats"]>[number]>();
  for (const it of items) {
    const kind = statsKind(it.title);
    const href = kind ? abs(it.href) : null;
    if (kind && href && !stats.has(href))
      stats.set(href, { kind, href, text: it.title.slice(0, 40), date: it.date });
  }
  for (const l of facts.topicLinks) {
    const kind = statsKind(l.text);
    const href = kind ? abs(l.href) : null;
    if (kind && href && !stats.has(href))
      stats.set(href, { kind, href, text: l.text.slice(0, 40), date: null });
  }
  if (stats.size > 0) out.stats = [...stats.values()];

  // Links to an interpretation or a document, as their text says.
  const related: { href: string; to: "interpretation" | "document" }[] = [];
  const seen = new Set<string>();
  for (const l of facts.topicLinks) {
    if (related.length >= MAX_RELATED) break;
    const to = linkRelation(l.text);
    const href = to ? abs(l.href) : null;
    if (!to || !href || seen.has(href)) continue;
    seen.add(href);
    related.push({ href, to });
  }
  if (related.length > 0) out.related = related;

  // The homepage's menu and those of the pages it links to name the site's columns.
  if (depth <= 1) {
    const named = columnsNamed(facts.nav.map((n) => n.text));
    if (named.length > 0) out.namesColumns = named;
  }
}

/**
 * Hidden links to other hosts than the page's own (the check judges which are government hosts),
 * and the homepage's search forms with their action resolved; set only when there are any.
 */
function hiddenFields(
  out: Partial<PageArtifact>,
  facts: PageFacts,
  pageUrl: string,
  depth: number,
  abs: (href: string) => string | null,
): void {
  if (facts.hiddenLinks.length > 0) {
    const own = hostOf(pageUrl);
    const hidden: NonNullable<PageArtifact["hiddenLinks"]> = [];
    for (const l of facts.hiddenLinks) {
      const target = abs(l.href);
      if (!target || !/^https?:/.test(target) || hostOf(target) === own) continue;
      hidden.push({ target, how: l.how, by: l.by, on: l.on });
    }
    if (hidden.length > 0) out.hiddenLinks = hidden;
  }
  if (depth === 0 && facts.searchForms.length > 0) {
    const forms: NonNullable<PageArtifact["searchForms"]> = [];
    for (const f of facts.searchForms) {
      const action = f.action.trim() === "" ? pageUrl : abs(f.action);
      if (action && /^https?:/.test(action)) forms.push({ ...f, action });
    }
    if (forms.length > 0) out.searchForms = forms;
  }
}

/** A page cannot make us keep more than this many defacement hits: a few prove the point. */
const MAX_DEFACED = 20;

/**
 * Mixed content (subresources of an https page written with http:) and the hosts of the scripts
 * it loads from elsewhere; set only when there are any, as most pages have neither.
 */
function loadedFields(
  out: Partial<PageArtifact>,
  facts: PageFacts,
  pageUrl: string,
  abs: (href: string) => string | null,
): void {
  if (facts.subresources.length === 0) return;
  const secure = pageUrl.startsWith("https:");
  const own = hostOf(pageUrl);
  const insecure: { tag: string; url: string }[] = [];
  const scriptHosts: string[] = [];
  for (const r of facts.subresources) {
    const url = abs(r.href);
    if (url === null) continue;
    if (secure && url.startsWith("http:")) insecure.push({ tag: r.tag, url });
    if (r.tag !== "script") continue;
    const host = hostOf(url);
    if (host !== own && !scriptHosts.includes(host)) scriptHosts.push(host);
  }
  if (insecure.length > 0) out.insecure = insecure;
  if (scriptHosts.length > 0) out.scriptHosts = scriptHosts;
}

/** The host of a URL from `resolveLink` (scheme and host already lower-cased), without the port. */
function hostOf(url: string): string {
  const start = url.indexOf("//") + 2;
  const end = url.slice(start).search(/[/:?]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

const outdatedMatchers = new WeakMap<object, TermMatcher>();
let builtinMatcher: TermMatcher | undefined;
let defacementTerms: Set<string> | undefined;

/** The terms of the defacement dictionary, to tell its hits from the renamed bodies'. */
function defacing(): Set<string> {
  defacementTerms ??= new Set(defacementDictionary().terms.map((t) => t.term));
  return defacementTerms;
}

/**
 * Old and current names (a page that names both is telling the story of the change) and the
 * defacement terms, compiled once: the text is scanned once for both dictionaries.
 */
function wordingMatcher(profile: ChecksProfile | null): TermMatcher {
  const extra = profile?.wording?.outdated;
  const terms = () => [
    ...[...renamedBodies(), ...(extra ?? [])].flatMap((b) => [b.old, currentName(b.current)]),
    ...defacing(),
  ];
  if (!extra || !profile) {
    builtinMatcher ??= new TermMatcher(terms());
    return builtinMatcher;
  }
  let m = outdatedMatchers.get(profile);
  if (!m) {
    m = matcherFor(terms());
    outdatedMatchers.set(profile, m);
  }
  return m;
}

const flaggedMatchers = new WeakMap<object, TermMatcher>();
function flaggedMatcher(profile: ChecksProfile, terms: string[]): TermMatcher {
  let m = flaggedMatchers.get(profile);
  if (!m) {
    m = matcherFor(terms);
    flaggedMatchers.set(profile, m);
  }
  return m;
}

/** The guide elements present, when the page is a 办事指南 (says so and shows two, or shows four). */
export function guideElements(title: string | null, text: string): string[] | null {
  const found = GUIDE_ELEMENTS.filter(([, re]) => re.test(text)).map(([name]) => name);
  const says = /办事指南|服务指南/.test(`${title ?? ""} ${text.slice(0, 3000)}`);
  return (says && found.length >= 2) || found.length >= 4 ? found : null;
}

function textOf(n: AnyNode): string {
  if (n.type === "text") return (n as unknown as { data: string }).data;
  const kids = (n as Element).children;
  return kids ? kids.map(textOf).join(" ") : "";
}

/** The list as a profile describes it: one DOM parse, only for the pages that ask for it. */
function itemsBySelector(
  html: string,
  sel: { items: string; link?: string | undefined; date?: string | undefined },
): ListItem[] {
  const handler = new DomHandler();
  new Parser(handler, { decodeEntities: true, lowerCaseTags: true }).end(html);
  const out: ListItem[] = [];
  try {
    for (const el of selectAll(sel.items, handler.root)) {
      const a = selectOne(sel.link ?? "a[href]", el) as Element | null;
      const href = a?.attribs.href;
      if (!a || !href) continue;
      const dateText = sel.date ? textOf((selectOne(sel.date, el) as Element | null) ?? el) : textOf(el);
      const date = fullDates(dateText)[0]?.date ?? shortDate(dateText.trim(), null) ?? urlDate(href);
      out.push({ href, title: (a.attribs.title ?? textOf(a)).replace(/\s+/g, " ").trim(), date });
    }
  } catch {
    // A selector the engine cannot compile reads as "no items" rather than stopping the crawl.
  }
  return out;
}
