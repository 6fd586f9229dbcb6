import { z } from "zod";

/**
 * The framework file format, version 1 (`schema: govscore.framework/1`). One schema validates
 * both kinds: composite indices (a weighted tree through the pipeline) and rule-based check
 * lists (veto, capped deductions, gated bonus). See docs/frameworks.md.
 */

const text = z.union([z.string(), z.object({ zh: z.string(), en: z.string() })]);

/** Counts findings of one check id, optionally only those whose fields match. */
const findingFilter = z.record(z.string(), z.array(z.union([z.string(), z.number()])));

/** How a leaf gets its value from the evidence of one evaluated body. */
export const leafSource = z.discriminatedUnion("from", [
  z.object({
    from: z.literal("deduction"),
    check: z.string(),
    where: findingFilter.optional(),
    perFinding: z.number().positive(),
    /** The item's points: deductions never exceed them. */
    points: z.number().positive(),
  }),
  z.object({
    from: z.literal("count"),
    check: z.string(),
    where: findingFilter.optional(),
    /** First band whose upTo the count does not exceed gives the points; last band has no upTo. */
    bands: z.array(z.object({ upTo: z.number().optional(), points: z.number() })).min(1),
  }),
  z.object({ from: z.literal("check"), check: z.string(), pass: z.number(), fail: z.number() }),
  z.object({
    from: z.literal("fact"),
    key: z.string(),
    bands: z.array(z.object({ atLeast: z.number().optional(), points: z.number() })).optional(),
  }),
  z.object({
    from: z.literal("rubric"),
    levels: z.record(z.string(), z.number()).refine((r) => Object.keys(r).length > 0),
  }),
  z.object({
    from: z.literal("figure"),
    unit: z.string().optional(),
    max: z.number().optional(),
    /** Figure → points: first band whose atLeast the figure reaches. */
    bands: z.array(z.object({ atLeast: z.number().optional(), points: z.number() })).optional(),
  }),
  z.object({ from: z.literal("yesno"), yes: z.number(), no: z.number().default(0) }),
]);
export type LeafSource = z.infer<typeof leafSource>;

export interface TreeNode {
  code: string;
  name?: string | { zh: string; en: string } | undefined;
  weight?: number | undefined;
  direction?: 1 | -1 | undefined;
  denominator?: string | undefined;
  target?: number | undefined;
  source?: LeafSource | undefined;
  assumption?: boolean | undefined;
  children?: TreeNode[] | undefined;
}

export const treeNode: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    code: z.string().min(1),
    name: text.optional(),
    weight: z.number().nonnegative().optional(),
    direction: z.union([z.literal(1), z.literal(-1)]).optional(),
    denominator: z.string().optional(),
    target: z.number().optional(),
    source: leafSource.optional(),
    /** True when this node's weight or points are an assumption, not read in a source. */
    assumption: z.boolean().optional(),
    children: z.array(treeNode).min(1).optional(),
  }),
);

const normalise = z.discriminatedUnion("method", [
  z.object({ method: z.literal("minmax"), l: z.number().default(0), u: z.number().default(100) }),
  z.object({
    method: z.literal("zscore"),
    mean: z.number().default(0),
    sd: z.number().positive().default(1),
  }),
  z.object({
    method: z.literal("goalposts"),
    lower: z.number(),
    upper: z.number(),
    scale: z.number().default(100),
  }),
  z.object({ method: z.literal("dist2targ"), cap: z.boolean().default(false), scale: z.number().default(1) }),
  z.object({ method: z.literal("dist2ref"), refUnit: z.string(), cap: z.boolean().default(false) }),
  z.object({
    method: z.enum(["dist2max", "fracmax", "rank", "borda", "prank"]),
    scale: z.number().default(1),
  }),
  z.object({ method: z.literal("none") }),
]);

