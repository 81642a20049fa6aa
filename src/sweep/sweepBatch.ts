import { classLabels, logitRows, newRowState, rowState } from "../internal/logitRows.js";
import { checkVector, describe, needsTypeCheck, optionsOf } from "../internal/validate.js";

/** Options of {@link sweepBatch}. */
export interface SweepBatchOptions {
  /** The softmax temperatures τ, in order (e.g. from {@link "gibbs-softmax"!temperatureGrid}). */
  temperatures: ArrayLike<number>;
  /** When given, `logits` is one flat row-major matrix with this many columns (classes). */
  columns?: number;
  /** The true class of each row: adds the `nll` column. */
  labels?: ArrayLike<number>;
}

/** The columns of a batch sweep: one entry per temperature, each a mean over the rows. */
export interface SweepBatchResult {
  temperature: Float64Array;
  /** Mean entropy S = −Σ p ln p of softmax(z/τ), nats. */
  entropy: Float64Array;
  /** Mean heat capacity C/kB = Var(z/τ) = τ·dS/dτ of each row seen as a spectrum E = −z. */
  heatCapacity: Float64Array;
  /** Mean probability of the most probable class. */
  topProbability: Float64Array;
  /** Mean effective number of states e^S (1 for a certain answer, n for a uniform guess). */
  effectiveStates: Float64Array;
  /** Mean negative log-likelihood −ln p_label (with `labels`). */
  nll?: Float64Array;
}

/**
 * A temperature sweep over a batch of logits (a classifier's or a language model's outputs, one
 * row per example): at each τ, the batch means of the entropy, the heat capacity, the top-1
 * probability, the effective number of states e^S and, with labels, the negative log-likelihood.
 * Each row is the Gibbs distribution of the spectrum E = −z at T = τ (kB = 1), so the curves are
 * the thermodynamics of the model's outputs: S(τ) climbs from ln(number of maxima) to ln n, and the
 * heat capacity C = τ·dS/dτ peaks where the distribution changes fastest; the NLL is least at the
 * temperature scaling τ of {@link "gibbs-softmax"!fitTemperature}.
 *
 * Per row and temperature: one table-driven exp per logit, S = ⟨x⟩ + ln Σw and
 * −ln p_y = x_y + ln Σw with xᵢ = (c − zᵢ)/τ ≥ 0 (no cancellation), Var(x) in a second pass
 * about the mean (see {@link "gibbs-softmax/calibration"!calibrationMetrics}). Cost O(rows·classes·m), memory
 * O(classes + m) besides the input. e^S is averaged per row (mean of e^{S_r}, which is ≥ e^{mean S}).
 *
 * Edge cases: τ = 0, ±Infinity and τ < 0 follow {@link "gibbs-softmax"!sweep} (τ < 0 favours the
 * smallest logits); a NaN temperature is a RangeError naming its index; an empty temperature
 * list gives empty columns; a label on a masked class (−Infinity) gives NLL = Infinity, as does a
 * label that is not among the maxima at τ = 0. The logits and labels follow
 * {@link "gibbs-softmax/calibration"!calibrationMetrics}.
 *
 * @param logits - rows of logits (an array of vectors, or one flat matrix with `columns`).
 * @see C. Guo et al., "On calibration of modern neural networks", ICML 2017 (temperature scaling).
 * @example
 * ```ts
 * const s = sweepBatch([[0, 0], [1, 0]], { temperatures: [1, Infinity], labels: [0, 0] });
 * s.entropy // => Float64Array [0.6376751447240816, 0.6931471805599453]
 * s.nll // => Float64Array [0.5032044340390841, 0.6931471805599453]
 * // row 0 is uniform at every τ: S = ln 2; row 1 at τ = 1: S = ln(1 + e) − e/(1 + e)
 * ```
 */
export function sweepBatch(
  logits: ArrayLike<ArrayLike<number>> | ArrayLike<number>,
  options: SweepBatchOptions,
): SweepBatchResult {
  const fn = "sweepBatch";
  if (options === undefined)
    throw new TypeError(
      `${fn}: options with temperatures are required, e.g. { temperatures: [1, 2] }`,
    );
  const opts = optionsOf(fn, options, ["temperatures", "columns", "labels"]);
  if (opts.temperatures === undefined)
    throw new TypeError(`${fn}: options.temperatures is required (an array of numbers)`);
  const given = checkVector(fn, "options.temperatures", opts.temperatures);
  const check = needsTypeCheck(given);
  const m = given.length;
  const temperature = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const T = given[j];
    if (check && typeof T !== "number")
      throw new TypeError(`${fn}: options.temperatures[${j}] must be a number, got ${describe(T)}`);
    if (Number.isNaN(T)) throw new RangeError(`${fn}: options.temperatures[${j}] is NaN`);
    temperature[j] = T as number;
  }
  const M = logitRows(fn, logits, opts.columns);
  const y = opts.labels === undefined ? undefined : classLabels(fn, opts.labels, M.rows, M.columns);
  const entropy = new Float64Array(m);
  const heatCapacity = new Float64Array(m);
  const topProbability = new Float64Array(m);
  const effectiveStates = new Float64Array(m);
  const nll = y === undefined ? undefined : new Float64Array(m);
  const scratch = new Float64Array(M.columns);
  const s = newRowState();
  // Rows outside, temperatures inside: each row's logits stay in cache for the whole grid.
  for (let r = 0; r < M.rows; r++) {
    const label = y === undefined ? -1 : (y[r] as number);
    for (let j = 0; j < m; j++) {
      rowState(M, r, temperature[j] as number, label, scratch, s);
      entropy[j] = (entropy[j] as number) + s.entropy;
      heatCapacity[j] = (heatCapacity[j] as number) + s.heatCapacity;
      topProbability[j] = (topProbability[j] as number) + s.top;
      effectiveStates[j] = (effectiveStates[j] as number) + Math.exp(s.entropy);
      if (nll !== undefined) nll[j] = (nll[j] as number) + s.nll;
    }
  }
  const rows = M.rows;
  for (let j = 0; j < m; j++) {
    entropy[j] = (entropy[j] as number) / rows;
    heatCapacity[j] = (heatCapacity[j] as number) / rows;
    topProbability[j] = (topProbability[j] as number) / rows;
    effectiveStates[j] = (effectiveStates[j] as number) / rows;
    if (nll !== undefined) nll[j] = (nll[j] as number) / rows;
  }
  const result: SweepBatchResult = {
    temperature,
    entropy,
    heatCapacity,
    topProbability,
    effectiveStates,
  };
  if (nll !== undefined) result.nll = nll;
  return result;
}
