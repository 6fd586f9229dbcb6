import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { requiredColumns } from "../../src/artifacts/required-columns.ts";
import { columnRequiredMissing } from "../../src/checks/column-required-missing.ts";
import { decodeBody } from "../../src/encoding/charset.ts";
import { SHARED_DATA, sharedMissing } from "../support/paths.ts";
import { HOME, pageFrom, siteOf } from "./support.ts";

/**
 * column.required-missing on the real government pages of ../shared/data/govpages, each read as
 * if it were its site's homepage (their menus are the site's): a column whose menu entry is on
 * the page must not be reported. A page is one page of its site, so columns that live one level
 * down (政务公开 → 政策文件) may rightly be reported here; the crawl reads that level too.
 */
const DIR = join(SHARED_DATA, "govpages");
const skip = sharedMissing(join(DIR, "INDEX.csv"));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : /\.html?$/i.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const read = (path: string) => decodeBody(new Uint8Array(readFileSync(path)), null).text;
const reported = (html: string) => {
  const r = columnRequiredMissing.run(siteOf([pageFrom(HOME, html, 0)]));
  return { outcome: r.outcome, ids: r.findings.map((f) => f.columnId as string) };
};

const ALL = [
  "overview",
  "functions",
  "leaders",
  "policy",
  "interpretation",
  "disclosure",
  "service",
  "interaction",
];
/**
 * What each page's menu obviously has, read by eye (the link texts that show it in brackets):
 * none of these may be reported.
 */
const OBVIOUS: Record<string, string[]> = {
  // 丰台概况, 机构信息, 领导信息, 政策文件, 政策解读, 政务公开, 政务服务, 政民互动
  "mhxqwer/hjhbjft.gov.cn/index.html": ALL,
  // 走近大兴, 机构职权, 领导之窗, 政府文件, 政策解读, 政务公开, 政务服务, 政民互动
  "mhxqwer/hjhbjdx.gov.cn/index.html": ALL,
  // 走进安溪, 机构设置, 领导之窗, 政策文件库, 本县政策解读, 政府信息公开, 办事服务, 互动交流
  "mhxqwer/sykfjax.gov.cn/index.html": ALL,
  // 印象云南, 省政府机构, 省政府领导, 政策文件, 政策解读, 政务公开, 政务服务, 互动交流
  "mhxqwer/lxhyn.gov.cn/index.html": ALL,
  // 走进顺义, 机构信息, 领导介绍, 政策文件, 政务公开, 政务服务, 政民互动
  "mhxqwer/gqsbjshy.gov.cn/index.html": [
    "overview",
    "functions",
    "leaders",
    "policy",
    "disclosure",
    "service",
    "interaction",
  ],
  // 走进四川, 机构职能, 政府领导, 政务公开, 政务服务, 政民互动
  "mhxqwer/djsc.gov.cn/index.html": [
    "overview",
    "functions",
    "leaders",
    "disclosure",
    "service",
    "interaction",
  ],
  // 机构职能, 领导介绍, 政策及解读, 政府信息公开, 政民互动
  "mhxqwer/gqsbeijing.gov.cn/index.html": [
    "functions",
    "leaders",
    "policy",
    "interpretation",
    "disclosure",
    "interaction",
  ],
  // 市 情, 政府领导, 政策解读, 公 开, 政 务 服 务, 互 动
  "mhxqwer/gqcwlmq.gov.cn/index.html": [
    "overview",
    "leaders",
    "interpretation",
    "disclosure",
    "service",
    "interaction",
  ],
  // 市情, 公开, 服务, 互动 (the city's short top menu)
  "mhxqwer/cxwxa.gov.cn/index.html": ["overview", "disclosure", "service", "interaction"],
  // 魅力广州, 政务公开, 政务服务, 互动交流
  "mhxqwer/jchgz.gov.cn/index.html": ["overview", "disclosure", "service", "interaction"],
  // 机构职能, 局领导介绍, 政务公开, 政务服务, 互动交流
  "mhxqwer/lysctcm.sc.gov.cn/index.html": ["functions", "leaders", "disclosure", "service", "interaction"],
  // 绥滨县情, 政务公开, 政务服务, 互动交流
  "mhxqwer/ldqsuibin.gov.cn/index.html": ["overview", "disclosure", "service", "interaction"],
  // 政策文件, 政策解读, 政府信息公开, 政务服务, 领导信箱 (a mailbox, not the leaders' column)
  "mhxqwer/yjybeijing.gov.cn/index.html": [
    "policy",
    "interpretation",
    "disclosure",
    "service",
    "interaction",
  ],
};

test("real pages: no column reported whose menu entry is obviously there", { skip }, () => {
  for (const [file, present] of Object.entries(OBVIOUS)) {
    const r = reported(read(join(DIR, file)));
    assert.notEqual(r.outcome, "not-applicable", file);
    assert.deepEqual(
      r.ids.filter((id) => present.includes(id)),
      [],
      file,
    );
    if (present === ALL) assert.equal(r.outcome, "pass", file);
  }
  // 领导信箱 is a mailbox: it does not stand for the leaders' column.
  assert.ok(reported(read(join(DIR, "mhxqwer/yjybeijing.gov.cn/index.html"))).ids.includes("leaders"));
});

/** Link texts as written in the markup, read without our parser: tags dropped, spaces removed. */
function anchorTexts(html: string): string[] {
  const bare = html.replace(/<!--[\s\S]*?-->/g, " ").replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ");
  return [...bare.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a\s*>/gi)].map((m) =>
    (m[1] ?? "").replace(/<[^>]*>/g, "").replace(/&nbsp;|\s+/g, ""),
  );
}

test("real pages: a column is never reported when the guideline's own name is a link text of the page", {
  skip,
}, () => {
  let judged = 0;
  let findings = 0;
  const names = new Map(requiredColumns().map((c) => [c.id, c.name]));
  for (const path of htmlFiles(DIR)) {
    const html = read(path);
    const r = reported(html);
    if (r.outcome === "not-applicable") continue;
    judged++;
    findings += r.ids.length;
    const texts = new Set(anchorTexts(html));
    for (const id of r.ids) assert.ok(!texts.has(names.get(id) as string), `${relative(DIR, path)}: ${id}`);
  }
  console.log(`real pages judged as homepages: ${judged}, columns not in their own menu: ${findings}`);
  assert.ok(judged >= 30, `${judged}`);
});
