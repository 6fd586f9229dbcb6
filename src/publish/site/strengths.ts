import type { ReleaseCategory, ReleaseEntry } from "../types.ts";

export interface DimensionStanding {
  readonly dimension: string;
  readonly value: number;
  readonly mean: number;
  /** (value − category mean) / category standard deviation; 0 when every body scored the same. */
  readonly z: number;
}

/**
 * A body's dimensions relative to its category. Standardising by the category's spread lets a
 * dimension scored out of 10 be compared with one scored out of 100.
 */
export function dimensionStandings(
  entry: ReleaseEntry,
  category: ReleaseCategory,
  dimensions: readonly string[],
): DimensionStanding[] {
  const out: DimensionStanding[] = [];
  for (const d of dimensions) {
    const value = entry.dimensions[d];
    if (value === undefined) continue;
    const values = category.entries.map((e) => e.dimensions[d]).filter((v): v is number => v !== undefined);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance =
      values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : 0;
    const sd = Math.sqrt(variance);
    out.push({ dimension: d, value, mean, z: sd > 0 ? (value - mean) / sd : 0 });
  }
  return out;
}

/**
 * Its best and worst dimensions relative to the category: the k highest and k lowest standings,
 * k = min(2, ⌊dimensions / 2⌋), so the two lists never share a dimension. A body above the
 * category everywhere still has a weakest point, which is what it can work on.
 */
export function strengthsAndWeaknesses(standings: readonly DimensionStanding[], most = 2) {
  const k = Math.min(most, Math.floor(standings.length / 2));
  const sorted = [...standings].sort((a, b) => b.z - a.z || a.dimension.localeCompare(b.dimension));
  return {
    strengths: sorted.slice(0, k),
    weaknesses: sorted.slice(sorted.length - k).reverse(),
  };
}
