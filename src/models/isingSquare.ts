import { exponentOf, scaleByPow2 } from "../internal/float.js";
import { boltzmannConstant, integerOption } from "../internal/validate.js";
import {
  closedForms,
  finiteOption,
  finiteSpectrum,
  isLimit,
  modelOptions,
  normalEnergy,
  shiftedState,
  spectrumLimit,
} from "./closedForms.js";
import { isingSquareDensityOfStates } from "./isingSquareDensityOfStates.js";
import { kaufmanLogPartition } from "./kaufman.js";
import type { ExactModel, ExactState } from "./types.js";

/** Below this K = |J|/(kB·T) (above kB·T = 50·|J|) the spectrum's sum replaces the formula. */
const HIGH_T = 0.02;
/** Above this K (below kB·T = 0.5·|J|) the spectrum's sum replaces the formula too. */
const LOW_T = 2;

/** Options of {@link isingSquare}. */
export interface IsingSquareOptions {
  /** The side L of the L×L torus, 2 … 5. */
  size: number;
  /** The coupling J ≠ 0 (default 1, ferromagnetic). */
  coupling?: number;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/**
 * The two-dimensional Ising model on an L×L square lattice with periodic boundaries (a torus),
 * in zero field: E = −J·Σ_⟨ij⟩ sᵢsⱼ over the 2L² nearest-neighbour bonds. Its spectrum is the
 * exact density of states, enumerated ({@link isingSquareDensityOfStates}, L ≤ 5); its closed
 * forms are Kaufman's exact finite-lattice partition function (1949), differentiated exactly. In
 * the infinite lattice this model has Onsager's phase transition at kB·T_c/J = 2/ln(1 + √2) ≈
 * 2.269, where C diverges logarithmically; on these small tori the divergence is a rounded peak
 * that grows like ln L and drifts towards T_c — finite-size scaling in a few thousand levels.
 *
 * Accuracy of the closed forms (against 50-digit references): within 5e−13 relative for
 * 0.5 ≤ kB·T/|J| ≤ 50. Kaufman's formula cancels large terms outside: below, C loses digits like
 * e^{4J/(kB·T)}·1e−16 (5e−12 at kB·T = 0.4·J, 1e−7 at J/4, every digit by J/10); above, U and C
 * like (kB·T/J)·1e−15 — so outside that window `exact` sums the exact density of states instead
 * (through the core, exact at every T). The formula is evaluated in units of a power of two near
 * |J|, so a coupling of 1e−300 or 1e300 is as accurate as J = 1.
 *
 * Edge cases: T = ±0 and T = ±∞ are the core's limits on the spectrum. T < 0 (or J < 0) is
 * allowed: even L has the symmetric spectrum e ↔ −e (the lattice is bipartite) and uses the
 * mirrored formula; the frustrated antiferromagnet of odd L with βJ < 0 has none, and there
 * `exact` is the exact spectrum's sum. A coupling whose levels overflow (2L²·|J| beyond 1.8e308)
 * or are subnormal is a RangeError naming options.coupling.
 *
 * @see B. Kaufman, Phys. Rev. 76, 1232 (1949); L. Onsager, Phys. Rev. 65, 117 (1944);
 *   P. D. Beale, Phys. Rev. Lett. 76, 78 (1996).
 * @example
 * ```ts
 * const m = isingSquare({ size: 2 });
 * m.energies             // => Float64Array [-8, 0, 8]
 * m.logZ(2)              // => 4.797713747488151
 * m.heatCapacity(2) > 0  // => true
 * ```
 */
export function isingSquare(options: IsingSquareOptions): ExactModel {
  const fn = "isingSquare";
  if (options === undefined) throw new TypeError(`${fn}: options { size } are required`);
  const opts = modelOptions(fn, options, ["size", "coupling", "kB"]);
  const L = integerOption(fn, "options.size", opts.size, 2, 5);
  const J = normalEnergy(
    fn,
    "options.coupling",
    finiteOption(fn, "options.coupling", opts.coupling, 1),
  );
  if (J === 0) throw new RangeError(`${fn}: options.coupling must be nonzero, got 0`);
  const kB = boltzmannConstant(fn, opts.kB);
  finiteSpectrum(
    fn,
    "options.coupling",
    2 * L * L * Math.abs(J),
    `|E| up to 2L²·|J| = ${2 * L * L}·${Math.abs(J)}`,
  );
  const dos = isingSquareDensityOfStates(L);
  const n = dos.energies.length;
  const energies = new Float64Array(n);
  const degeneracies = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = J > 0 ? i : n - 1 - i;
    energies[i] = J * (dos.energies[k] as number);
    degeneracies[i] = dos.degeneracies[k] as number;
  }
  const spectrum = { energies, degeneracies };
  const aJ = Math.abs(J);
  // Kaufman's formula in units of s = 2^⌊log₂|J|⌋ (exact), so its β-derivatives, which carry
  // powers of J, neither underflow nor overflow; U, F and Var(E) are scaled back exactly.
  const e = exponentOf(aJ);
  const j = scaleByPow2(aJ, -e);
  const evaluate = (T: number): ExactState => {
    const beta = 1 / (kB * Math.abs(T));
    // Outside 0.5 ≤ kB·T/|J| ≤ 50 Kaufman's terms cancel digits (below 0.5 like e^{4K}·1e−16,
    // every digit by kB·T = |J|/10; above 50 like (kB·T/J)·1e−15, to NaN towards K = 1e−10):
    // there the exact density of states, summed by the core, is the exact answer.
    // Kaufman's formula covers βJ > 0, and βJ < 0 through the mirror symmetry e ↔ −e of even L;
    // the frustrated antiferromagnet of odd L (βJ < 0) has no such symmetry: the exact spectrum.
    if (
      isLimit(T) ||
      !Number.isFinite(beta) ||
      beta * aJ < HIGH_T ||
      beta * aJ > LOW_T ||
      (L % 2 === 1 && T * J < 0)
    ) {
      return spectrumLimit(spectrum, T, kB);
    }
    const t = scaleByPow2(kB * Math.abs(T), -e);
    const { R, reference } = kaufmanLogPartition(L, j, 1 / t);
    const s = shiftedState(t, 1, reference, R);
    const sign = T > 0 ? 1 : -1; // T < 0: the symmetric spectrum mirrored, U and F change sign
    return {
      temperature: T,
      beta: 1 / (kB * T),
      logZ: s.logZ,
      freeEnergy: sign * scaleByPow2(s.freeEnergy, e),
      internalEnergy: sign * scaleByPow2(s.internalEnergy, e),
      entropy: kB * s.entropy,
      heatCapacity: kB * s.heatCapacity,
      energyVariance: scaleByPow2(s.energyVariance, 2 * e),
    };
  };
  return { ...spectrum, kB, ...closedForms(fn, evaluate, { spectrum, kB }) };
}