/** minShare: a unit with a smaller share of a node's children present gets no score there. */
const minShare = z.number().min(0).max(1).optional();
const aggregate = z.discriminatedUnion("method", [
  z.object({ method: z.enum(["arithmetic", "geometric", "harmonic", "copeland", "sum"]), minShare }).strict(),
  z.object({ method: z.literal("generalised"), p: z.number(), minShare }).strict(),
]);

/**
 * Gates of a composite framework, read from data columns (so a CSV can carry them): a veto
 * column set (≥ atLeast) makes the unit fail whatever its index (单项否决); bonus columns add
 * to the root only when the root is above a score (加分), up to a maximum.
 */
const gates = z
  .object({
    veto: z
      .array(
        z.object({ id: z.string(), name: text, column: z.string(), atLeast: z.number().default(1) }).strict(),
      )
      .default([]),
    vetoTier: z.string().default("不合格"),
    bonus: z
      .object({ columns: z.array(z.string()).min(1), above: z.number(), max: z.number().positive() })
      .strict()
      .optional(),
  })
  .strict();

export const pipelineSchema = z
  .object({
    denominate: z.boolean().default(false),
    impute: z
      .discriminatedUnion("method", [
        z.object({ method: z.literal("none") }),
        z.object({ method: z.enum(["mean", "median"]), group: z.string().optional() }),
        z.object({ method: z.literal("screen"), minShare: z.number().min(0).max(1) }),
      ])
      .default({ method: "none" }),
    treat: z
      .object({
        method: z.enum(["none", "winsorise"]),
        skew: z.number().default(2),
        kurtosis: z.number().default(3.5),
        winmax: z.number().int().nonnegative().default(5),
        fallback: z.enum(["log", "log-ct", "none"]).default("log"),
      })
      .default({ method: "none", skew: 2, kurtosis: 3.5, winmax: 5, fallback: "log" }),
    normalise: normalise.default({ method: "none" }),
    /** One method for every level, or a list per level from the indicators up. */
    aggregate: z.union([aggregate, z.array(aggregate).min(1)]).default({ method: "arithmetic" }),
    ranking: z
      .object({
        ties: z.enum(["competition", "dense"]).default("competition"),
        round: z.number().int().min(0).max(12).optional(),
        /** A group column of the data: one ranking per category. */
        groupBy: z.string().optional(),
      })
      .default({ ties: "competition" }),
  })
  .strict();

const tierSet = z
  .object({
    node: z.string().optional(),
    method: z.enum(["threshold", "quantile"]).default("threshold"),
    groupBy: z.string().optional(),
    levels: z.array(z.object({ name: z.string(), min: z.number().optional() })).min(1),
  })
  .strict();

const condition = z
  .object({
    check: z.string().optional(),
    where: findingFilter.optional(),
    minCount: z.number().int().positive().default(1),
    fact: z.string().optional(),
    atLeast: z.number().optional(),
    /** Judged by an evaluator (e.g. leaked secrets): the evidence's `manual` map says yes/no. */
    manual: z.boolean().optional(),
    /** The check's warning counts as met (19号: content without a date counts as not updated). */
    countWarn: z.boolean().optional(),
    /** Met when the check did not run at all: no inspection must never pass for a clean one. */
    ifNotRun: z.boolean().optional(),
  })
  .strict()
  .refine((c) => [c.check, c.fact, c.manual].filter((v) => v !== undefined).length === 1, {
    message: "每个条件须恰有 check、fact、manual 之一 (a condition needs exactly one of check, fact, manual)",
  })
  .refine((c) => c.check !== undefined || (c.countWarn === undefined && c.ifNotRun === undefined), {
    message: "countWarn 和 ifNotRun 只用于 check 条件 (countWarn and ifNotRun go with a check condition)",
  });

const vetoItem = z
  .object({
    id: z.string(),
    name: text,
    /** Any one condition met = veto. */
    any: z.array(condition).min(1),
    appliesTo: z.enum(["all", "public-services"]).default("all"),
    assumption: z.string().optional(),
  })
  .strict();

