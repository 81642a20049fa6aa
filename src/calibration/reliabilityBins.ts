import { checkVector, describe, integerOption, optionsOf } from "../internal/validate.js";

/** How {@link reliabilityBins} groups the predictions. */
export type Binning = "width" | "mass";

/** Options of {@link reliabilityBins} and {@link "gibbs-softmax/calibration"!calibrationMetrics}. */
export interface BinningOptions {
  /** Number of bins (default 15, as in Guo et al.). */
  bins?: number;
  /**
   * "width" (default): equal-width bins (lo, hi] on [0, 1], edges k·(1/B) as numpy's
   * `linspace(0, 1, B + 1)` gives them, the first bin closed at 0 (Guo et al.'s reference code);
   * "mass": equal-mass bins, the predictions sorted by confidence (stably) and split into B
   * groups whose sizes differ by at most one, the larger first (numpy's `array_split`).
   */
  binning?: Binning;
}

/** The reliability diagram's table, one entry per bin, and the calibration errors it gives. */
export interface ReliabilityBins {
  binning: Binning;
  /** Lower edge of each bin (for "mass": the smallest confidence in it; 0 when empty). */
  lower: Float64Array;
  /** Upper edge of each bin (for "mass": the largest confidence in it; 0 when empty). */
  upper: Float64Array;
  /** Number of predictions in each bin. */
  count: Float64Array;
  /** Mean confidence in each bin (0 for an empty bin). */
  confidence: Float64Array;
  /** Fraction correct in each bin (0 for an empty bin). */
  accuracy: Float64Array;
  /** Expected calibration error: Σ_b (n_b/N)·|accuracy_b − confidence_b|. */
  ece: number;
  /** Maximum calibration error: the largest |accuracy_b − confidence_b| over non-empty bins. */
  mce: number;
}

/**
 * The reliability diagram of a classifier: its predictions grouped by confidence, with the
 * accuracy and mean confidence of each group, the expected calibration error
 * ECE = Σ_b (n_b/N)·|acc_b − conf_b| and the maximum calibration error MCE = max_b |acc_b − conf_b|.
 * A perfectly calibrated model has acc_b = conf_b in every bin: ECE = MCE = 0.
 *
 * Equal-width bins follow Guo et al.'s reference code: bin b holds the confidences in
 * (b/B, (b+1)/B] (the first bin also holds 0). Equal-mass bins ("mass") hold N/B predictions
 * each, which keeps every bin populated when the confidences crowd near 1.
 *
 * Edge cases: a confidence outside [0, 1] or NaN, a `correct` entry other than 0/1/true/false,
 * lengths that differ and no predictions are RangeErrors (TypeError for wrong types); empty bins
 * count 0 and report 0 for accuracy and confidence (they add nothing to ECE and are skipped by MCE).
 *
 * @param confidences - the probability of the predicted class, per prediction (in [0, 1]).
 * @param correct - 1 (or true) where the prediction was right, 0 (or false) where not.
 * @see C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On calibration of modern neural networks",
 *   ICML 2017, §2 (reliability diagrams, ECE, MCE).
 * @see M. P. Naeini, G. Cooper, M. Hauskrecht, "Obtaining well calibrated probabilities using
 *   Bayesian binning", AAAI 2015 (ECE and MCE).
 * @example
 * ```ts
 * const r = reliabilityBins([0.9, 0.9, 0.6, 0.3], [1, 0, 1, 1], { bins: 2 });
 * r.count // => Float64Array [1, 3]
 * r.accuracy // => Float64Array [1, 0.6666666666666666]
 * r.ece // => 0.27499999999999997
 * // (1/4)·|1 − 0.3| + (3/4)·|2/3 − 0.8| = 0.175 + 0.1
 * ```
 */
