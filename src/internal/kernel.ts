/**
 * The one numerical kernel behind softmax, log-sum-exp and the Gibbs distribution.
 *
 * Every public function on both sides reduces to weights of the form
 *
 *     wᵢ = gᵢ · exp(b·(xᵢ − c))        with b = direction / τ
 *
 * where xᵢ are logits (direction +1, τ the softmax temperature) or energies (direction −1,
 * τ = kB·T), gᵢ optional multipliers (degeneracies or weights) and c the value of the dominant
 * state, so that b·(xᵢ − c) ≤ 0 and no exponential overflows.
 *
 * Accuracy, "exact to the last bits": b·(xᵢ − c) is carried as a double-double. The difference
 * xᵢ − c uses Knuth's TwoSum, the product with 1/τ uses Dekker's TwoProduct against 1/τ held as a
 * double-double, and τ itself (kB·T) is formed exactly from the mantissas of kB and T with the
 * binary exponent kept apart, so no step over- or underflows. exp(h + l) is evaluated as
 * exp(h)·(1 + l). Without this, a spread of 700 between logits would cost ~250 ulp; with it the
 * weights carry the ≤ 1 ulp error of `Math.exp` only. Sums use TwoSum compensation.
 *
 * Multipliers are split exactly as gᵢ = mᵢ·2^kᵢ and enter the exponent as kᵢ·ln 2, so that a
 * huge degeneracy times a tiny Boltzmann factor neither overflows nor underflows early.
 * @internal
 */

import { expDD } from "./exp.js";
import { exponentOf, LN2_HI, LN2_LO, pow2, productError, SPLITTER, scaleByPow2 } from "./float.js";
import { checkSameLength, readVector } from "./validate.js";

/** Logits: −∞ is a masked state, +∞ undefined. */
export const LOGITS = 1;
/** Energies: +∞ is a masked state, −∞ undefined. */
export const ENERGIES = -1;
export type Direction = typeof LOGITS | typeof ENERGIES;

/**
 * A validated input vector with its optional multipliers. `values` (and `mult`) are the caller's
 * Float64Array or Float32Array, or a copy of any other array-like made by one read of each entry
 * (`readVector`), so every later pass sees the numbers that were checked.
 */
export interface Spectrum {
  readonly values: Float64Array | Float32Array;
  readonly n: number;
  readonly direction: Direction;
  /** The multipliers gᵢ as read once (degeneracies or weights), or undefined. */
  readonly mult?: Float64Array | Float32Array | undefined;
  /** Mantissas mᵢ in [1, 2) of the multipliers (0 for a zero multiplier), or undefined. */
  readonly mant: Float64Array | undefined;
  /** Binary exponents kᵢ of the multipliers, or undefined. */
  readonly expo: Int32Array | undefined;
  /** Number of states that are not masked. */
  readonly active: number;
  /** States at the undefined infinity (+∞ logit) with a positive multiplier, when allowed. */
  readonly infinite: number;
  /** Smallest and largest unmasked value (NaN when every state is masked). */
  readonly lo: number;
  readonly hi: number;
}

/**
 * Validates a vector (and its multipliers) and records what the kernel needs.
 * NaN is a RangeError naming the index; so is the infinity that makes the distribution
 * undefined (+∞ logit, −∞ energy). Multipliers must be finite and ≥ 0.
 */
