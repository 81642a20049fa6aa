/**
 * Batches of logits (one row per example) and their class labels, as the calibration functions
 * and `sweepBatch` read them, and the per-row softmax statistics they share.
 *
 * Input: an array of equal-length vectors, or one flat row-major vector with `columns`. Each entry
 * is read once: plain arrays are copied into a Float64Array while being checked; Float64Array and
 * Float32Array inputs are used in place (reading them is free of side effects). NaN and +Infinity
 * are RangeErrors naming the row and column; −Infinity masks a class (probability 0 at every
 * temperature); a row with every class masked is a RangeError.
 * @internal
 */

import { expSweep } from "./exp.js";
import { checkVector, describe, integerOption, needsTypeCheck } from "./validate.js";

/** A validated batch: `rows` rows of `columns` logits, row-major. */
export interface LogitRows {
  data: ArrayLike<number>;
  rows: number;
  columns: number;
}

/** Reads and checks a batch of logits (see the module comment). */
export function logitRows(fn: string, logits: unknown, columns: number | undefined): LogitRows {
  const outer = checkVector(fn, "logits", logits) as ArrayLike<unknown>;
  let data: ArrayLike<number>;
  let c: number;
  let rows: number;
  if (columns !== undefined) {
    c = integerOption(fn, "options.columns", columns, 1);
    if (outer.length % c !== 0)
      throw new RangeError(
        `${fn}: logits has length ${outer.length}, not a multiple of options.columns = ${c}`,
      );
    rows = outer.length / c;
    const flat = outer as ArrayLike<number>;
    if (needsTypeCheck(flat) || !(flat instanceof Float64Array || flat instanceof Float32Array)) {
      const copy = new Float64Array(flat.length);
      for (let i = 0; i < flat.length; i++) {
        const v = flat[i];
        if (typeof v !== "number")
          throw new TypeError(
            `${fn}: logits[${i}] must be a number (row ${Math.floor(i / c)}, column ${i % c}), got ${describe(v)}`,
          );
        copy[i] = v;
      }
      data = copy;
    } else data = flat;
  } else {
    rows = outer.length;
    const first = outer[0];
    c = rows === 0 ? 0 : rowLength(fn, first, 0);
    const copy = new Float64Array(rows * c);
    for (let r = 0; r < rows; r++) {
      const row = r === 0 ? first : outer[r];
      const n = rowLength(fn, row, r);
      if (n !== c)
        throw new RangeError(`${fn}: logits[${r}] has length ${n} but logits[0] has ${c}`);
      const v = row as ArrayLike<unknown>;
      const check = needsTypeCheck(v as ArrayLike<number>);
      for (let i = 0; i < c; i++) {
        const x = v[i];
        if (check && typeof x !== "number")
          throw new TypeError(`${fn}: logits[${r}][${i}] must be a number, got ${describe(x)}`);
        copy[r * c + i] = x as number;
      }
    }
    data = copy;
  }
  if (rows === 0) throw new RangeError(`${fn}: logits has no rows`);
  for (let r = 0; r < rows; r++) {
    let active = 0;
    for (let i = r * c; i < r * c + c; i++) {
      const v = data[i] as number;
      if (Number.isNaN(v))
        throw new RangeError(`${fn}: logits row ${r}, column ${i - r * c} is NaN`);
      if (v === Number.POSITIVE_INFINITY)
        throw new RangeError(
          `${fn}: logits row ${r}, column ${i - r * c} is Infinity (the distribution is not defined)`,
        );
      if (v !== Number.NEGATIVE_INFINITY) active++;
    }
    if (active === 0)
      throw new RangeError(`${fn}: logits row ${r} has every class masked (-Infinity)`);
  }
  return { data, rows, columns: c };
}

function rowLength(fn: string, row: unknown, r: number): number {
  if (
    row === null ||
    typeof row !== "object" ||
    typeof (row as { length?: unknown }).length !== "number"
  )
    throw new TypeError(
      `${fn}: logits[${r}] must be a vector of logits (or pass a flat matrix with options.columns), got ${describe(row)}`,
    );
  const n = (row as ArrayLike<unknown>).length;
  if (n === 0) throw new RangeError(`${fn}: logits[${r}] is empty`);
  return n;
}

/** Reads and checks class labels: one integer in [0, columns) per row, each read once. */
export function classLabels(
  fn: string,
  labels: unknown,
  rows: number,
  columns: number,
): Int32Array {
  const y = checkVector(fn, "labels", labels) as ArrayLike<unknown>;
  if (y.length !== rows)
    throw new RangeError(
      `${fn}: labels has length ${y.length} but there are ${rows} rows of logits`,
    );
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = y[r];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= columns)
      throw new RangeError(
        `${fn}: labels[${r}] must be an integer in [0, ${columns}), got ${describe(v)}`,
      );
    out[r] = v;
  }
  return out;
}

/** The statistics of one row's softmax at one temperature (reused between calls). */
export interface RowState {
  /** Index of the first maximal logit: the prediction, which no τ > 0 changes. */
  argmax: number;
  /** The largest probability (top-1 confidence). */
  top: number;
  /** −ln p_label (Infinity when the label's probability is exactly 0). */
  nll: number;
  /** Σ_k (p_k − [k = label])²: the row's Brier score. */
  brier: number;
  /** −Σ p ln p, in nats. */
  entropy: number;
  /** Var(z/τ) under p: the heat capacity C/kB of the row as a spectrum E = −z at T = τ. */
  heatCapacity: number;
}

