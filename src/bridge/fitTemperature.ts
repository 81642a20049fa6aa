import { expSweep } from "../internal/exp.js";
import {
  checkVector,
  describe,
  integerOption,
  optionsOf,
  readVector,
} from "../internal/validate.js";

/** Options of {@link fitTemperature}. */
export interface FitTemperatureOptions {
  /** When given, `logits` is one flat row-major matrix with this many columns. */
  columns?: number;
}

/** The result of temperature scaling. */
export interface TemperatureFit {
  /** The fitted τ > 0 (Infinity when no τ beats the uniform guess, 0 when every label is the strict argmax). */
  temperature: number;
  /** Mean negative log-likelihood (cross-entropy, nats) at the fitted τ. */
  loss: number;
  /** Mean negative log-likelihood at τ = 1, for comparison. */
  lossAtOne: number;
  /** Newton/bisection steps taken. */
  iterations: number;
}

interface Rows {
  rows: number;
  rowAt: (r: number) => { start: number; end: number };
  data: Float64Array | Float32Array;
}

/**
 * Temperature scaling (Guo et al. 2017): the τ > 0 that minimises the mean cross-entropy of
 * softmax(z/τ) against integer labels, the standard one-parameter calibration of a classifier.
 *
 * The loss is convex in β = 1/τ: L(β) = mean[LSE(β·z) − β·z_y], with L′(β) = mean(⟨z⟩ − z_y) and
 * L″(β) = mean(Var z) ≥ 0 under p = softmax(β·z), the same moments as ⟨E⟩ and Var(E) in the
 * Boltzmann picture with E = −z (L′ is E_label − U, L″ is Var(E), the heat capacity over kB·β²). The minimiser is
 * found by bracketing L′ = 0 and safeguarded Newton, to full precision.
 *
 * Edge cases: when labels are no better than uniform guessing (L′(0) ≥ 0) the answer is
 * τ = Infinity; when every label is the strict argmax of its row the loss falls to 0 as τ → 0
 * and the answer is τ = 0. A label that is not an integer in range, a −Infinity logit at the
 * label (infinite loss), NaN or +Infinity logits, a row count that differs from the label count,
 * and no rows are RangeErrors naming the row; so is a row whose finite logits span more than the
 * largest double (max − min overflows: the loss depends on those differences, which cannot be
 * formed), and so is a fit whose τ = 1/β is beyond the double range (logits spanning close to
 * 1e308). Every returned number is finite but the documented τ = Infinity: the loss, slope and
 * curvature are averaged row by row, so a thousand rows of logits near 1e308 neither overflow nor
 * produce NaN (fitTemperature([[1e308, −1e308]], [1]) is a RangeError naming row 0, not a NaN
 * loss); logits spanning more than 2⁵⁰⁰ have their moments measured in units of 2⁵⁴⁰, so the
 * curvature (about the squared span) never overflows and the fit scales with the logits up to the
 * double range. Each logit and label is read once (array-likes are copied).
 *
 * @param logits - rows of logits (an array of vectors, or one flat matrix with `columns`).
 * @param labels - the true class of each row.
 * @see C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On calibration of modern neural networks",
 *   ICML 2017, §4.2.
 * @example
 * ```ts
 * fitTemperature([[2, 0], [0, 2], [2, 0]], [0, 1, 1]).temperature // => 2.8853900817779263
 * // the exact minimiser is 2/ln 2 = 2.88539008177792681…
 * ```
 */
