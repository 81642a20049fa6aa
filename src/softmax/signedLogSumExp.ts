import { DD, expDoubleDouble, logDoubleDouble } from "../internal/doubleDouble.js";
import { expDD } from "../internal/exp.js";
import { exponentOf, pow2, productError, scaleByPow2 } from "../internal/float.js";
import { betaOf, fillWeights, LOGITS, logNormalizer, scan } from "../internal/kernel.js";
import {
  checkSameLength,
  checkVector,
  elementTypeError,
  needsTypeCheck,
} from "../internal/validate.js";

const UNIT = betaOf(LOGITS, 1, 1);
const LOG2E = Math.LOG2E;

/** ln|Σ wᵢ·exp(xᵢ)| and the sign of the sum (0 for a sum that is exactly zero or empty). */
export interface SignedLogSumExp {
  /** ln|Σᵢ wᵢ·exp(xᵢ)|; −Infinity when the sum is zero (or empty). */
  readonly value: number;
  /** The sign of the sum: 1, −1, or 0 when it is zero. */
  readonly sign: -1 | 0 | 1;
}

/**
 * The signed log-sum-exp behind `logSumExp(values, { weights, returnSign: true })`.
 *
 * Weights of one sign take the unsigned path (the same bits as `logSumExp`, sign ±1). With both
 * signs, the positive and negative parts are first summed in one pass; when the result keeps at
 * least half of the total magnitude (Σ|wᵢeˣⁱ| ≤ 2|Σwᵢeˣⁱ|) their difference is already good to
 * a few ulp. Otherwise the sum cancels, and it is recomputed with every term
 * in double-double (exp to ~2⁻¹⁰⁰, src/internal/doubleDouble.ts) and summed in double-double, so
 * the result stays within a few ulp while the cancellation costs fewer than about 45 bits
 * (Σ|terms|/|Σ terms| < 2⁴⁵); beyond that its error grows as n·2⁻¹⁰⁴·Σ|terms|/|Σ terms|. Terms
 * equal in value and opposite in weight cancel exactly. Terms more than 2¹⁰⁰⁰ below the largest
 * are summed apart and added at the end, so a sum whose large terms cancel exactly is decided by
 * the small ones.
 * @internal
 */
export function signedLogSumExp(
  fn: string,
  input: unknown,
  weightsInput: unknown,
): SignedLogSumExp {
  const values = checkVector(fn, "values", input);
  const n = values.length;
  const weights =
    weightsInput === undefined ? undefined : checkVector(fn, "options.weights", weightsInput);
  if (weights !== undefined) checkSameLength(fn, "options.weights", weights, "values", n);
  // Each entry is read once, into these copies.
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const checkX = needsTypeCheck(values);
  const checkW = weights !== undefined && needsTypeCheck(weights);
  let positive = false;
  let negative = false;
  let negativeWeight = false; // some weight is < 0, also on a term that is zero (x = −∞)
  let infinity = 0; // the signs of the +Infinity terms: 1, −1, or 2 for both
  let top = Number.NEGATIVE_INFINITY; // the largest value with a nonzero weight
  let wmin = Number.POSITIVE_INFINITY;
  let wmax = 0;
  for (let i = 0; i < n; i++) {
    const xi = values[i] as number;
    if (checkX && typeof xi !== "number") elementTypeError(fn, "values", i, xi);
    if (Number.isNaN(xi)) throw new RangeError(`${fn}: values[${i}] is NaN`);
    const wi = weights === undefined ? 1 : (weights[i] as number);
    if (checkW && typeof wi !== "number") elementTypeError(fn, "options.weights", i, wi);
    if (!Number.isFinite(wi)) {
      throw new RangeError(
        `${fn}: options.weights[${i}] ${Number.isNaN(wi) ? "is NaN" : `is ${wi}; it must be finite`}`,
      );
    }
    x[i] = xi;
    w[i] = wi;
    if (wi < 0) negativeWeight = true;
    if (wi === 0 || xi === Number.NEGATIVE_INFINITY) continue;
    if (xi === Number.POSITIVE_INFINITY) {
      const s = wi > 0 ? 1 : -1;
      infinity = infinity === 0 || infinity === s ? s : 2;
    }
    if (wi > 0) positive = true;
    else negative = true;
    if (xi > top) top = xi;
    const a = Math.abs(wi);
    if (a < wmin) wmin = a;
    if (a > wmax) wmax = a;
  }
  if (infinity === 2) {
    throw new RangeError(
      `${fn}: values has +Infinity with weights of both signs, so the sum is Infinity − Infinity; it is not defined`,
    );
  }
  if (infinity !== 0) return { value: Number.POSITIVE_INFINITY, sign: infinity as 1 | -1 };
  if (!positive && !negative) return { value: Number.NEGATIVE_INFINITY, sign: 0 };
  if (!(positive && negative)) {
    // One sign: the unsigned log-sum-exp of the magnitudes (the same bits), with that sign. A
    // term at −∞ is zero whatever its weight's sign (scipy: logsumexp([−∞, 1], b=[−1, 1]) is 1).
    const magnitudes = negativeWeight ? w.map(Math.abs) : w;
    const S = scan(fn, "values", x, LOGITS, "options.weights", magnitudes, true);
    return { value: logNormalizer(UNIT, fillWeights(S, UNIT, undefined)), sign: positive ? 1 : -1 };
  }
  // Both signs. With weights of moderate size every term |wᵢ|·e^(xᵢ−top) takes one pass (x − top
  // exact, the table-driven exp within an ulp); no term overflows, and one that underflows is
  // below 2⁻⁵⁰⁰ of the largest, so a sum that keeps half of its magnitude is good to a few ulp.
  // A sum that cancels, or has extreme weights, is summed in double-double.
  const moderate = wmax <= 2 ** 500 && wmin >= 2 ** -500;
  return (moderate ? differenceOfParts(x, w, top) : undefined) ?? exactOf(x, w);
}

