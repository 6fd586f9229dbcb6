import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { extractFacts } from "../../src/artifacts/extract.ts";
import { PROVINCES, readFooter } from "../../src/artifacts/footer.ts";
import { footerContactMissing } from "../../src/checks/footer-contact-missing.ts";
import { footerIcpMissing } from "../../src/checks/footer-icp-missing.ts";
import { decodeBody } from "../../src/encoding/charset.ts";
import { SHARED_DATA } from "../support/paths.ts";
import { HOME, pageFrom, portal, siteOf } from "./support.ts";

// Misreadings real pages showed (issue 18): footers the generated sites never had.

const PAGES = join(SHARED_DATA, "govpages");
const realPage = (file: string) => {
  const path = join(PAGES, file);
  return existsSync(path) ? decodeBody(new Uint8Array(readFileSync(path)), null).text : null;
};
const absent = (file: string) =>
  existsSync(join(PAGES, file)) ? undefined : `shared reference data absent: ${join(PAGES, file)}`;

const FULL_WIDTH_DIGITS = "０１２３４５６７８９";
const fullWidth = (s: string) =>
  s.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)] as string).replace(/ICP/, "ＩＣＰ");

/** The ways footers space and type a filing number: spaces, ideographic spaces, none. */
const gap = fc.constantFrom("", " ", "　", "  ", "\u00a0");
const abbr = fc.constantFrom(...PROVINCES.flatMap((p) => [...p.abbr]));
const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(""));

test("ICP numbers: every province-level abbreviation, however spaced or typed, is read with its prefix", () => {
  // The five second abbreviations are the ones the reader missed (蜀ICP备… on sc.gov.cn).
  for (const a of "蜀陇秦黔滇")
    assert.ok(
      PROVINCES.some((p) => p.abbr.includes(a)),
      a,
    );
  assert.equal(new Set(PROVINCES.map((p) => p.name)).size, 31);
  fc.assert(
    fc.property(
      abbr,
      gap,
      gap,
      digits(6, 12),
      fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
      fc.boolean(),
      (p, g1, g2, number, suffix, wide) => {
        const plain = `${p}ICP备${number}号${suffix === null ? "" : `-${suffix}`}`;
        const printed0 = `${p}${g1}ICP${g2}备${g1}${number}号${suffix === null ? "" : `${g2}-${g2}${suffix}`}`;
        const printed = wide ? fullWidth(printed0) : printed0;
        const f = readFooter(`版权所有：某某人民政府 ${printed} 技术支持：某某中心`);
        assert.ok(f.icp, printed);
        assert.equal(f.icp.replace(/\s+/g, ""), plain, printed);
        assert.ok(f.icp.startsWith(p));
      },
    ),
    { numRuns: 600 },
  );
});

test("公网安备 numbers: every abbreviation, with 号 or a colon after the label, digits spaced or full-width", () => {
  fc.assert(
    fc.property(
      abbr,
      gap,
      fc.constantFrom("", "号", "：", "号："),
      digits(14, 14),
      fc.boolean(),
      (p, g, label, number, wide) => {
        const spaced = `${number.slice(0, 5)}${g}${number.slice(5)}`;
        const printed = `${p}公网安备${label}${g}${wide ? fullWidth(spaced) : spaced}号`;
        const f = readFooter(`主办单位：某某人民政府 ${printed}`);
        assert.ok(f.psb, printed);
        assert.ok(f.psb.startsWith(`${p}公网安备`), f.psb);
        assert.equal(f.psb.replace(/\D/g, ""), number, printed);
      },
    ),
    { numRuns: 300 },
  );
});

