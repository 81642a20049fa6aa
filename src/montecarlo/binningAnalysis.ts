import { finiteSeries, mean } from "./series.js";

/** The result of {@link binningAnalysis}. */
export interface BinningResult {
  /** The sample mean. */
  mean: number;
  /** The error bar of the mean: the plateau, the largest binned estimate (levels with ≥ minBins bins). */
  error: number;
  /** The naive error σ/√n, right only for independent samples. */
  naiveError: number;
  /** τ_int ≈ ½·(error/naiveError)², the integrated autocorrelation time it implies. */
  autocorrelationTime: number;
  /** The error estimate at bin sizes 1, 2, 4, …: it rises and levels off at the true error. */
  levels: Float64Array;
  /**
   * Whether the estimate stopped rising: the last two doublings of the bin size raised it by no
   * more than twice the uncertainty of the difference (each level's own is σ·√(1/(2(n_bins − 1))));
   * false means the series is too short for its correlations and the error bar is too small.
   */
  converged: boolean;
}

/**
 * The error bar of the mean of a correlated series (a Monte Carlo time series) by binning: the
 * series is averaged in blocks of 2ᵏ consecutive values, and the naive error of the block means,
 * σ_k/√n_k, rises with k until the blocks are longer than the correlation time, where it levels
 * off at the true error of the mean. Estimates at each level are returned (`levels`, down to
 * `minBins` blocks; an odd value at the end of the series is dropped from the coarser levels),
 * the error is the plateau (the largest estimate: the coarsest levels rest on few bins and
 * scatter by ±1/√(2·bins), and a bar should not shrink with a dip), and `converged` says whether
 * the plateau was reached.
 *
 * Edge cases: fewer than 2·minBins values, a non-number, NaN or ±∞ are errors naming the index;
 * minBins must be an integer ≥ 2 (default 32); a constant series has error 0 and τ = ½.
 *
 * @param series - the measurements in the order they were taken (e.g. E or |M| per sweep).
 * @see H. Flyvbjerg, H. G. Petersen, J. Chem. Phys. 91, 461 (1989); W. Janke, "Statistical
 *   analysis of simulations: data correlations and error estimation" (NIC Series 10, 2002).
 * @example
 * ```ts
 * const b = binningAnalysis([1, 2, 3, 4, 5, 6, 7, 8], { minBins: 2 });
 * b.mean                 // => 4.5
 * b.levels.length        // => 3
 * b.naiveError           // => 0.8660254037844386
 * ```
 */
export function binningAnalysis(
  series: ArrayLike<number>,
  options: { minBins?: number } = {},
): BinningResult {
  const fn = "binningAnalysis";
  const minBins = options.minBins ?? 32;
  if (typeof minBins !== "number" || !Number.isInteger(minBins) || minBins < 2) {
    throw new RangeError(`${fn}: options.minBins must be an integer ≥ 2, got ${String(minBins)}`);
  }
  let x = finiteSeries(fn, series, 2 * minBins);
  const m = mean(x);
  const levels: number[] = [];
  const counts: number[] = [];
  while (x.length >= minBins) {
    const n = x.length;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = (x[i] as number) - m;
      ss += d * d;
    }
    levels.push(Math.sqrt(ss / (n - 1) / n));
    counts.push(n);
    const half = new Float64Array(n >> 1);
    for (let i = 0; i < half.length; i++) {
      half[i] = ((x[2 * i] as number) + (x[2 * i + 1] as number)) / 2;
    }
    x = half;
  }
  const k = levels.length - 1;
  // The plateau's height: the largest estimate (the levels rise to it; a dip at the coarsest
  // levels, estimated from few bins, is noise, and an error bar should not shrink with it).
  const error = Math.max(...levels);
  const naive = levels[0] as number;
  // Converged when the last two doublings of the bin size raised the estimate by no more than
  // twice the uncertainty of that difference; each level's own is σ_k·√(1/(2(n_k − 1))).
  const own = (j: number) =>
    (levels[j] as number) * Math.sqrt(1 / (2 * ((counts[j] as number) - 1)));
  const converged =
    k >= 2 &&
    (levels[k] as number) - (levels[k - 2] as number) <= 2 * Math.hypot(own(k), own(k - 2));
  return {
    mean: m,
    error,
    naiveError: naive,
    autocorrelationTime: naive === 0 ? 0.5 : 0.5 * (error / naive) ** 2,
    levels: Float64Array.from(levels),
    converged,
  };
}
