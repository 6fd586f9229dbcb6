import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import { lookupDivision } from "../../src/registry/divisions.ts";
import { SHARED_DATA, sharedMissing } from "../support/paths.ts";

const RESULT_CSV = join(SHARED_DATA, "divisions/yescallop-areacodes/result.csv");

describe("division codes against the official history (yescallop/areacodes, 1980–2024)", () => {
  const skip = sharedMissing(RESULT_CSV);

  test("codes in use in 2024 are accepted; codes abolished long ago are never called unknown", {
    skip,
  }, () => {
    const rows = parse(readFileSync(RESULT_CSV, "utf8"), { columns: true, bom: true }) as Array<
      Record<string, string>
    >;
    const inUse = rows.filter((r) => r.状态 === "在用");
    const abolished = rows.filter((r) => r.状态 === "弃用");
    assert.ok(inUse.length > 3000 && abolished.length > 1000, "the reference file has the expected shape");

    const inUseAccepted = inUse.filter((r) => lookupDivision(r.代码 as string).status === "current");
    const inUseShare = inUseAccepted.length / inUse.length;

    // The historical table covers the 2002–2016 editions: a code abolished in that window must be
    // reported as historical (a warning), or as current where the package still lists it.
    const inWindow = abolished.filter((r) => {
      const since = Number(r.启用时间);
      const until = Number(r["变更/弃用时间"]);
      return until >= 2003 && until <= 2016 && since <= 2002;
    });
    const windowStatus = inWindow.map((r) => lookupDivision(r.代码 as string).status);
    const windowHistorical = windowStatus.filter((s) => s === "historical").length / inWindow.length;
    const windowUnknown = windowStatus.filter((s) => s === "unknown").length;

    // Codes abolished after the package's data (2021) that it still lists are the known staleness.
    const lateAbolished = abolished.filter((r) => Number(r["变更/弃用时间"]) >= 2017);
    const lateStillCurrent = lateAbolished.filter(
      (r) => lookupDivision(r.代码 as string).status === "current",
    );

    console.log(
      `# divisions: in use 2024 accepted as current ${inUseAccepted.length}/${inUse.length} (${(inUseShare * 100).toFixed(2)} %); ` +
        `abolished 2003–2016 flagged historical ${(windowHistorical * 100).toFixed(2)} % of ${inWindow.length}, unknown ${windowUnknown}; ` +
        `abolished since 2017 still listed as current ${lateStillCurrent.length}/${lateAbolished.length}`,
    );
    assert.ok(inUseShare >= 0.995, `only ${(inUseShare * 100).toFixed(2)} % of codes in use are accepted`);
    assert.ok(windowHistorical >= 0.95, `only ${(windowHistorical * 100).toFixed(2)} % flagged historical`);
    // One such code (620925 安西县) is missing from every packaged edition; allow that much.
    assert.ok(windowUnknown / inWindow.length <= 0.01, `${windowUnknown} abolished codes called unknown`);
  });
});

describe("division code forms", () => {
  test("department codes, malformed and unknown codes", () => {
    assert.equal(lookupDivision("bm07").status, "department");
    assert.equal(lookupDivision("bm7").status, "malformed");
    assert.equal(lookupDivision("44030").status, "malformed");
    assert.equal(lookupDivision("4403031").status, "malformed");
    assert.equal(lookupDivision("990000").status, "unknown");
    const shenzhen = lookupDivision("440300");
    assert.equal(shenzhen.status, "current");
    assert.equal(shenzhen.status === "current" && shenzhen.name, "深圳市");
  });
});
