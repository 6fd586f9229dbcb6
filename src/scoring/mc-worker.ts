import { workerData } from "node:worker_threads";
import { evaluateRun, type RunParams } from "./monte-carlo.ts";
import type { Node } from "./structure.ts";
import type { Columns } from "./types.ts";

/** Worker side of runParallel: rebuild the data sets as views on shared memory and run a chunk. */
interface Input {
  variants: { codes: string[]; buf: Float64Array }[];
  nodes: Node[];
  nodeCodes: string[];
  order: string[];
  target: string;
  n: number;
  from: number;
  params: RunParams[];
  out: Float64Array;
}

const input = workerData as Input;
const n = input.n;
const variants: Columns[] = input.variants.map(
  (v) => new Map(v.codes.map((c, k) => [c, v.buf.subarray(k * n, (k + 1) * n)])),
);
const nodes = new Map(input.nodes.map((node) => [node.code, node]));
for (const [r, p] of input.params.entries()) {
  const s = evaluateRun(variants, nodes, input.nodeCodes, input.order, input.target, n, p);
  input.out.set(s, (input.from + r) * n);
}
