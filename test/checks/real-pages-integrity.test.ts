import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import type { PageArtifact } from "../../src/artifacts/types.ts";
import { httpsMixedContent } from "../../src/checks/https-mixed-content.ts";
import { integrityDefacement } from "../../src/checks/integrity-defacement.ts";
import { privacyThirdPartyScript } from "../../src/checks/privacy-third-party-script.ts";
import { knownThirdParty } from "../../src/checks/third-party-hosts.ts";
import { decodeBody } from "../../src/encoding/charset.ts";
import { SHARED_DATA, sharedMissing } from "../support/paths.ts";
import { outcome, pageFrom, siteOf } from "./support.ts";

/**
 * The 69 real government pages of ../shared/data/govpages against the three checks that read what
 * a page loads and says: none of them is defaced, and what the checks report of their scripts and
 * subresources must be what an independent reading of the markup finds, no more and no less.
 */
const DIR = join(SHARED_DATA, "govpages");
const skip = sharedMissing(join(DIR, "INDEX.csv"));

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : /\.html?$/i.test(e.name) ? [join(dir, e.name)] : [],
  );
}

interface Loaded {
  file: string;
  text: string;
  secure: PageArtifact;
  plain: PageArtifact;
}

function load(): Loaded[] {
  return htmlFiles(DIR).map((path) => {
    const text = decodeBody(new Uint8Array(readFileSync(path)), null).text;
    return {
      file: relative(DIR, path),
      text,
      secure: pageFrom("https://www.example.gov.cn/", text, 0),
      plain: pageFrom("http://www.example.gov.cn/", text, 0),
    };
  });
}

/** Opening tags as a browser meets them: no comments, no script or style bodies. */
function openTags(html: string): string[] {
  const bare = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script\s*>/gi, "$1")
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style\s*>/gi, "$1");
  return bare.match(/<[a-z][a-z0-9]*\b[^>]*>/gi) ?? [];
}

const attr = (tag: string, name: string) =>
  // Attributes may follow a quoted value without a space (height="50"src=…), as browsers accept.
  new RegExp(`[\\s"']${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i")
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined)
    ?.replace(/&amp;/g, "&")
    .trim();

/** What the page loads: [element, URL] for scripts, stylesheets, frames, images, media. */
function loads(html: string): [string, string][] {
  const out: [string, string][] = [];
  for (const t of openTags(html)) {
    const name = (/^<([a-z0-9]+)/i.exec(t)?.[1] ?? "").toLowerCase();
    if (["script", "img", "iframe", "frame", "embed", "source"].includes(name)) {
      const v = attr(t, "src");
      if (v) out.push([name, v]);
    } else if (name === "link" && /stylesheet/i.test(attr(t, "rel") ?? "")) {
      const v = attr(t, "href");
      if (v) out.push(["stylesheet", v]);
    }
  }
  return out;
}

const abs = (u: string) => {
  try {
    return new URL(u, "https://www.example.gov.cn/").href;
  } catch {
    return null;
  }
};

test("real pages: no defacement reported on any of them", { skip }, () => {
  const pages = load();
  assert.ok(pages.length >= 60, `${pages.length} pages`);
  let hits = 0;
  for (const p of pages) {
    hits += (p.secure.defaced ?? []).length;
    assert.deepEqual(integrityDefacement.run(siteOf([p.secure])).findings, [], p.file);
  }
  console.log(`defacement: ${pages.length} real pages, ${hits} dictionary hits judged, 0 reported`);
});

test("real pages: mixed content is exactly the http subresources of the markup, and nothing on http pages", {
  skip,
}, () => {
  let reported = 0;
  let pagesWith = 0;
  for (const p of load()) {
    const expected = new Set(
      loads(p.text)
        .filter(([, u]) => /^http:/i.test(u))
        .map(([tag, u]) => `${tag} ${abs(u)}`),
    );
    const found = httpsMixedContent.run(siteOf([p.secure])).findings.map((f) => `${f.tag} ${f.target}`);
    assert.equal(found.length, new Set(found).size, p.file);
    // The reader keeps at most 64 subresources a page; none of these pages has that many.
    assert.deepEqual(new Set(found), expected, p.file);
    reported += found.length;
    if (found.length > 0) pagesWith++;
    const s = siteOf([p.plain], {
      home: outcome({ url: "http://www.example.gov.cn/", finalUrl: "http://www.example.gov.cn/" }),
    });
    assert.equal(httpsMixedContent.run(s).outcome, "not-applicable", p.file);
  }
  console.log(`mixed content: ${reported} http subresources on ${pagesWith} pages read as https`);
  assert.ok(
    reported > 0,
    "the real pages load some http subresources: the comparison must have something to compare",
  );
});

test("real pages: third-party scripts are exactly the listed hosts among the markup's <script src>", {
  skip,
}, () => {
  let listed = 0;
  let hosts = 0;
  for (const p of load()) {
    const other = new Set(
      loads(p.text)
        .filter(([tag, u]) => tag === "script" && /^(?:https?:)?\/\//i.test(u))
        .map(([, u]) => new URL(u, "https://www.example.gov.cn/").hostname)
        .filter((h) => h !== "www.example.gov.cn"),
    );
    // The reader keeps every other host a page loads scripts from; the check lists the known ones.
    assert.deepEqual(new Set(p.secure.scriptHosts ?? []), other, p.file);
    const expected = new Set([...other].filter((h) => knownThirdParty(h) !== undefined));
    const found = privacyThirdPartyScript.run(siteOf([p.secure])).findings.map((f) => String(f.host));
    assert.deepEqual(new Set(found), expected, p.file);
    listed += found.length;
    hosts += other.size;
  }
  console.log(
    `script hosts other than the page's own on the real pages: ${hosts}; listed as analytics or ads: ${listed}`,
  );
  assert.ok(
    hosts > 0,
    "the real pages load scripts from other hosts: the comparison must have something to compare",
  );
});
