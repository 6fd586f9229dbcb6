import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregateValues } from "../../src/scoring/aggregate.ts";
import { rankDescending } from "../../src/scoring/rank.ts";
import { tierByThreshold } from "../../src/scoring/tiers.ts";
import { absent, readCsv, SHARED } from "./shared.ts";

const DIR = `${SHARED}egdi/`;
const skip = absent(`${DIR}un_EGOV_DATA_2022.csv`);
const EDITIONS = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022];
const UN_GROUPS = [
  { name: "Very High", min: 0.75 },
  { name: "High", min: 0.5 },
  { name: "Middle", min: 0.25 },
  { name: "Low" },
];
/**
 * Group counts as printed in the UN E-Government Surveys (Very High, High, Middle, Low). These
 * numbers come from the survey reports, not from this code.
 */
const PUBLISHED_COUNTS: Record<number, number[]> = {
  2014: [25, 62, 74, 32],
  2016: [29, 65, 67, 32],
  2018: [40, 71, 66, 16],
  2020: [57, 69, 59, 8],
  2022: [60, 73, 53, 7],
};

function edition(year: number) {
  return readCsv(`${DIR}un_EGOV_DATA_${year}.csv`)
    .filter(
      (r) => (r["E-Government Rank"] ?? "").trim() !== "" && (r["E-Government Index"] ?? "").trim() !== "",
    )
    .map((r) => ({
      country: (r["Country Name"] ?? "").trim(),
      rank: Number(r["E-Government Rank"]),
      egdi: Number(r["E-Government Index"]),
      osi: Number(r["Online Service Index"]),
      hci: Number(r["Human Capital Index"]),
      tii: Number(r["Telecommunication Infrastructure Index"]),
    }));
}

test("EGDI = equal-weight arithmetic mean of OSI, HCI, TII within rounding (2014–2022)", { skip }, () => {
  for (const y of [2014, 2016, 2018, 2020, 2022]) {
    for (const r of edition(y)) {
      const e = aggregateValues([r.osi, r.hci, r.tii], [1, 1, 1], { method: "arithmetic" });
      // Published to 4–5 decimals: each input carries up to 5e-5 rounding error.
      assert.ok(Math.abs(e - r.egdi) <= 1e-4, `${y} ${r.country}: ${e} vs ${r.egdi}`);
    }
  }
});

test("published EGDI ranks are competition ranks, except 2020 where 4 tied pairs were broken", {
  skip,
}, () => {
  for (const y of EDITIONS) {
    const rows = edition(y);
    const ranks = rankDescending(
      rows.map((r) => r.egdi),
      "competition",
    );
    const differ = rows.filter((r, i) => r.rank !== ranks[i]);
    if (y !== 2020) {
      assert.equal(differ.length, 0, `${y}: ${differ.map((d) => d.country).join(", ")}`);
    } else {
      assert.equal(differ.length, 4, "2020 tie-breaks");
      // A broken tie puts the second of a pair one place lower than the shared rank.
      for (const d of differ) assert.equal(d.rank, (ranks[rows.indexOf(d)] as number) + 1, d.country);
    }
  }
});

test("UN EGDI groups from the 0.75/0.50/0.25 thresholds give the published counts", { skip }, () => {
  for (const [year, expected] of Object.entries(PUBLISHED_COUNTS)) {
    const tiers = edition(Number(year)).map((r) => tierByThreshold(r.egdi, UN_GROUPS));
    const counts = UN_GROUPS.map((g) => tiers.filter((t) => t === g.name).length);
    assert.deepEqual(counts, expected, year);
  }
});
