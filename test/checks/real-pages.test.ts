import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import type { SiteArtifacts } from "../../src/artifacts/types.ts";
import { footerIcpMissing } from "../../src/checks/footer-icp-missing.ts";
import { footerJiucuoMissing } from "../../src/checks/footer-jiucuo-missing.ts";
import { footerPsbMissing } from "../../src/checks/footer-psb-missing.ts";
import { footerSiteIdInvalid } from "../../src/checks/footer-site-id-invalid.ts";
import { footerSiteIdMissing } from "../../src/checks/footer-site-id-missing.ts";
import { metaSiteIdMismatch } from "../../src/checks/meta-site-id-mismatch.ts";
import { metaSiteMissing } from "../../src/checks/meta-site-missing.ts";
import { mobileNoViewport } from "../../src/checks/mobile-no-viewport.ts";
import type { Check } from "../../src/checks/types.ts";
import { decodeBody } from "../../src/encoding/charset.ts";
import { SHARED_DATA, sharedMissing } from "../support/paths.ts";
import { pageFrom, siteOf } from "./support.ts";

/**
 * 69 saved pages of real government sites and what INDEX.csv (made by someone else, from the raw
 * HTML) says is on them. Some footers are drawn by scripts: a value INDEX found only inside
 * <script> is not in the static page, and is left out rather than counted either way.
 */
const DIR = join(SHARED_DATA, "govpages");
const skip = sharedMissing(join(DIR, "INDEX.csv"));

interface Row {
  file: string;
  encoding_bytes: string;
  title: string;
  SiteName: string;
  SiteDomain: string;
  SiteIDCode: string;
  ColumnName: string;
  PubDate: string;
  footer_wzbsm: string;
  icp: string;
  gongan: string;
  jiucuo_sitecode: string;
  meta_viewport: string;
}

const squash = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, "");

interface Loaded {
  row: Row;
  site: SiteArtifacts;
  /** The decoded HTML without scripts and comments: what a static reader can see. */
  markup: string;
  /** Its text. */
  visible: string;
  raw: string;
  charset: string;
}

function load(): Loaded[] {
  const rows = parse(readFileSync(join(DIR, "INDEX.csv")), { columns: true }) as Row[];
  return rows.map((row) => {
    const bytes = new Uint8Array(readFileSync(join(DIR, row.file)));
    const d = decodeBody(bytes, null);
    const page = pageFrom("https://www.example.gov.cn/", d.text, 0);
    const markup = d.text.replace(/<script\b[\s\S]*?<\/script>/gi, " ").replace(/<!--[\s\S]*?-->/g, " ");
    return {
      row,
      site: siteOf([page], { asOf: "2025-06-30" }),
      markup,
      visible: markup.replace(/<[^>]+>/g, " "),
      raw: d.text,
      charset: d.charset,
    };
  });
}

/** Division codes of GB/T 2260 from 1980 to 2024 (yescallop/areacodes), an independent list. */
function divisionCodes(): Set<string> {
  const csv = readFileSync(join(SHARED_DATA, "divisions/yescallop-areacodes/result.csv"), "utf8");
  return new Set(csv.split("\n").map((l) => l.replace(/^\uFEFF/, "").slice(0, 6)));
}

test("real pages: facts read agree with INDEX.csv", { skip }, () => {
  const pages = load();
  let right = 0;
  let total = 0;
  let scripted = 0;
  let indexMissed = 0;
  const wrong: string[] = [];
  for (const { row, site, visible, markup, raw, charset } of pages) {
    const p = site.pages[0];
    assert.ok(p);
    const facts: [string, string | null | undefined, string | null][] = [
      ["footer.siteIdCode", p.footer?.siteIdCode, row.footer_wzbsm],
      ["footer.icp", p.footer?.icp, row.icp],
      ["footer.psb", p.footer?.psb, row.gongan],
      ["meta.SiteName", p.meta.sitename, row.SiteName],
      ["meta.SiteDomain", p.meta.sitedomain, row.SiteDomain],
      ["meta.SiteIDCode", p.meta.siteidcode, row.SiteIDCode],
      ["meta.ColumnName", p.meta.columnname, row.ColumnName],
      ["meta.viewport", p.meta.viewport, row.meta_viewport],
      ["title", p.title, row.title],
      ["charset", charset, row.encoding_bytes.startsWith("UTF-16LE") ? "utf-16le" : "utf-8"],
      [
        "page date",
        p.date ?? p.freeDate ?? null,
        row.PubDate ? (/\d{4}-\d{2}-\d{2}/.exec(row.PubDate)?.[0] ?? "") : null,
      ],
    ];
    for (const [name, got, rawWant] of facts) {
      if (rawWant === null) continue;
      // INDEX keeps titles to 80 characters and leaves entities such as &nbsp; as they are.
      const want = name === "title" ? rawWant.replace(/&nbsp;/g, " ") : rawWant;
      const isFooter = name.startsWith("footer.");
      const seen = squash(isFooter ? visible : markup);
      if (want !== "" && name !== "charset" && name !== "page date" && !seen.includes(squash(want))) {
        scripted++;
        continue;
      }
      total++;
      if (squash(got) === squash(want)) right++;
      else if (name === "title" && want.length >= 80 && squash(got).startsWith(squash(want))) right++;
      else if (want === "" && got && seen.includes(squash(got))) {
        // INDEX left it out, yet it is printed in the static page: our reading is the right one.
        indexMissed++;
        right++;
      } else wrong.push(`${row.file}: ${name} read ${JSON.stringify(got)}, INDEX ${JSON.stringify(want)}`);
    }
    if (row.jiucuo_sitecode && raw.includes("jiucuo")) {
      total++;
      if (p.entries?.jiucuo) right++;
      else wrong.push(`${row.file}: jiucuo entry not found`);
    }
  }
  const share = right / total;
  console.log(
    `real pages: ${right}/${total} facts read right (${(share * 100).toFixed(1)} %); ${indexMissed} of them printed in the page but missing from INDEX; ${scripted} INDEX values only in scripts or comments left out`,
  );
  console.log(
    `real pages: agreement with INDEX.csv as written, counting every difference against us: ${right - indexMissed}/${total + scripted}`,
  );
  for (const w of wrong) console.log(`  ${w}`);
  assert.ok(share >= 0.95, `${(share * 100).toFixed(1)} % of facts read right`);
});

