import { finiteSeries, mean } from "./series.js";

/** The result of {@link integratedAutocorrelationTime}. */
export interface AutocorrelationResult {
  /** τ_int = ½ + Σ_{t=1}^{W} ρ(t): the error of the mean is σ·√(2τ_int/n). */
  tau: number;
  /** The summation window W chosen by the self-consistent rule W ≥ c·τ_int(W). */
  window: number;
  /** The statistical error of τ_int, τ·√(2(2W + 1)/n) (Madras and Sokal). */
  error: number;
  /**
   * False when no window up to n/4 satisfied the rule, or when n < 50·τ_int: the series is too
   * short to trust (a short series underestimates τ, because its own mean absorbs the slow part).
   */
  converged: boolean;
}

/**
 * The integrated autocorrelation time of a series, τ_int = ½ + Σ_{t≥1} ρ(t), where
 * ρ(t) = ⟨(xᵢ − x̄)(xᵢ₊ₜ − x̄)⟩/σ² is the normalised autocorrelation. Successive Monte Carlo
 * samples are correlated; n samples are worth n/(2τ_int) independent ones, so the error of the
 * mean is σ·√(2τ_int/n). The sum is cut at the smallest window W with W ≥ c·τ_int(W) (Sokal's
 * automatic windowing, c = 5 by default): beyond a few τ, ρ(t) is noise.
 *
 * Cost: O(n·W). Edge cases: fewer than 8 values, a non-number, NaN or ±∞ are errors naming the
 * index; c must be finite and ≥ 1; a constant series gives τ = ½.
 *
 * @param series - the measurements in the order they were taken.
 * @see A. D. Sokal, "Monte Carlo methods in statistical mechanics: foundations and new
 *   algorithms" (Cargèse lectures, 1996), §3; N. Madras, A. D. Sokal, J. Stat. Phys. 50, 109 (1988).
 * @example
 * ```ts
 * integratedAutocorrelationTime([1, -1, 1, -1, 1, -1, 1, -1, 1, -1]).tau < 0.5 // => true
 * integratedAutocorrelationTime([0, 0, 0, 0, 0, 0, 0, 0]).tau               // => 0.5
 * ```
 */
export function integratedAutocorrelationTime(
  series: ArrayLike<number>,
  options: { c?: number } = {},
): AutocorrelationResult {
  const fn = "integratedAutocorrelationTime";
  const c = options.c ?? 5;
  if (typeof c !== "number" || !Number.isFinite(c) || c < 1) {
    throw new RangeError(`${fn}: options.c must be finite and ≥ 1, got ${String(c)}`);
  }
  const x = finiteSeries(fn, series, 8);
  const n = x.length;
  const m = mean(x);
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) - m;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (x[i] as number) * (x[i] as number);
  if (c0 === 0) return { tau: 0.5, window: 0, error: 0, converged: true };
  let tau = 0.5;
  const maxW = Math.floor(n / 4);
  for (let t = 1; t <= maxW; t++) {
    let ct = 0;
    for (let i = 0; i + t < n; i++) ct += (x[i] as number) * (x[i + t] as number);
    // ρ(t) with the same normalisation at every lag (the biased estimator, as Sokal advises).
    tau += ct / c0;
    if (t >= c * tau) {
      const error = tau * Math.sqrt((2 * (2 * t + 1)) / n);
      return { tau, window: t, error, converged: n >= 50 * tau };
    }
  }
  return { tau, window: maxW, error: tau * Math.sqrt((2 * (2 * maxW + 1)) / n), converged: false };
}
