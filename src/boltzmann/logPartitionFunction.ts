import { ENERGIES, scan } from "../internal/kernel.js";
import { logPartition } from "../internal/thermo.js";
import { readVector } from "../internal/validate.js";
import { logPartitionOnKernel } from "./kernelPath.js";
import { type GibbsOptions, gibbsOptions } from "./options.js";

/**
 * Log-partition function ln Z = ln Σᵢ gᵢ·exp(−Eᵢ/(kB·T)), stable for any spectrum.
 *
 * Computed as −E₀/(kB·T) + ln Σᵢ gᵢ·exp(−(Eᵢ − E₀)/(kB·T)) with E₀ the ground state (the top
 * level for T < 0), the exponents in double-double and the sum compensated, so it never
 * overflows while Z itself may (ln Z = 1e5 is fine; Z = e^1e5 is not a double). It is
 * log-sum-exp of the logits −E/(kB·T): the bridge between the two sides.
 *
 * Edge cases: `logPartitionFunction([])` and every level masked give −Infinity (an empty sum);
 * NaN and −Infinity energies are RangeErrors. At T = ±0: ln g₀ when E₀ = 0, +Infinity when
 * E₀ < 0, −Infinity when E₀ > 0. At T = ±Infinity: ln Σg.
 *
 * @param energies - the levels Eᵢ; never modified.
 * @see L. D. Landau, E. M. Lifshitz, Statistical Physics, Part 1, §31 (the free energy in the Gibbs distribution).
 * @example
 * ```ts
 * logPartitionFunction([0, 1], { temperature: 1 })  // => 0.31326168751822286
 * logPartitionFunction([0, 0, 0], { temperature: Infinity }) // => 1.0986122886681096
 * logPartitionFunction([], { temperature: 1 })      // => -Infinity
 * ```
 */
export function logPartitionFunction(energies: ArrayLike<number>, options: GibbsOptions): number {
  const fn = "logPartitionFunction";
  const { temperature, kB, degeneracies } = gibbsOptions(fn, options);
  const E = readVector(fn, "energies", energies);
  if (degeneracies === undefined) {
    const fast = logPartitionOnKernel(fn, E, kB, temperature);
    if (fast !== undefined) return fast;
  }
  const S = scan(fn, "energies", E, ENERGIES, "options.degeneracies", degeneracies);
  return logPartition(S, kB, temperature);
}
