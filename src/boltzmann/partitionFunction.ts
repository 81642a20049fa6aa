import { ENERGIES, scan } from "../internal/kernel.js";
import { logPartition } from "../internal/thermo.js";
import { readVector } from "../internal/validate.js";
import { logPartitionOnKernel } from "./kernelPath.js";
import { type GibbsOptions, gibbsOptions } from "./options.js";

/**
 * Partition function Z = Σᵢ gᵢ·exp(−Eᵢ/(kB·T)), the normaliser of the Gibbs distribution
 * (and of softmax, with zᵢ = −Eᵢ).
 *
 * Evaluated as exp(ln Z), so it is exact wherever Z is a double and overflows to Infinity
 * (underflows to 0) only where Z itself is outside the double range: use
 * {@link logPartitionFunction} there. Its relative error is about |ln Z|·2⁻⁵³.
 *
 * Edge cases: `partitionFunction([])` is 0 (an empty sum); at T = ±0 it is g₀ when E₀ = 0,
 * +Infinity when E₀ < 0 and 0 when E₀ > 0; at T = ±Infinity it is Σg.
 *
 * @param energies - the levels Eᵢ; never modified.
 * @see https://en.wikipedia.org/wiki/Partition_function_(statistical_mechanics)
 * @example
 * ```ts
 * partitionFunction([0, 0], { temperature: 1 })        // => 2
 * partitionFunction([0, -1000], { temperature: 1 })    // => Infinity
 * partitionFunction([], { temperature: 1 })            // => 0
 * ```
 */
export function partitionFunction(energies: ArrayLike<number>, options: GibbsOptions): number {
  const fn = "partitionFunction";
  const { temperature, kB, degeneracies } = gibbsOptions(fn, options);
  const E = readVector(fn, "energies", energies);
  if (degeneracies === undefined) {
    const fast = logPartitionOnKernel(fn, E, kB, temperature);
    if (fast !== undefined) return Math.exp(fast);
  }
  const S = scan(fn, "energies", E, ENERGIES, "options.degeneracies", degeneracies);
  return Math.exp(logPartition(S, kB, temperature));
}
