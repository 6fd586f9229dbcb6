/**
 * What a title or a link text says it is, for the content checks of the 19号 check list that look
 * past the columns: the 政府信息公开工作年度报告 of a year, the statistics of 办件 and of message
 * handling, a policy interpretation (解读) and the document it interprets. Pure text functions.
 */
import { fullDates, type PageDate } from "./dates.ts";

const CN_DIGITS: Record<string, string> = {
  〇: "0",
  零: "0",
  "○": "0",
  Ｏ: "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};

/** Spaces dropped, full-width digits made ASCII, a year in Chinese numerals (二〇二五年) in digits. */
export function normaliseTitle(text: string): string {
  // The same link texts (a site's menus) come back on every page, and each is asked several
  // questions: normalised once (this was a fortieth of reading a page).
  let t = normalised.get(text);
  if (t !== undefined) return t;
  t = SPACE_OR_WIDE.test(text)
    ? text.replace(/\s+/g, "").replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    : text;
  if (t.includes("年"))
    t = t.replace(/[〇零○Ｏ一二三四五六七八九]{4}(?=年)/g, (y) =>
      [...y].map((c) => CN_DIGITS[c] ?? c).join(""),
    );
  if (text.length <= 200) {
    if (normalised.size >= 4096) normalised.clear();
    // Copies, so that the page the text was cut from is not kept alive by this memory.
    const key = ` ${text}`.slice(1);
    normalised.set(key, t === text ? key : ` ${t}`.slice(1));
  }
  return t;
}
const SPACE_OR_WIDE = /[\s０-９]/;
const normalised = new Map<string, string>();

/** The years a text names, not those that begin a date (2026年1月, 2026-01-15). */
function years(t: string): number[] {
  const out: number[] = [];
  for (const m of t.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)) {
    const after = t.slice((m.index ?? 0) + 4);
    if (/^年?\d{1,2}月/.test(after) || /^[-./]\d{1,2}(?:[-./]\d|月)/.test(after)) continue;
    out.push(Number(m[1]));
  }
  return out;
}

// ---- 政府信息公开工作年度报告 ----

/** The report, as titles name it (条例 第五十条: 政府信息公开工作年度报告; sites write 年报 too). */
const ANNUAL_REPORT = /信息公开(?:工作)?(?:年度报告|年报)|政务公开(?:工作)?年度报告/;
/**
 * Work about the reports rather than a report: notices to prepare, submit or check them, their
 * format, training. A notice that publishes one (关于公布…年度报告的通知) is the report.
 */
const ABOUT_REPORTS =
  /报送|编制|编写|撰写|起草|做好|格式|模板|范本|样本|培训|要求|审核|指引|征求|评查|考核|检查|督查|通报/;

/**
 * The year a 政府信息公开工作年度报告 reports on, when the text is (or links to) one:
 * `某县2025年政府信息公开工作年度报告`, `2025年度…`, `…年度报告（2025年）`, `二〇二五年…`. The
 * year is the first one the text names that does not begin a date (a report's date of publication
 * is not its year). null: no report, no year, or a text about reports (报送, 编制, 格式…).
 */
export function annualReportYear(text: string): number | null {
  const t = normaliseTitle(text);
  if (!ANNUAL_REPORT.test(t) || ABOUT_REPORTS.test(t)) return null;
  const y = years(t).find((n) => n >= 2008 && n <= 2099);
  return y ?? null;
}

/** A list of the reports (信息公开年报, 政府信息公开工作年度报告): its entries may name a year only. */
export function annualReportList(name: string | null | undefined): boolean {
  if (!name) return false;
  const t = normaliseTitle(name);
  return ANNUAL_REPORT.test(t) || /^(?:政府)?年报$|^年度报告$/.test(t);
}

/** An entry of such a list that names a year only: `2025年`, `2025年度`, `（2025年度报告）`. */
export function reportYearOnly(text: string): number | null {
  const m = /^[[(（【]?((?:19|20)\d{2})(?:年度?)?(?:年度报告|年报|报告)?[\])）】]?$/.exec(
    normaliseTitle(text),
  );
  if (!m) return null;
  const y = Number(m[1]);
  return y >= 2008 && y <= 2099 ? y : null;
}

// ---- Statistics of 办件 and of message handling ----

export type StatsKind = "service" | "message";

/**
 * Statistics of messages: 留言统计, 信件统计, 来信办理情况, 12345热线数据… (not 信件选登, a list of
 * letters; not 投诉/咨询 figures, which are mostly a market regulator's consumer complaints).
 */
const MESSAGE_STATS =
  /(?:留言|信件|来信|来电|诉求|信箱|热线(?:工单)?)(?:办理|受理|处理|答复|回复|办结|办件)?(?:情况)?(?:统计|公示|汇总|分析|数据|通报)|(?:留言|信件|来信|来电|诉求)(?:办理|受理|处理|答复|回复|办结)情况/;
/** Statistics of 办件: 办件统计, 办件公示, 办件情况, 办事数据统计, 政务服务事项办理情况统计… */
const SERVICE_STATS =
  /办件量?(?:统计|公示|情况|数据|汇总|信息|结果)|办事(?:数据)?统计|(?:政务服务|行政审批|审批服务|依申请)(?:事项)?(?:办理|办件)(?:情况)?(?:统计|数据|公示|通报)|(?:政务服务|审批)(?:数据)?统计/;

/**
 * Which statistics a title, column name or link text names: message handling (留言/信件/来信/诉求
 * …统计, …办理情况) before 办件 (12345热线办件情况 is about messages), or null.
 */
