import { notANumber } from "./argument.js";

/**
 * Heaviside step activator: step(x) = 1 for x > 0, and 0 otherwise.
 *
 * The threshold unit of McCulloch–Pitts and of Rosenblatt's perceptron, the seed lecture's basic
 * activator. It is the τ → 0 limit of the logistic function: `sigmoid(x, 0)` is exactly
 * `step(x)`. Physics: the occupancy of a level at zero temperature, 1 below the chemical
 * potential and 0 above (the Fermi–Dirac step, with x = −(E − μ)).
 *
 * Edge cases: step(0) = step(−0) = 0 (the convention H(0) = 0 of the seed text); NaN gives NaN;
 * step(+∞) = 1, step(−∞) = 0. Never throws on a number; an argument that is not a number (a string,
 * a boolean, a BigInt) is a TypeError naming it.
 *
 * @param x - the pre-activation.
 * @returns 1, 0, or NaN for NaN input.
 * @see https://en.wikipedia.org/wiki/Heaviside_step_function
 * @example
 * ```ts
 * step(2)     // => 1
 * step(0)     // => 0
 * step(-3)    // => 0
 * step(NaN)   // => NaN
 * ```
 */
export function step(x: number): number {
  if (typeof x !== "number") notANumber("step", "x", x);
  if (x > 0) return 1;
  return x <= 0 ? 0 : Number.NaN;
}
