import { lookupDivision } from "../registry/divisions.ts";

/**
 * 网站标识码: 10 digits whose first 6 are a GB/T 2260 code (current, or one that existed when
 * the code was issued), or `bm` + 8 digits for State Council departments.
 */
export function validSiteId(code: string): boolean {
  if (/^bm\d{8}$/i.test(code)) return true;
  if (!/^\d{10}$/.test(code)) return false;
  const s = lookupDivision(code.slice(0, 6)).status;
  return s === "current" || s === "historical";
}
