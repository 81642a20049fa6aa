import { notANumber } from "./argument.js";

/**
 * Hyperbolic tangent activator: tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) = 2·sigmoid(2x) − 1.
 *
 * Delegates to `Math.tanh`, which in V8 is a port of fdlibm's s_tanh.c: it works through
 * expm1(−2|x|), so there is no cancellation near 0 and no overflow for large |x|, and it is exactly
 * ±1 once 1 − |tanh x| drops below half an ulp (|x| ≳ 19.06). Measured ≤ 2 ulp against 50-digit
 * mpmath references (test/fixtures/activators.json).
 *
 * Physics: the magnetisation of a spin-½ with magnetic moment μ in a field B at temperature T,
 * ⟨σ⟩ = tanh(βμB) with β = 1/(kB·T) (the Brillouin function B₁/₂), and the mean-field
 * self-consistency m = tanh(β(Jzm + μB)) of the Ising model.
 *
 * Edge cases: NaN gives NaN; tanh(±∞) = ±1; tanh(−0) = −0. Never throws on a number; an argument
 * that is not a number (a string, a boolean, a BigInt) is a TypeError naming it.
 *
 * @param x - the pre-activation (βμB for the spin).
 * @returns tanh(x), in [−1, 1].
 * @see https://en.wikipedia.org/wiki/Brillouin_and_Langevin_functions
 * @example
 * ```ts
 * tanh(0)          // => 0
 * tanh(0.5)        // => 0.46211715726000974
 * tanh(-Infinity)  // => -1
 * ```
 */
export function tanh(x: number): number {
  if (typeof x !== "number") notANumber("tanh", "x", x);
  return Math.tanh(x);
}
