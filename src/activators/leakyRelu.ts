import { notANumber } from "./argument.js";
import { relu } from "./relu.js";

/**
 * Leaky rectified linear unit: leakyRelu(x, a) = x for x > 0, and a·x otherwise.
 *
 * A ReLU that keeps a small gradient a (the `slope`, default 0.01) for negative inputs, so units
 * never die; a = 0 is exactly {@link relu}. Exact: one comparison and at most one rounded product.
 *
 * Edge cases: NaN in x or in the slope gives NaN; leakyRelu(+∞) = +∞ and leakyRelu(−∞) = −∞·a
 * (−∞ for a > 0, +∞ for a < 0, and the limit 0 for a = 0); leakyRelu(−0) = −0·a. Any slope is
 * accepted, negative ones included; an infinite slope at x = 0 gives NaN (∞·0), as written.
 * Never throws on a number; an argument that is not a number (a string, a boolean, a BigInt) is a
 * TypeError naming it.
 *
 * @param x - the pre-activation.
 * @param slope - a, the gradient for x ≤ 0 (default 0.01).
 * @returns x or slope·x.
 * @see A. L. Maas, A. Y. Hannun, A. Y. Ng, "Rectifier nonlinearities improve neural network
 *   acoustic models", ICML 2013,
 *   https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf
 * @example
 * ```ts
 * leakyRelu(2)          // => 2
 * leakyRelu(-2)         // => -0.02
 * leakyRelu(-2, 0.5)    // => -1
 * leakyRelu(-2, 0)      // => 0
 * ```
 */
export function leakyRelu(x: number, slope = 0.01): number {
  if (typeof x !== "number") notANumber("leakyRelu", "x", x);
  if (typeof slope !== "number") notANumber("leakyRelu", "slope", slope);
  if (Number.isNaN(slope)) return Number.NaN;
  if (x > 0) return x;
  return slope === 0 ? relu(x) : slope * x;
}