export function scan(
  fn: string,
  name: string,
  input: unknown,
  direction: Direction,
  multName?: string,
  multInput?: unknown,
  allowUndefinedInfinity = false,
): Spectrum {
  const values = readVector(fn, name, input);
  const n = values.length;
  let mult: Float64Array | Float32Array | undefined;
  let mant: Float64Array | undefined;
  let expo: Int32Array | undefined;
  if (multInput !== undefined && multName !== undefined) {
    mult = readVector(fn, multName, multInput);
    checkSameLength(fn, multName, mult, name, n);
    mant = new Float64Array(n);
    expo = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = mult[i] as number;
      if (!(g >= 0) || g === Number.POSITIVE_INFINITY) {
        const what = Number.isNaN(g) ? "is NaN" : `is ${g}; it must be finite and ≥ 0`;
        throw new RangeError(`${fn}: ${multName}[${i}] ${what}`);
      }
      if (g > 0) {
        const k = exponentOf(g);
        expo[i] = k;
        mant[i] = scaleByPow2(g, -k);
      }
    }
  }
  // Fast path: a tight min/max loop; x·0 is NaN exactly when x is NaN or ±∞, so one sum tells
  // whether anything needs the careful loop below (which also builds the error messages).
  if (mant === undefined) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let special = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i] as number;
      special += x * 0;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (special === 0) {
      return n === 0
        ? {
            values,
            n,
            direction,
            mult,
            mant,
            expo,
            active: 0,
            infinite: 0,
            lo: Number.NaN,
            hi: Number.NaN,
          }
        : { values, n, direction, mult, mant, expo, active: n, infinite: 0, lo, hi };
    }
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let active = 0;
  let infinite = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (Number.isNaN(x)) throw new RangeError(`${fn}: ${name}[${i}] is NaN`);
    const signed = x * direction;
    if (signed === Number.POSITIVE_INFINITY && allowUndefinedInfinity) {
      if (mant === undefined || mant[i] !== 0) infinite++;
      continue;
    }
    if (signed === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `${fn}: ${name}[${i}] is ${x > 0 ? "+Infinity" : "-Infinity"}; the distribution is not defined (only ${direction === LOGITS ? "-Infinity" : "+Infinity"} is allowed, as a masked state)`,
      );
    }
    if (signed === Number.NEGATIVE_INFINITY || (mant !== undefined && mant[i] === 0)) continue;
    active++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (active === 0) {
    lo = Number.NaN;
    hi = Number.NaN;
  }
  return { values, n, direction, mult, mant, expo, active, infinite, lo, hi };
}

/** Kinds of temperature. */
export const FINITE = 0;
export const ZERO = 1;
export const INFINITE = 2;

/**
 * b = direction/τ with τ = kB·T, held exactly enough for the kernel:
 * b = s1·s2·(bh + bl), with s1·s2 = 2^−k a power of two split in two representable halves.
 */
export interface Beta {
  readonly kind: typeof FINITE | typeof ZERO | typeof INFINITE;
  /** b is exactly ±1: y = ±(x − c), no scaling or product needed. */
  readonly unit: boolean;
  /** |τ| ≥ 2: scale the data by 2^−k before subtracting (so the difference cannot overflow). */
  readonly pre: boolean;
  readonly s1: number;
  readonly s2: number;
  readonly bh: number;
  readonly bl: number;
  /** Veltkamp split of bh. */
  readonly bhh: number;
  readonly bhl: number;
  /** Sign of b: +1 when the dominant state is the largest value, −1 the smallest. */
  readonly sign: 1 | -1;
  /** τ = kB·T rounded to a double (for reporting, never for the weights). */
  readonly tau: number;
  /** τ = tauMant·2^tauExp with |tauMant| in [1, 4), the sign of T: scale by τ without overflow. */
  readonly tauMant: number;
  readonly tauExp: number;
}

/** The kernel's view of τ = kB·T for data of the given direction. */
export function betaOf(direction: Direction, kB: number, temperature: number): Beta {
  const tau = kB * temperature;
  const base = {
    unit: false,
    pre: false,
    s1: 1,
    s2: 1,
    bh: 0,
    bl: 0,
    bhh: 0,
    bhl: 0,
    tau,
    tauMant: tau,
    tauExp: 0,
  };
  if (temperature === 0) return { ...base, kind: ZERO, sign: direction };
  if (!Number.isFinite(temperature)) return { ...base, kind: INFINITE, sign: direction };
  const ek = exponentOf(kB);
  const et = exponentOf(temperature);
  const a = scaleByPow2(kB, -ek);
  const c = scaleByPow2(Math.abs(temperature), -et);
  const k = ek + et;
  // Beyond these exponents every nonzero difference makes exp() exactly 0 or exactly 1.
  if (k < -2000) return { ...base, kind: ZERO, sign: direction };
  if (k > 2000) return { ...base, kind: INFINITE, sign: direction };
  // τ/2^k = t + tl exactly (a, c in [1, 2)).
  const t = a * c;
  const tl = productError(a, c, t);
  // 1/(t + tl) as a double-double.
  const q = 1 / t;
  const p = q * t;
  const pe = productError(q, t, p);
  const r = 1 - p - pe - q * tl;
  const ql2 = r * q;
  const sign = (temperature > 0 ? direction : -direction) as 1 | -1;
  const bh = sign * (q + ql2);
  const bl = sign * (ql2 - (q + ql2 - q));
  const s = SPLITTER * bh;
  const bhh = s - (s - bh);
  const half = Math.trunc(k / 2);
  return {
    kind: FINITE,
    unit: k === 0 && t === 1 && tl === 0,
    pre: k > 0,
    s1: pow2(-half),
    s2: pow2(-(k - half)),
    bh,
    bl,
    bhh,
    bhl: bh - bhh,
    sign,
    tau,
    tauMant: temperature > 0 ? t : -t,
    tauExp: k,
  };
}

