/**
 * Order statistics of a probability vector in expected linear time: the value at a given rank
 * (how many states, for top-k), at a given cumulative mass (for top-p) or above a threshold (for
 * min-p), counted from the most probable down, without sorting.
 *
 * By rank: quickselect with three-way partitions and random pivots (expected linear; ties cost
 * nothing). By mass, two stages. First a radix histogram on the leading bits of each double (its
 * exponent and three mantissa bits: 8192 buckets, each a factor 2^(1/8) wide, in one pass),
 * which finds the one bucket the cut lies in. Then the elements of that bucket (usually well
 * under 1% of the vector) are gathered and resolved by quickselect. Masses are exact: the values
 * of one bucket share their binary exponent, so the plain sums of their Veltkamp halves (26 and
 * 27 bits) are exact for up to 2²⁶ terms, and buckets are combined in double-double. A cut
 * therefore does not depend on the order in which anything was summed.
 *
 * Positive doubles order like their bit patterns, so a bucket key is the high word shifted; a
 * probability (or a weight, the largest being 1) is at most 1, so the key is below 8192. Zeros
 * (masked or filtered states) never count.
 * @internal
 */

import { productError } from "./float.js";

const BUCKETS = 8192;
const SHIFT = 17;
/** Which 32-bit word of a double holds its sign, exponent and leading mantissa bits. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const counts = new Int32Array(BUCKETS);
/** Each bucket's mass as two plain sums, of the high and low halves (Veltkamp) of its values. */
const bucketHi = new Float64Array(BUCKETS);
const bucketLo = new Float64Array(BUCKETS);
const floorView = new DataView(new ArrayBuffer(8));

/** The smallest double whose bucket is b (+Infinity past the last bucket). */
function bucketFloor(b: number): number {
  if (b >= BUCKETS) return Number.POSITIVE_INFINITY;
  floorView.setUint32(0, b << SHIFT);
  floorView.setUint32(4, 0);
  return floorView.getFloat64(0);
}

/** High words of the doubles of `values` (little- or big-endian). */
function highWords(values: Float64Array, length: number): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, 2 * length);
}

/** A list of states: their probabilities (all > 0) and their indices, in increasing index. */
export interface RawList {
  readonly values: Float64Array;
  readonly index: Int32Array;
  readonly length: number;
}

/** A list of states with its mass Σ values as a double-double (exact to ~2⁻¹⁰⁰). */
export interface StateList extends RawList {
  readonly massHi: number;
  readonly massLo: number;
}

/** A list too short to hold a filter's answer: the caller widens it. */
export const SHORT = null;
/** What a cut gives: the kept states, undefined when it keeps the whole list, or SHORT. */
export type CutResult = StateList | undefined | typeof SHORT;

/**
 * The states of a prefix of the order "most probable first, ties by lower index": every state
 * with p > t, and the first `quota` states (by index) with p = t (Infinity: all of them).
 */
export interface Cut {
  readonly t: number;
  readonly quota: number;
}

/** v split into a 26-bit high half (returned) and the exact remainder v − high. */
function highHalf(v: number): number {
  const s = 134217729 * v;
  return s - (s - v);
}

/** (ah + al) − (bh + bl) ≥ 0, decided exactly enough for double-doubles. */
function ddAtLeast(ah: number, al: number, bh: number, bl: number): boolean {
  const d = ah - bh;
  const bb = d - ah;
  const e = ah - (d - bb) + (-bh - bb);
  return d + (e + (al - bl)) >= 0;
}

/** (ah + al) + (bh + bl) as a double-double. */
function plus(ah: number, al: number, bh: number, bl: number): [number, number] {
  const s = ah + bh;
  const bb = s - ah;
  const e = ah - (s - bb) + (bh - bb) + al + bl;
  const h = s + e;
  return [h, e - (h - s)];
}

/** j·v as a double-double (Dekker's product; exact for j < 2⁵³). */
function times(j: number, v: number): [number, number] {
  const p = j * v;
  return [p, productError(j, v, p)];
}

/** A small deterministic generator for pivots: expected linear time on every input. */
let seed = 0x9e3779b9;
function pivotIndex(lo: number, hi: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return lo + ((seed >>> 0) % (hi - lo));
}

/** The mass of the values moved to the front by the last `partition`, as two exact sums. */
let greaterHi = 0;
let greaterLo = 0;

/**
 * Partitions c[lo, hi) around the value `pivot` into [lo, gt) > pivot, [gt, lt) = pivot and
 * [lt, hi) < pivot; returns [gt, lt] and leaves the mass of the first part in greaterHi/Lo
 * (exact when the values share their binary exponent, as a bucket's do).
 */
