import { sameFamily } from "../encoding/charset.ts";
import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const charsetMismatch: Check = {
  id: "charset.mismatch",
  title: bi("页面编码声明有误", "Declared charset wrong"),
  severity: "minor",
  rule: {
    source: "good-practice",
    item: bi(
      "页面编码声明应正确一致（WHATWG Encoding）",
      "Declared character encoding correct and consistent (WHATWG Encoding)",
    ),
  },
  description: bi(
    "HTTP头与 <meta> 声明的编码不一致（GB2312、GBK、GB18030视为同一族）、BOM与声明矛盾，或字节按所用编码解码不干净即报告。这类页面在浏览器中会出现乱码。",
    "Reported when the header and <meta> declare different charsets (GB2312, GBK and GB18030 count as one family), when a BOM contradicts the declaration, or when the bytes do not decode cleanly in the charset used. Such pages show garbled text in browsers.",
  ),
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
