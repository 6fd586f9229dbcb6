import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { extractFacts } from "../../src/artifacts/extract.ts";
import { decodeBody } from "../../src/encoding/charset.ts";

const dir = fileURLToPath(new URL("../../../shared/data/govpages/", import.meta.url));
const index = `${dir}INDEX.csv`;

test("real government pages decode as INDEX.csv says", { skip: !existsSync(index) && `no ${index}` }, () => {
  const rows = parse(readFileSync(index), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  assert.ok(rows.length > 10);
  let utf16 = 0;
  for (const row of rows) {
    const file = `${dir}${row.file}`;
    if (!existsSync(file)) continue;
    const d = decodeBody(readFileSync(file), null);
    const enc = row.encoding_bytes ?? "";
    if (enc.startsWith("UTF-16LE")) {
      utf16++;
      assert.equal(d.charset, "utf-16le", row.file);
      assert.equal(d.source, "bom");
    } else if (enc.startsWith("none(utf-8")) {
      assert.equal(d.charset, "utf-8", row.file);
    }
    assert.ok(d.clean, `${row.file} decoded with errors`);
    const title = extractFacts(d.text).title ?? "";
    // INDEX.csv keeps the raw title text (entities undecoded).
    const want = (row.title ?? "")
      .replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/\s+/g, " ")
      .trim();
    // INDEX.csv cuts titles at 80 characters.
    if (want) assert.ok(title.startsWith(want), `${row.file}: ${title} ≠ ${want}`);
  }
  assert.ok(utf16 >= 2, "the UTF-16LE pages were not in the index");
});

const page = (cs: string, meta: string | null) =>
  `<!DOCTYPE html><html><head>${meta ? `<meta http-equiv="Content-Type" content="text/html; charset=${meta}">` : ""}<title>海南省人民政府门户网站——琼ICP备05000041号</title></head><body>网站标识码：4600000001 ${cs}</body></html>`;

test("GBK, GB2312, GB18030, UTF-8 and UTF-16 decode from header, meta and sniffing", () => {
  const cases: [string, Buffer, string | null, string, string][] = [
    ["gbk header", iconv.encode(page("gbk", null), "gbk"), "text/html; charset=GBK", "gbk", "header"],
    ["gb2312 meta only", iconv.encode(page("gb", "gb2312"), "gbk"), "text/html", "gb2312", "meta"],
    [
      "gb18030 header",
      iconv.encode(page("gb18030 𠀀", null), "gb18030"),
      "text/html;charset=gb18030",
      "gb18030",
      "header",
    ],
    ["utf-8 sniffed", Buffer.from(page("utf8", null)), null, "utf-8", "sniff"],
    ["gbk sniffed", iconv.encode(page("gbk", null), "gbk"), null, "gb18030", "sniff"],
    [
      "utf-16le bom, declares gb2312",
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page("x", "gb2312"), "utf-16le")]),
      "text/html; charset=gb2312",
      "utf-16le",
      "bom",
    ],
    [
      "utf-16be bom",
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(page("x", null), "utf-16be")]),
      null,
      "utf-16be",
      "bom",
    ],
    [
      "utf-8 bom beats header",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page("x", null))]),
      "text/html; charset=gbk",
      "utf-8",
      "bom",
    ],
  ];
  for (const [name, bytes, ct, cs, source] of cases) {
    const d = decodeBody(bytes, ct);
    assert.equal(d.charset, cs, name);
    assert.equal(d.source, source, name);
    assert.ok(d.clean, name);
    assert.equal(extractFacts(d.text).title, "海南省人民政府门户网站——琼ICP备05000041号", name);
  }
});

test("bytes that are not clean in the declared charset are flagged", () => {
  const d = decodeBody(iconv.encode(page("gbk", "utf-8"), "gbk"), "text/html; charset=utf-8");
  assert.equal(d.clean, false);
  assert.equal(d.header, "utf-8");
});
