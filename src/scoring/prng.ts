import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded uniform [0, 1) source; the same seed gives the same stream on every machine. */
export type Uniform = () => number;

export function seededUniform(seed: number): Uniform {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}