export function statsKind(text: string | null | undefined): StatsKind | null {
  if (!text) return null;
  const t = normaliseTitle(text);
  if (MESSAGE_STATS.test(t)) return "message";
  if (SERVICE_STATS.test(t)) return "service";
  return null;
}

const CN_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The newest day or month a statistics title reports on: a full date (截至2026年9月30日), else the
 * end of its period: `2026年9月`, `2026年1-9月`, `2026年第三季度` (→ 2026-09), `2026年上半年`
 * (→ 2026-06), `2026年度` (→ 2026-12). A month is `YYYY-MM` (read as its last day); null: none.
 */
export function titlePeriodEnd(text: string): PageDate | null {
  const t = normaliseTitle(text);
  const days = fullDates(t).map((d) => d.date);
  if (days.length > 0) return days.sort().at(-1) as string;
  let best: string | null = null;
  const take = (y: string, m: number) => {
    if (m < 1 || m > 12) return;
    const d = `${y}-${pad(m)}`;
    if (best === null || d > best) best = d;
  };
  const Y = "((?:19|20)\\d{2})年";
  for (const m of t.matchAll(new RegExp(`${Y}(?:\\d{1,2}(?:月份?)?[-—–~～至到])?(\\d{1,2})月`, "g")))
    take(m[1] as string, Number(m[2]));
  for (const m of t.matchAll(new RegExp(`${Y}(?:度)?第?([一二三四1-4])季度`, "g")))
    take(m[1] as string, 3 * (CN_QUARTER[m[2] as string] as number));
  for (const m of t.matchAll(new RegExp(`${Y}(?:度)?([上下])半年`, "g")))
    take(m[1] as string, m[2] === "上" ? 6 : 12);
  if (best === null)
    for (const m of t.matchAll(new RegExp(`${Y}度?(?![\\d一二三四上下第])`, "g"))) take(m[1] as string, 12);
  return best;
}

// ---- Policy documents and their interpretations ----

/** Words that make a text an interpretation (解读, 图解, 一图读懂, 答记者问). */
const INTERPRETATION = /解读|图解|读懂|看懂|答记者问/;
/** A document's name as sites link it: its title in 《》, or the kind of document it ends with. */
const DOCUMENT_END =
  /(?:通知|意见|办法|规定|决定|方案|细则|条例|措施|规划|批复|公告|通告|决议|命令|规则|纲要|指引|标准|清单|函|令)$/;
const DOCUMENT_WORDS = /原文|相关文件|文件下载|政策文件|《[^》]{2,}》/;
/** Columns' names in menus: a link so named is navigation, not this page's own relation. */
const COLUMN_LABEL =
  /^(?:政策|文件|政府文件|部门文件|规范性文件|政策法规|法规文件|政策文件|政策解读|文件解读|图文解读|图解政策|政策图解|解读回应|政策问答)$/;
const ATTACHMENT_EXT = /\.(?:pdf|docx?|wps|ofd|xlsx?|txt|zip|rar)$/i;

/**
 * What a link's text says it leads to: an interpretation (相关解读, 《…》政策解读, 一图读懂…) or a
 * policy document (原文, 政策原文, 《…办法》, 关于印发…的通知, XX办法.pdf); null for anything else,
 * and for a column's own name (政策解读, 政策文件 in a menu).
 */
export function linkRelation(text: string): "interpretation" | "document" | null {
  let t = normaliseTitle(text)
    .replace(ATTACHMENT_EXT, "")
    .replace(/^(?:附件\d*[：:.、]?|\[|【)/, "")
    .replace(/[\])】]$/, "");
  if (t.length < 2 || COLUMN_LABEL.test(t)) return null;
  if (INTERPRETATION.test(t)) return "interpretation";
  t = t.replace(/[（(][^）)]*[）)]$/, "");
  if (DOCUMENT_WORDS.test(t) || (t.length >= 6 && DOCUMENT_END.test(t))) return "document";
  return null;
}

/** A title that says it is an interpretation, or names the document it is about (《…》). */
export function interpretationTitle(title: string): boolean {
  const t = normaliseTitle(title);
  return INTERPRETATION.test(t) || /问答|解答|政策说明|起草说明|《[^》]{2,}》/.test(t);
}

/** The interpretation's words around the document's name (的政策解读, 一图读懂, 关于…的解读). */
const INTERPRETATION_AFFIX =
  /^(?:关于|一图(?:读懂|看懂|了解|解读)|图解|解读|政策解读|专家解读|权威解读)[:：]?|(?:的)?(?:政策|文件|专家|权威|图文|新闻发布会)?(?:解读|图解|问答|答记者问)(?:材料)?$/g;

/**
 * The names of the documents an interpretation's title refers to: every name in 《》, and the
 * title without the interpretation's words (`关于印发X的通知的解读` → `关于印发X的通知`… `印发X的通知`).
 * Only names of six characters or more: short ones match too much.
 */
export function interpretedNames(title: string): string[] {
  const t = normaliseTitle(title);
  const out = new Set<string>();
  for (const m of t.matchAll(/《([^》]{6,})》/g)) out.add(m[1] as string);
  const bare = t
    .replace(INTERPRETATION_AFFIX, "")
    .replace(INTERPRETATION_AFFIX, "")
    .replace(/[《》]/g, "");
  if (bare !== t.replace(/[《》]/g, "") && bare.length >= 6) out.add(bare);
  return [...out];
}

/** Whether a document's title is one of the names an interpretation refers to. */
export function namesDocument(names: readonly string[], documentTitle: string): boolean {
  const d = normaliseTitle(documentTitle).replace(/[《》]/g, "");
  if (d.length < 6) return false;
  return names.some((n) => d.includes(n) || (n.includes(d) && d.length >= 8));
}
