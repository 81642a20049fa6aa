/**
 * The rounding error of a quotient, for the temperature-scaled activators.
 *
 * `t = x / τ` is rounded, and exp amplifies an absolute error δ in its argument into a relative
 * error δ: at t ≈ 233 (x = 700, τ = 3) half an ulp of t is 1.4e-14, a relative error of
 * 60–120 ulp in exp(t).
 * Carrying the remainder δ = x/τ − t and using exp(t + δ) ≈ exp(t)·(1 + δ) removes that loss.
 * @internal
 */

import { productError } from "../internal/float.js";

const BIG = 2 ** 900;
const SMALL = 2 ** -900;
const DOWN = 2 ** -200;
const UP = 2 ** 200;

/**
 * δ = x/τ − q for q = fl(x/τ), to first order, computed as (x − q·τ)/τ with q·τ formed exactly
 * (Dekker's product), so that x/τ = q + δ to about 2⁻¹⁰⁶ relative.
 *
 * Returns 0 where the correction cannot matter: q = 0, NaN or ±∞, |q| < 2⁻²⁰ (δ is then below
 * 2⁻⁷³, a millionth of an ulp of exp(q)) or |q| ≥ 2048 (exp saturates).
 * Huge or tiny τ are rescaled by exact powers of two first, so the product never overflows or
 * underflows.
 *
 * @param x - the dividend.
 * @param divisor - τ, nonzero.
 * @param q - the rounded quotient `x / divisor`.
 * @internal
 */
export function quotientError(x: number, divisor: number, q: number): number {
  const aq = Math.abs(q);
  if (!(aq >= 2 ** -20 && aq < 2048)) return 0;
  let a = x;
  let b = divisor;
  const ab = Math.abs(b);
  if (ab > BIG) {
    a *= DOWN;
    b *= DOWN;
  } else if (ab < SMALL) {
    a *= UP;
    b *= UP;
  }
  // Dekker: q·b = p + e exactly.
  const p = q * b;
  const e = productError(q, b, p);
  // a − p is exact (p is within an ulp of a), so the remainder a − q·b is (a − p) − e.
  return (a - p - e) / b;
}
