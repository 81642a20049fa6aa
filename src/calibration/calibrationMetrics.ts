import { classLabels, logitRows, newRowState, rowState } from "../internal/logitRows.js";
import { describe, numberOption, optionsOf } from "../internal/validate.js";
import { type BinningOptions, binsOf, type ReliabilityBins } from "./reliabilityBins.js";

/** Options of {@link calibrationMetrics}. */
export interface CalibrationMetricsOptions extends BinningOptions {
  /** When given, `logits` is one flat row-major matrix with this many columns (classes). */
  columns?: number;
  /** The softmax temperature τ ≥ 0 at which to judge the model (default 1; Infinity allowed). */
  temperature?: number;
}

/** How well the probabilities softmax(z/τ) of a classifier match its labels. */
export interface CalibrationMetrics {
  temperature: number;
  /** Number of examples (rows). */
  samples: number;
  /** Mean negative log-likelihood −ln p_label (cross-entropy, nats). */
  nll: number;
  /** Fraction of rows whose first maximal logit is the label (no τ > 0 changes it). */
  accuracy: number;
  /** Mean Brier score Σ_k (p_k − [k = label])² (0 is perfect, 2 the worst). */
  brier: number;
  /** Expected calibration error of the top-1 confidence (see {@link reliabilityBins}). */
  ece: number;
  /** Maximum calibration error over the non-empty bins. */
  mce: number;
  /** The reliability diagram behind ECE and MCE. */
  bins: ReliabilityBins;
}

/**
 * The standard calibration metrics of a classifier at softmax temperature τ, in one pass over the
 * rows: NLL, accuracy, Brier score, and the expected and maximum calibration errors of the top-1
 * confidence with their reliability diagram. Temperature scaling (Guo et al. 2017) fits τ with
 * {@link "gibbs-softmax"!fitTemperature}; judging the model at τ = 1 and at the fitted τ shows
 * what it bought.
 *
 * Per row, with xᵢ = (max z − zᵢ)/τ ≥ 0 and wᵢ = e^{−xᵢ}: −ln p_y = x_y + ln Σw (no cancellation),
 * the confidence is 1/Σw, and the Brier score is (Σ_{k≠y} wₖ² + (Σ_{k≠y} wₖ)²)/(Σw)², which keeps
 * 1 − p_y accurate when p_y is near 1. The prediction is the first maximal logit, as numpy's
 * argmax; temperature scaling never changes it.
 *
 * Edge cases: τ = 0 and τ = Infinity are the limits (all weight on the maximal logits; uniform
 * over the unmasked classes); τ < 0 or NaN is a RangeError. A −Infinity logit masks a class; a
 * label on a masked class gives NLL = Infinity. NaN or +Infinity logits, rows of different
 * lengths, a label that is not an integer in [0, classes), a label count that differs from the
 * row count and no rows are RangeErrors naming the row (TypeError for wrong types).
 *
 * @param logits - rows of logits (an array of vectors, or one flat matrix with `columns`).
 * @param labels - the true class of each row.
 * @see C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On calibration of modern neural networks",
 *   ICML 2017.
 * @see G. W. Brier, "Verification of forecasts expressed in terms of probability", Monthly
 *   Weather Review 78 (1950) 1–3.
 * @example
 * ```ts
 * const m = calibrationMetrics([[2, 0], [0, 2], [2, 0]], [0, 1, 1], { bins: 2 });
 * m.accuracy // => 0.6666666666666666
 * m.nll // => 0.7935946777096392
 * // (2·ln(1 + e⁻²) + ln(1 + e²))/3
 * m.ece // => 0.21413041131121568
 * // every confidence is 1/(1 + e⁻²) = 0.8808, in the top bin, where 2 of 3 are right
 * ```
 */
export function calibrationMetrics(
  logits: ArrayLike<ArrayLike<number>> | ArrayLike<number>,
  labels: ArrayLike<number>,
  options?: CalibrationMetricsOptions,
): CalibrationMetrics {
  const fn = "calibrationMetrics";
  const opts = optionsOf(fn, options, ["columns", "temperature", "bins", "binning"]);
  const tau = numberOption(fn, "options.temperature", opts.temperature, 1);
  if (tau < 0)
    throw new RangeError(
      `${fn}: options.temperature must be ≥ 0 (calibration at a negative temperature reverses the ranking), got ${describe(tau)}`,
    );
  const M = logitRows(fn, logits, opts.columns);
  const y = classLabels(fn, labels, M.rows, M.columns);
  const scratch = new Float64Array(M.columns);
  const s = newRowState();
  const conf = new Float64Array(M.rows);
  const hit = new Uint8Array(M.rows);
  let nll = 0;
  let brier = 0;
  let right = 0;
  for (let r = 0; r < M.rows; r++) {
    const label = y[r] as number;
    rowState(M, r, tau, label, scratch, s);
    nll += s.nll;
    brier += s.brier;
    conf[r] = s.top;
    if (s.argmax === label) {
      hit[r] = 1;
      right++;
    }
  }
  const bins = binsOf(fn, conf, hit, opts);
  return {
    temperature: tau,
    samples: M.rows,
    nll: nll / M.rows,
    accuracy: right / M.rows,
    brier: brier / M.rows,
    ece: bins.ece,
    mce: bins.mce,
    bins,
  };
}
