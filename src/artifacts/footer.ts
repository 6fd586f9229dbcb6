/**
 * The identification a government site must show (政府网站发展指引): 网站标识码, ICP备案号,
 * 公安机关备案号, 主办单位 and a contact. Read from the page's visible text; footers come last,
 * so the sponsor and contact are looked for near the end only.
 */
export interface FooterFacts {
  siteIdCode: string | null;
  icp: string | null;
  psb: string | null;
  sponsor: string | null;
  contact: string | null;
  /** The site code the 我为政府网站找错 entry carries. */
  jiucuoCode: string | null;
}

/**
 * The province-level divisions of the mainland and the abbreviations (简称) their ICP and 公网安备
 * numbers start with. Five have two in use: 川/蜀, 贵/黔, 云/滇, 陕/秦, 甘/陇 (the first is the
 * everyday one, the second the one MIIT and older filings print, e.g. `蜀ICP备`, `陇ICP备`).
 */
export const PROVINCES: readonly { name: string; abbr: string }[] = [
  { name: "北京", abbr: "京" },
  { name: "天津", abbr: "津" },
  { name: "河北", abbr: "冀" },
  { name: "山西", abbr: "晋" },
  { name: "内蒙古", abbr: "蒙" },
  { name: "辽宁", abbr: "辽" },
  { name: "吉林", abbr: "吉" },
  { name: "黑龙江", abbr: "黑" },
  { name: "上海", abbr: "沪" },
  { name: "江苏", abbr: "苏" },
  { name: "浙江", abbr: "浙" },
  { name: "安徽", abbr: "皖" },
  { name: "福建", abbr: "闽" },
  { name: "江西", abbr: "赣" },
  { name: "山东", abbr: "鲁" },
  { name: "河南", abbr: "豫" },
  { name: "湖北", abbr: "鄂" },
  { name: "湖南", abbr: "湘" },
  { name: "广东", abbr: "粤" },
  { name: "广西", abbr: "桂" },
  { name: "海南", abbr: "琼" },
  { name: "重庆", abbr: "渝" },
  { name: "四川", abbr: "川蜀" },
  { name: "贵州", abbr: "贵黔" },
  { name: "云南", abbr: "云滇" },
  { name: "西藏", abbr: "藏" },
  { name: "陕西", abbr: "陕秦" },
  { name: "甘肃", abbr: "甘陇" },
  { name: "青海", abbr: "青" },
  { name: "宁夏", abbr: "宁" },
  { name: "新疆", abbr: "新" },
];

/** Every abbreviation an ICP or 公网安备 number starts with, as one character class's body. */
export const PROVINCE_ABBR = PROVINCES.map((p) => p.abbr).join("");

/** Digits as printed: ASCII or full-width (some footers are typed in a full-width IME). */
const D = "[0-9０-９]";
/** `ICP` in ASCII or full-width letters. */
const ICP_WORD = "[IＩiｉ][CＣcｃ][PＰpｐ]";
const DASH = "[-－—–]";

/**
 * The 网站标识码 and the labels sites print it under (网站标识码, 政府网站标识码, 网站识别码,
 * 标识码, 网站标识; not a bare 识别码, which is also the taxpayer's). The code is 10 digits or
 * `bm` + 8, possibly split by spaces (`4600 0000 01`): read strictly first, else as any code-like
 * token after a label ending in 码, so that a malformed code is still read (and reported as
 * invalid). `网站标识` without 码 also names the CONAC badge (党政机关网站标识): after it only a
 * well-formed code counts, and never after 机关. A number without a label is never read.
 */
