/**
 * The states a top-k or min-p filter can keep, found on the logits: only those candidates are
 * exponentiated, never the whole vector.
 *
 * The filters decide on the weights wᵢ = exp(b·(zᵢ − c)) the kernel computes (b = 1/τ, c the
 * dominant logit, so the largest weight is exactly 1): ranks, ties and thresholds are those of
 * the computed doubles. Weights follow the keys sᵢ = sign(τ)·zᵢ, up to the rounding of exp: two
 * keys whose reduced exponents y = (s − s_max)/|τ| differ by more than 2⁻⁴⁰ give weights in the
 * same order (y is carried in double-double, to ~2⁻¹⁰⁰, and `expDD` is within an ulp), as long as
 * the weights are normal numbers. So the states whose y lies up to MARGIN = 2⁻³⁸ below a
 * boundary are candidates too (a handful at most), and their computed weights decide.
 * Thresholds are rounded down (`below`), so no rounding of the key arithmetic drops a state.
 *
 * Where that does not hold (a boundary weight below e⁻⁶⁹⁰) the functions return undefined and
 * the caller exponentiates everything.
 * @internal
 */

import { active, kernelTakes, weightsInto } from "./accel.js";
import { type Beta, LOGITS, plainWeights, type Spectrum } from "./kernel.js";
import { gatherRange, type RawList, selectByCount } from "./select.js";

/** How far below a boundary, in units of the reduced exponent y, candidates reach. */
const MARGIN = 2 ** -38;
/** Boundaries lower than this y fall back to the full vector (their weights may be subnormal). */
const LOWEST = -690;
/** A state with y ≥ PROBE has a weight > 0 (e⁻⁷⁰⁰ ≈ 1e−304). */
const PROBE = -700;

/** Sample size for the top-k floor; shorter vectors are gathered whole. */
const SAMPLE = 2048;
const sampleKeys = new Float64Array(SAMPLE);

/** Fills `sampleKeys` with the keys of SAMPLE states drawn at random (masked: −∞). */
function drawSample(S: Spectrum, K: Keys): void {
  let x = 0x2545f491;
  for (let j = 0; j < SAMPLE; j++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const v = S.values[(x >>> 0) % S.n] as number;
    sampleKeys[j] = v === Number.NEGATIVE_INFINITY ? v : K.sign * v;
  }
}

/**
 * A number ≤ ref + offset exactly, for ref finite and offset ≤ 0 (both rounded): the sum
 * lowered by far more than its rounding errors could raise it.
 */
export function below(ref: number, offset: number): number {
  return ref + offset - (Math.abs(ref) + Math.abs(offset)) * 2 ** -49 - 4 * Number.MIN_VALUE;
}

/** The key-space view of a validated vector at a finite temperature. */
interface Keys {
  readonly sign: number;
  /** |τ|. */
  readonly tau: number;
  /** The largest and smallest keys (active states). */
  readonly top: number;
  readonly bottom: number;
}

function keysOf(S: Spectrum, B: Beta): Keys {
  const tau = Math.abs(B.tau);
  return B.sign > 0
    ? { sign: 1, tau, top: S.hi, bottom: S.lo }
    : { sign: -1, tau, top: -S.lo, bottom: -S.hi };
}

/** The active states with key ≥ g, as a list of logits in index order. */
function gatherKeys(S: Spectrum, K: Keys, g: number, expected: number): RawList {
  const from = Math.max(g, K.bottom);
  return K.sign > 0
    ? gatherRange(S.values, from, Number.POSITIVE_INFINITY, expected)
    : gatherRange(S.values, S.lo, -from, expected);
}

/** The weights of listed logits (bit for bit the kernel's), as a list in the same order. */
function weighted(S: Spectrum, B: Beta, list: RawList): RawList {
  const c = B.sign > 0 ? S.hi : S.lo;
  const w = new Float64Array(list.length);
  const K = active();
  // Many candidates (min-p): on the WebAssembly kernel when it takes the call (the same bits).
  if (K !== undefined && list.length > 512 && kernelTakes(B)) {
    weightsInto(K, list.values.subarray(0, list.length), B, c, w);
  } else {
    plainWeights(list.values, list.length, LOGITS, c, c * B.s1 * B.s2, B, w);
  }
  return { values: w, index: list.index, length: list.length };
}