function partition(c: Float64Array, lo: number, hi: number, pivot: number): [number, number] {
  let gt = lo;
  let i = lo;
  let lt = hi;
  let sh = 0;
  let sl = 0;
  while (i < lt) {
    const v = c[i] as number;
    if (v > pivot) {
      c[i] = c[gt] as number;
      c[gt] = v;
      gt++;
      i++;
      const h = highHalf(v);
      sh += h;
      sl += v - h;
    } else if (v < pivot) {
      lt--;
      c[i] = c[lt] as number;
      c[lt] = v;
    } else {
      i++;
    }
  }
  greaterHi = sh;
  greaterLo = sl;
  return [gt, lt];
}

/**
 * The k-th largest of c[0, len) (1 ≤ k ≤ len) and how many of the values equal to it are within
 * the k largest. Reorders c.
 */
export function selectByCount(c: Float64Array, len: number, k: number): Cut {
  let lo = 0;
  let hi = len;
  let need = k;
  for (;;) {
    const pivot = c[pivotIndex(lo, hi)] as number;
    const [gt, lt] = partition(c, lo, hi, pivot);
    const above = gt - lo;
    if (above >= need) {
      hi = gt;
      continue;
    }
    if (above + (lt - gt) >= need) return { t: pivot, quota: need - above };
    need -= lt - lo;
    lo = lt;
  }
}

/**
 * The smallest prefix of c[0, len), in decreasing order, whose mass reaches `needHi + needLo`
 * (a double-double > 0): its last value t and how many values equal to t it takes; everything
 * (t = min, quota = Infinity) when even the whole of c falls short. The values must share their
 * binary exponent (one bucket), so every partial sum is exact. Reorders c.
 */
export function selectByMass(c: Float64Array, len: number, needHi: number, needLo: number): Cut {
  let lo = 0;
  let hi = len;
  let nh = needHi;
  let nl = needLo;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < len; i++) if ((c[i] as number) < smallest) smallest = c[i] as number;
  for (;;) {
    if (lo >= hi) return { t: smallest, quota: Number.POSITIVE_INFINITY };
    const pivot = c[pivotIndex(lo, hi)] as number;
    const [gt, lt] = partition(c, lo, hi, pivot);
    const [gh, gl] = plus(greaterHi, 0, greaterLo, 0);
    if (ddAtLeast(gh, gl, nh, nl)) {
      hi = gt;
      continue;
    }
    // The equal part: j·pivot for j = 1 … lt − gt, exactly.
    const count = lt - gt;
    const [eh, el] = times(count, pivot);
    const [th, tl] = plus(gh, gl, eh, el);
    if (ddAtLeast(th, tl, nh, nl)) {
      // The smallest j with gh + gl + j·pivot ≥ need: the estimate, then a step either way.
      const [rh, rl] = plus(nh, nl, -gh, -gl);
      let j = Math.max(1, Math.min(count, Math.ceil((rh + rl) / pivot)));
      while (j > 1 && reaches(gh, gl, j - 1, pivot, nh, nl)) j--;
      while (j < count && !reaches(gh, gl, j, pivot, nh, nl)) j++;
      return { t: pivot, quota: j };
    }
    [nh, nl] = plus(nh, nl, -th, -tl);
    lo = lt;
  }
}

function reaches(gh: number, gl: number, j: number, v: number, nh: number, nl: number): boolean {
  const [eh, el] = times(j, v);
  const [th, tl] = plus(gh, gl, eh, el);
  return ddAtLeast(th, tl, nh, nl);
}

/** Counts and exact masses of the list's values by bucket. */
function histogram(list: RawList): void {
  const { values, length } = list;
  const words = highWords(values, length);
  counts.fill(0);
  bucketHi.fill(0);
  bucketLo.fill(0);
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    const b = (words[2 * i + HI] as number) >>> SHIFT;
    counts[b] = (counts[b] as number) + 1;
    const h = highHalf(v);
    bucketHi[b] = (bucketHi[b] as number) + h;
    bucketLo[b] = (bucketLo[b] as number) + (v - h);
  }
}

/** The bucket of a positive double (its high word's leading bits). */
function bucketOf(v: number): number {
  floorView.setFloat64(0, v);
  return floorView.getUint32(0) >>> SHIFT;
}

/**
 * The listed states with p > t and the first `quota` of those with p = t (in index order, so
 * ties go to the lower index); undefined when that is the whole list. Branch-free but for the
 * ties. `inPlace` reuses the list's arrays (the list is then consumed).
 */
