import { columnsNamed, requiredColumns } from "../artifacts/required-columns.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable } from "./types.ts";

/**
 * Fewer links than this on the homepage: its menu is drawn by scripts, or it is a splash page, and
 * what it does not name says nothing of the site's columns.
 */
export const MIN_HOME_LINKS = 10;

/**
 * The required columns the site names: in the menus of the homepage and of the pages it links to,
 * in the names of the columns crawled, and in the `ColumnName` meta of any page.
 */
export function columnsPresent(site: Parameters<Check["run"]>[0]): Set<string> {
  const c = siteContent(site);
  const present = new Set<string>();
  for (const p of [c.home, ...c.pages])
    if (p && p.depth <= 1) for (const id of p.namesColumns ?? []) present.add(id);
  const names = [...c.columns.map((col) => col.name), ...c.pages.map((p) => p.meta.columnname ?? "")];
  for (const id of columnsNamed(names)) present.add(id);
  return present;
}

/** A column the 47号 guideline requires of a portal is absent. */
export const columnRequiredMissing: Check = {
  id: "column.required-missing",
  title: bi("缺少必备栏目", "Required column missing"),
  severity: "major",
  rule: {
    source: "guideline-2017",
    item: bi(
      "栏目设置：概况信息、机构职能、负责人信息、政策文件、政策解读、政府信息公开、办事服务、互动交流（检查指标“发布解读”“办事服务”“互动交流”同列）",
      "Columns: overview, functions, leaders, policy documents, interpretation, information disclosure, online services, interaction (scored in the check list's blocks of the same names)",
    ),
  },
  description: bi(
    "在首页及其直接链接页面的导航链接文字、已抓取栏目的名称和页面的ColumnName元数据中查找发展指引要求门户网站开设的8个栏目，每个栏目接受各地常用的名称（如走进XX、XX概况、市情；领导之窗、政府领导；政府文件、政策法规；信息公开、政务公开；政务服务、网上办事；政民互动、咨询投诉、XX信箱），名称表及来源见 src/checks/data/required-columns.yaml；每缺一个栏目报告一项。首页链接少于10个（导航由脚本生成或为引导页），或首页解码出错且一个栏目也找不到（乱码）时不适用。部门网站是否须开设各栏目由评估框架决定。",
    "Looks for the eight columns the guideline requires of a portal in the link texts of the homepage's and its direct children's menus, the names of the columns crawled and the pages' ColumnName meta, each under the names sites use (走进XX, XX概况, 市情; 领导之窗, 政府领导; 政府文件, 政策法规; 信息公开, 政务公开; 政务服务, 网上办事; 政民互动, 咨询投诉, XX信箱), listed with their sources in src/checks/data/required-columns.yaml; one finding per missing column. Not applicable when the homepage has fewer than 10 links (a menu drawn by scripts, or a splash page), or does not decode cleanly and names none of the columns (garbled). Whether a department's site must carry every column is for the framework to say.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = siteContent(site).home;
    if (!home || (home.nav ?? []).length < MIN_HOME_LINKS) return notApplicable;
    const present = columnsPresent(site);
    // A homepage that does not decode cleanly and names none of them is garbled, not empty.
    if (present.size === 0 && home.charset?.clean === false) return notApplicable;
    const findings: Finding[] = [];
    for (const col of requiredColumns())
      if (!present.has(col.id))
        findings.push({
          check: "column.required-missing",
          page: home.url,
          column: col.name,
          columnId: col.id,
        });
    return fromFindings(findings);
  },
};
