import { Parser } from "htmlparser2";
import { fullDates, type PageDate, shortDate, urlDate, yearHeading } from "./dates.ts";
import { type FooterFacts, readFooter } from "./footer.ts";
import { type Hiding, type HidingOwner, mayBeHiddenLink, Visibility } from "./hiding.ts";

export interface RawLink {
  /** Element the link came from: a, img, link, script, iframe, frame, area, form, source, embed. */
  tag: string;
  href: string;
}

/** One entry of a list on the page: a link and the date shown beside it (or in its URL). */
export interface ListItem {
  href: string;
  title: string;
  /** null: the entry shows no date. */
  date: PageDate | null;
}

/** A message of a message board (留言) with the dates it was asked and answered. */
export interface BoardMessage {
  asked: PageDate;
  answered: PageDate | null;
  /** The row says so in words (未回复, 办理中). */
  pending: boolean;
  /** The row's link (the message's own page), when the row has one. */
  href: string | null;
}

/**
 * Something the browser loads with the page: a script, a stylesheet, a frame, an image or media.
 * `tag` is the element, `stylesheet` for `<link rel=stylesheet>`.
 */
export interface Subresource {
  tag: string;
  href: string;
}

/** Entries the national check list asks for, found anywhere on the page. */
export interface PageEntries {
  search: boolean;
  elder: boolean;
  interaction: boolean;
  service: boolean;
  conac: boolean;
  jiucuo: boolean;
}

/** A link hidden from readers (hiding.ts), written absolute (`//host/…` or with a scheme). */
export interface HiddenLink extends Hiding {
  href: string;
}

/** A search form as a browser would submit it: its fields with their values, the query field named. */
export interface SearchForm {
  action: string;
  method: "get" | "post";
  /** The form's accept-charset, when it has one. */
  charset: string | null;
  /** Named fields in page order (hidden inputs, text inputs, checked boxes, the first submit button). */
  fields: { name: string; value: string }[];
  /** The text input the query goes in. */
  query: string;
}

/** Facts read off one HTML page; later checks add fields here, the engine does not change. */
export interface PageFacts {
  title: string | null;
  base: string | null;
  /** `<meta name|http-equiv=… content=…>`, names lower-cased; first occurrence wins. */
  meta: Record<string, string>;
  links: RawLink[];
  /** Dated (and undated) entries of the lists on the page. */
  items: ListItem[];
  /** A date labelled as the page's own (发布时间：…), else null. */
  labeledDate: PageDate | null;
  /** The first date outside list rows (else the first one no list entry took). */
  freeDate: PageDate | null;
  messages: BoardMessage[];
  entries: PageEntries;
  footer: FooterFacts;
  /** The page says its list is empty (暂无信息). */
  saysEmpty: boolean;
  /** Short links (navigation), `text` is the link text. */
  nav: { href: string; text: string }[];
  /**
   * Links whose text may name an annual report, statistics, an interpretation or a policy
   * document (`TOPIC_TEXT`, at most MAX_TOPIC_LINKS): `src/artifacts/topics.ts` decides.
   */
  topicLinks: { href: string; text: string }[];
  /** Visible text, whitespace collapsed; consumers keep only what they match in it. */
  text: string;
  /** Where the footer starts in `text` (its first 主办/标识码/ICP/版权 line), or text.length. */
  footerAt: number;
  /** How deep the page's elements nest at most (the accessibility pass skips pathological depths). */
  nesting: number;
  /**
   * Scripts whose `src` is absolute or `//host/…` (relative ones are the site's own) and every other
   * subresource written with `http:` (or relative under an `http:` `<base>`), in page order, at
   * most MAX_SUBRESOURCES: what the mixed-content and third-party-script checks need, no more.
   */
  subresources: Subresource[];
  /** Absolute links hidden from readers (hiding.ts), at most MAX_HIDDEN_LINKS. */
  hiddenLinks: HiddenLink[];
  /** Forms that look like a site search and have a text input, at most MAX_SEARCH_FORMS. */
  searchForms: SearchForm[];
}

export const MAX_HIDDEN_LINKS = 50;
/** Hidden links held while the page is read, before menus are told apart from 暗链. */
const MAX_HIDDEN_CANDIDATES = 500;
export const MAX_SEARCH_FORMS = 3;

