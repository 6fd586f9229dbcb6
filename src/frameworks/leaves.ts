import { maxPoints } from "./evidence.ts";
import type { Framework, LeafSource, TreeNode } from "./schema.ts";

type Text = string | { zh: string; en: string } | undefined;
export const bilingual = (t: Text, fallback: string): { zh: string; en: string } =>
  typeof t === "string" ? { zh: t, en: t } : (t ?? { zh: fallback, en: fallback });

/**
 * Every indicator that takes a value of its own, by code: the leaves of a composite tree and the
 * bonus items of a check list (a checklist's open-data rubric is as much an expert's task as a
 * composite's). Expert tasks, submissions and evidence files are all checked against this.
 */
export function frameworkLeaves(fw: Framework): Map<string, LeafSource | undefined> {
  const out = new Map<string, LeafSource | undefined>();
  const walk = (n: TreeNode) => {
    if (n.children?.length) for (const c of n.children) walk(c);
    else out.set(n.code, n.source);
  };
  if (fw.tree) walk(fw.tree);
  for (const b of fw.checklist?.bonus?.items ?? []) out.set(b.id, b.source);
  return out;
}

export interface OutlineNode {
  code: string;
  parent: string | null;
  depth: number;
  name: { zh: string; en: string };
  leaf: boolean;
  /** Most points the node can give; null when unbounded (an unbanded figure) or weighted. */
  points: number | null;
  source: LeafSource | null;
}

export interface FrameworkOutline {
  id: string;
  version: string;
  kind: Framework["kind"];
  name: { zh: string; en: string };
  root: string;
  tiers: { name: string; atLeast: number | null }[];
  nodes: OutlineNode[];
  vetoes: { id: string; name: { zh: string; en: string } }[];
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** The framework as screens show it: every node in tree order with its name, points and source. */
export function frameworkOutline(fw: Framework): FrameworkOutline {
  const nodes: OutlineNode[] = [];
  const walk = (n: TreeNode, parent: string | null, depth: number): number | null => {
    const at = nodes.length;
    nodes.push({
      code: n.code,
      parent,
      depth,
      name: bilingual(n.name, n.code),
      leaf: !n.children?.length,
      points: null,
      source: n.source ?? null,
    });
    let points: number | null;
    if (n.children?.length) {
      const kids = n.children.map((c) => walk(c, n.code, depth + 1));
      points = kids.every((k) => k !== null) ? kids.reduce<number>((s, k) => s + (k ?? 0), 0) : null;
    } else points = n.source ? finite(maxPoints(n.source)) : null;
    const node = nodes[at];
    if (node) node.points = points;
    return points;
  };
  let root = fw.tree?.code ?? "total";
  if (fw.tree) walk(fw.tree, null, 0);
  else if (fw.checklist) {
    const cl = fw.checklist;
    root = "total";
    const d = cl.deductions;
    nodes.push({
      code: "total",
      parent: null,
      depth: 0,
      name: bilingual(fw.name, fw.id),
      leaf: false,
      points: d.total,
      source: null,
    });
    nodes.push({
      code: "deductions",
      parent: "total",
      depth: 1,
      name: { zh: "扣分项", en: "deductions" },
      leaf: false,
      points: d.total,
      source: null,
    });
    for (const it of d.items)
      nodes.push({
        code: it.id,
        parent: "deductions",
        depth: 2,
        name: bilingual(it.name, it.id),
        leaf: true,
        points: it.points,
        source: null,
      });
    if (cl.bonus) {
      nodes.push({
        code: "bonus",
        parent: "total",
        depth: 1,
        name: { zh: "加分项", en: "bonus" },
        leaf: false,
        points: cl.bonus.max,
        source: null,
      });
      for (const b of cl.bonus.items)
        nodes.push({
          code: b.id,
          parent: "bonus",
          depth: 2,
          name: bilingual(b.name, b.id),
          leaf: true,
          points: b.points,
          source: b.source,
        });
    }
  }
  return {
    id: fw.id,
    version: fw.version,
    kind: fw.kind,
    name: bilingual(fw.name, fw.id),
    root,
    tiers: (fw.tiers?.levels ?? []).map((l) => ({ name: l.name, atLeast: l.min ?? null })),
    nodes,
    vetoes: (fw.checklist?.veto ?? []).map((v) => ({ id: v.id, name: bilingual(v.name, v.id) })),
  };
}
