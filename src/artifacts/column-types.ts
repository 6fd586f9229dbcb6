/**
 * The column types of the national check list (政府网站发展指引's `ColumnType` vocabulary,
 * grouped as the staleness rules need them). Frameworks filter `column.stale` findings by these
 * ids, so they are a public interface: add, never rename.
 */
export const COLUMN_TYPES = [
  "news", // 工作动态, 要闻, 新闻
  "notice", // 通知公告
  "policy", // 政策文件
  "interpretation", // 政策解读
  "response", // 回应关切
  "disclosure", // 政务公开, 信息公开
  "catalogue", // 信息公开指南/目录/年报, 依法申请公开
  "personnel", // 人事信息
  "plan", // 规划计划
  "leader", // 负责人信息
  "org", // 机构职能, 概况信息
  "finance", // 财政预决算
  "statistics", // 数据发布, 统计
  "service", // 办事服务
  "interaction", // 咨询投诉, 留言
  "survey", // 征集调查
  "interview", // 在线访谈
  "other",
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** Staleness limits by type, in days (动态要闻 2 weeks, 通知公告/政策文件 6 months, others 1 year). */
export const DEFAULT_STALE_DAYS: Record<ColumnType, number> = {
  news: 14,
  notice: 183,
  policy: 183,
  interpretation: 365,
  response: 365,
  disclosure: 365,
  catalogue: 365,
  personnel: 365,
  plan: 365,
  leader: 365,
  org: 365,
  finance: 365,
  statistics: 365,
  service: 365,
  interaction: 365,
  survey: 365,
  interview: 365,
  other: 365,
};

/** First match wins: 政策解读 is interpretation before it is policy, 信息公开目录 catalogue before disclosure. */
const RULES: [RegExp, ColumnType][] = [
  [/解读/, "interpretation"],
  [/回应|关切/, "response"],
  [/访谈/, "interview"],
  [/征集|调查|意见/, "survey"],
  [/留言|咨询|信箱|投诉|互动|来信|问政/, "interaction"],
  [/通知|公告|公示|通告/, "notice"],
  [/政策|文件|法规|规章|规范性/, "policy"],
  [/指南|目录|年报|年度报告|依申请|依法申请/, "catalogue"],
  [/人事|任免|招聘|招考|录用/, "personnel"],
  [/规划|计划|总结/, "plan"],
  [/领导|负责人/, "leader"],
  [/机构|职能|概况|简介/, "org"],
  [/财政|预算|决算|预决算|收费|资金|三公/, "finance"],
  [/统计|数据/, "statistics"],
  [/办事|服务/, "service"],
  [/要闻|动态|新闻|资讯|快讯|头条|热点|工作信息|政务信息|部门信息|图片|视频|简报|聚焦|快报/, "news"],
  [/公开/, "disclosure"],
];

/** The type a column name (or a `ColumnType` meta value) stands for; null when it says nothing. */
export function typeFromName(name: string | null | undefined): ColumnType | null {
  if (!name) return null;
  const n = name.trim();
  const id = COLUMN_TYPES.find((t) => t === n.toLowerCase());
  if (id) return id;
  for (const [re, type] of RULES) if (re.test(n)) return type;
  return null;
}

/** Meta first (when it means something), then the name; `other` when neither tells. */
export function classifyColumn(meta: string | null | undefined, name: string | null | undefined): ColumnType {
  return typeFromName(meta) ?? typeFromName(name) ?? "other";
}
