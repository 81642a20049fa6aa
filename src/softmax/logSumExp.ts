import { active, kindOf, spectrumOnKernel, weightsTyped } from "../internal/accel.js";
import { betaOf, fillWeights, LOGITS, logNormalizer, scan } from "../internal/kernel.js";
import { describe, optionsOf, readVector } from "../internal/validate.js";
import { type SignedLogSumExp, signedLogSumExp } from "./signedLogSumExp.js";

const UNIT = betaOf(LOGITS, 1, 1);

/** Options of {@link logSumExp}. */
export interface LogSumExpOptions {
  /**
   * Weights wᵢ (default all 1), same length as the values: ≥ 0, or of any sign with
   * `returnSign: true`.
   */
  weights?: ArrayLike<number>;
  /**
   * Return `{ value, sign }` = (ln|Σ wᵢ·exp(xᵢ)|, the sign of the sum) and allow negative
   * weights, as scipy's `logsumexp(a, b=…, return_sign=True)` and JAX's do.
   */
  returnSign?: boolean;
}

export type { SignedLogSumExp };

/**
 * Log-sum-exp: log Σᵢ wᵢ·exp(xᵢ), without overflow or underflow.
 *
 * Computed as m + log1p(Σᵢ exp(xᵢ − m) − 1) with m the largest value, the differences in
 * double-double and the sum compensated, so the result is accurate to a few ulp for any spread
 * (LSE(1000, 1000) = 1000 + ln 2, where the naive formula gives Infinity). Weights enter the
 * exponent exactly as mantissa·2^k, so a huge weight on a tiny term neither overflows nor
 * underflows. At temperature τ, τ·LSE(z/τ) is −F, the free energy of the energies E = −z.
 *
 * Edge cases: `logSumExp([])` and all values −Infinity give −Infinity (an empty sum); a +Infinity
 * value with positive weight gives +Infinity; a term with weight 0 contributes nothing whatever
 * its value; NaN or a negative weight is a RangeError naming the index.
 *
 * Signed sums: with `returnSign: true` the weights may have any sign and the result is
 * `{ value: ln|Σ wᵢ·exp(xᵢ)|, sign }`. It stays within a few ulp when the sum cancels, because
 * a cancelling sum is recomputed in double-double (exact while Σ|terms|/|Σ terms| < 2⁴⁵); a sum
 * of zero (terms that cancel exactly, or none) is `{ value: -Infinity, sign: 0 }`; +Infinity
 * values give `{ value: Infinity, sign }` by the sign of their weights, and a RangeError when
 * weights of both signs meet there (∞ − ∞).
 *
 * @param values - the xᵢ; never modified.
 * @see P. Blanchard, D. J. Higham, N. J. Higham, "Accurately computing the log-sum-exp and
 *   softmax functions", IMA J. Numer. Anal. 41 (2021) 2311–2330.
 * @example
 * ```ts
 * logSumExp([1000, 1000])                       // => 1000.6931471805599
 * logSumExp([0, 0], { weights: [1, 3] })        // => 1.3862943611198906
 * logSumExp([])                                 // => -Infinity
 * logSumExp([1, 1, 1], { weights: [1, -1, -1], returnSign: true }) // => { value: 1, sign: -1 }
 * logSumExp([0, 1e-10], { weights: [-1, 1], returnSign: true })
 * // => { value: -23.025850929890456, sign: 1 }
 * logSumExp([1, 1], { weights: [1, -1], returnSign: true }) // => { value: -Infinity, sign: 0 }
 * ```
 */
export function logSumExp(
  values: ArrayLike<number>,
  options: LogSumExpOptions & { returnSign: true },
): SignedLogSumExp;
export function logSumExp(
  values: ArrayLike<number>,
  options?: LogSumExpOptions & { returnSign?: false },
): number;
export function logSumExp(
  values: ArrayLike<number>,
  options?: LogSumExpOptions,
): number | SignedLogSumExp;
export function logSumExp(
  values: ArrayLike<number>,
  options?: LogSumExpOptions,
): number | SignedLogSumExp {
  const fn = "logSumExp";
  const opts = optionsOf(fn, options, ["weights", "returnSign"]);
  const returnSign = opts.returnSign;
  if (returnSign !== undefined && typeof returnSign !== "boolean") {
    throw new TypeError(`${fn}: options.returnSign must be a boolean, got ${describe(returnSign)}`);
  }
  const x = readVector(fn, "values", values);
  if (returnSign === true) return signedLogSumExp(fn, x, opts.weights);
  const K = active();
  if (K !== undefined && opts.weights === undefined && kindOf(x) !== 0 && x.length > 0) {
    // The WebAssembly SIMD kernel: the same bits as the path below, several times faster.
    const typed = x;
    const S = spectrumOnKernel(K, fn, "values", typed, LOGITS, true);
    if (S !== undefined) {
      const [sumHi, sumLo] = weightsTyped(K, typed, UNIT, S.hi, undefined);
      return logNormalizer(UNIT, { c: S.hi, shift: 0, sumHi, sumLo, scaleExp: 0 });
    }
  }
  let S: ReturnType<typeof scan>;
  try {
    S = scan(fn, "values", x, LOGITS, "options.weights", opts.weights, true);
  } catch (error) {
    if (error instanceof RangeError && /weights\[\d+\] is -/.test(error.message)) {
      error.message += " (with options.returnSign: true, weights of any sign are allowed)";
    }
    throw error;
  }
  if (S.infinite > 0) return Number.POSITIVE_INFINITY;
  if (S.active === 0) return Number.NEGATIVE_INFINITY;
  return logNormalizer(UNIT, fillWeights(S, UNIT, undefined));
}
