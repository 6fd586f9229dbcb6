import type { Structure } from "./types.ts";

export interface Node {
  readonly code: string;
  readonly weight: number;
  readonly children: readonly string[];
  /** 0 for indicators; an aggregate is one more than its deepest child. */
  readonly level: number;
}

/**
 * Resolves the tree: children per aggregate and the order to aggregate in (deepest first), so
 * that every node is computed after all of its children. Throws on unknown parents and cycles.
 */
export function resolveTree(s: Structure): { nodes: Map<string, Node>; order: string[]; root: string } {
  const children = new Map<string, string[]>();
  for (const a of s.aggregates) children.set(a.code, []);
  const nodes = new Map<string, Node>();
  for (const ind of s.indicators) {
    const list = children.get(ind.parent);
    if (!list) throw new Error(`指标 ${ind.code} 的上级 ${ind.parent} 不存在 (unknown parent)`);
    list.push(ind.code);
    nodes.set(ind.code, { code: ind.code, weight: ind.weight, children: [], level: 0 });
  }
  const roots: string[] = [];
  for (const a of s.aggregates) {
    if (a.parent === undefined) roots.push(a.code);
    else {
      const list = children.get(a.parent);
      if (!list) throw new Error(`节点 ${a.code} 的上级 ${a.parent} 不存在 (unknown parent)`);
      list.push(a.code);
    }
  }
  if (roots.length !== 1) {
    throw new Error(`指标树须恰有一个根，现有 ${roots.length} 个 (the tree needs exactly one root)`);
  }
  const weights = new Map(s.aggregates.map((a) => [a.code, a.weight]));
  const visiting = new Set<string>();
  const level = (code: string): number => {
    const done = nodes.get(code);
    if (done) return done.level;
    if (visiting.has(code)) throw new Error(`指标树有环 (cycle at ${code})`);
    visiting.add(code);
    const kids = children.get(code) ?? [];
    if (kids.length === 0) throw new Error(`节点 ${code} 没有下级 (aggregate without children)`);
    const lv = Math.max(...kids.map(level)) + 1;
    nodes.set(code, { code, weight: weights.get(code) ?? 1, children: kids, level: lv });
    return lv;
  };
  for (const a of s.aggregates) level(a.code);
  const order = [...s.aggregates.map((a) => a.code)].sort(
    (a, b) => (nodes.get(a)?.level ?? 0) - (nodes.get(b)?.level ?? 0),
  );
  return { nodes, order, root: roots[0] as string };
}