/** Enough to name a page's mixed content and its script hosts; a page cannot make us hold more. */
export const MAX_SUBRESOURCES = 64;
/** Elements whose URL the browser loads with the page (`a`, `area`, `form` are only followed). */
const LOADED = new Set(["script", "link", "img", "iframe", "frame", "embed", "source"]);
const ABSOLUTE = /^\s*(?:https?:)?\/\//i;
const PLAIN_HTTP = /^\s*http:/i;

export const LINK_ATTR: Record<string, string> = {
  a: "href",
  area: "href",
  link: "href",
  img: "src",
  script: "src",
  iframe: "src",
  frame: "src",
  embed: "src",
  source: "src",
  form: "action",
};

export const LINK_ATTRS = new Map(Object.entries(LINK_ATTR));

/**
 * How deep a page is read: htmlparser2's open-element stack costs time in proportion to its depth
 * at every tag (a page nested 100,000 deep took 7 s), and no real page nests more than a few
 * hundred deep. Past it, the page is read as far as there (`nesting` says so).
 */
export const MAX_NESTING = 2_000;
const TOO_DEEP = new Error("nested too deep");

/** Rows keep what they could not pair; cells hand it up to their row. */
const ROW = new Set(["li", "tr", "dl"]);
const CELL = new Set([
  "div",
  "dd",
  "dt",
  "p",
  "section",
  "article",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "td",
  "th",
]);
const SKIP_TEXT = new Set(["script", "style", "noscript", "template", "textarea", "select"]);
/** How far an unpaired link or date may travel up to find its partner. */
const MAX_HOPS = 2;

interface Anchor {
  seq: number;
  paired?: boolean;
  href: string;
  title: string;
  urlDate: PageDate | null;
  hops: number;
}
interface DateTok {
  seq: number;
  paired?: boolean;
  date: PageDate;
  hops: number;
}
/** Arrays only once something lands in them: most elements never hold a link or a date. */
interface Frame {
  tag: string;
  anchors?: Anchor[];
  dates?: DateTok[];
  /** A row's first link, however short its text: a message's own page. */
  link?: string;
}

const ASKED = /(?:留言|提问|来信|咨询|写信|发帖|投诉|信件|提交)(?:时间|日期)/;
const ANSWERED = /(?:回复|答复|办理|回应|办结|处理|反馈)(?:时间|日期)/;
const PUB = /(?:时间|日期)\s*[：:]\s*$|(?:发布|发表|成文|印发|更新|公开|生成)(?:时间|日期)?\s*[：:]?\s*$/;

/** Whose date follows `before`: the last label in it decides. */
function roleOf(before: string): "asked" | "answered" | "pub" | null {
  const a = lastAt(ASKED, before);
  const b = lastAt(ANSWERED, before);
  if (a >= 0 || b >= 0) return a > b ? "asked" : "answered";
  return PUB.test(before) ? "pub" : null;
}

const GLOBAL = new Map<RegExp, RegExp>();

function lastAt(re: RegExp, s: string): number {
  let g = GLOBAL.get(re);
  if (!g) {
    g = new RegExp(re.source, "g");
    GLOBAL.set(re, g);
  }
  g.lastIndex = 0;
  let at = -1;
  for (let m = g.exec(s); m; m = g.exec(s)) at = m.index;
  return at;
}
const PENDING = /未回复|待回复|未答复|待答复|办理中|处理中|未办结|待处理/;
const HAS_DIGIT = /\d/;
const EMPTY =
  /暂无(?:相关)?(?:信息|内容|数据|记录|文章|新闻|公告|文件)|没有(?:找到)?(?:相关)?(?:信息|记录|数据|内容)/;

/** One test before the five below: a text that says none of them is the rule. */
const ANY_LABEL = new RegExp([EMPTY, PENDING, ASKED, ANSWERED, PUB].map((r) => r.source).join("|"));

/** Lines that open a footer: labels of the 指引's footer items (as footer.ts reads them) and the copyright line. */
const FOOTER_START =
  /网站标识|标识码|网站识别码|[IＩ][CＣ][PＰ]\s*[备证]|公网安备|主办单位|主办\s*[：:]|版权所有|Copyright|©/i;
