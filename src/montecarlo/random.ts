/**
 * The random stream of the Monte Carlo module: pure-rand's xoroshiro128+ (D. Blackman,
 * S. Vigna), whose 128-bit state is filled from pure-rand's Mersenne Twister seeded with the
 * caller's 32-bit seed. MT19937's seeding is a nonlinear recurrence, so neighbouring seeds give
 * unrelated states (xoroshiro128+'s own one-word seeding leaves the first outputs of seeds 1 and 2
 * nearly equal). Everything after that is integer arithmetic, identical on every platform and
 * engine: the same seed gives the same sweeps everywhere.
 * @internal
 */
import { mersenne } from "pure-rand/generator/mersenne";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/** The generator type the sweeps draw from (`next()` is uniform on the 32-bit integers). */
export type Generator = JumpableRandomGenerator;

/** 2³²: a draw `next() + 2³¹` is uniform on [0, 2³²). */
export const TWO_32 = 4294967296;
/** 2³¹, the offset from pure-rand's signed draws to [0, 2³²). */
export const TWO_31 = 2147483648;

/** A xoroshiro128+ generator whose state is four draws of MT19937 seeded with `seed`. */
export function seededGenerator(seed: number): Generator {
  const mt = mersenne(seed);
  const state: number[] = [mt.next(), mt.next(), mt.next(), mt.next()];
  // An all-zero state would stay zero; MT19937 cannot give four zero words in a row from any
  // 32-bit seed, but the guard costs nothing.
  if (!state.some((w) => w !== 0)) state[0] = 1;
  return xoroshiro128plusFromState(state);
}

/**
 * The probability p as a threshold t = ⌊p·2³²⌋ for a draw u uniform on [0, 2³²): u < t happens
 * with probability t/2³², which is p rounded down to a multiple of 2⁻³² (p = 1 gives t = 2³²,
 * always true; the error is below 2.4·10⁻¹⁰ everywhere).
 */
export function threshold(p: number): number {
  return Math.floor(p * TWO_32);
}
