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

/** Every province-level abbreviation an ICP or 公网安备 number starts with (京…新). */
export const PROVINCE_ABBR = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵黔云滇藏陕甘青宁新";

const SITE_ID = /网站标识码\s*[：:]?\s*([A-Za-z]{0,2}\d[0-9A-Za-z]{2,13})/g;
const ICP = new RegExp(
  `[${PROVINCE_ABBR}]\\s*ICP\\s*[备证]\\s*\\d{4,}\\s*号?(?:\\s*[-－—]\\s*\\d+)?(?:\\s*号)?`,
  "g",
);
const PSB = new RegExp(`[${PROVINCE_ABBR}]\\s*公网安备\\s*(?:\\d\\s*){10,17}号?`, "g");
const SPONSOR = /主办(?:单位)?\s*[：:]\s*([^\s：:|｜，,。;；]{2,40})|主办单位\s+([^\s：:|｜，,。;；]{2,40})/g;
const PHONE =
  /(?:电话|热线|传真|Tel|TEL|联系方式|联系我们|致电|服务台)\s*[：:]?\s*(\(?0\d{2,3}\)?\s*[-－—]?\s*\d{5,8}(?:\s*[-－—]\s*\d{1,5})?|1[3-9]\d{9}|\d{3,4}-\d{7,8}|\d{5,8})/;
/** `XX人民政府办公厅主办` (the name first, as some footers put it). */
const SPONSOR_BEFORE =
  /([^\s：:|｜，,。;；]{2,30}?(?:厅|办公室|政府|局|委员会|中心|部|院|委|处|室))\s*主办(?![单方])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
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

/** `footerAt`: where the footer's first line starts, when known; the footer runs from there. */
export function readFooter(text: string, footerAt = text.length): FooterFacts {
  const tail = text.slice(Math.max(0, Math.min(footerAt, text.length - TAIL)));
  // Some sites show two numbers (an old and a new filing): the first is the one in force.
  // Each of these opens the footer (extract.ts's FOOTER_START): nothing to find above it.
  const foot = footerAt < text.length ? text.slice(footerAt) : text;
  const id = first(SITE_ID, foot);
  const icp = first(ICP, foot);
  const psb = first(PSB, foot);
  const sponsor = tail.includes("主办") ? (last(SPONSOR, tail) ?? last(SPONSOR_BEFORE, tail)) : null;
  const phone = PHONE.exec(tail);
  const email = EMAIL.exec(tail);
  return {
    siteIdCode: id?.[1] ?? null,
    icp: icp ? squash(icp[0]) : null,
    psb: psb ? squash(psb[0]).replace(/(\d) (?=\d)/g, "$1") : null,
    sponsor: sponsor ? ((sponsor[1] ?? sponsor[2]) as string) : null,
    contact: phone ? squash(phone[1] as string) : email ? email[0] : null,
    jiucuoCode: null,
  };
}