function keep(list: RawList, t: number, quota: number, inPlace: boolean): CutResult {
  const { values, index, length } = list;
  const outV = inPlace ? values : new Float64Array(length);
  const outI = inPlace ? index : new Int32Array(length);
  let q = quota;
  let m = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    outV[m] = v; // m ≤ i: in place, this never overwrites a state not yet read
    outI[m] = index[i] as number;
    if (v === t) {
      if (q > 0) {
        q--;
        m++;
      }
    } else {
      m += +(v > t);
    }
  }
  if (m === length) return undefined;
  return withMass({ values: outV.subarray(0, m), index: outI.subarray(0, m), length: m });
}

/**
 * The k most probable listed states (ties at the k-th by lower index, or every tie with
 * `keepTies`); undefined when that is the whole list, SHORT when the list has fewer than k.
 * Quickselect on a copy of the values, then one pass.
 */
export function cutByCount(
  list: RawList,
  k: number,
  keepTies: boolean,
  inPlace = false,
): CutResult {
  if (list.length < k) return SHORT;
  if (list.length === k) return undefined;
  const { t, quota } = selectByCount(list.values.slice(0, list.length), list.length, k);
  return keep(list, t, keepTies ? Number.POSITIVE_INFINITY : quota, inPlace);
}

/**
 * The smallest set of most probable listed states whose mass reaches `target` (ties at the
 * boundary by lower index); undefined when that is the whole list, SHORT when even the whole
 * list falls short of the target. The buckets are scanned from the top, with their exact
 * masses, to the one where the mass reaches the target; `selectByMass` resolves the cut among
 * that bucket's values.
 */
export function cutByMass(list: RawList, target: number, inPlace = false): CutResult {
  histogram(list);
  let mh = 0;
  let ml = 0;
  for (let b = BUCKETS - 1; b >= 0; b--) {
    if ((counts[b] as number) === 0) continue;
    const [h1, l1] = plus(mh, ml, bucketHi[b] as number, 0);
    const [h2, l2] = plus(h1, l1, bucketLo[b] as number, 0);
    if (ddAtLeast(h2, l2, target, 0)) {
      // The bucket's values, and the cut among them.
      const { values, length } = list;
      const vLo = b === 0 ? Number.MIN_VALUE : bucketFloor(b);
      const vHi = bucketFloor(b + 1);
      const cand = new Float64Array(counts[b] as number);
      let c = 0;
      for (let i = 0; i < length; i++) {
        const v = values[i] as number;
        if (v < vHi && v >= vLo) cand[c++] = v;
      }
      const [nh, nl] = plus(target, 0, -mh, -ml);
      const { t, quota } = selectByMass(cand, c, nh, nl);
      return keep(list, t, quota, inPlace);
    }
    mh = h2;
    ml = l2;
  }
  return SHORT;
}

/** The listed states with p ≥ threshold (> 0); undefined when that is the whole list. */
export function cutByValue(list: RawList, threshold: number, inPlace = false): CutResult {
  return keep(list, threshold, Number.POSITIVE_INFINITY, inPlace);
}

/** The list with its mass (TwoSum in two lanes). */
export function withMass(list: RawList): StateList {
  const { values, length } = list;
  let h0 = 0;
  let l0 = 0;
  let h1 = 0;
  let l1 = 0;
  let j = 0;
  for (; j + 1 < length; j += 2) {
    const a = values[j] as number;
    const s = h0 + a;
    let bb = s - h0;
    l0 += h0 - (s - bb) + (a - bb);
    h0 = s;
    const c = values[j + 1] as number;
    const u = h1 + c;
    bb = u - h1;
    l1 += h1 - (u - bb) + (c - bb);
    h1 = u;
  }
  if (j < length) {
    const a = values[j] as number;
    const s = h0 + a;
    const bb = s - h0;
    l0 += h0 - (s - bb) + (a - bb);
    h0 = s;
  }
  const [massHi, massLo] = plus(h0, l0, h1, l1);
  return { ...list, massHi, massLo };
}

/** Pieces of the vector are gathered here first: fixed buffers V8 can address without checks. */
const PIECE = 16384;
const pieceV = new Float64Array(PIECE);
const pieceI = new Int32Array(PIECE);

/**
 * The states of a dense vector with lo ≤ vᵢ ≤ hi, as a list in index order, with room for
 * `expected` of them first. Branch-free (every state is written at the next free slot, which
 * advances only when it is kept: a branch would be mispredicted for a pool of a few percent),
 * piece by piece through fixed buffers; with hi = +∞, one comparison per state.
 */