test("real pages: recall and precision of the checks INDEX.csv can decide", { skip }, () => {
  const pages = load();
  const codes = divisionCodes();
  const validCode = (c: string) => /^bm\d{8}$/i.test(c) || (/^\d{10}$/.test(c) && codes.has(c.slice(0, 6)));
  const truth: [Check, (r: Row, visible: string, markup: string, raw: string) => boolean | null][] = [
    // null: INDEX cannot tell (the value is drawn by a script, or absent from INDEX's columns).
    [
      footerSiteIdMissing,
      (r, v) => (r.footer_wzbsm && !squash(v).includes(r.footer_wzbsm) ? null : r.footer_wzbsm === ""),
    ],
    [
      footerSiteIdInvalid,
      (r, v) => (r.footer_wzbsm && squash(v).includes(r.footer_wzbsm) ? !validCode(r.footer_wzbsm) : null),
    ],
    [footerIcpMissing, (r, v) => (r.icp ? (squash(v).includes(squash(r.icp)) ? false : null) : null)],
    [footerPsbMissing, (r, v) => (r.gongan ? (squash(v).includes(squash(r.gongan)) ? false : null) : null)],
    [footerJiucuoMissing, (r, _v, _m, raw) => (r.jiucuo_sitecode && raw.includes("jiucuo") ? false : null)],
    [
      metaSiteIdMismatch,
      (r, v) =>
        r.SiteIDCode && r.footer_wzbsm && squash(v).includes(r.footer_wzbsm)
          ? r.SiteIDCode !== r.footer_wzbsm
          : null,
    ],
    [metaSiteMissing, (r) => !r.SiteName || !r.SiteDomain || !r.SiteIDCode],
    // A viewport INDEX found inside an HTML comment is no viewport.
    [
      mobileNoViewport,
      (r, _v, m) =>
        !/width\s*=\s*device-width/i.test(r.meta_viewport) || !squash(m).includes(squash(r.meta_viewport)),
    ],
  ];
  const lines: string[] = [];
  for (const [check, want] of truth) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    const misses: string[] = [];
    for (const { row, site, visible, markup, raw } of pages) {
      const t = want(row, visible, markup, raw);
      if (t === null) continue;
      const fired = check.run(site).outcome === "fail";
      if (fired && t) tp++;
      else if (fired) {
        fp++;
        misses.push(`FP ${row.file}`);
      } else if (t) {
        fn++;
        misses.push(`FN ${row.file}`);
      } else tn++;
    }
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    // Where INDEX only ever says "present", the check's errors are false alarms: 1 − FP rate.
    const specificity = tn + fp === 0 ? 1 : tn / (tn + fp);
    lines.push(
      `${check.id.padEnd(24)} tp ${tp} fp ${fp} fn ${fn} tn ${tn}  recall ${recall.toFixed(2)}  precision ${precision.toFixed(2)}  specificity ${specificity.toFixed(2)}${misses.length ? `  (${misses.join(", ")})` : ""}`,
    );
    assert.ok(recall >= 0.9, `${check.id}: recall ${recall}`);
    assert.ok(precision >= 0.95, `${check.id}: precision ${precision}`);
    assert.ok(specificity >= 0.95, `${check.id}: specificity ${specificity}`);
  }
  console.log(`real pages, per check:\n  ${lines.join("\n  ")}`);
});