export function reliabilityBins(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number | boolean>,
  options?: BinningOptions,
): ReliabilityBins {
  const fn = "reliabilityBins";
  const opts = optionsOf(fn, options, ["bins", "binning"]);
  const c = checkVector(fn, "confidences", confidences) as ArrayLike<unknown>;
  const k = checkVector(fn, "correct", correct as ArrayLike<number>) as ArrayLike<unknown>;
  if (c.length !== k.length)
    throw new RangeError(
      `${fn}: correct has length ${k.length} but confidences has length ${c.length}; they must match`,
    );
  const n = c.length;
  if (n === 0) throw new RangeError(`${fn}: there are no predictions`);
  const conf = new Float64Array(n);
  const hit = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = c[i];
    if (typeof v !== "number")
      throw new TypeError(`${fn}: confidences[${i}] must be a number, got ${describe(v)}`);
    if (!(v >= 0 && v <= 1))
      throw new RangeError(`${fn}: confidences[${i}] must be in [0, 1], got ${describe(v)}`);
    conf[i] = v;
    const h = k[i];
    if (h === 1 || h === true) hit[i] = 1;
    else if (!(h === 0 || h === false))
      throw new RangeError(`${fn}: correct[${i}] must be 0, 1, true or false, got ${describe(h)}`);
  }
  return binsOf(fn, conf, hit, opts);
}

/** The bins of validated confidences and hits (shared with calibrationMetrics). */
export function binsOf(
  fn: string,
  conf: Float64Array,
  hit: Uint8Array,
  opts: BinningOptions,
): ReliabilityBins {
  const B = opts.bins === undefined ? 15 : integerOption(fn, "options.bins", opts.bins, 1, 1e6);
  const binning = opts.binning ?? "width";
  if (binning !== "width" && binning !== "mass")
    throw new RangeError(
      `${fn}: options.binning must be "width" or "mass", got ${describe(binning)}`,
    );
  const n = conf.length;
  const lower = new Float64Array(B);
  const upper = new Float64Array(B);
  const count = new Float64Array(B);
  const confidence = new Float64Array(B);
  const accuracy = new Float64Array(B);
  if (binning === "width") {
    const step = 1 / B;
    const edge = (b: number) => (b === B ? 1 : b * step);
    for (let b = 0; b < B; b++) {
      lower[b] = edge(b);
      upper[b] = edge(b + 1);
    }
    for (let i = 0; i < n; i++) {
      const v = conf[i] as number;
      let b = Math.min(B - 1, Math.max(0, Math.ceil(v * B) - 1));
      while (b > 0 && v <= edge(b)) b--;
      while (b < B - 1 && v > edge(b + 1)) b++;
      count[b] = (count[b] as number) + 1;
      confidence[b] = (confidence[b] as number) + v;
      accuracy[b] = (accuracy[b] as number) + (hit[i] as number);
    }
  } else {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Stable: equal confidences keep their input order (numpy's argsort(kind="stable")).
    order.sort((a, b) => (conf[a] as number) - (conf[b] as number) || a - b);
    const base = Math.floor(n / B);
    const extra = n % B;
    let at = 0;
    for (let b = 0; b < B; b++) {
      const size = base + (b < extra ? 1 : 0);
      for (let j = at; j < at + size; j++) {
        const i = order[j] as number;
        confidence[b] = (confidence[b] as number) + (conf[i] as number);
        accuracy[b] = (accuracy[b] as number) + (hit[i] as number);
      }
      count[b] = size;
      if (size > 0) {
        lower[b] = conf[order[at] as number] as number;
        upper[b] = conf[order[at + size - 1] as number] as number;
      }
      at += size;
    }
  }
  let ece = 0;
  let mce = 0;
  for (let b = 0; b < B; b++) {
    const m = count[b] as number;
    if (m === 0) continue;
    confidence[b] = (confidence[b] as number) / m;
    accuracy[b] = (accuracy[b] as number) / m;
    const gap = Math.abs((accuracy[b] as number) - (confidence[b] as number));
    ece += (m / n) * gap;
    if (gap > mce) mce = gap;
  }
  return { binning, lower, upper, count, confidence, accuracy, ece, mce };
}
