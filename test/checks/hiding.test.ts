import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { extractFacts } from "../../src/artifacts/extract.ts";
import { type Decl, normColor, parseDecl, parseSelector, parseSheet } from "../../src/artifacts/hiding.ts";
import type { PageArtifact } from "../../src/artifacts/types.ts";
import { integrityHiddenLink, registrableDomain } from "../../src/checks/integrity-hidden-link.ts";
import { dropRawText } from "../../src/crawl/raw-text.ts";
import { readPage, readsStyles, siteReading } from "../../src/crawl/read-page.ts";
import { formBody, newestArticle, resultsShow } from "../../src/crawl/site-probes.ts";
import { SHARED_DATA, sharedMissing } from "../support/paths.ts";
import { HOME, outcome, siteOf } from "./support.ts";

const ident = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => n.toString(16).padStart(6, "0"));

test("normColor: #rgb, #rrggbb, rgb() and case name one colour", () => {
  fc.assert(
    fc.property(hex, (h) => {
      const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
      assert.equal(normColor(`#${h.toUpperCase()}`), `#${h}`);
      assert.equal(normColor(`rgb(${r}, ${g},${b})`), `#${h}`);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xfff }), (n) => {
      const s = n.toString(16).padStart(3, "0");
      assert.equal(normColor(`#${s}`), `#${[...s].map((c) => c + c).join("")}`);
    }),
  );
  assert.equal(normColor("White"), "#ffffff");
  assert.equal(normColor("transparent"), "clear");
  assert.equal(normColor("rgba(0,0,0,0)"), "clear");
  assert.equal(normColor("inherit"), null);
});

test("parseDecl: each hiding declaration is read whatever the spacing, case and !important around it", () => {
  const hiding: [string, keyof Decl, unknown][] = [
    ["display:none", "none", true],
    ["visibility:hidden", "invisible", true],
    ["position:absolute;left:-999px", "offscreen", true],
    ["position:fixed;top:-9999px", "offscreen", true],
    ["width:0;height:0;overflow:hidden", "zero", true],
    ["font-size:0", "font0", true],
    ["opacity:0", "transparent", true],
    ["text-indent:-9999px", "indent", true],
  ];
  const space = fc.constantFrom("", " ", "  ", "\n");
  fc.assert(
    fc.property(
      fc.constantFrom(...hiding),
      space,
      space,
      fc.boolean(),
      fc.boolean(),
      ([decl, key, want], a, b, upper, important) => {
        const text = decl
          .split(";")
          .map((d) => {
            const [p, v] = d.split(":") as [string, string];
            return `${a}${upper ? p.toUpperCase() : p}${a}:${b}${v}${important ? " !important" : ""}`;
          })
          .join(";");
        assert.equal(parseDecl(`color:#333;${text};margin:0`)?.[key], want, text);
      },
    ),
  );
  // What does not hide: a near offset, absolute without an offset, an indent under an image.
  assert.equal(parseDecl("position:absolute;left:-20px")?.offscreen, undefined);
  assert.equal(parseDecl("left:-9999px"), null);
  assert.equal(parseDecl("text-indent:-9999px;background:url(a.png)")?.indent, undefined);
  assert.equal(parseDecl("width:0;height:0")?.zero, undefined);
  assert.equal(parseDecl("display:block")?.none, false);
  assert.equal(parseDecl("padding:0;border:none;float:left"), null);
});

test("parseSelector: simple selectors only; specificity counts ids, classes, tags", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          tag: fc.option(fc.constantFrom("div", "ul", "a", "p")),
          id: fc.option(ident),
          cls: fc.array(ident, { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      (parts) => {
        const ok = parts.filter((p) => p.tag || p.id || p.cls.length > 0);
        fc.pre(ok.length > 0);
        const text = ok
          .map((p) => `${p.tag ?? ""}${p.id ? `#${p.id}` : ""}${p.cls.map((c) => `.${c}`).join("")}`)
          .join(" ");
        const s = parseSelector(text);
        assert.ok(s, text);
        assert.equal(s.parts.length, ok.length);
        const spec = ok.reduce((n, p) => n + (p.tag ? 1 : 0) + (p.id ? 10_000 : 0) + p.cls.length * 100, 0);
        assert.equal(s.specificity, spec);
      },
    ),
  );
  for (const bad of ["a:hover", "ul > li", "a + b", "[hidden]", "*", "a::before", "li ~ li"])
    assert.equal(parseSelector(bad), null, bad);
});

