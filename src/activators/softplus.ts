import { notANumber } from "./argument.js";
import { quotientError } from "./quotientError.js";
import { relu } from "./relu.js";

/**
 * Softplus with temperature: softplus(x, τ) = τ·ln(1 + exp(x/τ)).
 *
 * Stable and exact in the tails: with t = x/τ, it is x + τ·log1p(e⁻ᵗ) for t > 0 (no overflow,
 * and softplus(800) is exactly 800) and τ·log1p(eᵗ) for t ≤ 0 (no 1 + eᵗ that would swallow a
 * tiny eᵗ: softplus(−30) is e⁻³⁰ to the accuracy of log1p, softplus(−800) = e⁻⁸⁰⁰ = 0). For
 * τ ≠ 1 the rounding error of x/τ is carried separately, as in {@link sigmoid}. Measured ≤ 1 ulp
 * against 50-digit mpmath references at τ = 1 and ≤ 3 ulp at other temperatures (one more
 * rounding, the product by τ); see test/fixtures/activators.json.
 *
 * Physics: minus the free energy of a two-state system with energies {0, −x} at temperature τ:
 * Z = 1 + e^{x/τ}, F = −τ·ln Z, so softplus(x, τ) = −F; and d softplus/dx = {@link sigmoid}(x, τ),
 * the occupancy of the lower state. It is the smooth maximum of 0 and x: for τ > 0,
 * relu(x) ≤ softplus(x, τ) ≤ relu(x) + τ·ln 2.
 *
 * Edge cases: NaN in x or τ gives NaN. τ = ±0 gives exactly {@link relu}(x) (the T → 0 free
 * energy is the ground-state energy). For τ > 0, softplus(+∞) = +∞ and softplus(−∞) = 0; for
 * τ < 0 the formula as written gives −0 at x = +∞ and −∞ at x = −∞. τ = ±∞ with finite x gives
 * τ·ln 2 = ±∞; both infinite (x/τ = ∞/∞) gives NaN. Never throws on a number; an argument that is
 * not a number (a string, a boolean, a BigInt) is a TypeError naming it.
 *
 * @param x - the pre-activation (the level −E of the excited state, relative to 0).
 * @param temperature - τ (default 1).
 * @returns τ·ln(1 + e^{x/τ}).
 * @see C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia, "Incorporating second-order
 *   functional knowledge for better option pricing", NIPS 2000 (which introduced the name);
 *   https://en.wikipedia.org/wiki/Rectifier_(neural_networks)#Softplus
 * @example
 * ```ts
 * softplus(0)          // => 0.6931471805599453
 * softplus(800)        // => 800
 * softplus(-30)        // => 9.357622968839737e-14
 * softplus(-800)       // => 0
 * softplus(-3, 0)      // => 0
 * softplus(2, 0.5)     // => 2.0090749639589047
 * ```
 */
export function softplus(x: number, temperature = 1): number {
  if (typeof x !== "number") notANumber("softplus", "x", x);
  if (typeof temperature !== "number") notANumber("softplus", "temperature", temperature);
  if (temperature === 0) return relu(x);
  const t = x / temperature;
  const delta = temperature === 1 ? 0 : quotientError(x, temperature, t);
  if (t > 0) {
    const e = Math.exp(-t);
    return x + temperature * Math.log1p(e - e * delta);
  }
  // t ≤ 0, or NaN (which falls through to NaN here).
  const e = Math.exp(t);
  return temperature * Math.log1p(e + e * delta);
}
