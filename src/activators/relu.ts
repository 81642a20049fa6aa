import { notANumber } from "./argument.js";

/**
 * Rectified linear unit: relu(x) = max(0, x).
 *
 * The τ → 0 limit of softplus: `softplus(x, 0)` is exactly `relu(x)`, and
 * relu(x) ≤ softplus(x, τ) ≤ relu(x) + τ·ln 2 for τ > 0. Physics: minus the zero-temperature free
 * energy of a two-state system with energies {0, −x}, i.e. minus its ground-state energy.
 *
 * Edge cases: NaN gives NaN; relu(−0) = 0; relu(+∞) = +∞, relu(−∞) = 0. Exact; never throws on a
 * number, and an argument that is not a number (a string, a boolean, a BigInt) is a TypeError
 * naming it.
 *
 * @param x - the pre-activation.
 * @returns max(0, x).
 * @see V. Nair, G. E. Hinton, "Rectified linear units improve restricted Boltzmann machines",
 *   ICML 2010, https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf
 * @example
 * ```ts
 * relu(3.5)        // => 3.5
 * relu(-2)         // => 0
 * relu(-Infinity)  // => 0
 * relu(NaN)        // => NaN
 * ```
 */
export function relu(x: number): number {
  if (typeof x !== "number") notANumber("relu", "x", x);
  // Math.max propagates NaN and orders +0 above −0, so relu(−0) = +0.
  return Math.max(0, x);
}