// sc.gov.cn prints 蜀ICP备 13001288号 (INDEX.csv, written with the same blind spot, has no ICP).
for (const file of [
  "mhxqwer/djsc.gov.cn/index.html",
  "mhxqwer/lysc.gov.cn/index.html",
  "mhxqwer/zysc.gov.cn/index.html",
])
  test(`real page ${file}: its 蜀ICP备 number is read`, { skip: absent(file) }, () => {
    const html = realPage(file) as string;
    const page = pageFrom(HOME, html, 0);
    assert.equal(page.footer?.icp, "蜀ICP备 13001288号");
    assert.equal(footerIcpMissing.run(siteOf([page])).outcome, "pass");
  });

test("real page lytwtl.sz.gov.cn: 粤公网安备号44030402003007 is read", {
  skip: absent("mhxqwer/lytwtl.sz.gov.cn/index.html"),
}, () => {
  const f = extractFacts(realPage("mhxqwer/lytwtl.sz.gov.cn/index.html") as string);
  assert.equal(f.footer.psb?.replace(/\s+/g, ""), "粤公网安备号44030402003007");
  assert.equal(f.footer.siteIdCode, "4403000026");
});

/** Labels sites print the 网站标识码 under (the first two on the real pages of govpages). */
const SITE_ID_LABELS = ["网站标识码", "政府网站标识码", "网站识别码", "标识码", "网站标识"];

test("网站标识码 under any of its labels, with or without a colon, the code possibly split by spaces", () => {
  const code = fc.oneof(
    fc.tuple(fc.constantFrom("11", "46", "51", "65"), digits(8, 8)).map(([a, b]) => a + b),
    digits(8, 8).map((d) => `bm${d}`),
  );
  /** Splits a code at random places with one space (or ideographic space) each. */
  const split = (c: string, cuts: number[], sp: string) => {
    let out = "";
    for (let i = 0; i < c.length; i++) out += (cuts.includes(i) && i > 0 ? sp : "") + c[i];
    return out;
  };
  fc.assert(
    fc.property(
      fc.constantFrom(...SITE_ID_LABELS),
      fc.constantFrom("：", ":", "", " ： ", "： "),
      code,
      fc.array(fc.integer({ min: 2, max: 9 }), { maxLength: 3 }),
      fc.constantFrom(" ", "　"),
      fc.constantFrom("", " 京ICP备05070218号", " 琼公网安备 46010802000004号", "　版权所有"),
      (label, colon, c, cuts, sp, after) => {
        const printed = `${label}${colon}${split(c, cuts, sp)}`;
        const html = `<div class="footer"><p>主办单位：某某人民政府办公厅</p><p>${printed}${after}</p></div>`;
        assert.equal(extractFacts(html).footer.siteIdCode, c, printed + after);
      },
    ),
    { numRuns: 500 },
  );
});

test("a 10-digit number without a 网站标识码 label is not read as one", () => {
  fc.assert(
    fc.property(
      digits(10, 10),
      fc.constantFrom(
        "联系电话：",
        "邮编：",
        "党政机关网站标识 ",
        "文号：",
        "识别码：",
        "统一社会信用代码：",
      ),
      (n, before) => {
        const f = readFooter(`主办单位：某某人民政府 ${before}${n} 京ICP备05070218号`);
        assert.equal(f.siteIdCode, null, before + n);
      },
    ),
    { numRuns: 200 },
  );
  // A malformed code after a label is still read, to be reported as invalid.
  assert.equal(readFooter("网站标识码：460000001").siteIdCode, "460000001");
  assert.equal(readFooter("网站标识码：4600000001 2024").siteIdCode, "4600000001");
});