/** The dominant value c: the largest for b > 0, the smallest for b < 0. */
export function dominant(S: Spectrum, B: Beta): number {
  return B.sign > 0 ? S.hi : S.lo;
}

// y = b·(x − c) as a double-double, left in these two cells by `reduce` (no allocation).
let YH = 0;
let YL = 0;

/**
 * Sets (YH, YL) to b·(x − c) ≤ 0 for an unmasked x. `cs` is c·2^−k (used when B.pre).
 */
function reduce(x: number, c: number, cs: number, B: Beta): void {
  let dh: number;
  let dl: number;
  if (B.pre) {
    const xs = x * B.s1 * B.s2;
    dh = xs - cs;
    const bb = dh - xs;
    dl = xs - (dh - bb) + (-cs - bb);
  } else {
    dh = x - c;
    if (dh === Number.NEGATIVE_INFINITY || dh === Number.POSITIVE_INFINITY) {
      YH = Number.NEGATIVE_INFINITY;
      YL = 0;
      return;
    }
    const bb = dh - x;
    dl = x - (dh - bb) + (-c - bb);
    if (B.unit) {
      YH = B.sign * dh;
      YL = B.sign * dl;
      return;
    }
    dh = dh * B.s1 * B.s2;
    dl = dl * B.s1 * B.s2;
  }
  const p = dh * B.bh;
  if (!(p > -1e4)) {
    // exp(p) is 0 whatever the correction; p may be −Infinity after an overflow.
    YH = p;
    YL = 0;
    return;
  }
  const s = SPLITTER * dh;
  const ah = s - (s - dh);
  const al = dh - ah;
  const err = ah * B.bhh - p + ah * B.bhl + al * B.bhh + al * B.bhl;
  const lo = err + (dh * B.bl + dl * B.bh);
  YH = p + lo;
  YL = lo - (YH - p);
}

/**
 * Adds k·ln 2 to the double-double (YH, YL), with ln 2 split so k·LN2_HI is exact and the
 * rest carried by TwoSum: for |k| ≈ 1000 the low part k·LN2_LO is ~2e−7, far too big to leave
 * to a first-order correction. −Infinity stays −Infinity.
 */
function addLn2Multiple(k: number): void {
  if (YH === Number.NEGATIVE_INFINITY || k === 0) return;
  const kh = k * LN2_HI;
  const kl = k * LN2_LO;
  const u = YH + kh;
  let bb = u - YH;
  let e = YH - (u - bb) + (kh - bb);
  const u2 = u + kl;
  bb = u2 - u;
  e += u - (u2 - bb) + (kl - bb) + YL;
  YH = u2 + e;
  YL = e - (YH - u2);
}

/** Result of filling the weights. */
export interface WeightSum {
  /** The dominant value c. */
  readonly c: number;
  /** The extra shift Y subtracted in the exponent (non-zero only with multipliers). */
  readonly shift: number;
  /** Σwᵢ = sumHi + sumLo. */
  readonly sumHi: number;
  readonly sumLo: number;
  /** For ZERO and INFINITE: the weights were scaled by 2^−scaleExp (exact powers of two). */
  readonly scaleExp: number;
}

/** True when value x of a spectrum is masked by the direction's infinity or a zero multiplier. */
function isMasked(S: Spectrum, i: number): boolean {
  const x = S.values[i] as number;
  return x * S.direction === Number.NEGATIVE_INFINITY || (S.mant !== undefined && S.mant[i] === 0);
}