const SPACED = String.raw`(?:[bB][mM]\s?(?:${D}\s?){7}${D}|${D}(?:\s?${D}){9})(?![0-9A-Za-z０-９]|\s${D})`;
const SITE_ID = new RegExp(
  String.raw`(?:标识码|网站识别码)\s*[：:]?\s*(${SPACED}|[A-Za-z]{0,2}\d[0-9A-Za-z]{2,13})|(?<!机关)网站标识\s*[：:]?\s*(${SPACED})`,
  "g",
);
const ICP = new RegExp(
  String.raw`[${PROVINCE_ABBR}]\s*${ICP_WORD}\s*[备证]\s*${D}{4,}\s*号?(?:\s*${DASH}\s*${D}+)?(?:\s*号)?`,
  "g",
);
/** `粤公网安备 44030402003007号`, also `粤公网安备号44030402003007` and `…备：…`. */
const PSB = new RegExp(String.raw`[${PROVINCE_ABBR}]\s*公网安备\s*号?\s*[：:]?\s*(?:${D}\s*){10,17}号?`, "g");
const SPONSOR = /主办(?:单位)?\s*[：:]\s*([^\s：:|｜，,。;；]{2,40})|主办单位\s+([^\s：:|｜，,。;；]{2,40})/g;
const PHONE =
  /(?:电话|热线|传真|Tel|TEL|联系方式|联系我们|致电|服务台)\s*[：:]?\s*(\(?0\d{2,3}\)?\s*[-－—]?\s*\d{5,8}(?:\s*[-－—]\s*\d{1,5})?|1[3-9]\d{9}|\d{3,4}-\d{7,8}|\d{5,8})/;
/** `XX人民政府办公厅主办` (the name first, as some footers put it). */
const SPONSOR_BEFORE =
  /([^\s：:|｜，,。;；]{2,30}?(?:厅|办公室|政府|局|委员会|中心|部|院|委|处|室))\s*主办(?![单方])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
const PHONE_G = new RegExp(PHONE.source, "g");
const EMAIL_G = new RegExp(EMAIL.source, "g");
/** The footer's share of a long page. */
const TAIL = 2500;

function first(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(text);
}

function last(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  let out: RegExpExecArray | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) out = m;
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
/** Full-width digits and letters as ASCII (`ＩＣＰ`, `０８９８`): only the few characters matched. */
const ascii = (s: string) => s.normalize("NFKC");
/** How far above the footer's first line a contact still counts as the footer's. */
const ABOVE_FOOTER = 300;

/**
 * The phone nearest the footer in the text just above it, unless a 联系人 names it: that is how
 * an article (a notice) ends (`联系人：朱老师 联系电话：62181513`), not a site's footer.
 */
function lastContact(above: string): RegExpExecArray | null {
  PHONE_G.lastIndex = 0;
  let out: RegExpExecArray | null = null;
  for (let m = PHONE_G.exec(above); m; m = PHONE_G.exec(above))
    out = above.lastIndexOf("联系人", m.index) >= Math.max(0, m.index - 24) ? null : m;
  return out;
}

/**
 * `footerAt`: where the footer's first line starts, when known; the footer runs from there. The
 * contact is looked for in the footer first: on an article page the text before it is the
 * article, whose phone numbers are not the site's. Failing that, a contact printed just above the
 * footer's first line counts (a 联系我们 line above the copyright), the nearest one.
 */
export function readFooter(text: string, footerAt = text.length): FooterFacts {
  const tail = text.slice(Math.max(0, Math.min(footerAt, text.length - TAIL)));
  // Some sites show two numbers (an old and a new filing): the first is the one in force.
  // Each of these opens the footer (extract.ts's FOOTER_START): nothing to find above it.
  const known = footerAt < text.length;
  const foot = known ? text.slice(footerAt) : text;
  const id = first(SITE_ID, foot);
  const icp = first(ICP, foot);
  const psb = first(PSB, foot);
  const sponsor = tail.includes("主办") ? (last(SPONSOR, tail) ?? last(SPONSOR_BEFORE, tail)) : null;
  let phone: RegExpExecArray | null;
  let email: RegExpExecArray | null;
  if (known) {
    const above = text.slice(Math.max(0, footerAt - ABOVE_FOOTER), footerAt);
    phone = PHONE.exec(foot) ?? lastContact(above);
    email = EMAIL.exec(foot) ?? last(EMAIL_G, above);
  } else {
    phone = PHONE.exec(tail);
    email = EMAIL.exec(tail);
  }
  const code = id ? ((id[1] ?? id[2]) as string) : null;
  return {
    siteIdCode: code === null ? null : ascii(code).replace(/\s+/g, ""),
    icp: icp ? ascii(squash(icp[0])) : null,
    psb: psb ? ascii(squash(psb[0])).replace(/(\d) (?=\d)/g, "$1") : null,
    sponsor: sponsor ? ((sponsor[1] ?? sponsor[2]) as string) : null,
    contact: phone ? squash(phone[1] as string) : email ? email[0] : null,
    jiucuoCode: null,
  };
}