test("the footer's phone, not the one an article above it mentions", () => {
  const article = `<h1>关于开展防汛演练的通知</h1>${"<p>各乡镇、各部门要高度重视，认真落实防汛责任，确保人民群众生命财产安全。</p>".repeat(40)}
    <p>联系人：张三，联系电话：0898-66666666。</p><p>附件：报名表</p>`;
  const html = portal(article, {
    footer:
      "<p>主办单位：某某市人民政府办公室 网站标识码：4602000001 琼ICP备05000041号-1 联系电话：0898-88888888</p>",
  });
  const f = extractFacts(html);
  assert.ok(
    f.text.indexOf("0898-66666666") > f.text.length - 2500,
    "the article's phone is within the old window",
  );
  assert.equal(f.footer.contact, "0898-88888888");
  // No phone in the footer: one printed just above its first line counts, the article's does not.
  const above = portal(article, {
    footer: "<p>联系我们 电话：0898-77777777</p><p>主办单位：某某市人民政府办公室 网站标识码：4602000001</p>",
  });
  assert.equal(extractFacts(above).footer.contact, "0898-77777777");
  const none = portal(article, { footer: "<p>主办单位：某某市人民政府办公室 网站标识码：4602000001</p>" });
  const home = pageFrom(HOME, none, 0);
  assert.equal(home.footer?.contact, null);
  assert.equal(footerContactMissing.run(siteOf([home])).outcome, "fail");
});

// A real notice ending with its contact person's phone, right above where a footer goes. The
// page's own footer is drawn by a script, so a static footer is put after it.
test("real page lgcwsjkw.sh.gov.cn: a notice's 联系人 phone above the footer is not the site's contact", {
  skip: absent("mhxqwer/lgcwsjkw.sh.gov.cn/index.html"),
}, () => {
  const html = (realPage("mhxqwer/lgcwsjkw.sh.gov.cn/index.html") as string).replace(
    /<\/body>/i,
    '<div class="footer"><p>主办单位：上海市卫生健康委员会 网站标识码：3100000010</p></div></body>',
  );
  const f = extractFacts(html);
  assert.ok(f.text.indexOf("62181513") > f.footerAt - 300, "the notice's phone is just above the footer");
  assert.equal(f.footer.siteIdCode, "3100000010");
  assert.equal(f.footer.contact, null);
});

/** The raw-HTML offset where the page's footer text begins (before its first label), or -1. */
function footerOffset(html: string): number {
  const m = /网站标识码|ICP\s*备|公网安备|主办单位|主办\s*[：:]|版权所有/.exec(html);
  return m ? html.lastIndexOf("<", m.index) : -1;
}

test("real pages: an article phone inserted above the footer never replaces the footer's own", () => {
  // Pages whose footer prints its own phone below its first line.
  const files = [
    "mhxqwer/lfygxzf.gov.cn/index.html",
    "mhxqwer/wmlhonghu.gov.cn/index.html",
    "mhxqwer/sykfjax.gov.cn/index.html",
    "mhxqwer/ldqsuibin.gov.cn/index.html",
    "mhxqwer/lklhfss.gov.cn/index.html",
    "mhxqwer/htqcznd.gov.cn/index.html",
    "mhxqwer/yjywgxj.nc.gov.cn/index.html",
  ].filter((f) => absent(f) === undefined);
  if (files.length === 0) return;
  const pages = files.map((file) => {
    const html = (realPage(file) as string).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    return { file, html, own: extractFacts(html).footer.contact };
  });
  for (const p of pages) assert.ok(p.own, `${p.file}: the footer's phone is read`);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: pages.length - 1 }),
      fc.constantFrom("联系电话：", "咨询电话：", "热线电话 ", "传真："),
      fc.tuple(fc.constantFrom("010", "0898", "021", "0771"), digits(8, 8)),
      fc.integer({ min: 0, max: 60 }),
      (i, label, [area, n], filler) => {
        const p = pages[i] as (typeof pages)[number];
        const at = footerOffset(p.html);
        fc.pre(at > 0);
        const para = `<p>${"本次活动由各有关单位共同组织。".repeat(filler)}如有疑问请联系，${label}${area}-${n}。</p>`;
        const html = p.html.slice(0, at) + para + p.html.slice(at);
        const f = extractFacts(html);
        fc.pre(f.text.indexOf(`${area}-${n}`) < f.footerAt);
        assert.equal(f.footer.contact, p.own, `${p.file} with ${label}${area}-${n}`);
      },
    ),
    { numRuns: 150 },
  );
});
