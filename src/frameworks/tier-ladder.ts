import type { Framework } from "./schema.ts";

/**
 * Every tier a framework can give, best first: a composite's tier levels (and, when it has veto
 * gates, the tier a vetoed unit gets), a check list's two verdicts.
 */
export function frameworkTiers(fw: Framework): string[] {
  if (fw.kind === "checklist") return ["合格", "不合格"];
  const levels = (fw.tiers?.levels ?? []).map((l) => l.name);
  const veto = fw.gates?.veto.length ? fw.gates.vetoTier : undefined;
  return veto !== undefined && !levels.includes(veto) ? [...levels, veto] : levels;
}