/**
 * Fills w with the weights wᵢ (exactly 0 for masked states) and returns their compensated sum.
 * Requires S.active > 0.
 */
export function fillWeights(
  S: Spectrum,
  B: Beta,
  w: { [i: number]: number; readonly length: number } | undefined,
): WeightSum {
  const { values, n, mant, expo, direction } = S;
  let sh = 0;
  let sl = 0;
  if (B.kind !== FINITE) {
    // Limits: the ground states (ZERO) or every state (INFINITE), weighted by multiplier.
    const c = B.kind === ZERO ? (direction === LOGITS ? S.hi : S.lo) : Number.NaN;
    let K = 0;
    if (expo !== undefined && mant !== undefined) {
      K = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        if (isMasked(S, i) || (B.kind === ZERO && values[i] !== c)) continue;
        if ((expo[i] as number) > K) K = expo[i] as number;
      }
    }
    for (let i = 0; i < n; i++) {
      let wi = 0;
      if (!isMasked(S, i) && (B.kind === INFINITE || values[i] === c)) {
        wi =
          mant === undefined || expo === undefined
            ? 1
            : (mant[i] as number) * pow2((expo[i] as number) - K);
      }
      if (w !== undefined) w[i] = wi;
      const t = sh + wi;
      const bb = t - sh;
      sl += sh - (t - bb) + (wi - bb);
      sh = t;
    }
    return { c, shift: 0, sumHi: sh + sl, sumLo: sl - (sh + sl - sh), scaleExp: K };
  }
  const c = dominant(S, B);
  const cs = c * B.s1 * B.s2;
  if (mant === undefined || expo === undefined) {
    const [sumHi, sumLo] = plainWeights(values, n, direction, c, cs, B, w);
    return { c, shift: 0, sumHi, sumLo, scaleExp: 0 };
  }
  // With multipliers: shift by Y = max(yᵢ + kᵢ ln 2) so the largest weight is mᵢ·e^0.
  let Y = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (isMasked(S, i)) continue;
    reduce(values[i] as number, c, cs, B);
    addLn2Multiple(expo[i] as number);
    if (YH > Y) Y = YH;
  }
  for (let i = 0; i < n; i++) {
    let wi = 0;
    if (!isMasked(S, i)) {
      reduce(values[i] as number, c, cs, B);
      addLn2Multiple(expo[i] as number);
      if (YH !== Number.NEGATIVE_INFINITY) {
        // (YH + YL) − Y, exactly enough: Y is a double and the difference is ≤ 0.
        const v = YH - Y;
        const bb = v - YH;
        const lo = YH - (v - bb) + (-Y - bb) + YL;
        wi = Math.exp(v);
        wi = (mant[i] as number) * (wi + wi * lo);
      }
    }
    if (w !== undefined) w[i] = wi;
    const t = sh + wi;
    const bb = t - sh;
    sl += sh - (t - bb) + (wi - bb);
    sh = t;
  }
  return { c, shift: Y, sumHi: sh + sl, sumLo: sl - (sh + sl - sh), scaleExp: 0 };
}

/**
 * The hot loop for vectors without multipliers: wᵢ = exp(b·(xᵢ − c)), the exponent in
 * double-double, the exponential from the table-driven `expDD`, the sum compensated.
 * Everything is inlined into local variables: no allocation, no shared state.
 */
