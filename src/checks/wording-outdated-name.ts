import { currentName, type RenamedBody, renamedBodies, type WordingHit } from "../artifacts/wording.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** 原国家工商总局, 前国家旅游局: the old name named as old. */
const OLD_BEFORE = /(?:原|前|旧|老)$/;
/** …（现国家市场监督管理总局）, …更名为…, …的职责整合: the text is about the change itself. */
const CHANGE_AFTER =
  /^\s*[（(]\s*(?:现|今|已)|^[^。；]{0,8}(?:更名|改名|改为|撤销|划入|并入|整合|组建|不再保留|职责)/;
const CHANGE_BEFORE = /(?:更名|改名|撤销|组建|整合|划入|并入|机构改革|不再保留)[^。；]{0,12}$/;
/** …令第5号, …行政许可事项撤销决定书, …规章: the old name as the issuer of a document of its time. */
const DOCUMENT_AFTER =
  /^[^。；，,\s]{0,20}?(?:决定书|令|公告|通知|办法|规定|规章|批复|意见|复函|函|细则|条例|〔|\[\d{4}\])/;
const YEAR_BEFORE = /((?:19|20)\d{2})\s*年[^。；]{0,14}$/;

/** Whether a hit is about the past: dated before the change, or quoting the old name as old. */
export function historical(hit: WordingHit, body: RenamedBody, pageDate: string | null): boolean {
  if (body.notFollowedBy && hit.after.length > 0 && body.notFollowedBy.includes(hit.after[0] as string))
    return true;
  if (OLD_BEFORE.test(hit.before) || CHANGE_AFTER.test(hit.after) || CHANGE_BEFORE.test(hit.before))
    return true;
  if (DOCUMENT_AFTER.test(hit.after)) return true;
  if (pageDate !== null && pageDate < body.since) return true;
  const y = YEAR_BEFORE.exec(hit.before)?.[1];
  return y !== undefined && y < body.since.slice(0, 4);
}

export const wordingOutdatedName: Check = {
  id: "wording.outdated-name",
  title: bi("使用已撤销或更名的机构名称", "Outdated name of a renamed body"),
  severity: "minor",
  rule: {
    source: "good-practice",
    item: bi(
      "内容准确：使用机构改革后的现行名称（依据见 src/checks/data/renamed-bodies.yaml 所列改革方案）",
      "Accurate content: current names after the institutional reforms (the reform plans listed in src/checks/data/renamed-bodies.yaml)",
    ),
  },
  description: bi(
    "正文把已撤销或更名的机构当作现行机构提及即报告，发现项给出原文和现行名称。页面日期早于更名日、句中年份更早、以“原…”“…（现…）”“更名为…”叙述变更，或作为另一个词的一部分时不报告。",
    "Reported when text names a renamed or merged body as if it still existed; the finding gives the text and the current name. Not reported when the page is dated before the change, a year in the sentence is earlier, the text tells of the change (原…, …（现…）, 更名为…) or the name is part of another word.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    if (!c.home?.outdated) return notApplicable;
    const byOld = new Map<string, RenamedBody>();
    for (const b of [...renamedBodies(), ...(site.profile?.wording?.outdated ?? [])]) byOld.set(b.old, b);
    const findings: Finding[] = [];
    for (const p of [c.home, ...c.pages]) {
      if (!p?.outdated) continue;
      const date = (p.date ?? null) !== null ? (p.date as string) : (p.freeDate ?? null);
      const fullDate = date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
      const named = p.outdated.map((h) => h.text);
      const seen = new Set<string>();
      for (const h of p.outdated) {
        const body = byOld.get(h.text);
        if (!body || seen.has(h.text) || historical(h, body, fullDate)) continue;
        // The page names the current body as well: it knows of the change, the old name is history.
        const now = currentName(body.current);
        if (named.some((t) => t.includes(now))) continue;
        seen.add(h.text);
        findings.push(
          withRecord(
            { check: "wording.outdated-name", page: p.url, text: h.text, suggest: body.current },
            p.record,
          ),
        );
      }
    }
    return fromFindings(findings);
  },
};