export function fitTemperature(
  logits: ArrayLike<ArrayLike<number>> | ArrayLike<number>,
  labels: ArrayLike<number>,
  options?: FitTemperatureOptions,
): TemperatureFit {
  const fn = "fitTemperature";
  const opts = optionsOf(fn, options, ["columns"]);
  const y = readVector(fn, "labels", labels);
  const M = matrixOf(fn, logits, opts.columns);
  if (M.rows === 0) throw new RangeError(`${fn}: there are no rows to fit`);
  if (y.length !== M.rows) {
    throw new RangeError(`${fn}: labels has length ${y.length} but there are ${M.rows} rows`);
  }
  const z = M.data;
  // Validate everything once; find whether every label is the strict argmax.
  let separable = true;
  for (let r = 0; r < M.rows; r++) {
    const { start, end } = M.rowAt(r);
    const label = y[r] as number;
    if (!Number.isInteger(label) || label < 0 || label >= end - start) {
      throw new RangeError(
        `${fn}: labels[${r}] must be an integer in [0, ${end - start}), got ${describe(label)}`,
      );
    }
    const zy = z[start + label] as number;
    let max = Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const v = z[i] as number;
      if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) {
        throw new RangeError(
          `${fn}: row ${r}, column ${i - start} is ${describe(v)}; logits must be numbers below +Infinity`,
        );
      }
      if (i !== start + label && v >= zy) separable = false;
      if (v > max) max = v;
      if (v < min && v !== Number.NEGATIVE_INFINITY) min = v;
    }
    if (max - min === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `${fn}: row ${r}: its logits span ${min} to ${max}, beyond the double range`,
      );
    }
    if (zy === Number.NEGATIVE_INFINITY) {
      throw new RangeError(
        `${fn}: row ${r}: the label's logit is -Infinity, so its loss is infinite at every τ`,
      );
    }
  }
  const scratch = new Float64Array(widest(M));
  const scale = spreadScale(M);
  const at = (beta: number) => moments(M, y, beta, scratch, scale);
  const lossAtOne = at(1).loss;
  // Every label the strict argmax: L′(β) < 0 for all β, the loss falls to 0 as τ → 0.
  if (separable) return { temperature: 0, loss: 0, lossAtOne, iterations: 0 };
  let iterations = 0;
  const atZero = at(0);
  if (atZero.slope >= 0) {
    return { temperature: Number.POSITIVE_INFINITY, loss: atZero.loss, lossAtOne, iterations };
  }
  // Safeguarded Newton on L′(β) = 0 from β = 1 (τ = 1, where a trained model usually is close):
  // lo keeps L′(lo) < 0, hi keeps L′(hi) ≥ 0 once one is seen (until then the step may at most
  // double β); a step outside (lo, hi) bisects. L is convex, so this converges in a handful of
  // passes, each one table exp per logit.
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let beta = 1;
  let m = at(beta);
  for (; iterations < 500; iterations++) {
    if (m.slope === 0) break;
    if (m.slope < 0) lo = beta;
    else hi = beta;
    // L″ is held scaled by scale² (it may exceed the double range): L′/L″ = (L′·scale)/(L″·scale²)·scale.
    let next = m.curvature > 0 ? beta - ((m.slope * scale) / m.curvature) * scale : Number.NaN;
    // Converged: the Newton step is below the rounding of β (a step to a bracket end would
    // only bisect away from the root).
    if (Math.abs(next - beta) <= 1e-15 * beta) break;
    if (hi === Number.POSITIVE_INFINITY) {
      // No L′ ≥ 0 seen yet: grow β, at most doubling it.
      if (!(next > lo)) next = 2 * beta;
      next = Math.min(next, 2 * beta);
      if (beta > 1e300) break;
    } else if (!(next > lo && next < hi)) {
      // Bisection, geometric while the bracket spans orders of magnitude (the minimiser can be as
      // small as a subnormal β when the logits span ~1e308): 2⁻³² steps from 0, √(lo·hi) above.
      next =
        lo === 0 ? hi * 2 ** -32 : hi > 4 * lo ? Math.sqrt(lo) * Math.sqrt(hi) : lo + (hi - lo) / 2;
    }
    const done =
      Math.abs(next - beta) <= 1e-15 * beta || (Number.isFinite(hi) && hi - lo <= 1e-15 * hi);
    beta = next;
    m = at(beta);
    if (done) break;
  }
  const temperature = 1 / beta;
  if (temperature === Number.POSITIVE_INFINITY) {
    throw new RangeError(`${fn}: the fitted τ = 1/${beta} is beyond the double range`);
  }
  return { temperature, loss: m.loss, lossAtOne, iterations: iterations + 1 };
}

function widest(M: Rows): number {
  let n = 0;
  for (let r = 0; r < M.rows; r++) {
    const { start, end } = M.rowAt(r);
    if (end - start > n) n = end - start;
  }
  return n;
}

