import { boltzmannConstant, integerOption } from "../internal/validate.js";
import {
  closedForms,
  finiteOption,
  isLimit,
  modelOptions,
  shiftedState,
  unmirror,
} from "./closedForms.js";
import { kaufmanLogPartition } from "./kaufman.js";
import type { ClosedForms, ExactState } from "./types.js";

/** Options of {@link isingSquareKaufman}. */
export interface IsingSquareKaufmanOptions {
  /** The side L of the L×L torus, 2 … 4096. */
  size: number;
  /** The coupling J ≠ 0 (default 1); J < 0 needs an even L. */
  coupling?: number;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/** Beyond kB·T = 10⁴·|J| Kaufman's terms have cancelled too many digits (relative error ~1e−11). */
const HIGHEST = 1e4;

/**
 * The exact thermodynamics of the L×L Ising torus in zero field for any L — the closed forms of
 * {@link isingSquare} without its enumerated spectrum, so that a Monte Carlo run on a 64 × 64 or
 * 256 × 256 lattice has its exact curves: Kaufman's finite-lattice partition function (1949),
 * differentiated exactly (src/models/kaufman.ts), gives ln Z, F, U, S and C. As L grows, C/L² at
 * T_c = 2/ln(1 + √2) grows like (8/π)·K_c²·ln L ≈ 0.4945·ln L, K_c = ln(1 + √2)/2 (Onsager's
 * logarithmic divergence, rounded off on every finite torus), and U/L² tends to −√2.
 *
 * Accuracy (against mpmath at 60 digits, test/montecarlo/thermodynamics.test.ts): within 1e−12
 * relative for U and C for L = 4 … 64 near T_c; the limits of {@link isingSquare} apply
 * elsewhere (digits lost like e^{4J/(kB·T)}·1e−16 at low T and (kB·T/J)·1e−15 at high T).
 *
 * Edge cases: T = ±0 gives the two ground states (U = F = −2L²|J|, S = kB·ln 2, C = 0);
 * T = ±∞ gives U = 0, S = kB·L² ln 2, Var(E) = 2L²J² (4L²J² for L = 2), C = 0; kB·|T| > 10⁴·|J| (other than ∞)
 * is a RangeError (the formula has lost its digits there; the T = ∞ limit is within 1e−8 of it);
 * T < 0 or J < 0 follows from the bipartite symmetry for even L and is a RangeError on odd L
 * (the frustrated antiferromagnet); L must be an integer in [2, 4096].
 *
 * @see B. Kaufman, Phys. Rev. 76, 1232 (1949); A. E. Ferdinand, M. E. Fisher, Phys. Rev. 185, 832
 *   (1969) (the finite-size rounding of the specific-heat peak).
 * @example
 * ```ts
 * const torus = isingSquareKaufman({ size: 64 });
 * const Tc = 2 / Math.log(1 + Math.SQRT2);
 * (torus.internalEnergy(Tc) / 4096).toFixed(6)  // => "-1.423938"
 * (torus.heatCapacity(Tc) / 4096).toFixed(4)    // => "2.1922"
 * isingSquareKaufman({ size: 4 }).logZ(2) === isingSquare({ size: 4 }).logZ(2) // => true
 * ```
 */
export function isingSquareKaufman(
  options: IsingSquareKaufmanOptions,
): ClosedForms & { size: number; coupling: number; kB: number } {
  const fn = "isingSquareKaufman";
  if (options === undefined) throw new TypeError(`${fn}: options { size } are required`);
  const opts = modelOptions(fn, options, ["size", "coupling", "kB"]);
  const L = integerOption(fn, "options.size", opts.size, 2, 4096);
  const J = finiteOption(fn, "options.coupling", opts.coupling, 1);
  if (J === 0) throw new RangeError(`${fn}: options.coupling must be nonzero, got 0`);
  if (J < 0 && L % 2 === 1) {
    throw new RangeError(
      `${fn}: J < 0 on odd L is the frustrated antiferromagnet, which Kaufman's formula does not cover; got J = ${J}, L = ${L}`,
    );
  }
  const kB = boltzmannConstant(fn, opts.kB);
  const aJ = Math.abs(J);
  const N = L * L;
  const evaluate = (T: number): ExactState => {
    if (T === 0) {
      const E0 = -2 * N * aJ;
      return {
        temperature: T,
        beta: Number.POSITIVE_INFINITY,
        logZ: Number.POSITIVE_INFINITY,
        freeEnergy: E0,
        internalEnergy: E0,
        entropy: kB * Math.LN2,
        heatCapacity: 0,
        energyVariance: 0,
      };
    }
    if (isLimit(T)) {
      return {
        temperature: T,
        beta: 0,
        logZ: N * Math.LN2,
        freeEnergy: Number.NEGATIVE_INFINITY,
        internalEnergy: 0,
        entropy: kB * N * Math.LN2,
        heatCapacity: 0,
        // 2L² uncorrelated bonds of variance J²; on the 2 × 2 torus the bonds come in identical
        // pairs, so 4L².
        energyVariance: (L === 2 ? 4 : 2) * N * J * J,
      };
    }
    if ((kB * Math.abs(T)) / aJ > HIGHEST) {
      throw new RangeError(
        `${fn}: kB·|T| = ${kB * Math.abs(T)} is beyond 10⁴·|J|, where Kaufman's formula has lost its digits; use T = Infinity (the limit is within 1e−8 there)`,
      );
    }
    if (L % 2 === 1 && T * J < 0) {
      throw new RangeError(
        `${fn}: T < 0 on odd L is the frustrated antiferromagnet, which Kaufman's formula does not cover; got T = ${T}, L = ${L}`,
      );
    }
    const beta = 1 / (kB * Math.abs(T));
    const { R, reference } = kaufmanLogPartition(L, aJ, beta);
    const state = shiftedState(Math.abs(T), kB, reference, R);
    return T > 0 ? state : unmirror(state, T, kB);
  };
  return { size: L, coupling: J, kB, ...closedForms(fn, evaluate) };
}