/**
 * The softmax statistics of row r at temperature τ (0, ±Infinity and τ < 0 included), for the
 * label y (or −1 for none: nll and brier are then 0).
 *
 * With c the dominant logit (the maximum for τ > 0, the minimum for τ < 0) and
 * xᵢ = (c − zᵢ)/τ ≥ 0, wᵢ = e^{−xᵢ} (table-driven exp; the dominant term is 1, so Σw ≥ 1):
 * S = ⟨x⟩ + ln Σw and −ln p_y = x_y + ln Σw are sums of non-negative terms (no cancellation);
 * Var(x) is a second pass about the mean; the Brier score is (Σ_{k≠y} wₖ² + (Σ_{k≠y} wₖ)²)/(Σw)²,
 * which keeps 1 − p_y accurate when p_y is near 1. τ = 0 and τ = ±∞ are the limits: the
 * maxima (or every unmasked class) equally likely.
 *
 * The NLL here is the by-product of the pass that the other statistics need (Σw and x_y), which
 * keeps calibration at one table exp per logit; measured against mpmath it is within 6 ulp.
 * {@link "gibbs-softmax"!crossEntropy} / crossEntropyRows is the standalone form (≤ 1 ulp, from a
 * log-softmax of the row): the same quantity, kept apart on purpose because routing calibration
 * through it would cost a second pass and an allocation per row and change documented digits.
 */
export function rowState(
  M: LogitRows,
  r: number,
  tau: number,
  y: number,
  scratch: Float64Array,
  s: RowState,
): RowState {
  const z = M.data;
  const n = M.columns;
  const start = r * n;
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  let argmax = 0;
  for (let i = 0; i < n; i++) {
    const v = z[start + i] as number;
    if (v > max) {
      max = v;
      argmax = i;
    }
    if (v < min && v !== Number.NEGATIVE_INFINITY) min = v;
  }
  s.argmax = argmax;
  if (tau === 0 || !Number.isFinite(tau)) {
    // The limits: even weight on the maxima (τ = 0) or on every unmasked class (τ = ±∞).
    let g = 0;
    for (let i = 0; i < n; i++) {
      const v = z[start + i] as number;
      const on = tau === 0 ? v === max : v !== Number.NEGATIVE_INFINITY;
      scratch[i] = on ? 1 : 0;
      if (on) g++;
    }
    const p = 1 / g;
    s.top = p;
    s.entropy = Math.log(g);
    s.heatCapacity = 0;
    if (y >= 0) {
      const inY = scratch[y] === 1;
      s.nll = inY ? Math.log(g) : Number.POSITIVE_INFINITY;
      // Σ_{k≠y} p_k² + (1 − p_y)²
      const others = inY ? g - 1 : g;
      s.brier = others * p * p + (inY ? others * p : 1) ** 2;
    } else {
      s.nll = 0;
      s.brier = 0;
    }
    return s;
  }
  const c = tau > 0 ? max : min;
  // Σw = g + rest, with g the dominant terms (w = 1) counted apart, so that ln Σw = log1p(rest)
  // keeps its digits when the other terms are tiny (a confident row: −ln p_max ≈ rest).
  let g = 0;
  let rest = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    const v = z[start + i] as number;
    if (v === Number.NEGATIVE_INFINITY) {
      scratch[i] = 0;
      continue;
    }
    if (v === c) {
      scratch[i] = 1;
      g++;
      continue;
    }
    const x = reduced(c, v, tau);
    const w = expSweep(-x);
    scratch[i] = w;
    if (w !== 0) {
      rest += w;
      sx += w * x;
    }
  }
  const sum = g + rest;
  const mean = sx / sum;
  const lnSum = g === 1 ? Math.log1p(rest) : Math.log(sum);
  let sv = 0;
  let w2 = 0;
  let wo = 0;
  for (let i = 0; i < n; i++) {
    const w = scratch[i] as number;
    if (w === 0) continue;
    const d = reduced(c, z[start + i] as number, tau) - mean;
    sv += w * d * d;
    if (i !== y) {
      w2 += w * w;
      wo += w;
    }
  }
  s.top = 1 / sum;
  s.entropy = mean + lnSum;
  s.heatCapacity = sv / sum;
  if (y >= 0) {
    const zy = z[start + y] as number;
    s.nll =
      zy === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : reduced(c, zy, tau) + lnSum;
    s.brier = (w2 + wo * wo) / (sum * sum);
  } else {
    s.nll = 0;
    s.brier = 0;
  }
  return s;
}

/** (c − v)/τ ≥ 0, without overflow in the difference. */
function reduced(c: number, v: number, tau: number): number {
  const d = c - v;
  return Number.isFinite(d) ? d / tau : c / tau - v / tau;
}

/** A fresh RowState to reuse. */
export function newRowState(): RowState {
  return { argmax: 0, top: 0, nll: 0, brier: 0, entropy: 0, heatCapacity: 0 };
}
