import { notANumber } from "./argument.js";
import { quotientError } from "./quotientError.js";
import { step } from "./step.js";

/**
 * Logistic sigmoid with temperature: σ(x, τ) = 1/(1 + exp(−x/τ)).
 *
 * Stable for both signs: with t = x/τ, it is 1/(1 + e⁻ᵗ) for t ≥ 0 and eᵗ/(1 + eᵗ) for t < 0, so
 * the exponential never overflows and the tails are exact (σ(−40) is e⁻⁴⁰/(1 + e⁻⁴⁰) to the last
 * bit, σ(800) is 1, σ(−745) is the subnormal 5e-324). For τ ≠ 1 the rounding error of x/τ is
 * carried separately (exp(t + δ) ≈ eᵗ·(1 + δ)), because exp would amplify it: without that,
 * σ(−700, 3) would be off by 55 ulp (and by up to ~470 ulp at τ = 0.7). Measured ≤ 2 ulp
 * against 50-digit mpmath references, at τ = 1 and at other temperatures alike
 * (test/fixtures/activators.json).
 *
 * Physics: the Fermi–Dirac occupancy 1/(e^{(E−μ)/kBT} + 1) of a level E, with x = −(E − μ) and
 * τ = kB·T; equally the probability of the first of two states, softmax([x, 0], τ)₀ — the
 * Boltzmann weight of a two-level system with gap x.
 *
 * Edge cases: NaN in x or τ gives NaN. τ = ±0 gives exactly {@link step}(x) (the T → 0 Fermi
 * step, σ(0, 0) = 0). x = ±∞ gives the limits 1 and 0 (swapped for τ < 0). τ = ±∞ with finite
 * x gives 0.5. Both infinite (x/τ = ∞/∞ is indeterminate) gives NaN. Negative τ is allowed and
 * follows the formula as written: σ(x, −τ) = σ(−x, τ) = 1 − σ(x, τ). Never throws on a number; an
 * argument that is not a number (a string, a boolean, a BigInt) is a TypeError naming it.
 *
 * @param x - the pre-activation (the logit, or −(E − μ) for a level).
 * @param temperature - τ (default 1); the gradient at 0 is 1/(4τ).
 * @returns σ(x, τ) in [0, 1].
 * @see https://en.wikipedia.org/wiki/Fermi%E2%80%93Dirac_statistics and
 *   https://en.wikipedia.org/wiki/Logistic_function
 * @example
 * ```ts
 * sigmoid(0)          // => 0.5
 * sigmoid(2)          // => 0.8807970779778823
 * sigmoid(-40)        // => 4.248354255291589e-18
 * sigmoid(800)        // => 1
 * sigmoid(1, 0)       // => 1
 * sigmoid(-1, -2)     // => 0.6224593312018546
 * ```
 */
export function sigmoid(x: number, temperature = 1): number {
  if (typeof x !== "number") notANumber("sigmoid", "x", x);
  if (typeof temperature !== "number") notANumber("sigmoid", "temperature", temperature);
  if (temperature === 0) return step(x);
  const t = x / temperature;
  // δ = x/τ − t: zero when τ = 1 (or any power of two), and dropped where it cannot matter.
  const delta = temperature === 1 ? 0 : quotientError(x, temperature, t);
  if (t >= 0) {
    const e = Math.exp(-t);
    return 1 / (1 + (e - e * delta));
  }
  // t < 0, or NaN (which falls through to NaN here).
  const e = Math.exp(t);
  const ed = e + e * delta;
  return ed / (1 + ed);
}
