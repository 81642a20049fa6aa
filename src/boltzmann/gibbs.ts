import { betaOf, ENERGIES, fillWeights, normalize, scan } from "../internal/kernel.js";
import { outputVector, readVector, type WritableArrayLike } from "../internal/validate.js";
import { gibbsOnKernel } from "./kernelPath.js";
import { type GibbsIntoOptions, type GibbsOptions, gibbsOptions } from "./options.js";

/**
 * The Boltzmann–Gibbs distribution: the occupation of each level,
 * pᵢ = gᵢ·exp(−Eᵢ/(kB·T)) / Z, with Z the partition function.
 *
 * It is softmax in physical clothes: gibbs(E, {temperature: T}) equals softmax(−E, {temperature:
 * kB·T}) (with gᵢ entering as + ln gᵢ in the logits). It is computed by the same kernel: the
 * exponent is measured from the ground state (the highest level for T < 0), carried in
 * double-double with kB·T formed exactly, and degeneracies enter as exact powers of two, so the
 * result is within a few ulp of the exact distribution for any spectrum, kB and T.
 *
 * Each entry of `energies` and `degeneracies` is read once (anything but a Float64Array or
 * Float32Array is copied first); `out` must be a plain array, a Float64Array or a Float32Array of
 * the same length, else a TypeError.
 *
 * Edge cases: a +Infinity energy or a zero degeneracy is a masked level (probability exactly 0
 * at every temperature, negative ones included); −Infinity or NaN is a RangeError naming the
 * index; an empty spectrum or every level masked is a RangeError. T = ±0 shares the weight among
 * the ground states in proportion to their degeneracy; T = ±Infinity is gᵢ/Σg; T < 0 gives
 * population inversion.
 *
 * @param energies - the levels Eᵢ; never modified.
 * @returns a new Float64Array, or `options.out`, with the occupations.
 * @see L. D. Landau, E. M. Lifshitz, Statistical Physics, Part 1, §28 (the Gibbs distribution).
 * @example
 * ```ts
 * gibbs([0, 0], { temperature: 1 })                         // => Float64Array [0.5, 0.5]
 * gibbs([0, 1], { temperature: 0 })                         // => Float64Array [1, 0]
 * gibbs([0, 1], { temperature: Infinity, degeneracies: [1, 3] }) // => Float64Array [0.25, 0.75]
 * ```
 */
export function gibbs(energies: ArrayLike<number>, options: GibbsOptions): Float64Array;
export function gibbs<O extends WritableArrayLike>(
  energies: ArrayLike<number>,
  options: GibbsIntoOptions<O>,
): O;
export function gibbs(energies: ArrayLike<number>, options: GibbsOptions): WritableArrayLike {
  const fn = "gibbs";
  const { temperature, kB, degeneracies, out: given } = gibbsOptions(fn, options, true);
  const E = readVector(fn, "energies", energies);
  if (degeneracies === undefined) {
    const fast = gibbsOnKernel(fn, E, kB, temperature, given);
    if (fast !== undefined) return fast;
  }
  const S = scan(fn, "energies", E, ENERGIES, "options.degeneracies", degeneracies);
  if (S.n === 0)
    throw new RangeError(`${fn}: energies is empty; a spectrum needs at least one level`);
  if (S.active === 0) {
    throw new RangeError(
      `${fn}: every level is masked (energy +Infinity or degeneracy 0); the distribution is not defined`,
    );
  }
  const out = outputVector(fn, given, "energies", S.n);
  const r = fillWeights(S, betaOf(ENERGIES, kB, temperature), out);
  normalize(out, S.n, r.sumHi, r.sumLo);
  return out;
}