test("parseSheet: comments and at-rules skipped, every selector of a list kept, any order of rules", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(ident, fc.boolean()), { minLength: 1, maxLength: 8 }), (rules) => {
      const css = rules
        .map(
          ([c, hide], i) =>
            `/* ${i} */ .${c}, #${c}${i} { ${hide ? "display:none" : "color:#fff"} }\n@media print { .${c} { display:none } }`,
        )
        .join("\n");
      const parsed = parseSheet(css);
      assert.equal(parsed.length, rules.length * 2);
      parsed.forEach((r, i) => {
        const [, hide] = rules[Math.floor(i / 2)] as [string, boolean];
        assert.equal(r.decl.none === true, hide);
        assert.equal(r.order, i);
      });
    }),
  );
});

test("raw-text keeps the style bodies it drops, and reading them finds the same links as reading in place", () => {
  const html = `<html><head><style>.x{display:none}</style></head><body>
<div class="x"><a href="http://spam.example.com/">a</a></div><a href="http://ok.example.com/">b</a></body></html>`;
  const styles: string[] = [];
  const bytes = dropRawText(Buffer.from(html), styles);
  assert.deepEqual(styles, [".x{display:none}"]);
  const dropped = extractFacts(Buffer.from(bytes).toString("utf8"), styles).hiddenLinks;
  assert.deepEqual(dropped, extractFacts(html).hiddenLinks);
  assert.deepEqual(dropped, [{ href: "http://spam.example.com/", how: "display:none", by: ".x", on: "div" }]);
});

test("registrableDomain", () => {
  assert.equal(registrableDomain("www.example.com"), "example.com");
  assert.equal(registrableDomain("a.b.example.com.cn"), "example.com.cn");
  assert.equal(registrableDomain("121.43.68.40"), "121.43.68.40");
});

test("search pieces: the form encoded in the page's charset, the newest article, the results judged", () => {
  assert.equal(formBody([{ name: "q", value: "关 a*b" }], "gbk"), "q=%B9%D8+a*b");
  assert.equal(formBody([{ name: "q", value: "关" }], "utf-8"), "q=%E5%85%B3");
  const art = (url: string, date: string, title: string): PageArtifact => ({
    url,
    status: 200,
    error: null,
    record: null,
    contentType: "text/html",
    depth: 1,
    charset: null,
    title,
    meta: {},
    date,
  });
  const n = newestArticle(
    [
      art(`${HOME}a`, "2026-10-01", "旧文章标题很长_某县"),
      art(`${HOME}b`, "2026-11-01", "新文章的标题比二十个字还要长得多得多得多得多_某县人民政府"),
      art(`${HOME}c`, "2027-01-01", "未来日期的文章标题_某县"),
    ],
    "2026-11-30",
  );
  assert.deepEqual(n, {
    url: `${HOME}b`,
    title: "新文章的标题比二十个字还要长得多得多得多得多",
    query: "新文章的标题比二十个字还要长得多得多得多",
  });
  const q = "新文章的标题比二十个字还要长";
  assert.equal(
    resultsShow(Buffer.from(`<li><em>新文章</em>的标题比二十个\n字还要长…</li>`), "text/html", q),
    true,
  );
  assert.equal(resultsShow(Buffer.from(`<p>搜索“${q}”共找到 0 条结果</p>`), "text/html", q), false);
  assert.equal(resultsShow(Buffer.from(`<input value="${q}">`), "text/html", q), false);
});

/**
 * The 69 real pages of ../shared/data/govpages, read as the crawl reads them: none has a hidden
 * link that integrity.hidden-link reports. (Hidden links they do have go to government hosts, to
 * the site's own pages, or to the share, Weibo, browser and CMS-vendor hosts scripts show.)
 */
const DIR = join(SHARED_DATA, "govpages");
const skip = sharedMissing(join(DIR, "INDEX.csv"));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : /\.html?$/i.test(e.name) ? [join(dir, e.name)] : [],
  );
}

