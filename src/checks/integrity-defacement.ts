import { type DefacementTerm, defacementDictionary } from "../artifacts/defacement.ts";
import type { DefacementHit } from "../artifacts/types.ts";
import { literalPattern } from "../artifacts/wording.ts";
import { bi } from "../i18n/bilingual.ts";
import {
  type Check,
  type Finding,
  fromFindings,
  homeReachable,
  notApplicable,
  readPages,
  withRecord,
} from "./types.ts";

const LATIN = /[A-Za-z0-9]/;
/** Context stops at a sentence's end: the crackdown in the previous sentence is not this one's. */
const SENTENCE_END = /[。！？!?；;]/;

let compiled: { terms: Map<string, DefacementTerm>; before: RegExp; after: RegExp } | undefined;

function dictionary() {
  if (!compiled) {
    const d = defacementDictionary();
    compiled = {
      terms: new Map(d.terms.map((t) => [t.term, t])),
      before: new RegExp(d.crackdown.before.map(literalPattern).join("|")),
      after: new RegExp(`^(?:${d.crackdown.after.map(literalPattern).join("|")})`),
    };
  }
  return compiled;
}

/**
 * Whether a hit is the term itself rather than part of another word or a report of enforcement:
 * government sites write 严厉打击六合彩等违法犯罪, and that is their job, not defacement.
 */
export function plantedWording(hit: DefacementHit, term: DefacementTerm): boolean {
  const d = dictionary();
  const prev = hit.before.slice(-1);
  const next = hit.after.slice(0, 1);
  if (term.notFollowedBy && next !== "" && term.notFollowedBy.includes(next)) return false;
  // A Latin term inside a longer word or number (apk10, bet3650) is not the term.
  if (LATIN.test(term.term[0] as string) && LATIN.test(prev)) return false;
  if (LATIN.test(term.term.slice(-1)) && LATIN.test(next)) return false;
  const parts = hit.before.split(SENTENCE_END);
  const sentenceBefore = parts[parts.length - 1] ?? "";
  const sentenceAfter = (hit.after.split(SENTENCE_END)[0] ?? "").slice(0, 8);
  if (d.before.test(sentenceBefore)) return false;
  for (let i = 0; i < sentenceAfter.length; i++) if (d.after.test(sentenceAfter.slice(i))) return false;
  return true;
}

/** The 19号 veto both integrity checks serve: planted wording and planted links. */
export const SECURITY_VETO: Check["rule"] = {
  source: "checklist-2019",
  item: bi(
    "单项否决：安全、泄密事故等严重问题（反动、暴力、色情等内容或链接；被攻击篡改未及时处理）",
    "Single veto: serious incidents (reactionary, violent or pornographic content or links; a hack left unhandled)",
  ),
};

export const integrityDefacement: Check = {
  id: "integrity.defacement",
  title: bi("页面出现赌博、色情或被篡改内容", "Gambling, pornography or defacement wording"),
  severity: "critical",
  rule: SECURITY_VETO,
  description: bi(
    "页面标题或正文（含隐藏的暗链文字）出现赌博、色情广告或篡改留言的词语即报告，词典及来源见 src/checks/data/defacement-terms.yaml；每个页面、每个词一项，发现项给出词语、类别及是否在标题中。同一句中报道打击整治的用语（打击赌博、查处六合彩、清理色情网站、……等违法犯罪）不算；只匹配完整词条。",
    "Reported when a page's title or text (hidden link text included) carries gambling or pornography advertising or a defacer's signature, from the dictionary with sources in src/checks/data/defacement-terms.yaml; one finding per page and term, giving the term, its kind and whether it is in the title. Wording that reports enforcement in the same sentence (打击赌博, 查处六合彩, 清理色情网站, …等违法犯罪) does not count; only whole terms match.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const read = readPages(site);
    if (read.length === 0) return notApplicable;
    const { terms } = dictionary();
    const findings: Finding[] = [];
    for (const p of read) {
      const seen = new Set<string>();
      for (const h of p.defaced ?? []) {
        const term = terms.get(h.text);
        if (!term || seen.has(h.text) || !plantedWording(h, term)) continue;
        seen.add(h.text);
        const f: Finding = { check: "integrity.defacement", page: p.url, text: h.text, kind: term.kind };
        if (h.inTitle) f.inTitle = true;
        findings.push(withRecord(f, p.record));
      }
    }
    return fromFindings(findings);
  },
};
