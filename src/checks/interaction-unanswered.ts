import { ageDays, resolveDate } from "../artifacts/dates.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable } from "./types.ts";

/** More than three months without an answer (互动回应差). */
export const ANSWER_LIMIT_DAYS = 90;
/** Only messages of the year before the check count. */
export const WINDOW_DAYS = 365;
/** Boards the rule leaves out: interviews, consultations on drafts, petitions, discipline reports. */
const EXCLUDED = /访谈|征集|信访|纪检|举报|监察/;

export const interactionUnanswered: Check = {
  id: "interaction.unanswered",
  title: bi("留言超过三个月未答复", "Message left unanswered for more than three months"),
  severity: "critical",
  rule: {
    source: "checklist-2019",
    item: bi(
      "单项否决：互动回应差（一年内有效留言超过3个月未答复）",
      "Single veto: poor interaction (a message of the past year unanswered for more than 3 months)",
    ),
  },
  description: bi(
    "检查基准日前365天内提出的留言等待答复超过90天（或至今已超过90天仍未答复）即报告，发现项给出提问和答复日期。访谈、征集、信访、纪检举报类栏目除外。",
    "Reported when a message asked within the 365 days before as-of waited more than 90 days for its answer, or has waited more than 90 days and is still unanswered; the finding gives the dates. Interviews, consultations, petitions and discipline-report columns are left out.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    const asOf = site.asOf;
    const seen = new Set<string>();
    const findings: Finding[] = [];
    let any = false;
    for (const p of [c.home, ...c.pages]) {
      if (!p?.messages || p.messages.length === 0) continue;
      if (EXCLUDED.test(`${p.title ?? ""} ${p.meta.columnname ?? ""}`)) continue;
      for (const m of p.messages) {
        const asked = resolveDate(m.asked, asOf);
        if (asked === null || asked > asOf) continue;
        const age = ageDays(asked, asOf);
        if (age > WINDOW_DAYS) continue;
        any = true;
        // A message shows on its board and on its own page: count it once.
        const key = m.href ?? (p.messages.length === 1 ? p.url : `${p.url} ${asked}`);
        if (seen.has(key)) continue;
        seen.add(key);
        const answered = m.answered ? resolveDate(m.answered, asOf) : null;
        const late =
          answered === null || answered > asOf
            ? age > ANSWER_LIMIT_DAYS
            : ageDays(asked, answered) > ANSWER_LIMIT_DAYS;
        if (!late) continue;
        findings.push({
          check: "interaction.unanswered",
          page: m.href ?? p.url,
          asked,
          answered: answered !== null && answered <= asOf ? answered : null,
        });
      }
    }
    if (!any) return notApplicable;
    return fromFindings(findings);
  },
};
