/** English names of the tiers the national evaluations use; other names pass through unchanged. */
const TIER_EN: Readonly<Record<string, string>> = {
  卓越: "Outstanding",
  优秀: "Excellent",
  良好: "Good",
  发展: "Developing",
  一般: "Fair",
  起步: "Starting",
  较弱: "Weak",
};

export function tierNameEn(tier: string): string {
  return TIER_EN[tier] ?? tier;
}

export interface TierList {
  readonly tier: string;
  /** Body names in administrative order. */
  readonly names: readonly string[];
  readonly namesEn: readonly string[];
}

/** "卓越档：上海市、浙江省、广东省"; a tier nobody reached is said, not left out: "卓越级：无". */
export function tierLineZh(list: TierList, suffix: "档" | "级"): string {
  return `${list.tier}${suffix}：${list.names.length === 0 ? "无" : list.names.join("、")}`;
}

export function tierLineEn(list: TierList, suffix: "档" | "级"): string {
  const label = `${tierNameEn(list.tier)} ${suffix === "档" ? "tier" : "level"}`;
  return `${label}: ${list.namesEn.length === 0 ? "none" : list.namesEn.join(", ")}`;
}

export const ORDER_NOTE_ZH = "注：按照行政区划排序，排名不分先后";
export const ORDER_NOTE_EN =
  "Note: listed in administrative-division order (GB/T 2260; State Council departments in their official order); the order is not a ranking.";
