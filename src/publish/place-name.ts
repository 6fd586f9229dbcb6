/** Autonomous regions and special administrative regions, as releases shorten them. */
const REGIONS: Readonly<Record<string, string>> = {
  内蒙古自治区: "内蒙古",
  广西壮族自治区: "广西",
  西藏自治区: "西藏",
  宁夏回族自治区: "宁夏",
  新疆维吾尔自治区: "新疆",
  香港特别行政区: "香港",
  澳门特别行政区: "澳门",
};

/** A place as a release names it beside an app: 上海市 → 上海, 广东省 → 广东, 宁夏回族自治区 → 宁夏. */
export function placeName(name: string): string {
  const bare = name.replace(/人民政府$/, "");
  const region = REGIONS[bare];
  if (region) return region;
  const m = /^(.{2,})[省市]$/u.exec(bare);
  return m ? (m[1] as string) : bare;
}

/**
 * How a release prints an app: its name and its owner's place, 随申办（上海）, i深圳（深圳）. A name
 * that already ends in a bracketed place is kept (the registry lookup reads it back without it).
 */
export function appLabel(app: string, owner: string): string {
  return /[（(][^（()）]*[）)]$/.test(app) ? app : `${app}（${placeName(owner)}）`;
}