const deductionItem = z
  .object({
    id: z.string(),
    name: text,
    block: z.string(),
    /** The item's points: the sum of its deductions is capped here. */
    points: z.number().positive(),
    rules: z
      .array(
        z
          .object({ check: z.string(), where: findingFilter.optional(), perFinding: z.number().positive() })
          .strict(),
      )
      .default([]),
    /**
     * Deducted by an evaluator, by this criterion: the points deducted are the evidence's
     * `figures[<item id>]` (capped at the item's points like the rest).
     */
    evaluator: z.object({ criterion: text }).strict().optional(),
    assumption: z.string().optional(),
  })
  .strict()
  .refine((i) => i.rules.length > 0 || i.evaluator !== undefined, {
    message: "扣分项须有 rules 或 evaluator (a deduction item needs rules, an evaluator criterion, or both)",
  });

/** An item of the source text no check or evaluator entry scores, and why. */
const notScored = z.object({ item: text, block: z.string().optional(), reason: text }).strict();

const bonusItem = z
  .object({
    id: z.string(),
    name: text,
    points: z.number().positive(),
    source: leafSource,
    assumption: z.string().optional(),
  })
  .strict();

const checklist = z
  .object({
    veto: z.array(vetoItem),
    deductions: z
      .object({
        total: z.number().positive(),
        passMark: z.number(),
        items: z.array(deductionItem).min(1),
      })
      .strict(),
    bonus: z
      .object({
        max: z.number().positive(),
        /** Bonus counts only when the deduction score is strictly above this. */
        above: z.number(),
        portalOnly: z.boolean().default(true),
        items: z.array(bonusItem),
      })
      .strict()
      .optional(),
    /** Items of the source text that are not scored, each with the reason (a complete account). */
    notScored: z.array(notScored).default([]),
    /** Bodies without public-facing services skip these blocks and are rescaled to `total`. */
    withoutServices: z
      .object({ skipBlocks: z.array(z.string()).min(1) })
      .strict()
      .optional(),
  })
  .strict();

const source = z
  .object({ title: z.string(), url: z.string().optional(), note: z.string().optional() })
  .strict();

export const frameworkSchema = z
  .object({
    schema: z.literal("govscore.framework/1"),
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]*$/,
        "id: 小写字母、数字、点、连字符 (lowercase letters, digits, dots, hyphens)",
      ),
    version: z.string(),
    kind: z.enum(["composite", "checklist"]),
    name: text,
    sources: z.array(source).min(1),
    /** Which numbers are assumptions rather than read in a source. */
    assumptions: z.array(z.string()).default([]),
    idColumn: z.string().default("uCode"),
    pipeline: pipelineSchema.optional(),
    tree: treeNode.optional(),
    tiers: tierSet.optional(),
    gates: gates.optional(),
    checklist: checklist.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.kind === "checklist" && !f.checklist) {
      ctx.addIssue({
        code: "custom",
        path: ["checklist"],
        message: "kind: checklist 需要 checklist 段 (needs a checklist section)",
      });
    }
    if (f.kind === "composite" && !f.pipeline) {
      ctx.addIssue({
        code: "custom",
        path: ["pipeline"],
        message: "kind: composite 需要 pipeline 段 (needs a pipeline section)",
      });
    }
    if (f.tree) {
      const seen = new Set<string>();
      const walk = (n: TreeNode, path: (string | number)[]) => {
        if (seen.has(n.code)) {
          ctx.addIssue({
            code: "custom",
            path: [...path, "code"],
            message: `编码 ${n.code} 重复 (duplicate code ${n.code})`,
          });
        }
        seen.add(n.code);
        n.children?.forEach((c, i) => {
          walk(c, [...path, "children", i]);
        });
      };
      walk(f.tree, ["tree"]);
    }
  });

export type Framework = z.infer<typeof frameworkSchema>;
export type Checklist = NonNullable<Framework["checklist"]>;
export type PipelineConfig = z.infer<typeof pipelineSchema>;
