import { ENERGIES, scan } from "../internal/kernel.js";
import { type ThermodynamicState, thermodynamicState } from "../internal/thermo.js";
import { readVector } from "../internal/validate.js";
import { thermodynamicsOnKernel } from "./kernelPath.js";
import { type GibbsOptions, gibbsOptions } from "./options.js";

/** Everything {@link thermodynamics} returns. */
export interface Thermodynamics extends ThermodynamicState {
  /** The Gibbs occupations pᵢ (as {@link gibbs}). */
  probabilities: Float64Array;
}

/**
 * The thermodynamic state of a spectrum at temperature T, in one call:
 * ln Z, F = −kB·T·ln Z, U = ⟨E⟩, S = (U − F)/T = −kB·Σ p ln(p/g), C = Var(E)/(kB·T²),
 * Var(E) = ⟨E²⟩ − ⟨E⟩², β = 1/(kB·T), and the occupations.
 *
 * How: one kernel pass gives the occupations and ln Z; one pass gives ⟨x⟩ with
 * x = (E − E₀)/(kB·T) ≥ 0; one more gives Var(x) about that mean. S/kB = ⟨x⟩ + ln Zₛ adds two
 * non-negative terms, and the variance is never formed as ⟨E²⟩ − ⟨E⟩², so S and C stay accurate
 * to ~1e−15 relative at every temperature (the one-pass formula loses all digits of C at low T).
 * Where the weight sits far from E₀ (a huge degeneracy beside a deep ground level: U = E₀ +
 * kB·T·⟨x⟩ would cancel every digit) or x is so small that ⟨x⟩ or Var(x) underflows (T above
 * ~1e154 times the spread), U and Var(E) are measured again from the most probable level, in
 * energy units scaled by a power of two: thermodynamics([0, −600], { degeneracies: [1e300, 1],
 * temperature: 1 }).internalEnergy is −2.2638121805579637e−37 (−600·p₁, exact), not 0, and
 * Var(E) at T = 1e300 is 0.25 for the levels [0, 1], not 0 (test/cancellation.test.ts, against
 * 150-digit mpmath: ≤ 4 ulp).
 *
 * Edge cases: an empty spectrum or every level masked is a RangeError. At T = ±0: β = Infinity,
 * F = U = E₀, S = kB·ln g₀, C = Var = 0, ln Z = ln g₀ (E₀ = 0), +∞ (E₀ < 0) or −∞ (E₀ > 0).
 * At T = ±Infinity: β = 0, ln Z = ln Σg, U = the g-weighted mean, Var(E) the g-weighted variance,
 * S = kB·ln Σg, C = 0, F = −∞ if Σg > 1, +∞ if Σg < 1, U if Σg = 1. T < 0 is allowed
 * (population inversion: U above the mean, S still ≥ 0, C ≥ 0).
 *
 * @param energies - the levels Eᵢ; never modified.
 * @see L. D. Landau, E. M. Lifshitz, Statistical Physics, Part 1, §28 (the Gibbs distribution), §31 (its free energy);
 *   https://en.wikipedia.org/wiki/Schottky_anomaly
 * @example
 * ```ts
 * const t = thermodynamics([0, 1], { temperature: 1 });
 * t.logZ          // => 0.31326168751822286
 * t.entropy       // => 0.582203108888218
 * t.heatCapacity  // => 0.19661193324148185
 * thermodynamics([0, 1], { temperature: 0 }).entropy // => 0
 * ```
 */
export function thermodynamics(energies: ArrayLike<number>, options: GibbsOptions): Thermodynamics {
  const fn = "thermodynamics";
  const { temperature, kB, degeneracies } = gibbsOptions(fn, options);
  const E = readVector(fn, "energies", energies);
  if (degeneracies === undefined) {
    const fast = thermodynamicsOnKernel(fn, E, kB, temperature);
    if (fast !== undefined) return { ...fast.state, probabilities: fast.probabilities };
  }
  const S = scan(fn, "energies", E, ENERGIES, "options.degeneracies", degeneracies);
  if (S.n === 0)
    throw new RangeError(`${fn}: energies is empty; a spectrum needs at least one level`);
  if (S.active === 0) {
    throw new RangeError(
      `${fn}: every level is masked (energy +Infinity or degeneracy 0); the state is not defined`,
    );
  }
  const probabilities = new Float64Array(S.n);
  const state = thermodynamicState(S, kB, temperature, probabilities);
  return { ...state, probabilities };
}