/**
 * The power of two the moments are measured in: 1, or 2⁻⁵⁴⁰ when some row's finite logits span
 * more than 2⁵⁰⁰. The curvature L″ = mean Var(z) of logits spanning 10³⁰⁰ is about 10⁶⁰⁰, beyond
 * the double range, while the Newton step L′/L″ is an ordinary number: in units of 2⁵⁴⁰ every
 * deviation is below 2⁴⁸⁴ and its square below 2⁹⁶⁸ (exact scalings, and no change at all for
 * ordinary logits).
 */
function spreadScale(M: Rows): number {
  const z = M.data;
  for (let r = 0; r < M.rows; r++) {
    const { start, end } = M.rowAt(r);
    let max = Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const v = z[i] as number;
      if (v > max) max = v;
      if (v < min && v !== Number.NEGATIVE_INFINITY) min = v;
    }
    if (max - min > 2 ** 500) return 2 ** -540;
  }
  return 1;
}

/**
 * Mean loss, slope L′ and curvature L″ at β, each row shifted by its maximum (so d ≤ 0 and each
 * row's spread is finite, checked above): one table exp per logit, the weights kept in `scratch`
 * for the second, centred pass of the variance. Deviations are measured in units of 1/scale
 * (`spreadScale`), so neither the mean nor the variance overflows; L″ is returned times scale².
 * Each row's terms are divided by the row count before they are added, so the means never
 * overflow; a weight that underflows to 0 is skipped rather than multiplied by a d² that
 * overflows.
 */
function moments(
  M: Rows,
  y: ArrayLike<number>,
  beta: number,
  scratch: Float64Array,
  scale: number,
) {
  const z = M.data;
  let loss = 0;
  let slope = 0;
  let curvature = 0;
  for (let r = 0; r < M.rows; r++) {
    const { start, end } = M.rowAt(r);
    let max = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const v = z[i] as number;
      if (v > max) max = v;
    }
    let sum = 0;
    let first = 0;
    for (let i = start; i < end; i++) {
      const d = (z[i] as number) - max;
      const w = d === Number.NEGATIVE_INFINITY ? 0 : beta === 0 ? 1 : expSweep(beta * d);
      scratch[i - start] = w;
      if (w !== 0) {
        sum += w;
        first += w * (d * scale);
      }
    }
    // ⟨z⟩ − max, in units of 1/scale and in logit units.
    const scaled = first / sum;
    const mean = scaled / scale;
    let second = 0;
    for (let i = start; i < end; i++) {
      const w = scratch[i - start] as number;
      if (w === 0) continue;
      const c = ((z[i] as number) - max) * scale - scaled;
      second += w * c * c;
    }
    const dy = (z[start + (y[r] as number)] as number) - max;
    // At β = 0 the loss is ln(count) whatever dy (0·dy is 0 for a finite dy).
    loss += (Math.log(sum) - (beta === 0 ? 0 : beta * dy)) / M.rows;
    slope += (mean - dy) / M.rows;
    curvature += second / sum / M.rows;
  }
  return { loss, slope, curvature };
}

function matrixOf(fn: string, input: unknown, columns: number | undefined): Rows {
  if (columns !== undefined) {
    const c = integerOption(fn, "options.columns", columns, 1);
    const data = readVector(fn, "logits", input);
    if (data.length % c !== 0) {
      throw new RangeError(
        `${fn}: logits has length ${data.length}, not a multiple of options.columns = ${c}`,
      );
    }
    return { rows: data.length / c, rowAt: (r) => ({ start: r * c, end: r * c + c }), data };
  }
  // An array of rows: each row read once, flattened so the loops see one layout.
  const outer = checkVector(fn, "logits", input) as ArrayLike<unknown>;
  const count = outer.length;
  const starts: number[] = [0];
  const flat: number[] = [];
  for (let r = 0; r < count; r++) {
    const row = outer[r];
    if (row === null || typeof row !== "object") {
      throw new TypeError(
        `${fn}: logits[${r}] must be a vector of logits (or pass a flat matrix with options.columns), got ${describe(row)}`,
      );
    }
    const v = readVector(fn, `logits[${r}]`, row);
    if (v.length === 0) throw new RangeError(`${fn}: logits[${r}] is empty`);
    for (const x of v) flat.push(x);
    starts.push(flat.length);
  }
  const data = Float64Array.from(flat);
  return {
    rows: count,
    rowAt: (r) => ({ start: starts[r] as number, end: starts[r + 1] as number }),
    data,
  };
}
