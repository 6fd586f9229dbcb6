import { sameFamily } from "../encoding/charset.ts";
import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const charsetMismatch: Check = {
  id: "charset.mismatch",
  title: bi("页面编码声明有误", "Declared charset wrong"),
  severity: "minor",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const findings: Finding[] = [];
    for (const p of site.pages) {
      const c = p.charset;
      if (!c) continue;
      const declared = c.header ?? c.meta;
      // Header and <meta> disagree, or the bytes are not clean in the charset used.
      const disagree = c.header !== null && c.meta !== null && !sameFamily(c.header, c.meta);
      // A BOM overrides declarations: a declaration that differs from it is wrong.
      const bomConflict = c.source === "bom" && declared !== null && !sameFamily(declared, c.used);
      if (!disagree && !bomConflict && c.clean) continue;
      const f: Finding = {
        check: "charset.mismatch",
        page: p.url,
        declared: disagree ? `header=${c.header}; meta=${c.meta}` : declared,
        detected: c.used,
      };
      if (!c.clean) f.invalidBytes = true;
      findings.push(withRecord(f, p.record));
    }
    return fromFindings(findings);
  },
};