const ELDER_TEXT = /无障碍|适老|长者|关怀版|老年版|老人版|读屏|大字版|辅助浏览|爱心模式|敬老版/;
const ELDER_ATTR = /wza|wuzhangai|barrier|assist|aria[-_]?tool|cniil|shilaohua|elder|aged/i;
const SEARCH_TEXT = /搜索|检索|搜\s*索|全文检索/;
const SEARCH_HREF = /search|sousuo|\/so\/|\/s\?|jsearch|jrobot|query|ssjg|\/was5\//i;
const SEARCH_INPUT =
  /^(?:q|qt|wd|kw|key|keys|keyword|keywords|searchword|searchkey|search.*|query|sword|text|title)$/i;
const SEARCH_HINT = /搜索|检索|关键字|关键词|search|keyword/i;
/** A text input whose placeholder, prefilled value or class says it takes a search. */
const hintsSearch = (attrs: Record<string, string>) =>
  SEARCH_HINT.test(`${attrs.placeholder ?? ""} ${attrs.value ?? ""} ${attrs.class ?? ""}`);
const INTERACTION_TEXT = /留言|咨询|信箱|互动|来信|投诉|我要建议|建言|12345|问政|民意|政民|有问必答|写信/;
const INTERACTION_HREF = /hdjl|hudong|liuyan|xinxiang|mailbox|zxts|zxzx|guestbook|interact|gzhd|zmhd/i;
const SERVICE_TEXT = /办事|政务服务|服务大厅|一网通办|网上办|便民服务|在线服务|服务事项|我要办|一件事/;
const SERVICE_HREF = /zwfw|bsfw|banshi|bszn|zwfwzx|\/bs\/|\/fw\//i;
const CONAC_ATTR = /conac|dzjg|j-gov|dangzheng/i;
const CONAC_TEXT = /党政机关/;
const JIUCUO_ATTR = /jiucuo|find-wrong|exposure/i;
const JIUCUO_TEXT = /找错/;
/** One test before the six: the words of a link that names none of the entries are the rule. */
const ANY_ENTRY_TEXT = new RegExp(
  [ELDER_TEXT, SEARCH_TEXT, JIUCUO_TEXT, CONAC_TEXT, INTERACTION_TEXT, SERVICE_TEXT]
    .map((r) => r.source)
    .join("|"),
);
const ANY_ENTRY_HREF = new RegExp(
  [SEARCH_HREF, INTERACTION_HREF, SERVICE_HREF].map((r) => r.source).join("|"),
  "i",
);
/**
 * Link texts worth a second look (topics.ts): annual reports, statistics, interpretations, the
 * names of documents (《…》, …办法, …的通知), a year alone. One test; most links fail it.
 */
const TOPIC_TEXT =
  /年报|年度报告|统计|公示|情况|数据|通报|解读|图解|读懂|看懂|答记者问|原文|文件|《|[知见法定案则例施划复告议令要引准单函](?:\.[a-z]{2,4})?$|^\D{0,2}(?:19|20)\d{2}\D{0,6}$/i;
/** A page cannot make us keep more of them: a list of every document names them all. */
export const MAX_TOPIC_LINKS = 300;

/** One test before the three: ids and classes that mark none of the entries are the rule. */
const ANY_MARK = /wza|barrier|elder|aged|shilaohua|conac|dzjg|j-gov|dangzheng|jiucuo|find-wrong|exposure/i;

function pushAnchor(f: Frame, a: Anchor): void {
  if (f.anchors) f.anchors.push(a);
  else f.anchors = [a];
}

function pushDate(f: Frame, d: DateTok): void {
  if (f.dates) f.dates.push(d);
  else f.dates = [d];
}

/** Whitespace inside a trimmed text that `clean` changes: two in a row, or any but a plain space. */
const UNCLEAN = /\s\s|[^\S ]/;

/** Whitespace runs to one space, trimmed. Most text nodes are whitespace only, or clean already. */
function clean(t: string): string {
  const s = t.trim();
  return s !== "" && UNCLEAN.test(s) ? s.replace(/\s+/g, " ") : s;
}

