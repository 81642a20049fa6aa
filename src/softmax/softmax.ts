import { softmaxFloat32 } from "../internal/f32.js";
import { fillWeights, normalize } from "../internal/kernel.js";
import { readVector, type WritableArrayLike } from "../internal/validate.js";
import { type OnAllMasked, prepareLogits, softmaxOnKernel } from "./prepare.js";

/** Options of {@link softmax} and {@link logSoftmax}. */
export interface SoftmaxOptions {
  /** Temperature τ (default 1). τ = ±0 is the limit τ → 0⁺, ±Infinity gives the uniform limit. */
  temperature?: number;
  /**
   * A vector whose every logit is −Infinity (a fully padded attention row): `"error"` (the
   * default) throws RangeError; `"zeros"` gives probabilities 0 (log-probabilities −Infinity),
   * as JAX's and PyTorch's safe softmax do.
   */
  onAllMasked?: OnAllMasked;
}

/** {@link SoftmaxOptions} with a caller-supplied output vector. */
export interface SoftmaxIntoOptions<O extends WritableArrayLike> extends SoftmaxOptions {
  /**
   * A plain array, a Float64Array or a Float32Array of the same length, filled and returned (may
   * be `logits` itself); any other typed array, a BigInt array or a frozen array is a TypeError.
   */
  out: O;
}

/**
 * Softmax with temperature: pᵢ = exp(zᵢ/τ) / Σⱼ exp(zⱼ/τ).
 *
 * Stable and exact to the last bits: the exponent is shifted by the largest logit (the smallest
 * for τ < 0), so no term overflows, and (zᵢ − max)/τ is carried in double-double arithmetic, so
 * even logits 700 apart keep every bit (a plain `Math.exp((z - max) / t)` loses up to ~250 ulp
 * there). The normaliser is a compensated sum. Error ≤ 2 ulp against 50-digit mpmath
 * references (test/accuracy.test.ts enforces it on every case, on both kernels).
 *
 * This is exactly the Boltzmann–Gibbs distribution of the energies Eᵢ = −zᵢ at temperature
 * T = τ with kB = 1; see {@link gibbs} and {@link logitsToEnergies}.
 *
 * Each entry of `logits` is read once (anything but a Float64Array or Float32Array is copied
 * first, and then served by the same paths); `out` must be a plain array, a Float64Array or a
 * Float32Array of the same length (an Int8Array, a BigInt array or a frozen array is a TypeError).
 *
 * Edge cases: a −Infinity logit is a masked state (probability exactly 0 at every temperature);
 * +Infinity or NaN is a RangeError naming the index; every logit −Infinity is a RangeError, or
 * with `onAllMasked: "zeros"` all zeros; `softmax([])` is an empty array. τ = 0 shares all weight evenly among the maximal logits;
 * τ = ±Infinity is uniform over the unmasked states; τ < 0 is softmax(z/τ) as written.
 *
 * Cost: three passes (validate and find the maximum; exponentiate and sum; divide) and n
 * exponentials, with no allocation beyond the result. Float64Array and Float32Array logits at a
 * finite nonzero temperature run on the WebAssembly SIMD kernel, with results identical to the
 * JavaScript path's (docs/performance.md; `kernelBackend()`). A Float32Array into a
 * Float32Array `out` at τ = 1 is computed in single precision, within 2 float32 ulp of the
 * float64 answer.
 *
 * @param logits - the vector z (any array-like of numbers); never modified.
 * @returns a new Float64Array, or `options.out` filled with the probabilities.
 * @see J. S. Bridle, "Probabilistic interpretation of feedforward classification network
 *   outputs" (1990), which named softmax; https://en.wikipedia.org/wiki/Softmax_function
 * @example
 * ```ts
 * softmax([1, 2, 3, 4, 1, 2, 3])[3] // => 0.47483299974438037
 * softmax([5, 5])                   // => Float64Array [0.5, 0.5]
 * softmax([1, 2, 3], { temperature: 0 }) // => Float64Array [0, 0, 1]
 * softmax([-Infinity, -Infinity], { onAllMasked: "zeros" }) // => Float64Array [0, 0]
 * ```
 */
export function softmax(logits: ArrayLike<number>, options?: SoftmaxOptions): Float64Array;
export function softmax<O extends WritableArrayLike>(
  logits: ArrayLike<number>,
  options: SoftmaxIntoOptions<O>,
): O;
export function softmax(
  logits: ArrayLike<number>,
  options?: SoftmaxOptions & { out?: WritableArrayLike },
): WritableArrayLike {
  // One read of the input (a copy unless it is a Float64Array or Float32Array); both paths use it.
  const z = readVector("softmax", "logits", logits);
  const fast = softmaxOnKernel("softmax", z, options);
  if (fast !== undefined) return fast;
  const { S, B, out, done } = prepareLogits("softmax", z, options, 0);
  if (done) return out;
  if (B.unit && S.values instanceof Float32Array && out instanceof Float32Array) {
    softmaxFloat32(S.values, S.hi, out);
    return out;
  }
  const r = fillWeights(S, B, out);
  normalize(out, S.n, r.sumHi, r.sumLo);
  return out;
}
