import { checkVector, describe, needsTypeCheck } from "../internal/validate.js";

/**
 * Shannon entropy of a probability vector, in nats: H = −Σᵢ pᵢ ln pᵢ, with 0·ln 0 = 0.
 *
 * For a softmax output this is the Gibbs entropy S/kB of the matching spectrum (see
 * {@link identities}). The terms are added with TwoSum compensation, so the result is accurate
 * to ~1e−15 relative for any length. Divide by ln 2 for bits; the maximum is ln n (uniform).
 *
 * Edge cases: every entry must be finite and ≥ 0 and Σp within 1e−9·max(1, n) of 1, else
 * RangeError naming the entry or the sum; `entropy([])` is a RangeError (no distribution).
 *
 * @param probabilities - the pᵢ; never modified.
 * @see C. E. Shannon, "A mathematical theory of communication" (1948), §6.
 * @example
 * ```ts
 * entropy([0.5, 0.5]) // => 0.6931471805599453
 * entropy([1, 0, 0])  // => 0
 * ```
 */
export function entropy(probabilities: ArrayLike<number>): number {
  const fn = "entropy";
  const p = checkVector(fn, "probabilities", probabilities);
  const n = p.length;
  if (n === 0) {
    throw new RangeError(`${fn}: probabilities is empty; an empty vector is not a distribution`);
  }
  const check = needsTypeCheck(p);
  let total = 0;
  let sh = 0;
  let sl = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (check && typeof pi !== "number") {
      throw new TypeError(`${fn}: probabilities[${i}] must be a number, got ${describe(pi)}`);
    }
    if (!(pi >= 0) || pi === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `${fn}: probabilities[${i}] is ${pi}; every probability must be finite and ≥ 0`,
      );
    }
    total += pi;
    if (pi === 0) continue;
    const term = -pi * Math.log(pi);
    const t = sh + term;
    const bb = t - sh;
    sl += sh - (t - bb) + (term - bb);
    sh = t;
  }
  if (Math.abs(total - 1) > 1e-9 * Math.max(1, n)) {
    throw new RangeError(
      `${fn}: probabilities sum to ${total}, not 1 (tolerance ${1e-9 * Math.max(1, n)})`,
    );
  }
  return sh + sl;
}