test("integrity.hidden-link: no report on the real government pages", { skip }, () => {
  const files = htmlFiles(DIR);
  assert.ok(files.length >= 60, `${files.length} pages`);
  let hidden = 0;
  for (const path of files) {
    const url = "https://www.example.gov.cn/";
    const r = readPage(
      {
        body: new Uint8Array(readFileSync(path)),
        contentType: undefined,
        finalUrl: url,
        depth: 0,
        contentFacts: true,
      },
      siteReading({}, url),
    );
    const page: PageArtifact = {
      url,
      status: 200,
      error: null,
      record: null,
      contentType: "text/html",
      depth: 0,
      charset: null,
      title: r.title,
      meta: r.meta,
      ...r.fields,
    };
    hidden += page.hiddenLinks?.length ?? 0;
    const res = integrityHiddenLink.run(siteOf([page], { home: outcome() }));
    assert.deepEqual(res.findings, [], relative(DIR, path));
  }
  // The pages do hide outside links: menus are told apart while reading (hiding.ts, isMenu); what
  // is left (share pop-ups, Weibo) reaches the check, which lets it be.
  assert.ok(hidden > 0, `${hidden} hidden links`);
});

test("a page of crafted rules is followed only so far: reading stays quick and errs towards visible", () => {
  const rules = Array.from({ length: 20_000 }, (_, i) => `div .c${i} div{color:#fff}`).join("\n");
  const nest = 1_500;
  const html = `<style>${rules} .x{display:none}</style>${"<div>".repeat(nest)}<a href="http://spam.example.com/">a</a>${"</div>".repeat(nest)}`;
  const t0 = performance.now();
  const facts = extractFacts(html);
  assert.ok(performance.now() - t0 < 5_000, `${Math.round(performance.now() - t0)} ms`);
  assert.deepEqual(facts.hiddenLinks, []);
});

test("a hidden menu is no 暗链: mostly government links, or a dropdown's hidden part; a hidden block of outside links is", () => {
  const read = (body: string) =>
    extractFacts(`<html><body>${body}</body></html>`).hiddenLinks.map((l) => l.href);
  const gov = (n: number) =>
    Array.from({ length: n }, (_, i) => `<li><a href="http://www.s${i}.gov.cn/">部门${i}</a></li>`).join("");
  // 友情链接 ▾ listing mostly government sites and a couple of others.
  assert.deepEqual(
    read(`<ul style="display:none">${gov(6)}<li><a href="http://www.cass.cn/">中国社会科学院</a></li></ul>`),
    [],
  );
  // 新闻媒体网站 ▾: all outside links, in a dropdown a button opens.
  assert.deepEqual(
    read(
      `<div class="dropdown"><button>新闻媒体网站</button><ul class="dropdown-menu" style="display:none"><li><a href="http://www.people.com.cn/">人民网</a></li><li><a href="http://www.xinhuanet.com/">新华网</a></li></ul></div>`,
    ),
    [],
  );
  // Planted: outside links hidden for good, whatever sits beside them.
  assert.deepEqual(
    read(
      `<ul>${gov(3)}</ul><div style="display:none"><a href="http://bet.example.com/">娱乐</a><a href="http://casino.example.net/">娱乐城</a></div>`,
    ),
    ["http://bet.example.com/", "http://casino.example.net/"],
  );
});

test("style rules are read on the homepage, the pages it links and one deeper page in ten, the same each run", () => {
  assert.ok(readsStyles({ depth: 0, finalUrl: "http://a.gov.cn/" }));
  assert.ok(readsStyles({ depth: 1, finalUrl: "http://a.gov.cn/col/1.html" }));
  const deep = Array.from({ length: 2000 }, (_, i) => `http://a.gov.cn/art/2026/${i}.html`);
  const read = deep.filter((u) => readsStyles({ depth: 3, finalUrl: u }));
  assert.ok(read.length > 140 && read.length < 260, `${read.length} of 2000`);
  assert.deepEqual(
    deep.filter((u) => readsStyles({ depth: 3, finalUrl: u })),
    read,
  );
});