export function gatherRange(
  values: Float64Array | Float32Array,
  lo: number,
  hi: number,
  expected: number,
): RawList {
  const length = values.length;
  let outV = new Float64Array(Math.min(length, expected));
  let outI = new Int32Array(outV.length);
  let total = 0;
  for (let i0 = 0; i0 < length; i0 += PIECE) {
    const i1 = Math.min(length, i0 + PIECE);
    let m = 0;
    if (hi === Number.POSITIVE_INFINITY) {
      for (let i = i0; i < i1; i++) {
        const v = values[i] as number;
        pieceV[m] = v;
        pieceI[m] = i;
        m += +(v >= lo);
      }
    } else {
      for (let i = i0; i < i1; i++) {
        const v = values[i] as number;
        pieceV[m] = v;
        pieceI[m] = i;
        m += +(v >= lo) & +(v <= hi);
      }
    }
    if (total + m > outV.length) {
      let capacity = Math.max(1024, 2 * outV.length);
      while (capacity < total + m) capacity *= 2;
      const grownV = new Float64Array(capacity);
      const grownI = new Int32Array(capacity);
      grownV.set(outV.subarray(0, total));
      grownI.set(outI.subarray(0, total));
      outV = grownV;
      outI = grownI;
    }
    outV.set(pieceV.subarray(0, m), total);
    outI.set(pieceI.subarray(0, m), total);
    total += m;
  }
  return { values: outV.subarray(0, total), index: outI.subarray(0, total), length: total };
}

/** The states of a dense vector with p ≥ floor (and p > 0), as a list in index order. */
export function gatherAtLeast(values: Float64Array, floor: number): RawList {
  const vLo = Math.max(floor, Number.MIN_VALUE);
  // Room for the share of the sample at or above the floor (when it was sampled), and a margin.
  const share = vLo === sampledFloor ? sampledShare : 1;
  return gatherRange(values, vLo, Number.POSITIVE_INFINITY, 1.2 * share * values.length + 1024);
}

/** How many states of a dense vector have 0 < p < floor. */
export function countBelow(values: Float64Array, length: number, floor: number): number {
  let count = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    if (v < floor && v > 0) count++;
  }
  return count;
}

/** Sample size for the floor below; shorter vectors are gathered whole. */
const SAMPLE = 2048;
const sampleCounts = new Int32Array(BUCKETS);
const sampleMass = new Float64Array(BUCKETS);
const sampleSquares = new Float64Array(BUCKETS);
/** The last floor computed from a sample, and the share of the sample at or above it. */
let sampledFloor = -1;
let sampledShare = 1;

/**
 * A floor such that the states at or above it very probably carry a mass of at least `target`
 * (of `total`): from a random sample (with replacement, from a generator reset per call) by
 * bucket, the highest bucket floor whose estimated mass below, plus four standard errors, stays
 * under total − target. States below a floor are bounded by it, so the estimate is well
 * behaved; heavy states, which a sample may miss, lie above it and are gathered exactly.
 */
export function massFloor(
  values: Float64Array,
  length: number,
  target: number,
  total: number,
): number {
  const slack = total - target;
  if (length <= 4 * SAMPLE || !(slack > 0)) return 0;
  sampleCounts.fill(0);
  sampleMass.fill(0);
  sampleSquares.fill(0);
  let x = 0x2545f491;
  let left = 0;
  for (let j = 0; j < SAMPLE; j++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const v = values[(x >>> 0) % length] as number;
    if (!(v > 0)) continue;
    const b = bucketOf(v);
    sampleCounts[b] = (sampleCounts[b] as number) + 1;
    sampleMass[b] = (sampleMass[b] as number) + v;
    sampleSquares[b] = (sampleSquares[b] as number) + v * v;
    left++;
  }
  const scale = length / SAMPLE;
  let below = 0;
  let squares = 0;
  let floor = 0;
  let share = left;
  for (let b = 0; b < BUCKETS; b++) {
    if (scale * (below + 4 * Math.sqrt(squares)) > slack) break;
    const count = sampleCounts[b] as number;
    if (count === 0) continue;
    floor = bucketFloor(b);
    share = left;
    left -= count;
    below += sampleMass[b] as number;
    squares += sampleSquares[b] as number;
  }
  sampledFloor = Math.max(floor, Number.MIN_VALUE);
  sampledShare = share / SAMPLE;
  return floor;
}
