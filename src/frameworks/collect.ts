import type { Table } from "../scoring/types.ts";
import { type Evidence, leafValue } from "./evidence.ts";
import type { Framework, TreeNode } from "./schema.ts";

/**
 * Builds the engine's input table from per-body evidence: each leaf with a `source` gets its
 * value from the evidence (findings → points, rubric levels, figures, yes/no). This is the
 * seam where inspection results and expert scores enter the composite pipeline.
 */
export function tableFromEvidence(
  fw: Framework,
  bodies: readonly { unit: string; evidence: Evidence; groups?: Record<string, string> }[],
): Table {
  const leaves: TreeNode[] = [];
  const walk = (n: TreeNode) => {
    if (n.children?.length) for (const c of n.children) walk(c);
    else leaves.push(n);
  };
  if (fw.tree) walk(fw.tree);
  const columns = new Map<string, Float64Array>();
  for (const leaf of leaves) {
    const src = leaf.source;
    columns.set(
      leaf.code,
      Float64Array.from(bodies, (b) => (src ? leafValue(leaf.code, src, b.evidence) : Number.NaN)),
    );
  }
  const groupNames = new Set(bodies.flatMap((b) => Object.keys(b.groups ?? {})));
  const groups = new Map([...groupNames].map((g) => [g, bodies.map((b) => b.groups?.[g] ?? "")]));
  return { units: bodies.map((b) => b.unit), columns, groups };
}
