import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, notApplicable } from "./types.ts";

/** Sizes of the two answers may differ by this share of the larger before they count as different. */
export const SIZE_TOLERANCE = 0.1;

const ok = (s: number | null) => s !== null && s >= 200 && s < 300;
const norm = (t: string | null) => (t ?? "").replace(/\s+/g, " ").trim();

export const ipv6ContentDiffers: Check = {
  id: "ipv6.content-differs",
  title: bi("IPv4与IPv6访问的首页内容不一致", "Homepage differs between IPv4 and IPv6"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·功能设计：IPv6（国家IPv6监测指标：IPv4/IPv6内容一致性）",
      "Deductions, 功能设计: IPv6 (the national IPv6 monitoring's indicator: IPv4/IPv6 content consistency)",
    ),
  },
  description: bi(
    "首页分别只经IPv4地址和只经IPv6地址各请求一次，两者都应答2xx时比较：标题不同，或内容大小相差超过较大者的10%，即报告，发现项给出不同之处（title、size）和两边的标题与字节数。10%是本项目的假定（参考资料未给出一致性的判定方法），容纳页面上的时间、计数等动态部分。任一边没有2xx应答时不适用（见 ipv6.home-unreachable）。",
    "The homepage is requested once over IPv4 addresses only and once over IPv6 addresses only; when both answer 2xx they are compared, and it is reported when the titles differ or the sizes differ by more than 10% of the larger; the finding says what differs (title, size) and gives both titles and byte counts. The 10% is this project's assumption (the references give no method for consistency), leaving room for clocks and counters on the page. Not applicable unless both answer 2xx (see ipv6.home-unreachable).",
  ),
  run(site) {
    const home = site.ipv6?.home;
    if (!home || !ok(home.v4.status) || !ok(home.v6.status)) return notApplicable;
    const { v4, v6 } = home;
    const differs: string[] = [];
    if (norm(v4.title) !== norm(v6.title)) differs.push("title");
    const a = v4.bytes ?? 0;
    const b = v6.bytes ?? 0;
    if (Math.abs(a - b) > SIZE_TOLERANCE * Math.max(a, b)) differs.push("size");
    if (differs.length === 0) return fromFindings([]);
    return fromFindings([
      {
        check: "ipv6.content-differs",
        page: v6.url,
        differs,
        v4: { title: v4.title, bytes: v4.bytes },
        v6: { title: v6.title, bytes: v6.bytes },
      },
    ]);
  },
};
