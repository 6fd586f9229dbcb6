import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseRegistryCsv } from "../../src/registry/parse-registry-csv.ts";
import { canonicalSiteUrl } from "../../src/registry/site-url.ts";
import { type CategoryRef, validateRegistryRows } from "../../src/registry/validate-registry.ts";

const categories: CategoryRef[] = [
  { code: "county", name_zh: "区县", name_en: "District or county", applies_to: "body" },
  { code: "key-city", name_zh: "重点城市", name_en: "Key city", applies_to: "body" },
  { code: "city-app", name_zh: "城市服务App", name_en: "City service app", applies_to: "app" },
];
const HEADER =
  "kind,body_id,name,short_name,categories,level,division_code,parent_id,url,site_id_code,role,platforms";

function check(lines: string[], existing: string[] = []) {
  const parsed = parseRegistryCsv(new TextEncoder().encode([HEADER, ...lines].join("\n")));
  assert.deepEqual(parsed.problems, []);
  return validateRegistryRows(parsed.rows, { categories, existingBodyIds: new Set(existing) });
}

const errorsAt = (r: ReturnType<typeof check>) =>
  r.problems.filter((p) => p.severity === "error").map((p) => `${p.line}:${p.column}`);

describe("registry row validation", () => {
  test("a clean file passes and yields typed records; Chinese aliases are accepted", () => {
    const r = check([
      "body,cn-440300,深圳市人民政府,深圳市,重点城市,地级,440300,,,,,",
      "网站,cn-440300,深圳政府在线,,,,,,HTTPS://WWW.SZ.GOV.CN,4403000001,门户,",
      "应用,cn-440300,i深圳,,城市服务App,,,,,,,iOS；android",
    ]);
    assert.equal(r.ok, true);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.records.map((x) => x.kind),
      ["body", "website", "app"],
    );
    const site = r.records[1];
    assert.equal(site?.kind === "website" && site.url, "https://www.sz.gov.cn/");
    const app = r.records[2];
    assert.deepEqual(app?.kind === "app" && app.platforms, ["ios", "android"]);
  });

  test("every bad cell is reported with its line and column, and nothing stops at the first", () => {
    const r = check([
      "body,cn-440300,深圳市人民政府,,重点城市,prefectural,440300,,,,,",
      "body,cn-440300,重复,,区县,county,440303,,,,,",
      "body,x-1,,,火星,city,12,,,,,",
      "website,nobody,,,,,,,not a url,12345,hub,",
      "app,cn-440300,,,区县,,,,,,,fax",
      "body,x-2,某区,,区县,county,,x-2,https://x.gov.cn,,,",
      "oops,x-3,某区,,,,,,,,,",
    ]);
    assert.equal(r.ok, false);
    assert.deepEqual(errorsAt(r), [
      "3:body_id",
      "4:name",
      "4:categories",
      "4:level",
      "4:division_code",
      "5:body_id",
      "5:url",
      "5:site_id_code",
      "5:role",
      "6:name",
      "6:categories",
      "6:platforms",
      "7:parent_id",
      "7:url",
      "8:kind",
    ]);
    for (const p of r.problems) {
      assert.ok(/\p{Script=Han}/u.test(p.message.zh), `Chinese message for ${p.line}:${p.column}`);
      assert.ok(
        /[a-z]/.test(p.message.en) && !/\p{Script=Han}{3}/u.test(p.message.en.replace(/「.*?」|".*?"/g, "")),
      );
    }
  });

  test("a code that existed once is a warning, not an error; a code that never existed is an error", () => {
    const old = check(["body,x-old,崇文区人民政府,,区县,county,110103,,,,,"]);
    assert.equal(old.ok, true);
    assert.equal(old.problems[0]?.severity, "warning");
    assert.match(old.problems[0]?.message.zh ?? "", /崇文区/);
    const never = check(["body,x-never,某地,,区县,county,990101,,,,,"]);
    assert.deepEqual(errorsAt(never), ["2:division_code"]);
  });

  test("parents must exist in the file or the database, and must not loop", () => {
    assert.deepEqual(errorsAt(check(["body,a,甲,,,county,,missing,,,,"])), ["2:parent_id"]);
    assert.equal(check(["body,a,甲,,,county,,in-db,,,,"], ["in-db"]).ok, true);
    assert.deepEqual(
      errorsAt(
        check(["body,a,甲,,,county,,b,,,,", "body,b,乙,,,county,,c,,,,", "body,c,丙,,,county,,a,,,,"]),
      ),
      ["2:parent_id", "3:parent_id", "4:parent_id"],
    );
  });

  test("site id codes: 10 digits on a real division, or bm and 8 digits", () => {
    const rows = (code: string) =>
      check(["body,a,甲,,,county,,,,,,", `website,a,,,,,,,https://a.gov.cn/,${code},portal,`]);
    assert.equal(rows("4600000001").ok, true);
    assert.equal(rows("bm07000001").ok, true);
    assert.deepEqual(errorsAt(rows("9900000001")), ["3:site_id_code"]);
    assert.deepEqual(errorsAt(rows("bm0700001")), ["3:site_id_code"]);
  });

  test("duplicate websites and apps point back to the first line", () => {
    const r = check([
      "body,a,甲,,,county,,,,,,",
      "website,a,,,,,,,https://a.gov.cn/,,portal,",
      "website,a,,,,,,,https://A.gov.cn,,portal,",
      "app,a,甲通,,,,,,,,,",
      "app,a,甲通,,,,,,,,,",
    ]);
    const dupes = r.problems.filter((p) => p.severity === "error");
    assert.deepEqual(
      dupes.map((p) => [p.line, p.message.en]),
      [
        [4, 'url "https://a.gov.cn/" repeats line 3'],
        [6, 'app "甲通" repeats line 5'],
      ],
    );
  });
});

describe("registry CSV structure", () => {
  test("missing required columns and malformed quoting are file-level errors with a line", () => {
    const noKind = parseRegistryCsv(new TextEncoder().encode("body_id,name\na,b\n"));
    assert.deepEqual(
      noKind.problems.map((p) => [p.line, p.column, p.severity]),
      [[1, "kind", "error"]],
    );
    const broken = parseRegistryCsv(new TextEncoder().encode(`${HEADER}\nbody,a,"unclosed,,,,,,,,,\n`));
    assert.equal(broken.problems[0]?.severity, "error");
    assert.ok((broken.problems[0]?.line ?? 0) >= 2);
    const tooMany = parseRegistryCsv(new TextEncoder().encode(`${HEADER}\nbody,a,b,,,,,,,,,,extra\n`));
    assert.deepEqual(
      tooMany.problems.map((p) => p.line),
      [2],
    );
  });

  test("a quoted cell spanning lines does not shift the line numbers below it", () => {
    const parsed = parseRegistryCsv(
      new TextEncoder().encode(`${HEADER}\nbody,a,"甲\n乙",,,county,,,,,,\n\nbody,b,丙,,,county,,,,,,\n`),
    );
    assert.deepEqual(
      parsed.rows.map((r) => r.line),
      [2, 5],
    );
  });

  test("canonical site URLs", () => {
    assert.equal(canonicalSiteUrl("HTTP://Www.Beijing.GOV.cn:80"), "http://www.beijing.gov.cn/");
    assert.equal(canonicalSiteUrl("https://www.gd.gov.cn/#top"), "https://www.gd.gov.cn/");
    assert.equal(canonicalSiteUrl("javascript:alert(1)"), undefined);
    assert.equal(canonicalSiteUrl("https://user:pw@x.gov.cn/"), undefined);
  });
});