/**
 * Streaming parse (htmlparser2) of decoded HTML into facts: one pass, no DOM. `styles`: the bodies
 * of the page's `<style>` elements when they were taken out before (raw-text.ts); without it the
 * `<style>` elements are read where they are.
 */
export function extractFacts(html: string, styles?: string[]): PageFacts {
  const facts: PageFacts = {
    title: null,
    base: null,
    meta: {},
    links: [],
    items: [],
    labeledDate: null,
    freeDate: null,
    messages: [],
    entries: { search: false, elder: false, interaction: false, service: false, conac: false, jiucuo: false },
    footer: { siteIdCode: null, icp: null, psb: null, sponsor: null, contact: null, jiucuoCode: null },
    saysEmpty: false,
    nav: [],
    topicLinks: [],
    text: "",
    footerAt: 0,
    nesting: 0,
    subresources: [],
    hiddenLinks: [],
    searchForms: [],
  };
  const vis = new Visibility();
  const hidden: (HiddenLink & { owner?: HidingOwner })[] = [];
  if (styles) for (const css of styles) vis.addSheet(css);
  let inStyle = !styles ? "" : null;
  /** A link being read: whether it shows an image, and whether it is written absolute. */
  let linkImg = false;
  let linkHref: string | null = null;
  let linkDepth = 0;
  let form: (SearchForm & { search: boolean; submit: boolean; depth: number; text: string | null }) | null =
    null;
  const e = facts.entries;
  let inTitle = false;
  let title = "";
  const chunks: string[] = [];
  let textLength = 0;
  let footerAt = -1;
  const addChunk = (t: string) => {
    if (footerAt < 0 && FOOTER_START.test(t)) footerAt = textLength;
    chunks.push(t);
    textLength += t.length + 1;
  };
  let skipDepth = 0;
  /** The page's <base> is written with http:, so its relative subresources load over http. */
  let httpBase = false;
  let seq = 0;
  let year: string | null = null;
  const root: Frame = { tag: "#root" };
  const frames: Frame[] = [root];
  const tags: string[] = [];
  let anchor: { href: string; text: string; title: string; alt: string } | null = null;
  let anchorDepth = 0;
  let pending = "";
  /** The label that ended the previous text, waiting for a date in the next one. */
  let label: "asked" | "answered" | "pub" | null = null;
  let lastMessage: BoardMessage | null = null;
  const freeDates: DateTok[] = [];
  const seenItems = new Set<string>();
  // Message boards laid out as tables: which column holds which date.
  const tables: { roles: Map<number, "asked" | "answered">; cell: number }[] = [];

  const top = () => frames[frames.length - 1] as Frame;
  const inRow = () => frames.some((f) => ROW.has(f.tag));

  const pushItem = (a: Anchor, date: PageDate | null) => {
    if (seenItems.has(a.href)) return;
    seenItems.add(a.href);
    facts.items.push({ href: a.href, title: a.title, date });
  };

  const innermostRow = (): Frame | undefined => {
    for (let i = frames.length - 1; i > 0; i--) if (ROW.has((frames[i] as Frame).tag)) return frames[i];
    return undefined;
  };
  const rowHref = (): string | null => innermostRow()?.link ?? anchor?.href ?? null;

  const messageEvent = (role: "asked" | "answered", date: PageDate) => {
    if (role === "asked") {
      lastMessage = { asked: date, answered: null, pending: false, href: rowHref() };
      facts.messages.push(lastMessage);
    } else if (lastMessage && lastMessage.answered === null) lastMessage.answered = date;
  };

  /** The first date outside any list row: an article's byline, even when it has no label. */
  let firstLoose: PageDate | null = null;
  const addDate = (date: PageDate) => {
    if (firstLoose === null && !inRow()) firstLoose = date;
    const t = top();
    pushDate(t, { seq: seq++, date, hops: 0 });
  };

  const onText = (raw: string) => {
    const t = clean(raw);
    if (!t) return;
    addChunk(t);
    const table = tables[tables.length - 1];
    // Dates and year headings have digits; most texts (navigation, titles) have none.
    const digits = HAS_DIGIT.test(t);
    const dates = digits ? fullDates(t) : [];
    const prevLabel = label;
    label = null;
    if (dates.length === 0) {
      const y = digits ? yearHeading(t) : null;
      if (y) {
        year = y;
        return;
      }
      const s = digits ? shortDate(t, year) : null;
      if (s) {
        if (prevLabel === "pub") facts.labeledDate ??= s;
        else if (anchor === null) addDate(s);
        return;
      }
      if (!ANY_LABEL.test(t)) return;
      if (EMPTY.test(t)) facts.saysEmpty = true;
      if (PENDING.test(t) && lastMessage && lastMessage.answered === null && t.length < 12)
        lastMessage.pending = true;
      if (table && !ANSWERED.test(t) && ASKED.test(t) && t.length < 12) table.roles.set(table.cell, "asked");
      else if (table && ANSWERED.test(t) && t.length < 12) table.roles.set(table.cell, "answered");
      if (ASKED.test(t) && /[：:]?\s*$/.test(t) && t.length < 16) label = "asked";
      else if (ANSWERED.test(t) && t.length < 16) label = "answered";
      else if (PUB.test(t)) label = "pub";
      return;
    }
    let cursor = 0;
    for (const d of dates) {
      const before = t.slice(cursor, d.at);
      cursor = d.at + 1;
      const tableRole = table?.roles.get(table.cell);
      const role = roleOf(before) ?? (d === dates[0] ? prevLabel : null) ?? tableRole ?? null;
      if (role === "asked" || role === "answered") messageEvent(role, d.date);
      else if (role === "pub" && !inRow()) facts.labeledDate ??= d.date;
      else if (anchor === null) addDate(d.date);
    }
  };

  const flush = () => {
    if (pending) {
      onText(pending);
      pending = "";
    }
  };

  const closeFrame = (f: Frame) => {
    // Most elements hold neither a link nor a date.
    if (!f.anchors && !f.dates) return;
    const anchors = f.anchors ?? [];
    const dates = f.dates ?? [];
    const parent = frames[frames.length - 1] as Frame;
    if (f.tag !== "#root" && anchors.length > 0 && dates.length > 0) {
      if (anchors.length === dates.length)
        for (let i = 0; i < anchors.length; i++) pair(anchors[i] as Anchor, dates[i] as DateTok);
      else if (anchors.length === 1) pair(anchors[0] as Anchor, dates[0] as DateTok);
      else if (dates.length === 1) {
        const longest = anchors.reduce((a, b) => (b.title.length > a.title.length ? b : a));
        pair(longest, dates[0] as DateTok);
      } else
        for (const d of dates) {
          const before = anchors.filter((a) => a.seq < d.seq && !a.paired);
          const a = before[before.length - 1] ?? anchors.find((x) => x.seq > d.seq && !x.paired);
          if (a) pair(a, d);
        }
    }
    const handUp = CELL.has(f.tag);
    for (const a of anchors) {
      if (a.paired) continue;
      if (handUp && a.hops < MAX_HOPS) pushAnchor(parent, { ...a, hops: a.hops + 1 });
      else if (a.urlDate || ROW.has(f.tag)) pushItem(a, a.urlDate);
    }
    for (const d of dates) {
      if (d.paired) continue;
      if (handUp && d.hops < MAX_HOPS) pushDate(parent, { ...d, hops: d.hops + 1 });
      else freeDates.push(d);
    }
  };
  const pair = (a: Anchor, d: DateTok) => {
    a.paired = true;
    d.paired = true;
    pushItem(a, d.date);
  };

  const p = new Parser(
    {
      onopentag(name, attrs) {
        flush();
        tags.push(name);
        if (tags.length > facts.nesting) facts.nesting = tags.length;
        if (tags.length > MAX_NESTING) throw TOO_DEEP;
        vis.open(name, attrs);
        if (name === "style" && inStyle !== null) inStyle = "";
        if (SKIP_TEXT.has(name)) skipDepth++;
        if (name === "title" && facts.title === null) {
          inTitle = true;
          return;
        }
        if (name === "base" && attrs.href && facts.base === null) {
          facts.base = attrs.href;
          httpBase = PLAIN_HTTP.test(attrs.href);
        }
        if (name === "meta") {
          const key = (attrs.name ?? attrs["http-equiv"] ?? attrs.property ?? "").toLowerCase();
          if (key && attrs.content !== undefined && !(key in facts.meta)) facts.meta[key] = attrs.content;
          return;
        }
        const idc =
          attrs.id === undefined && attrs.class === undefined ? "" : `${attrs.id ?? ""} ${attrs.class ?? ""}`;
        if (idc.length > 1 && ANY_MARK.test(idc)) {
          if (ELDER_ATTR.test(idc) && /wza|barrier|elder|aged|shilaohua/i.test(idc)) e.elder = true;
          if (CONAC_ATTR.test(idc)) e.conac = true;
          if (JIUCUO_ATTR.test(idc)) {
            e.jiucuo = true;
            const code =
              attrs.sitecode ?? /sitecode\s*:\s*['"]?([A-Za-z0-9]+)/i.exec(attrs["data-setting"] ?? "")?.[1];
            if (code) facts.footer.jiucuoCode ??= code;
          }
        }
        if (name === "table") tables.push({ roles: new Map(), cell: -1 });
        else if (name === "tr") {
          const t = tables[tables.length - 1];
          if (t) t.cell = -1;
        } else if (name === "td" || name === "th") {
          const t = tables[tables.length - 1];
          if (t) t.cell++;
        }
        if (ROW.has(name) || CELL.has(name)) frames.push({ tag: name });
        if (name === "img") {
          const s = `${attrs.src ?? ""} ${attrs.alt ?? ""} ${attrs.title ?? ""}`;
          if (/conac|dzjg|dangzheng/i.test(s) || CONAC_TEXT.test(s)) e.conac = true;
          if (/jiucuo/i.test(s) || JIUCUO_TEXT.test(s)) e.jiucuo = true;
          if (anchor) anchor.alt += ` ${attrs.alt ?? ""} ${attrs.title ?? ""}`;
        }
        if (name === "script" && attrs.src) {
          if (/conac/i.test(attrs.src)) e.conac = true;
          if (/jiucuo/i.test(attrs.src)) {
            e.jiucuo = true;
            if (attrs.sitecode) facts.footer.jiucuoCode ??= attrs.sitecode;
          }
          if (ELDER_ATTR.test(attrs.src)) e.elder = true;
        }
        if (name === "form" && SEARCH_HREF.test(attrs.action ?? "")) e.search = true;
        if (name === "form") {
          closeForm();
          form = {
            action: attrs.action ?? "",
            method: (attrs.method ?? "").toLowerCase() === "post" ? "post" : "get",
            charset: attrs["accept-charset"]?.trim().split(/[\s,]+/)[0] || null,
            fields: [],
            query: "",
            search: SEARCH_HREF.test(attrs.action ?? ""),
            submit: false,
            depth: tags.length,
            text: null,
          };
        }
        if (name === "input" && form) formInput(form, attrs);
        if (name === "img" && linkHref !== null) linkImg = true;
        if (name === "input") {
          const type = (attrs.type ?? "text").toLowerCase();
          if (
            (type === "text" || type === "search") &&
            (SEARCH_INPUT.test(attrs.name ?? attrs.id ?? "") || hintsSearch(attrs))
          )
            e.search = true;
          if (
            (type === "submit" || type === "button" || type === "image") &&
            SEARCH_TEXT.test(attrs.value ?? attrs.alt ?? "")
          )
            e.search = true;
        }
        if ((name === "button" || attrs.onclick || attrs.role === "button") && anchor === null) {
          anchor = { href: "", text: "", title: attrs.title ?? "", alt: "" };
          anchorDepth = tags.length;
        }
        const attr = LINK_ATTRS.get(name);
        if (attr) {
          const v = attrs[attr];
          // `<link rel=…>` other than stylesheets/icons points at nothing fetchable for us.
          if (name === "link" && !/stylesheet|icon/i.test(attrs.rel ?? "")) return;
          if (v) {
            facts.links.push({ tag: name, href: v });
            if (LOADED.has(name) && facts.subresources.length < MAX_SUBRESOURCES) {
              // Icons are left out: browsers do not count a favicon as the page's content.
              // Under an http: <base>, relative URLs load over http too.
              const http = PLAIN_HTTP.test(v) || (httpBase && !ABSOLUTE.test(v));
              if (
                (name === "script" ? http || ABSOLUTE.test(v) : http) &&
                (name !== "link" || /stylesheet/i.test(attrs.rel ?? ""))
              )
                facts.subresources.push({ tag: name === "link" ? "stylesheet" : name, href: v.trim() });
            }
          }
          if (name === "a") {
            if (v) vis.countLink(v);
            if (anchor) closeAnchor();
            // A link opened inside another: the outer one's look is no longer known, it is let go.
            linkHref = null;
            if (v && ABSOLUTE.test(v) && hidden.length < MAX_HIDDEN_CANDIDATES) {
              linkHref = v.trim();
              linkImg = false;
              linkDepth = tags.length;
            }
            anchor = { href: v ?? "", text: "", title: attrs.title ?? "", alt: "" };
            anchorDepth = tags.length;
            if (v && /conac\.cn/i.test(v)) e.conac = true;
            if (v && JIUCUO_ATTR.test(v)) {
              e.jiucuo = true;
              const code = /site_?code=([A-Za-z0-9]+)/i.exec(v)?.[1];
              if (code) facts.footer.jiucuoCode ??= code;
            }
          }
        }
      },
      ontext(t) {
        if (inTitle) {
          title += t;
          return;
        }
        if (inStyle !== null && tags[tags.length - 1] === "style") {
          inStyle += t;
          return;
        }
        if (skipDepth > 0) return;
        if (anchor) anchor.text += t;
        else pending += t;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          facts.title = clean(title);
        }
        if (anchor && tags.length <= anchorDepth) closeAnchor();
        if (linkHref !== null && tags.length <= linkDepth) closeLink();
        if (name === "style" && inStyle) {
          vis.addSheet(inStyle);
          inStyle = "";
        }
        if (form && name === "form" && tags.length <= form.depth) closeForm();
        flush();
        tags.pop();
        vis.close();
        if (SKIP_TEXT.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === "table") tables.pop();
        if ((ROW.has(name) || CELL.has(name)) && frames.length > 1 && top().tag === name) {
          const f = frames.pop() as Frame;
          closeFrame(f);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  /** The link being read ends: hidden, it is kept. Decided at its end, when its images are known. */
  function closeLink() {
    if (linkHref === null) return;
    // Working out how an element looks is only done for links that may be 暗链 (hiding.ts).
    const h = mayBeHiddenLink(linkHref) ? vis.hiding(linkImg) : null;
    if (h && hidden.length < MAX_HIDDEN_CANDIDATES) hidden.push({ href: linkHref, ...h });
    linkHref = null;
  }

  function closeForm() {
    const f = form;
    form = null;
    if (!f || facts.searchForms.length >= MAX_SEARCH_FORMS) return;
    const query = f.query || (f.search ? f.text : null);
    if (!query) return;
    facts.searchForms.push({
      action: f.action,
      method: f.method,
      charset: f.charset,
      fields: f.fields,
      query,
    });
  }

  function closeAnchor() {
    const a = anchor;
    anchor = null;
    label = null;
    if (!a) return;
    const text = clean(a.text);
    const words = `${text} ${a.title} ${a.alt}`;
    // Most links name none of the entries: one test of them all first.
    if (ANY_ENTRY_TEXT.test(words)) {
      if (ELDER_TEXT.test(words)) e.elder = true;
      if (SEARCH_TEXT.test(text)) e.search = true;
      if (JIUCUO_TEXT.test(words)) e.jiucuo = true;
      if (CONAC_TEXT.test(`${a.title} ${a.alt}`)) e.conac = true;
      if (INTERACTION_TEXT.test(text)) e.interaction = true;
      if (SERVICE_TEXT.test(text)) e.service = true;
    }
    if (a.href && ANY_ENTRY_HREF.test(a.href)) {
      if (SEARCH_HREF.test(a.href)) e.search = true;
      if (INTERACTION_HREF.test(a.href)) e.interaction = true;
      if (SERVICE_HREF.test(a.href)) e.service = true;
    }
    if (text) addChunk(text);
    const href = a.href.trim();
    const real = href !== "" && !/^(?:javascript:|#|mailto:|tel:)/i.test(href);
    const row = real ? innermostRow() : undefined;
    if (row && row.link === undefined) row.link = href;
    if (!real) {
      if (/^mailto:/i.test(href)) facts.footer.contact ??= href.slice(7);
      return;
    }
    // A date at the end of the link text is the entry's date (`标题 2022-12-20`).
    const inText = fullDates(text);
    const last = inText[inText.length - 1];
    let name = text || clean(a.title);
    let ownDate: PageDate | null = null;
    if (last && /^\s*[\])）】]?\s*$/.test(text.slice(last.at).replace(/^[\d\s\-/.年月日:：]+/, ""))) {
      ownDate = last.date;
      name = clean(text.slice(0, last.at).replace(/[[(（【]\s*$/, ""));
    }
    if (name.length >= 2 && name.length <= 16 && facts.nav.length < 400) facts.nav.push({ href, text: name });
    if (name.length >= 2 && facts.topicLinks.length < MAX_TOPIC_LINKS && TOPIC_TEXT.test(name))
      facts.topicLinks.push({ href, text: name.slice(0, 120) });
    const chars = name.replace(/\s/g, "").length;
    const ud = urlDate(href);
    if (chars < 4 && !ud && !ownDate) return;
    const anchorTok: Anchor = { seq: seq++, href, title: name.slice(0, 80), urlDate: ud, hops: 0 };
    const t = top();
    pushAnchor(t, anchorTok);
    if (ownDate) pushDate(t, { seq: seq++, date: ownDate, hops: 0 });
  }

  try {
    p.write(html);
    p.end();
  } catch (e) {
    // Nested past MAX_NESTING: what came before is read, the rest is not.
    if (e !== TOO_DEEP) throw e;
  }
  if (anchor) closeAnchor();
  closeForm();
  flush();
  // Hidden menus (mostly links within the site or to government sites) are no 暗链; whose links
  // they are is known once the page is read.
  for (const { owner, ...l } of hidden)
    if (!vis.isMenu(owner) && facts.hiddenLinks.length < MAX_HIDDEN_LINKS) facts.hiddenLinks.push(l);
  while (frames.length > 1) closeFrame(frames.pop() as Frame);
  closeFrame(root);
  freeDates.sort((a, b) => a.seq - b.seq);
  facts.freeDate = firstLoose ?? freeDates[0]?.date ?? null;
  facts.text = chunks.join(" ");
  facts.footerAt = footerAt < 0 ? facts.text.length : footerAt;
  const footer = readFooter(facts.text, facts.footerAt);
  facts.footer = {
    ...footer,
    contact: footer.contact ?? facts.footer.contact,
    jiucuoCode: facts.footer.jiucuoCode,
  };
  return facts;
}

/** A query field's name that says search by itself (`text`, `title` do not: a message form has them). */
const SEARCH_FIELD = /^(?:q|qt|wd|kw|key|keys|keyword|keywords|searchword|searchkey|search.*|query|sword)$/i;

/** An input of a form being read: its field, and whether it makes the form a search form. */
function formInput(
  f: SearchForm & { search: boolean; submit: boolean; text: string | null },
  attrs: Record<string, string>,
): void {
  const type = (attrs.type ?? "text").toLowerCase();
  const name = attrs.name;
  if ((type === "submit" || type === "image") && SEARCH_TEXT.test(attrs.value ?? attrs.alt ?? ""))
    f.search = true;
  if (!name || attrs.disabled !== undefined) return;
  if (type === "text" || type === "search") {
    f.fields.push({ name, value: attrs.value ?? "" });
    f.text ??= name;
    if (!f.query && (SEARCH_FIELD.test(name) || hintsSearch(attrs))) {
      f.query = name;
      f.search = true;
    }
  } else if (type === "hidden") f.fields.push({ name, value: attrs.value ?? "" });
  else if ((type === "checkbox" || type === "radio") && attrs.checked !== undefined)
    f.fields.push({ name, value: attrs.value ?? "on" });
  else if (type === "submit" && !f.submit) {
    f.submit = true;
    f.fields.push({ name, value: attrs.value ?? "" });
  }
}
