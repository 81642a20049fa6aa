import { FINITE, fillLogProbabilities, fillWeights } from "../internal/kernel.js";
import { readVector, type WritableArrayLike } from "../internal/validate.js";
import { logSoftmaxOnKernel, prepareLogits } from "./prepare.js";
import type { SoftmaxIntoOptions, SoftmaxOptions } from "./softmax.js";

/**
 * Log-softmax: log pᵢ = zᵢ/τ − log Σⱼ exp(zⱼ/τ).
 *
 * Each entry is formed as ((zᵢ − m)/τ) − log Σⱼ exp((zⱼ − m)/τ), with m the dominant logit, the
 * first term in double-double and the second through `log1p` of the sum minus its leading 1, so
 * the result is exact where pᵢ underflows to 0 (log pᵢ = −1000 comes out as −1000, not −Infinity)
 * and keeps its relative accuracy near 0 for the dominant state.
 *
 * Edge cases as {@link softmax}: a −Infinity logit gives −Infinity; every logit masked is a
 * RangeError, or with `onAllMasked: "zeros"` all −Infinity; `logSoftmax([])` is empty; τ = 0 gives −ln(count) on the maximal logits and
 * −Infinity elsewhere; τ = ±Infinity gives −ln(number of unmasked states).
 *
 * @param logits - the vector z; never modified.
 * @returns a new Float64Array, or `options.out` filled with log pᵢ.
 * @see https://en.wikipedia.org/wiki/LogSumExp
 * @example
 * ```ts
 * logSoftmax([0, 0])     // => Float64Array [-0.6931471805599453, -0.6931471805599453]
 * logSoftmax([0, -1000]) // => Float64Array [0, -1000]
 * logSoftmax([-Infinity], { onAllMasked: "zeros" }) // => Float64Array [-Infinity]
 * ```
 */
export function logSoftmax(logits: ArrayLike<number>, options?: SoftmaxOptions): Float64Array;
export function logSoftmax<O extends WritableArrayLike>(
  logits: ArrayLike<number>,
  options: SoftmaxIntoOptions<O>,
): O;
export function logSoftmax(
  logits: ArrayLike<number>,
  options?: SoftmaxOptions & { out?: WritableArrayLike },
): WritableArrayLike {
  const z = readVector("logSoftmax", "logits", logits);
  const fast = logSoftmaxOnKernel("logSoftmax", z, options);
  if (fast !== undefined) return fast;
  const { S, B, out, done } = prepareLogits("logSoftmax", z, options, Number.NEGATIVE_INFINITY);
  if (done) return out;
  // The limits need the weights themselves; the finite case only their sum.
  const w = B.kind === FINITE ? undefined : out;
  const r = fillWeights(S, B, w);
  fillLogProbabilities(S, B, r, w, out);
  return out;
}
