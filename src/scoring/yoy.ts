import { rankDescending } from "./rank.ts";
import type { TieRule } from "./types.ts";

export interface Edition {
  readonly units: readonly string[];
  readonly scores: ArrayLike<number>;
  readonly tiers: readonly (string | null)[];
}

export interface YearOverYear {
  /** Units present in both editions: score and rank change (positive rank change = moved up). */
  readonly changes: {
    unit: string;
    scoreChange: number;
    rankBefore: number;
    rankAfter: number;
    rankChange: number;
  }[];
  /** migration[from][to] = number of units, tiers ordered best first. */
  readonly migration: number[][];
  readonly shareBefore: number[];
  readonly shareAfter: number[];
  /** Mean tier index (0 = best) before and after; lower means the centre of gravity is higher. */
  readonly centreBefore: number;
  readonly centreAfter: number;
  readonly movedUp: boolean;
}

/**
 * Compares two editions of the same framework: per unit changes, the tier migration matrix and
 * the tier distribution ("档级重心继续上移" = the mean tier moved towards the best tier).
 */
export function yearOverYear(
  before: Edition,
  after: Edition,
  tierOrder: readonly string[],
  ties: TieRule = "competition",
): YearOverYear {
  const rb = rankDescending(before.scores, ties);
  const ra = rankDescending(after.scores, ties);
  const idxAfter = new Map(after.units.map((u, i) => [u, i]));
  const changes: YearOverYear["changes"] = [];
  const k = tierOrder.length;
  const migration = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [i, u] of before.units.entries()) {
    const j = idxAfter.get(u);
    if (j === undefined) continue;
    const rankBefore = rb[i] as number;
    const rankAfter = ra[j] as number;
    changes.push({
      unit: u,
      scoreChange: (after.scores[j] as number) - (before.scores[i] as number),
      rankBefore,
      rankAfter,
      rankChange: rankBefore - rankAfter,
    });
    const from = tierOrder.indexOf(before.tiers[i] ?? "");
    const to = tierOrder.indexOf(after.tiers[j] ?? "");
    if (from >= 0 && to >= 0)
      (migration[from] as number[])[to] = ((migration[from] as number[])[to] as number) + 1;
  }
  const share = (tiers: readonly (string | null)[]) => {
    const counts = tierOrder.map((t) => tiers.filter((x) => x === t).length);
    const total = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => (total === 0 ? 0 : c / total));
  };
  const centre = (s: number[]) => s.reduce((acc, v, i) => acc + v * i, 0);
  const shareBefore = share(before.tiers);
  const shareAfter = share(after.tiers);
  const centreBefore = centre(shareBefore);
  const centreAfter = centre(shareAfter);
  return {
    changes,
    migration,
    shareBefore,
    shareAfter,
    centreBefore,
    centreAfter,
    movedUp: centreAfter < centreBefore,
  };
}