/**
 * ln|P − N| and its sign, with P and N the compensated sums of the positive and negative terms
 * wᵢ·e^(xᵢ−top); undefined when the difference keeps less than half of P + N (it cancels).
 */
function differenceOfParts(
  x: Float64Array,
  w: Float64Array,
  top: number,
): SignedLogSumExp | undefined {
  let ph = 0;
  let pl = 0;
  let nh = 0;
  let nl = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w[i] as number;
    const xi = x[i] as number;
    if (wi === 0 || xi === Number.NEGATIVE_INFINITY) continue;
    const dh = xi - top;
    const bb = dh - xi;
    const dl = xi - (dh - bb) + (-top - bb);
    const t = Math.abs(wi) * expDD(dh, dl);
    if (wi > 0) {
      const s = ph + t;
      const b2 = s - ph;
      pl += ph - (s - b2) + (t - b2);
      ph = s;
    } else {
      const s = nh + t;
      const b2 = s - nh;
      nl += nh - (s - b2) + (t - b2);
      nh = s;
    }
  }
  const d = ph - nh;
  const bb = d - ph;
  const dl = ph - (d - bb) + (-nh - bb) + (pl - nl);
  const dh = d + dl;
  if (!(Math.abs(dh) * 2 >= ph + nh && dh !== 0)) return undefined;
  const lo = dl - (dh - d);
  // top + ln|D|, with ln|D| = ln|dh| + lo/dh, added with TwoSum and rounded once.
  const L = Math.log(Math.abs(dh));
  const c = lo / dh;
  const v = top + L;
  const b3 = v - top;
  const err = top - (v - b3) + (L - b3) + c;
  return { value: v + err, sign: dh > 0 ? 1 : -1 };
}

/**
 * The cancelling sum: terms of equal value merged first (their weights summed exactly, so
 * equal values whose weights cancel contribute nothing whatever the order of the terms), then
 * summed in double-double.
 */
function exactOf(x: Float64Array, w: Float64Array): SignedLogSumExp {
  const merged = mergeEqual(x, w);
  return exactSum(merged.x, merged.wh, merged.wl, merged.keep);
}

/** 2^e for e in [−1074, 1023], indexed by e + 1074. */
const POWERS = Float64Array.from({ length: 2098 }, (_, i) => pow2(i - 1074));

/** The binary exponent of a finite nonzero double, from its bits when it is normal. */
function binaryExponent(v: number): number {
  bits[0] = v;
  const biased = ((words[HIGH] as number) >>> 20) & 0x7ff;
  return biased === 0 ? exponentOf(v) : biased - 1023;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Which word of a double holds its exponent (1 on little-endian machines). */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * The distinct values among the terms (weight ≠ 0, value > −∞) with their weights summed
 * exactly (to a double-double; zero when they cancel): an open-addressing hash table on the bit
 * patterns, typed arrays throughout.
 * `keep` lists the values whose summed weight is not zero.
 */
function mergeEqual(
  x: Float64Array,
  w: Float64Array,
): { x: Float64Array; wh: Float64Array; wl: Float64Array; keep: Int32Array } {
  const n = x.length;
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  const xs = new Float64Array(n);
  const wh = new Float64Array(n);
  const wl = new Float64Array(n);
  const repeated = new Map<number, number[]>(); // the weights of a value met more than once
  let m = 0;
  for (let i = 0; i < n; i++) {
    const xi = (x[i] as number) + 0; // −0 and 0 are one value
    const wi = w[i] as number;
    if (wi === 0 || xi === Number.NEGATIVE_INFINITY) continue;
    bits[0] = xi;
    let h = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const j = table[h] as number;
      if (j < 0) {
        table[h] = m;
        xs[m] = xi;
        wh[m] = wi;
        m++;
        break;
      }
      if (xs[j] === xi) {
        const list = repeated.get(j);
        if (list === undefined) repeated.set(j, [wh[j] as number, wi]);
        else list.push(wi);
        break;
      }
      h = (h + 1) & mask;
    }
  }
  for (const [j, list] of repeated) {
    const [hi, lo] = exactSumOf(list);
    wh[j] = hi;
    wl[j] = lo;
  }
  let kept = 0;
  const keep = new Int32Array(m);
  for (let j = 0; j < m; j++) if ((wh[j] as number) !== 0) keep[kept++] = j;
  return { x: xs, wh, wl, keep: keep.subarray(0, kept) };
}

