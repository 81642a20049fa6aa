import { describe } from "../internal/validate.js";
import { cothMinusInverse, cschSquaredMinusInverseSquared } from "./hyperbolic.js";

/** Moments of m over m = −j … j with weights e^{x·m}, x > 0, n = 2j + 1. @internal */
export interface SpinMoments {
  /** ln Σ e^{x(m − j)} = ln((1 − e^{−nx})/(1 − e^{−x})) ≥ 0. */
  logZs: number;
  /** ⟨m⟩. */
  mean: number;
  /** j − ⟨m⟩ ≥ 0. */
  deficit: number;
  /** Var(m). */
  variance: number;
}

/** ln(1 − e^{−y}), y > 0, accurate at both ends. */
function logOneMinusExp(y: number): number {
  return y < Math.LN2 ? Math.log(-Math.expm1(-y)) : Math.log1p(-Math.exp(-y));
}

/** 1/(4·sinh²(y/2)) = e^{−y}/(1 − e^{−y})², without overflow. */
function halfCsch2(y: number): number {
  const r = Math.exp(-y / 2) / -Math.expm1(-y);
  return r * r;
}

/**
 * ⟨m⟩ = (n/2)·coth(nx/2) − ½·coth(x/2) and Var(m) = 1/(4 sinh²(x/2)) − n²/(4 sinh²(nx/2)).
 * Both are differences: below x = 1 the 1/x parts are cancelled analytically (series in
 * hyperbolic.ts); above, the exponential forms have no cancellation worth a digit.
 * @internal
 */
export function spinMoments(n: number, x: number): SpinMoments {
  const j = (n - 1) / 2;
  const logZs = logOneMinusExp(n * x) - logOneMinusExp(x);
  let mean: number;
  let deficit: number;
  let variance: number;
  if (x < 1) {
    mean = (n / 2) * cothMinusInverse((n * x) / 2) - 0.5 * cothMinusInverse(x / 2);
    deficit = j - mean;
    variance =
      0.25 * cschSquaredMinusInverseSquared(x / 2) -
      ((n * n) / 4) * cschSquaredMinusInverseSquared((n * x) / 2);
  } else {
    deficit = Math.exp(-x) / -Math.expm1(-x) - (n * Math.exp(-n * x)) / -Math.expm1(-n * x);
    mean = j - deficit;
    variance = halfCsch2(x) - n * n * halfCsch2(n * x);
  }
  return { logZs, mean, deficit, variance };
}

/** Checks a spin: a positive multiple of ½. Returns n = 2j + 1. @internal */
export function spinMultiplicity(fn: string, name: string, spin: unknown): number {
  if (typeof spin !== "number") {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(spin)}`);
  }
  if (!(spin > 0) || !Number.isInteger(2 * spin) || spin > 10_000) {
    throw new RangeError(`${fn}: ${name} must be one of ½, 1, 3/2, … (at most 10⁴), got ${spin}`);
  }
  return 2 * spin + 1;
}

/**
 * The Brillouin function B_j(y) = ((2j + 1)/2j)·coth((2j + 1)y/2j) − (1/2j)·coth(y/2j): the
 * magnetization of a spin j in a field, ⟨m⟩ = j·B_j(y) with y = j·gμ_B·B/(kB·T). B_½ = tanh, and
 * j → ∞ gives the classical Langevin function.
 *
 * Evaluated without the cancellation of the two coth terms near y = 0 (where B_j(y) ≈
 * (j + 1)y/3j): there the 1/y parts are removed analytically and the rest summed as a series, so
 * it is accurate to a few ulp for every y, from 1e−300 to ∞.
 *
 * Edge cases: odd in y; B_j(0) = 0, B_j(±∞) = ±1; NaN in gives NaN (like Math.tanh). A spin
 * that is not a positive multiple of ½ is a RangeError; a spin or y that is not a number (a
 * string such as "1", a boolean, a BigInt) is a TypeError naming it, as for the activators.
 *
 * @see L. Brillouin, J. Phys. Radium 8, 74 (1927); https://en.wikipedia.org/wiki/Brillouin_and_Langevin_functions
 * @example
 * ```ts
 * brillouin(0.5, 1)    // => 0.7615941559557649
 * brillouin(3.5, 2)    // => 0.6532137958110967
 * brillouin(1, -Infinity) // => -1
 * ```
 */
export function brillouin(spin: number, y: number): number {
  const n = spinMultiplicity("brillouin", "spin", spin);
  if (typeof y !== "number") {
    throw new TypeError(`brillouin: y must be a number, got ${describe(y)}`);
  }
  if (Number.isNaN(y)) return Number.NaN;
  if (y === 0) return y;
  if (!Number.isFinite(y)) return Math.sign(y);
  const j = (n - 1) / 2;
  const x = Math.abs(y) / j;
  return (Math.sign(y) * spinMoments(n, x).mean) / j;
}
