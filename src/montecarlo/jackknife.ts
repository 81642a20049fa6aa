import { finiteSeries } from "./series.js";

/** The result of {@link jackknife}. */
export interface JackknifeResult {
  /** The estimator on the whole series. */
  value: number;
  /** The jackknife error bar, √((B − 1)/B · Σ_b (θ_b − θ̄)²) over the B leave-one-block-out values. */
  error: number;
  /** The bias-corrected estimate B·value − (B − 1)·θ̄ (for a nonlinear estimator such as Var). */
  biasCorrected: number;
}

/**
 * The error bar of any quantity computed from a correlated series — a heat capacity
 * C = Var(E)/T², a susceptibility, a Binder cumulant — by the blocked jackknife: the series is cut
 * into B consecutive blocks, the estimator is recomputed B times with one block left out (θ_b),
 * and the spread of those values gives the error, σ² = (B − 1)/B · Σ (θ_b − θ̄)². With blocks
 * much longer than the autocorrelation time (check with {@link integratedAutocorrelationTime}),
 * the correlations are accounted for, which a naive formula for the error of a variance is not.
 *
 * Cost: B + 1 calls of the estimator on about n values each. Edge cases: blocks an integer from 2
 * to n (default 32; the last n mod B values are dropped from the blocks but kept in `value`);
 * the series as for {@link binningAnalysis}; an estimator that returns NaN or ±∞, or is not a
 * function, is an error naming it.
 *
 * @param series - the measurements in order (e.g. E per sweep).
 * @param estimator - the quantity, from a Float64Array of values (do not keep the array).
 * @see B. Efron, "The jackknife, the bootstrap and other resampling plans" (SIAM, 1982);
 *   W. Janke, NIC Series 10 (2002), §3.4 (the blocked jackknife for Monte Carlo data).
 * @example
 * ```ts
 * const variance = (x: Float64Array) => {
 *   const m = x.reduce((a, b) => a + b, 0) / x.length;
 *   return x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length;
 * };
 * const j = jackknife([1, 2, 3, 4, 5, 6, 7, 8], variance, { blocks: 4 });
 * j.value                // => 5.25
 * j.error > 0            // => true
 * ```
 */
export function jackknife(
  series: ArrayLike<number>,
  estimator: (values: Float64Array) => number,
  options: { blocks?: number } = {},
): JackknifeResult {
  const fn = "jackknife";
  if (typeof estimator !== "function") {
    throw new TypeError(`${fn}: estimator must be a function of a Float64Array`);
  }
  const x = finiteSeries(fn, series, 2);
  const n = x.length;
  const B = options.blocks ?? 32;
  if (typeof B !== "number" || !Number.isInteger(B) || B < 2 || B > n) {
    throw new RangeError(
      `${fn}: options.blocks must be an integer from 2 to the series length ${n}, got ${String(B)}`,
    );
  }
  const checked = (v: number, what: string): number => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: the estimator returned ${String(v)} ${what}`);
    }
    return v;
  };
  const value = checked(estimator(x.slice()), "on the whole series");
  const size = Math.floor(n / B);
  const used = size * B;
  const kept = new Float64Array(used - size);
  const thetas = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    kept.set(x.subarray(0, b * size), 0);
    kept.set(x.subarray((b + 1) * size, used), b * size);
    thetas[b] = checked(estimator(kept), `without block ${b}`);
  }
  let mean = 0;
  for (let b = 0; b < B; b++) mean += thetas[b] as number;
  mean /= B;
  let ss = 0;
  for (let b = 0; b < B; b++) ss += ((thetas[b] as number) - mean) ** 2;
  return { value, error: Math.sqrt(((B - 1) / B) * ss), biasCorrected: B * value - (B - 1) * mean };
}