/**
 * A superset of the k states of largest weight (and of every state tied with the k-th), at
 * least k of them, each of weight > 0; undefined when the k-th weight may be subnormal.
 * Requires B.kind FINITE and 1 ≤ k < S.active. The pool starts above the r-th largest key of a
 * random sample (with overwhelming probability below the k-th key of the vector); a pool that
 * falls short is gathered again, whole, which only costs time.
 */
export function candidatesByCount(S: Spectrum, B: Beta, k: number): RawList | undefined {
  const K = keysOf(S, B);
  const n = S.n;
  let g = Number.NEGATIVE_INFINITY;
  let expected = n;
  const e = (SAMPLE * k) / n;
  const r = Math.ceil(e + 4 * Math.sqrt(e) + 4);
  if (n > 4 * SAMPLE && r < SAMPLE) {
    drawSample(S, K);
    g = selectByCount(sampleKeys, SAMPLE, r).t;
    expected = (1.5 * r * n) / SAMPLE + 64;
  }
  for (;;) {
    const list = gatherKeys(S, K, g, expected);
    const { values, index, length } = list;
    if (length < k) {
      g = Number.NEGATIVE_INFINITY;
      continue;
    }
    // The k-th largest key, and the lowest key a state tied with it in weight can have.
    const keys = new Float64Array(length);
    for (let j = 0; j < length; j++) keys[j] = K.sign * (values[j] as number);
    const t = selectByCount(keys, length, k).t;
    const floor = below(t, -MARGIN * K.tau);
    if (g > floor) {
      g = floor;
      continue;
    }
    if (K.top - t > -LOWEST * K.tau) return undefined;
    // Only the states at or above the floor, in place.
    let m = 0;
    for (let j = 0; j < length; j++) {
      const v = values[j] as number;
      values[m] = v;
      index[m] = index[j] as number;
      m += +(K.sign * v >= floor);
    }
    return weighted(S, B, { values, index, length: m });
  }
}

/**
 * A superset of the states with weight ≥ minP (the largest weight being 1), each of weight > 0;
 * undefined when minP is below e⁻⁶⁹⁰. Requires B.kind FINITE and 0 < minP ≤ 1. One pass: the
 * threshold is known before anything is computed, y ≥ ln minP.
 */
export function candidatesByValue(S: Spectrum, B: Beta, minP: number): RawList | undefined {
  const y = Math.log(minP);
  if (!(y >= LOWEST)) return undefined;
  const K = keysOf(S, B);
  const g = below(K.top, (y - MARGIN) * K.tau);
  // Room for the share of a sample above g, and a margin.
  let share = 1;
  if (S.n > 4 * SAMPLE) {
    drawSample(S, K);
    let count = 0;
    for (let j = 0; j < SAMPLE; j++) count += +((sampleKeys[j] as number) >= g);
    share = count / SAMPLE;
  }
  return weighted(S, B, gatherKeys(S, K, g, 1.2 * share * S.n + 1024));
}

/**
 * True when some active state besides the `count` candidates (which lie above y = −690) has a
 * weight > 0 for certain; false when every other state may have weight 0, which only the full
 * vector can tell.
 */
export function positiveLeftOut(S: Spectrum, B: Beta, count: number): boolean {
  if (S.active === count) return false;
  const K = keysOf(S, B);
  const probe = K.top + PROBE * K.tau;
  if (!(K.bottom < probe)) return true;
  let above = 0;
  for (let i = 0; i < S.n; i++) {
    const v = S.values[i] as number;
    above += +(K.sign * v >= probe) & +(v > Number.NEGATIVE_INFINITY);
  }
  return above > count;
}