/**
 * The exact sum of doubles as a double-double (exactly zero when the sum is): Shewchuk's
 * non-overlapping partials (the algorithm of Python's math.fsum), then added smallest first.
 */
function exactSumOf(values: number[]): [number, number] {
  const partials: number[] = [];
  for (let v of values) {
    let k = 0;
    for (let y of partials) {
      if (Math.abs(v) < Math.abs(y)) [v, y] = [y, v];
      const hi = v + y;
      const lo = y - (hi - v);
      if (lo !== 0) partials[k++] = lo;
      v = hi;
    }
    partials.length = k;
    partials.push(v);
  }
  let hi = 0;
  let lo = 0;
  for (const p of partials) {
    const s = hi + p;
    const bb = s - hi;
    lo += hi - (s - bb) + (p - bb);
    hi = s;
  }
  const h = hi + lo;
  return [h, lo - (h - hi)];
}

/**
 * Σ (whᵢ + wlᵢ)·exp(xᵢ) over `idx` in double-double, as (ln|Σ|, sign). Terms 2¹⁰⁰⁰ or more below
 * the largest go to a second, recursive sum, added last.
 */
function exactSum(
  x: Float64Array,
  w: Float64Array,
  wLow: Float64Array,
  idx: Int32Array,
): SignedLogSumExp {
  if (idx.length === 0) return { value: Number.NEGATIVE_INFINITY, sign: 0 };
  let m = Number.NEGATIVE_INFINITY;
  for (const i of idx) if ((x[i] as number) > m) m = x[i] as number;
  // Estimated binary exponent of each term, and the largest.
  const estimate = new Float64Array(idx.length);
  let top = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j] as number;
    const e = binaryExponent(w[i] as number) + Math.floor(((x[i] as number) - m) * LOG2E);
    estimate[j] = e;
    if (e > top) top = e;
  }
  let ah = 0;
  let al = 0;
  const far: number[] = [];
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j] as number;
    if ((estimate[j] as number) < top - 1000) {
      far.push(i);
      continue;
    }
    const xi = x[i] as number;
    // x − m exactly (TwoSum), then its exponential as (hi + lo)·2^e.
    const dh = xi - m;
    const bb = dh - xi;
    const dl = xi - (dh - bb) + (-m - bb);
    expDoubleDouble(dh, dl);
    const wi = w[i] as number;
    const k = binaryExponent(wi);
    // 2^(e + k − top) is within [2^−1003, 2^3] here, and 2^−k scales the weight into [1, 2).
    const scale = POWERS[DD.exponent + k - top + 1074] as number;
    const normal = k >= -1022;
    const unscale = normal ? (POWERS[1074 - k] as number) : 0;
    const wm = normal ? wi * unscale : scaleByPow2(wi, -k);
    const wml = normal ? (wLow[i] as number) * unscale : scaleByPow2(wLow[i] as number, -k);
    // (DD.hi + DD.lo)·(wm + wml) exactly enough (Dekker), then the power of two.
    const p = DD.hi * wm;
    const e = productError(DD.hi, wm, p) + DD.lo * wm + DD.hi * wml;
    const th = (p + e) * scale;
    const tl = (e - (p + e - p)) * scale;
    // (ah + al) += (th + tl)
    const s = ah + th;
    const b2 = s - ah;
    const err = ah - (s - b2) + (th - b2) + al + tl;
    ah = s + err;
    al = err - (ah - s);
  }
  let main: SignedLogSumExp = { value: Number.NEGATIVE_INFINITY, sign: 0 };
  if (ah !== 0) {
    const sign = ah > 0 ? 1 : -1;
    logDoubleDouble(sign * ah, sign * al, top);
    // + m, rounded once.
    const h = DD.hi + m;
    const b3 = h - DD.hi;
    const lo = DD.hi - (h - b3) + (m - b3) + DD.lo;
    main = { value: h + lo, sign };
  }
  if (far.length === 0) return main;
  return combine(main, exactSum(x, w, wLow, Int32Array.from(far)));
}

/** (ln|a|, sign a) and (ln|b|, sign b) to (ln|a + b|, sign(a + b)). */
function combine(a: SignedLogSumExp, b: SignedLogSumExp): SignedLogSumExp {
  if (b.sign === 0) return a;
  if (a.sign === 0) return b;
  const [big, small] = a.value >= b.value ? [a, b] : [b, a];
  const ratio = Math.exp(small.value - big.value) * big.sign * small.sign;
  if (ratio === -1) return { value: Number.NEGATIVE_INFINITY, sign: 0 };
  return { value: big.value + Math.log1p(ratio), sign: big.sign };
}