export function plainWeights(
  values: ArrayLike<number>,
  n: number,
  direction: Direction,
  c: number,
  cs: number,
  B: Beta,
  w: { [i: number]: number } | undefined,
): [number, number] {
  const exp = expDD;
  const mask = direction > 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  // Without a sink, write every weight to one scratch cell: no branch in the loop.
  const sink = w ?? SCRATCH;
  const m = w === undefined ? 0 : -1;
  // Two lane sums, even indices in lane 0 and odd in lane 1: the order of the WebAssembly SIMD
  // kernel (assembly/kernel.ts), so both paths round identically. Each lane starts at 1, so
  // every term (≤ 1) is at most the running sum and Fast2Sum is exact: the compensation costs
  // no time on the critical path. The 2 is taken off in `finishLanes`.
  let h0 = 1;
  let l0 = 0;
  let h1 = 1;
  let l1 = 0;
  const { unit, sign, pre, bh, bl, bhh, bhl, s1, s2 } = B;
  const s12 = s1 * s2;
  const twoStep = !(s12 > 0 && Number.isFinite(s12));
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    let wi = 0;
    if (x !== mask && unit) {
      const dh = x - c;
      const bb = dh - x;
      const dl = x - (dh - bb) + (-c - bb);
      wi = exp(sign * dh, sign * dl);
    } else if (x !== mask) {
      let dh: number;
      let dl: number;
      if (pre) {
        const xs = twoStep ? x * s1 * s2 : x * s12;
        dh = xs - cs;
        const bb = dh - xs;
        dl = xs - (dh - bb) + (-cs - bb);
      } else {
        const d = x - c;
        const bb = d - x;
        dl = x - (d - bb) + (-c - bb);
        dh = twoStep ? d * s1 * s2 : d * s12;
        dl = twoStep ? dl * s1 * s2 : dl * s12;
      }
      const p = dh * bh;
      if (p > -1e4) {
        // Dekker's product error of dh·bh, plus the low parts.
        const sp = SPLITTER * dh;
        const ah = sp - (sp - dh);
        const al = dh - ah;
        const lo = ah * bhh - p + ah * bhl + al * bhh + al * bhl + (dh * bl + dl * bh);
        wi = exp(p, lo);
      }
    }
    sink[i & m] = wi;
    if ((i & 1) === 0) {
      const t = h0 + wi;
      l0 += wi - (t - h0);
      h0 = t;
    } else {
      const t = h1 + wi;
      l1 += wi - (t - h1);
      h1 = t;
    }
  }
  return finishLanes(h0, l0, h1, l1);
}

/**
 * (h0 + l0) + (h1 + l1) − 2 as a double-double: the two lane sums of `plainWeights` (and of the
 * WebAssembly kernel), each started at 1, combined with TwoSum.
 */
export function finishLanes(h0: number, l0: number, h1: number, l1: number): [number, number] {
  const s = h0 + h1;
  let bb = s - h0;
  const e = h0 - (s - bb) + (h1 - bb) + (l0 + l1);
  const d = s - 2;
  bb = d - s;
  const e2 = s - (d - bb) + (-2 - bb) + e;
  const hi = d + e2;
  return [hi, e2 - (hi - d)];
}

const SCRATCH = new Float64Array(1);

/**
 * Divides w by Σw = sumHi + sumLo in place: a true division by sumHi (one rounding, so the result
 * is correctly rounded whenever the sum is exact), then the first-order correction for sumLo.
 * A multiplication by a double-double reciprocal is a little faster but rounds twice, and costs
 * an ulp in about one entry in five; the division keeps every bit the references check.
 */
export function normalize(
  w: { [i: number]: number },
  n: number,
  sumHi: number,
  sumLo: number,
): void {
  const c = -sumLo / sumHi;
  if (c === 0) {
    for (let i = 0; i < n; i++) w[i] = (w[i] as number) / sumHi;
    return;
  }
  for (let i = 0; i < n; i++) {
    const q = (w[i] as number) / sumHi;
    w[i] = q + q * c;
  }
}

/** ln(Σw) for a sum of weights whose largest term is ≥ 1 (finite kind): log1p keeps Σ − 1. */
export function logSum(r: WeightSum): number {
  return Math.log1p(r.sumHi - 1 + r.sumLo);
}

/**
 * ln Σᵢ gᵢ·exp(b·xᵢ) for the finite kind: c·b + Y + ln Σw, added with compensation.
 */
export function logNormalizer(B: Beta, r: WeightSum): number {
  const L = logSum(r);
  // c·b as a double-double.
  const cs = r.c * B.s1 * B.s2;
  let ph: number;
  let pl: number;
  if (B.unit) {
    ph = B.sign * r.c;
    pl = 0;
  } else {
    ph = cs * B.bh;
    pl = 0;
    if (Number.isFinite(ph) && Math.abs(cs) < 1e290) {
      const s = SPLITTER * cs;
      const ah = s - (s - cs);
      const al = cs - ah;
      pl = ah * B.bhh - ph + ah * B.bhl + al * B.bhh + al * B.bhl + cs * B.bl;
    }
  }
  // ph + Y + L + pl
  let hi = ph + r.shift;
  let bb = hi - ph;
  let lo = ph - (hi - bb) + (r.shift - bb);
  if (!Number.isFinite(hi)) return hi;
  const h2 = hi + L;
  bb = h2 - hi;
  lo += hi - (h2 - bb) + (L - bb);
  hi = h2;
  return hi + (lo + pl);
}

