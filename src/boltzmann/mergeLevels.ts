import { ENERGIES, scan } from "../internal/kernel.js";
import { optionsOf } from "../internal/validate.js";

/** A spectrum as levels with degeneracies. */
export interface Spectrum {
  energies: Float64Array;
  degeneracies: Float64Array;
}

/**
 * Merges equal energies into one level each, summing their degeneracies: the spectrum
 * {0, 1, 1, 1, 2} becomes energies [0, 1, 2] with degeneracies [1, 3, 1]. Levels come out sorted
 * ascending; masked levels (+Infinity energy or zero degeneracy) are dropped. Every thermodynamic
 * quantity is unchanged (the partition function only sees Σ over equal energies), and a sweep over
 * the merged spectrum costs O(distinct levels) per temperature instead of O(states).
 *
 * Only exactly equal doubles are merged; the cost is one sort, O(n log n).
 *
 * @param energies - the states' energies; never modified.
 * @example
 * ```ts
 * mergeLevels([1, 0, 1, 2, 1]).degeneracies // => Float64Array [1, 3, 1]
 * ```
 */
export function mergeLevels(
  energies: ArrayLike<number>,
  options?: { degeneracies?: ArrayLike<number> },
): Spectrum {
  const fn = "mergeLevels";
  const opts = optionsOf(fn, options, ["degeneracies"]);
  const S = scan(fn, "energies", energies, ENERGIES, "options.degeneracies", opts.degeneracies);
  const g = S.mult;
  const order: number[] = [];
  for (let i = 0; i < S.n; i++) {
    const e = S.values[i] as number;
    if (e === Number.POSITIVE_INFINITY || (g !== undefined && g[i] === 0)) continue;
    order.push(i);
  }
  order.sort((a, b) => (S.values[a] as number) - (S.values[b] as number));
  const levels: number[] = [];
  const counts: number[] = [];
  for (const i of order) {
    const e = S.values[i] as number;
    const gi = g === undefined ? 1 : (g[i] as number);
    const last = levels.length - 1;
    if (last >= 0 && levels[last] === e) counts[last] = (counts[last] as number) + gi;
    else {
      levels.push(e);
      counts.push(gi);
    }
  }
  return { energies: Float64Array.from(levels), degeneracies: Float64Array.from(counts) };
}