/**
 * Fills `out` with log pᵢ = log(wᵢ/Σw), recomputing each exponent rather than taking the log of
 * a weight, so log-probabilities stay exact where pᵢ underflows to 0. Masked states get −∞.
 */
export function fillLogProbabilities(
  S: Spectrum,
  B: Beta,
  r: WeightSum,
  w: ArrayLike<number> | undefined,
  out: { [i: number]: number; readonly length: number },
): void {
  const { values, n, mant, expo, direction } = S;
  const total = r.sumHi;
  if (B.kind !== FINITE) {
    for (let i = 0; i < n; i++) {
      const wi = (w as ArrayLike<number>)[i] as number;
      out[i] = logRatio(wi, total, r.sumLo);
    }
    return;
  }
  const L = logSum(r);
  const c = r.c;
  const cs = c * B.s1 * B.s2;
  if (B.unit && mant === undefined) {
    // The loop below with `reduce` inlined for τ = ±1: the same operations, several times faster.
    const sign = B.sign;
    for (let i = 0; i < n; i++) {
      const x = values[i] as number;
      const dh = x - c;
      if (x * direction === Number.NEGATIVE_INFINITY || !Number.isFinite(dh)) {
        out[i] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const bb = dh - x;
      const dl = x - (dh - bb) + (-c - bb);
      out[i] = sign * dh - L + sign * dl;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (x * direction === Number.NEGATIVE_INFINITY || (mant !== undefined && mant[i] === 0)) {
      out[i] = Number.NEGATIVE_INFINITY;
      continue;
    }
    reduce(x, c, cs, B);
    if (mant === undefined || expo === undefined) {
      out[i] = YH - L + YL;
      continue;
    }
    addLn2Multiple(expo[i] as number);
    if (YH === Number.NEGATIVE_INFINITY) {
      out[i] = YH;
      continue;
    }
    // (y + k ln 2 − Y) + ln m − L
    const v = YH - r.shift;
    const bb = v - YH;
    const lo = YH - (v - bb) + (-r.shift - bb) + YL;
    out[i] = v + (Math.log(mant[i] as number) - L) + lo;
  }
}

/**
 * log(w/Σ) for exact limit weights: −log1p((Σ − w)/w) when w dominates, so the result near 0
 * keeps its relative accuracy; log(w/Σ) otherwise.
 */
function logRatio(w: number, sumHi: number, sumLo: number): number {
  if (w === 0) return Number.NEGATIVE_INFINITY;
  if (w * 2 >= sumHi) return -Math.log1p((sumHi - w + sumLo) / w);
  return Math.log(w / sumHi);
}

/** Exposes the reduced exponent for the moment passes of `thermodynamics` and `sweep`. */
export function reducedExponent(x: number, c: number, B: Beta): number {
  reduce(x, c, c * B.s1 * B.s2, B);
  return YH + YL;
}

/**
 * x·b = direction·x/τ, correctly rounded but for one final rounding (x finite); overflows to
 * ±Infinity only when the true value is beyond the double range. Requires B.kind === FINITE.
 */
export function scaleByBeta(x: number, B: Beta): number {
  if (B.unit) return B.sign * x;
  const xs = x * B.s1 * B.s2;
  if (!Number.isFinite(xs)) {
    // Only reachable when 2^−k > 1: the scaled value overflowed, and so does x·b (|b| ≥ 2^−k/4).
    return xs * B.bh;
  }
  const p = xs * B.bh;
  if (!Number.isFinite(p) || Math.abs(xs) > 1e290 || p === 0) return p + xs * B.bl;
  const s = SPLITTER * xs;
  const ah = s - (s - xs);
  const al = xs - ah;
  const err = ah * B.bhh - p + ah * B.bhl + al * B.bhh + al * B.bhl;
  return p + (err + xs * B.bl);
}
