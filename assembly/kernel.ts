/**
 * The WebAssembly SIMD kernel of gibbs-softmax (AssemblyScript, compiled by `npm run build:wasm`
 * into src/internal/wasm/kernel.ts).
 *
 * It holds the hot loops of the library, written for two f64 lanes (four f32 lanes for the
 * single-precision softmax): the validation scan; the weights of softmax, logSoftmax and
 * log-sum-exp at any finite temperature (`plainWeights` in src/internal/kernel.ts); the
 * normalisation (`normalize`); the single-precision softmax (src/internal/f32.ts); and the fused
 * sweep's moments (src/sweep/fused.ts). Every operation mirrors the JavaScript
 * path in the same order, with the same table and the same constants, and the JavaScript path
 * sums in the same two interleaved lanes (even indices in lane 0, odd in lane 1), so both paths
 * give identical bits: test/wasm.test.ts checks that on random and hostile inputs, and every
 * accuracy test runs on both. IEEE 754 add, sub, mul and div are correctly rounded in both
 * JavaScript and WebAssembly, and neither contracts a·b + c into a fused multiply-add.
 *
 * The JavaScript side (src/internal/accel.ts) copies the data through two buffers of CHUNK
 * elements (in pieces of 32 768 when the input is longer), so the module's memory stays small
 * whatever the input size. The table of
 * 2^(j/256) (hi, lo interleaved) is written into TABLE by the JavaScript side from the same
 * arrays the JavaScript exp uses. Exponents below −708, where the result is subnormal, call the
 * host's Math.exp, exactly as the JavaScript path does.
 */

@external("env", "exp")
declare function hostExp(x: f64): f64;

/**
 * Layout of linear memory (bytes). CHUNK must stay a multiple of 4 (the lanes follow the
 * index). 131 072 elements covers the vocabularies of current language models in one chunk,
 * so a row is copied in once and out once; the two buffers take 2 MB.
 */
const TABLE: usize = 1024;
const CHUNK: i32 = 131072;
const IN: usize = 8192;
const OUT: usize = IN + <usize>CHUNK * 8;

export function chunkSize(): i32 {
  return CHUNK;
}
export function inPtr(): usize {
  return IN;
}
export function outPtr(): usize {
  return OUT;
}
export function tablePtr(): usize {
  return TABLE;
}

// ---- The validation scan: min, max, and whether anything is NaN or infinite ------------------

let scanLo: v128 = f64x2.splat(Infinity);
let scanHi: v128 = f64x2.splat(-Infinity);
let scanSpecial: v128 = f64x2.splat(0);

export function scanReset(): void {
  scanLo = f64x2.splat(Infinity);
  scanHi = f64x2.splat(-Infinity);
  scanSpecial = f64x2.splat(0);
}

/** Min, max and x − x (NaN exactly for NaN and ±∞) over len f64 values at IN. */
export function scanF64(len: i32): void {
  let lo = scanLo;
  let hi = scanHi;
  let sp = scanSpecial;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const a = v128.load(IN + (<usize>i << 3));
    const b = v128.load(IN + (<usize>i << 3), 16);
    lo = f64x2.pmin(lo, f64x2.pmin(a, b));
    hi = f64x2.pmax(hi, f64x2.pmax(a, b));
    sp = f64x2.add(sp, f64x2.add(f64x2.sub(a, a), f64x2.sub(b, b)));
  }
  for (; i < len; i++) {
    const a = f64x2.splat(load<f64>(IN + (<usize>i << 3)));
    lo = f64x2.min(lo, a);
    hi = f64x2.max(hi, a);
    sp = f64x2.add(sp, f64x2.sub(a, a));
  }
  scanLo = lo;
  scanHi = hi;
  scanSpecial = sp;
}

/** The same over len f32 values at IN, four lanes at a time (f32 → f64 is exact). */
export function scanF32(len: i32): void {
  let lo = f32x4.splat(Infinity);
  let hi = f32x4.splat(-Infinity);
  let sp = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const a = v128.load(IN + (<usize>i << 2));
    const b = v128.load(IN + (<usize>i << 2), 16);
    lo = f32x4.pmin(lo, f32x4.pmin(a, b));
    hi = f32x4.pmax(hi, f32x4.pmax(a, b));
    sp = f32x4.add(sp, f32x4.add(f32x4.sub(a, a), f32x4.sub(b, b)));
  }
  for (; i < len; i++) {
    const a = f32x4.splat(load<f32>(IN + (<usize>i << 2)));
    lo = f32x4.min(lo, a);
    hi = f32x4.max(hi, a);
    sp = f32x4.add(sp, f32x4.sub(a, a));
  }
  const lo2 = f32x4.min(lo, v128.shuffle<f32>(lo, lo, 2, 3, 0, 1));
  const hi2 = f32x4.max(hi, v128.shuffle<f32>(hi, hi, 2, 3, 0, 1));
  const sp2 = f32x4.add(sp, v128.shuffle<f32>(sp, sp, 2, 3, 0, 1));
  scanLo = f64x2.min(scanLo, f64x2.promote_low_f32x4(lo2));
  scanHi = f64x2.max(scanHi, f64x2.promote_low_f32x4(hi2));
  scanSpecial = f64x2.add(scanSpecial, f64x2.promote_low_f32x4(sp2));
}

export function scanMin(): f64 {
  return min(f64x2.extract_lane(scanLo, 0), f64x2.extract_lane(scanLo, 1));
}
export function scanMax(): f64 {
  return max(f64x2.extract_lane(scanHi, 0), f64x2.extract_lane(scanHi, 1));
}
/** 1 when some value was NaN or ±∞. */
export function scanSpecialFound(): i32 {
  return i32(
    f64x2.extract_lane(scanSpecial, 0) + f64x2.extract_lane(scanSpecial, 1) != 0,
  );
}

// ---- The exponential: Tang's table method, exactly as src/internal/exp.ts -----------------------

const N_INV_LN2: f64 = 256 / 0.6931471805599453;
const L1: f64 = 0.6931471803691238 / 256;
const L2: f64 = 1.9082149292705877e-10 / 256;
const SHIFT: f64 = 6755399441055744;
const C3: f64 = 0.16666666666666666;
const C4: f64 = 0.041666666666666664;
const C5: f64 = 0.008333333333333333;

/** Scalar exp(h + l) for h + l in [−708, 709]: src/internal/exp.ts `tableExp`, step by step. */
@inline
function tableExp(h: f64, l: f64): f64 {
  const t2 = h * N_INV_LN2 + SHIFT;
  const kd = t2 - SHIFT;
  const k = <i32>(reinterpret<i64>(t2) - reinterpret<i64>(SHIFT));
  const r = h - kd * L1 - kd * L2 + l;
  const p = r + r * r * (0.5 + r * (C3 + r * (C4 + r * C5)));
  const j = <usize>(k & 255);
  const t = load<f64>(TABLE + (j << 4));
  const tl = load<f64>(TABLE + (j << 4), 8);
  const scale = reinterpret<f64>(<i64>((k >> 8) + 1023) << 52);
  return (t + (tl + t * p)) * scale;
}

/** src/internal/exp.ts `expDD`: the table in range, the host's Math.exp outside it. */
function expDD(h: f64, l: f64): f64 {
  if (!(h >= -708 && h <= 709)) {
    if (h < -745.2) return 0;
    const e = hostExp(h);
    return e == 0 || !isFinite(e) ? e : e + e * l;
  }
  return tableExp(h, l);
}

/**
 * Vector constants, stored in memory by `init` and loaded into locals before each loop. Written
 * as literals, they would be rebuilt from immediates on every iteration (V8 does not hoist
 * them), which costs more than the arithmetic.
 */
const CONSTS: usize = 256;

export function init(): void {
  store<f64>(CONSTS, N_INV_LN2);
  store<f64>(CONSTS, SHIFT, 8);
  store<f64>(CONSTS, L1, 16);
  store<f64>(CONSTS, L2, 24);
  store<f64>(CONSTS, C3, 32);
  store<f64>(CONSTS, C4, 40);
  store<f64>(CONSTS, C5, 48);
  store<f64>(CONSTS, 0.5, 56);
  store<i64>(CONSTS, 1 << 20, 64);
  store<i64>(CONSTS, 0xff0, 72);
  store<f64>(CONSTS, -708, 80);
}

/**
 * Two lanes of tableExp; the caller has checked both h in [−708, 709]. The integer parts work
 * on the bits of t2 = h·N/ln2 + 1.5·2^52, which are 0x4338000000000000 + k:
 * - the table offset 16·(k & 255) is (bits << 4) & 0xFF0, taken out of the vector as is;
 * - 2^(k >> 8) is applied by adding (k >> 8) << 52 to the result's bits, which equals the
 *   multiplication by 2^(k >> 8) exactly because the result stays normal (h ≥ −708); and
 *   ((bits + 2^20) >>> 8) << 52 is that shift, since k + 2^20 > 0 cannot carry into the
 *   constant's bits and the constant's part shifts out.
 */
@inline
function tableExp2(
  h: v128,
  l: v128,
  kN: v128,
  kShift: v128,
  kL1: v128,
  kL2: v128,
  kC3: v128,
  kC4: v128,
  kC5: v128,
  kHalf: v128,
  kBias: v128,
  kMask: v128,
): v128 {
  const t2 = f64x2.add(f64x2.mul(h, kN), kShift);
  const kd = f64x2.sub(t2, kShift);
  const r = f64x2.add(f64x2.sub(f64x2.sub(h, f64x2.mul(kd, kL1)), f64x2.mul(kd, kL2)), l);
  let q = f64x2.add(kC4, f64x2.mul(r, kC5));
  q = f64x2.add(kC3, f64x2.mul(r, q));
  q = f64x2.add(kHalf, f64x2.mul(r, q));
  const p = f64x2.add(r, f64x2.mul(f64x2.mul(r, r), q));
  const off = v128.and(i64x2.shl(t2, 4), kMask);
  const e0 = v128.load(TABLE + <usize>i64x2.extract_lane(off, 0));
  const e1 = v128.load(TABLE + <usize>i64x2.extract_lane(off, 1));
  const t = v128.shuffle<f64>(e0, e1, 0, 2);
  const tl = v128.shuffle<f64>(e0, e1, 1, 3);
  const shift = i64x2.shl(i64x2.shr_u(i64x2.add(t2, kBias), 8), 52);
  return i64x2.add(f64x2.add(t, f64x2.add(tl, f64x2.mul(t, p))), shift);
}

// ---- Weights at unit temperature: wᵢ = exp(xᵢ − c) with (xᵢ − c) in double-double -------------

/** Lane sums (hi, lo), each lane started at 1: see `plainWeights` in src/internal/kernel.ts. */
let sumH: v128 = f64x2.splat(1);
let sumL: v128 = f64x2.splat(0);

export function sumReset(): void {
  sumH = f64x2.splat(1);
  sumL = f64x2.splat(0);
}
export function sumHi(lane: i32): f64 {
  return lane == 0 ? f64x2.extract_lane(sumH, 0) : f64x2.extract_lane(sumH, 1);
}
export function sumLo(lane: i32): f64 {
  return lane == 0 ? f64x2.extract_lane(sumL, 0) : f64x2.extract_lane(sumL, 1);
}

/**
 * The parameters of a temperature other than 1 (src/internal/kernel.ts `Beta`), written by
 * `setBeta`: b = 1/τ as bh + bl with bh's Veltkamp split bhh + bhl, s12 = 2^−k the power of two
 * that keeps the data in range, cs = c·2^−k, and whether the data are scaled before the
 * subtraction (|τ| ≥ 2), and the masked value (−∞ for logits, +∞ for energies).
 */
const BETA: usize = 128;

export function setBeta(
  pre: i32,
  s12: f64,
  cs: f64,
  bh: f64,
  bl: f64,
  bhh: f64,
  bhl: f64,
  mask: f64,
): void {
  store<f64>(BETA, pre ? 1 : 0);
  store<f64>(BETA, s12, 8);
  store<f64>(BETA, cs, 16);
  store<f64>(BETA, bh, 24);
  store<f64>(BETA, bl, 32);
  store<f64>(BETA, bhh, 40);
  store<f64>(BETA, bhl, 48);
  store<f64>(BETA, -cs, 56);
  store<f64>(BETA, mask, 64);
}

const SPLITTER: f64 = 134217729;

/**
 * One weight, scalar, for the lanes the vector loop cannot take (tail, subnormal results,
 * masked states): `plainWeights` in src/internal/kernel.ts, step by step.
 */
@inline
function weight(x: f64, c: f64, unit: bool): f64 {
  // Unit temperature serves logits only (masked at −∞); otherwise the mask is set by setBeta.
  if (x == (unit ? -Infinity : load<f64>(BETA, 64))) return 0;
  if (unit) {
    const dh = x - c;
    const bb = dh - x;
    const dl = x - (dh - bb) + (-c - bb);
    return expDD(dh, dl);
  }
  const s12 = load<f64>(BETA, 8);
  let dh: f64;
  let dl: f64;
  if (load<f64>(BETA) != 0) {
    const cs = load<f64>(BETA, 16);
    const xs = x * s12;
    dh = xs - cs;
    const bb = dh - xs;
    dl = xs - (dh - bb) + (-cs - bb);
  } else {
    const d = x - c;
    const bb = d - x;
    dl = x - (d - bb) + (-c - bb);
    dh = d * s12;
    dl = dl * s12;
  }
  const bh = load<f64>(BETA, 24);
  const bl = load<f64>(BETA, 32);
  const bhh = load<f64>(BETA, 40);
  const bhl = load<f64>(BETA, 48);
  const p = dh * bh;
  if (!(p > -1e4)) return 0;
  const sp = SPLITTER * dh;
  const ah = sp - (sp - dh);
  const al = dh - ah;
  const lo = ah * bhh - p + ah * bhl + al * bhh + al * bhl + (dh * bl + dl * bh);
  return expDD(p, lo);
}

/**
 * The vector loop over pairs [i, end) until a pair has an exponent below −708 (a subnormal or
 * zero weight, or a masked state): returns where it stopped. Nothing in it calls out, so the
 * engine keeps every value in registers; the rare pair goes through `slowPair`.
 * Input kinds: 1 f64, 2 f32. Output kinds: 0 none (log-sum-exp), 1 f64 at OUT, 2 f32 at OUT.
 */
@inline
function fastPairs(i: i32, end: i32, c: f64, inKind: i32, outKind: i32, unit: bool): i32 {
  const cv = f64x2.splat(c);
  const ncv = f64x2.splat(-c);
  const pre = load<f64>(BETA) != 0;
  const s12 = v128.load64_splat(BETA, 8);
  const csv = v128.load64_splat(BETA, 16);
  const bh = v128.load64_splat(BETA, 24);
  const bl = v128.load64_splat(BETA, 32);
  const bhh = v128.load64_splat(BETA, 40);
  const bhl = v128.load64_splat(BETA, 48);
  const ncsv = v128.load64_splat(BETA, 56);
  const split = f64x2.splat(SPLITTER);
  const high = f64x2.splat(709);
  const low = v128.load64_splat(CONSTS, 80);
  const kN = v128.load64_splat(CONSTS);
  const kShift = v128.load64_splat(CONSTS, 8);
  const kL1 = v128.load64_splat(CONSTS, 16);
  const kL2 = v128.load64_splat(CONSTS, 24);
  const kC3 = v128.load64_splat(CONSTS, 32);
  const kC4 = v128.load64_splat(CONSTS, 40);
  const kC5 = v128.load64_splat(CONSTS, 48);
  const kHalf = v128.load64_splat(CONSTS, 56);
  const kBias = v128.load64_splat(CONSTS, 64);
  const kMask = v128.load64_splat(CONSTS, 72);
  let sh = sumH;
  let sl = sumL;
  // Two pairs per iteration (lane sums still in index order: i, then i + 2).
  for (; i + 4 <= end; i += 4) {
    let x0: v128;
    let x1: v128;
    if (inKind == 1) {
      x0 = v128.load(IN + (<usize>i << 3));
      x1 = v128.load(IN + (<usize>i << 3), 16);
    } else {
      const x = v128.load(IN + (<usize>i << 2));
      x0 = f64x2.promote_low_f32x4(x);
      x1 = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
    }
    let w0: v128;
    let w1: v128;
    if (unit) {
      const dh0 = f64x2.sub(x0, cv);
      const dh1 = f64x2.sub(x1, cv);
      if (i64x2.bitmask(v128.or(f64x2.lt(dh0, low), f64x2.lt(dh1, low))) != 0) break;
      let bb = f64x2.sub(dh0, x0);
      const dl0 = f64x2.add(f64x2.sub(x0, f64x2.sub(dh0, bb)), f64x2.sub(ncv, bb));
      bb = f64x2.sub(dh1, x1);
      const dl1 = f64x2.add(f64x2.sub(x1, f64x2.sub(dh1, bb)), f64x2.sub(ncv, bb));
      w0 = tableExp2(dh0, dl0, kN, kShift, kL1, kL2, kC3, kC4, kC5, kHalf, kBias, kMask);
      w1 = tableExp2(dh1, dl1, kN, kShift, kL1, kL2, kC3, kC4, kC5, kHalf, kBias, kMask);
    } else {
      // (x − c)/τ in double-double: TwoSum, the power-of-two scaling, Dekker's product.
      let dh0: v128;
      let dl0: v128;
      let dh1: v128;
      let dl1: v128;
      if (pre) {
        const xs0 = f64x2.mul(x0, s12);
        const xs1 = f64x2.mul(x1, s12);
        dh0 = f64x2.sub(xs0, csv);
        dh1 = f64x2.sub(xs1, csv);
        let bb = f64x2.sub(dh0, xs0);
        dl0 = f64x2.add(f64x2.sub(xs0, f64x2.sub(dh0, bb)), f64x2.sub(ncsv, bb));
        bb = f64x2.sub(dh1, xs1);
        dl1 = f64x2.add(f64x2.sub(xs1, f64x2.sub(dh1, bb)), f64x2.sub(ncsv, bb));
      } else {
        const d0 = f64x2.sub(x0, cv);
        const d1 = f64x2.sub(x1, cv);
        let bb = f64x2.sub(d0, x0);
        dl0 = f64x2.add(f64x2.sub(x0, f64x2.sub(d0, bb)), f64x2.sub(ncv, bb));
        bb = f64x2.sub(d1, x1);
        dl1 = f64x2.add(f64x2.sub(x1, f64x2.sub(d1, bb)), f64x2.sub(ncv, bb));
        dh0 = f64x2.mul(d0, s12);
        dh1 = f64x2.mul(d1, s12);
        dl0 = f64x2.mul(dl0, s12);
        dl1 = f64x2.mul(dl1, s12);
      }
      const p0 = f64x2.mul(dh0, bh);
      const p1 = f64x2.mul(dh1, bh);
      // Every lane in [−708, 709] (this also turns away masked states and NaN).
      const in0 = v128.and(f64x2.ge(p0, low), f64x2.le(p0, high));
      const in1 = v128.and(f64x2.ge(p1, low), f64x2.le(p1, high));
      if (i64x2.bitmask(v128.and(in0, in1)) != 3) break;
      let sp = f64x2.mul(split, dh0);
      let ah = f64x2.sub(sp, f64x2.sub(sp, dh0));
      let al = f64x2.sub(dh0, ah);
      let lo = f64x2.sub(f64x2.mul(ah, bhh), p0);
      lo = f64x2.add(f64x2.add(f64x2.add(lo, f64x2.mul(ah, bhl)), f64x2.mul(al, bhh)), f64x2.mul(al, bhl));
      const l0 = f64x2.add(lo, f64x2.add(f64x2.mul(dh0, bl), f64x2.mul(dl0, bh)));
      sp = f64x2.mul(split, dh1);
      ah = f64x2.sub(sp, f64x2.sub(sp, dh1));
      al = f64x2.sub(dh1, ah);
      lo = f64x2.sub(f64x2.mul(ah, bhh), p1);
      lo = f64x2.add(f64x2.add(f64x2.add(lo, f64x2.mul(ah, bhl)), f64x2.mul(al, bhh)), f64x2.mul(al, bhl));
      const l1 = f64x2.add(lo, f64x2.add(f64x2.mul(dh1, bl), f64x2.mul(dl1, bh)));
      w0 = tableExp2(p0, l0, kN, kShift, kL1, kL2, kC3, kC4, kC5, kHalf, kBias, kMask);
      w1 = tableExp2(p1, l1, kN, kShift, kL1, kL2, kC3, kC4, kC5, kHalf, kBias, kMask);
    }
    if (outKind == 1) {
      v128.store(OUT + (<usize>i << 3), w0);
      v128.store(OUT + (<usize>i << 3), w1, 16);
    } else if (outKind == 2) {
      const f0 = f32x4.demote_f64x2_zero(w0);
      const f1 = f32x4.demote_f64x2_zero(w1);
      v128.store(OUT + (<usize>i << 2), v128.shuffle<f32>(f0, f1, 0, 1, 4, 5));
    }
    let t = f64x2.add(sh, w0);
    sl = f64x2.add(sl, f64x2.sub(w0, f64x2.sub(t, sh)));
    sh = t;
    t = f64x2.add(sh, w1);
    sl = f64x2.add(sl, f64x2.sub(w1, f64x2.sub(t, sh)));
    sh = t;
  }
  sumH = sh;
  sumL = sl;
  return i;
}

/** Reads element i of the input as a double. */
@inline
function inputAt(i: i32, inKind: i32): f64 {
  return inKind == 1 ? load<f64>(IN + (<usize>i << 3)) : <f64>load<f32>(IN + (<usize>i << 2));
}

/** Stores weight i; adds it to lane `lane` of the sum (the order of `plainWeights`). */
@inline
function putWeight(i: i32, lane: i32, wi: f64, outKind: i32): void {
  if (outKind == 1) store<f64>(OUT + (<usize>i << 3), wi);
  else if (outKind == 2) store<f32>(OUT + (<usize>i << 2), <f32>wi);
  const h = lane == 0 ? f64x2.extract_lane(sumH, 0) : f64x2.extract_lane(sumH, 1);
  const l = lane == 0 ? f64x2.extract_lane(sumL, 0) : f64x2.extract_lane(sumL, 1);
  const t = h + wi;
  const nl = l + (wi - (t - h));
  if (lane == 0) {
    sumH = f64x2.replace_lane(sumH, 0, t);
    sumL = f64x2.replace_lane(sumL, 0, nl);
  } else {
    sumH = f64x2.replace_lane(sumH, 1, t);
    sumL = f64x2.replace_lane(sumL, 1, nl);
  }
}

@inline
function weightsLoop(len: i32, c: f64, inKind: i32, outKind: i32, unit: bool): void {
  const pairs = len & ~1;
  let i = 0;
  while (true) {
    // The vector loop stops at a pair with an exponent below −708 (or two pairs from the end):
    // that pair goes through the scalar path, which gives the same bits for ordinary lanes.
    i = fastPairs(i, pairs, c, inKind, outKind, unit);
    if (i >= pairs) break;
    putWeight(i, 0, weight(inputAt(i, inKind), c, unit), outKind);
    putWeight(i + 1, 1, weight(inputAt(i + 1, inKind), c, unit), outKind);
    i += 2;
  }
  // An odd tail goes to lane 0 (chunks are even, so this is the input's last element).
  if (pairs < len) putWeight(pairs, 0, weight(inputAt(pairs, inKind), c, unit), outKind);
}

/**
 * Weights at unit temperature (`unit` = 1) or at the temperature set by `setBeta` (0), into
 * nothing (outKind 0, for log-sum-exp), f64 (1) or f32 (2) at OUT, from f64 (inKind 1) or f32
 * (2) at IN. `unit` is fixed per compiled loop; the kinds are predictable branches.
 */
export function weights(len: i32, c: f64, inKind: i32, outKind: i32, unit: i32): void {
  if (unit) weightsLoop(len, c, inKind, outKind, true);
  else weightsLoop(len, c, inKind, outKind, false);
}

// ---- Normalisation: src/internal/kernel.ts `normalize`, in place at OUT ------------------------

@inline
function normalizeLoop(len: i32, total: f64, corr: f64, f32out: bool): void {
  const s = f64x2.splat(total);
  const cv = f64x2.splat(corr);
  let i = 0;
  if (f32out) {
    for (; i + 2 <= len; i += 2) {
      const w = f64x2.promote_low_f32x4(v128.load64_zero(OUT + (<usize>i << 2)));
      const q = f64x2.div(w, s);
      const r = corr == 0 ? q : f64x2.add(q, f64x2.mul(q, cv));
      v128.store64_lane(OUT + (<usize>i << 2), f32x4.demote_f64x2_zero(r), 0);
    }
    for (; i < len; i++) {
      const q = <f64>load<f32>(OUT + (<usize>i << 2)) / total;
      store<f32>(OUT + (<usize>i << 2), <f32>(corr == 0 ? q : q + q * corr));
    }
  } else {
    for (; i + 2 <= len; i += 2) {
      const q = f64x2.div(v128.load(OUT + (<usize>i << 3)), s);
      v128.store(OUT + (<usize>i << 3), corr == 0 ? q : f64x2.add(q, f64x2.mul(q, cv)));
    }
    for (; i < len; i++) {
      const q = load<f64>(OUT + (<usize>i << 3)) / total;
      store<f64>(OUT + (<usize>i << 3), corr == 0 ? q : q + q * corr);
    }
  }
}

export function normalizeF64(len: i32, total: f64, corr: f64): void {
  normalizeLoop(len, total, corr, false);
}
export function normalizeF32(len: i32, total: f64, corr: f64): void {
  normalizeLoop(len, total, corr, true);
}

// ---- float32 in, float32 out: softmax in single precision --------------------------------------
//
// src/internal/f32.ts `weight32`, lane for lane: the exponent x − c as a float32 TwoSum, exp by a
// 32-entry table of 2^(j/32) (float32 hi + lo) and a cubic, every weight scaled by 2^64 so that
// weights stay normal down to e^−130 (the float32 result of the division then rounds once into
// the subnormals). Weights below e^−130 are 0: their probabilities are below 2^−149·e^−26.
// The sum is in float64 over two lanes (even and odd indices), the division a float64
// multiplication by 1/Σ, rounded once to float32.

const TABLE32: usize = 512;
const CONSTS32: usize = 384;

const INV32: f32 = 46.16624130844683; // 32/ln 2
const SHIFT32: f32 = 12582912; // 1.5·2^23
const L1_32: f32 = 0.0216522216796875; // ln2/32 to 11 bits: k·L1 exact for |k| < 2^13
const L2_32: f32 = 8.627713214082178e-6; // ln2/32 − L1, rounded to float32
const C3_32: f32 = 0.1666666716337204;
const LOW32: f32 = -130;

export function init32(): void {
  store<f32>(CONSTS32, INV32);
  store<f32>(CONSTS32, SHIFT32, 4);
  store<f32>(CONSTS32, L1_32, 8);
  store<f32>(CONSTS32, L2_32, 12);
  store<f32>(CONSTS32, C3_32, 16);
  store<f32>(CONSTS32, 0.5, 20);
  store<f32>(CONSTS32, LOW32, 24);
  store<i32>(CONSTS32, 8192 - 0x4b400000, 28);
  store<i32>(CONSTS32, 192, 32);
  store<i32>(CONSTS32, 0xf8, 36);
}

export function table32Ptr(): usize {
  return TABLE32;
}

let sum32: v128 = f64x2.splat(0);

export function sum32Reset(): void {
  sum32 = f64x2.splat(0);
}
export function sum32Lane(lane: i32): f64 {
  return lane == 0 ? f64x2.extract_lane(sum32, 0) : f64x2.extract_lane(sum32, 1);
}

/** One float32 weight ×2^64 (scalar): src/internal/f32.ts `weight32`. */
@inline
function weight32(x: f32, c: f32): f32 {
  const dh = x - c;
  if (!(dh >= LOW32)) return 0;
  const bb = dh - x;
  const dl = x - (dh - bb) + (-c - bb);
  const t2 = dh * INV32 + SHIFT32;
  const kd = t2 - SHIFT32;
  const k = <i32>kd;
  const r = dh - kd * L1_32 - kd * L2_32 + dl;
  const p = r + r * r * (<f32>0.5 + r * C3_32);
  const j = <usize>(k & 31) << 3;
  const t = load<f32>(TABLE32 + j);
  const tl = load<f32>(TABLE32 + j, 4);
  const w = t + (tl + t * p);
  return reinterpret<f32>(reinterpret<i32>(w) + (((k >> 5) + 64) << 23));
}

/** Weights ×2^64 of len float32 values at IN into OUT (float32), summed into `sum32`. */
export function weights32(len: i32, c: f32): void {
  const cv = f32x4.splat(c);
  const ncv = f32x4.splat(-c);
  const kInv = v128.load32_splat(CONSTS32);
  const kShift = v128.load32_splat(CONSTS32, 4);
  const kL1 = v128.load32_splat(CONSTS32, 8);
  const kL2 = v128.load32_splat(CONSTS32, 12);
  const kC3 = v128.load32_splat(CONSTS32, 16);
  const kHalf = v128.load32_splat(CONSTS32, 20);
  const kLow = v128.load32_splat(CONSTS32, 24);
  const kBias = v128.load32_splat(CONSTS32, 28);
  const kOff = v128.load32_splat(CONSTS32, 32);
  const kMask = v128.load32_splat(CONSTS32, 36);
  let acc = sum32;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const x = v128.load(IN + (<usize>i << 2));
    const dh = f32x4.sub(x, cv);
    const ok = f32x4.ge(dh, kLow);
    const bb = f32x4.sub(dh, x);
    const dl = f32x4.add(f32x4.sub(x, f32x4.sub(dh, bb)), f32x4.sub(ncv, bb));
    const t2 = f32x4.add(f32x4.mul(dh, kInv), kShift);
    const kd = f32x4.sub(t2, kShift);
    const r = f32x4.add(f32x4.sub(f32x4.sub(dh, f32x4.mul(kd, kL1)), f32x4.mul(kd, kL2)), dl);
    const p = f32x4.add(r, f32x4.mul(f32x4.mul(r, r), f32x4.add(kHalf, f32x4.mul(r, kC3))));
    // 8·(k & 31): the table offset, from the bits of t2 (0x4B400000 + k).
    const off = v128.and(i32x4.shl(t2, 3), kMask);
    let e01 = v128.load64_zero(TABLE32 + <usize>i32x4.extract_lane(off, 0));
    e01 = v128.load64_lane(TABLE32 + <usize>i32x4.extract_lane(off, 1), e01, 1);
    let e23 = v128.load64_zero(TABLE32 + <usize>i32x4.extract_lane(off, 2));
    e23 = v128.load64_lane(TABLE32 + <usize>i32x4.extract_lane(off, 3), e23, 1);
    const t = v128.shuffle<f32>(e01, e23, 0, 2, 4, 6);
    const tl = v128.shuffle<f32>(e01, e23, 1, 3, 5, 7);
    const w = f32x4.add(t, f32x4.add(tl, f32x4.mul(t, p)));
    // ((k >> 5) + 64) << 23 added to the exponent: (bits + 8192 − 0x4B400000) >>> 5 is
    // (k >> 5) + 256, as k + 8192 > 0 for every k that is kept.
    const scale = i32x4.shl(i32x4.sub(i32x4.shr_u(i32x4.add(t2, kBias), 5), kOff), 23);
    const ws = v128.and(i32x4.add(w, scale), ok);
    v128.store(OUT + (<usize>i << 2), ws);
    acc = f64x2.add(acc, f64x2.promote_low_f32x4(ws));
    acc = f64x2.add(acc, f64x2.promote_low_f32x4(v128.shuffle<f32>(ws, ws, 2, 3, 2, 3)));
  }
  sum32 = acc;
  for (; i < len; i++) {
    const w = weight32(load<f32>(IN + (<usize>i << 2)), c);
    store<f32>(OUT + (<usize>i << 2), w);
    if ((i & 1) == 0) sum32 = f64x2.replace_lane(sum32, 0, f64x2.extract_lane(sum32, 0) + <f64>w);
    else sum32 = f64x2.replace_lane(sum32, 1, f64x2.extract_lane(sum32, 1) + <f64>w);
  }
}

/** pᵢ = float32(wᵢ·inv) in place at OUT, with inv = 1/Σw in float64. */
export function normalize32(len: i32, inv: f64): void {
  const v = f64x2.splat(inv);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const w = v128.load(OUT + (<usize>i << 2));
    const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(w), v));
    const hi = f32x4.demote_f64x2_zero(
      f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(w, w, 2, 3, 2, 3)), v),
    );
    v128.store(OUT + (<usize>i << 2), v128.shuffle<f32>(lo, hi, 0, 1, 4, 5));
  }
  for (; i < len; i++) {
    store<f32>(OUT + (<usize>i << 2), <f32>(<f64>load<f32>(OUT + (<usize>i << 2)) * inv));
  }
}

// ---- Temperature sweeps: the moments of one temperature ----------------------------------------
//
// src/sweep/fused.ts `fusedState`, inner loops: over sorted levels eᵢ at IN (and degeneracies
// gᵢ at OUT when `weighted`), in blocks of 256 from i0, per level
//   w = g·exp((e − c)·b) (0 below e^−708),  d = (e − K)·factor,  Σw, Σw·d, Σw·d²
// in two lanes (even and odd offsets from the block start, summed at the block's end), the
// block sums added with TwoSum compensation. The JavaScript loop sums in the same order.

let momSh: f64 = 0;
let momSl: f64 = 0;
let momMh: f64 = 0;
let momMl: f64 = 0;
let momQh: f64 = 0;
let momQl: f64 = 0;

export function moment(k: i32): f64 {
  if (k == 0) return momSh;
  if (k == 1) return momSl;
  if (k == 2) return momMh;
  if (k == 3) return momMl;
  if (k == 4) return momQh;
  return momQl;
}

/** src/internal/exp.ts `expSweep`: 0 below −708, where no weight can move a moment. */
@inline
function expSweep(h: f64): f64 {
  return h >= -708 ? tableExp(h, 0) : 0;
}

export function sweepMoments(
  i0: i32,
  i1: i32,
  c: f64,
  b: f64,
  K: f64,
  factor: f64,
  weighted: i32,
): void {
  const cv = f64x2.splat(c);
  const bv = f64x2.splat(b);
  const Kv = f64x2.splat(K);
  const fv = f64x2.splat(factor);
  const zero = f64x2.splat(0);
  const low = v128.load64_splat(CONSTS, 80);
  const kN = v128.load64_splat(CONSTS);
  const kShift = v128.load64_splat(CONSTS, 8);
  const kL1 = v128.load64_splat(CONSTS, 16);
  const kL2 = v128.load64_splat(CONSTS, 24);
  const kC3 = v128.load64_splat(CONSTS, 32);
  const kC4 = v128.load64_splat(CONSTS, 40);
  const kC5 = v128.load64_splat(CONSTS, 48);
  const kHalf = v128.load64_splat(CONSTS, 56);
  const kBias = v128.load64_splat(CONSTS, 64);
  const kMask = v128.load64_splat(CONSTS, 72);
  let sh: f64 = 0;
  let sl: f64 = 0;
  let mh: f64 = 0;
  let ml: f64 = 0;
  let qh: f64 = 0;
  let ql: f64 = 0;
  for (let start = i0; start < i1; start += 256) {
    const end = min(start + 256, i1);
    let bw = zero;
    let bm = zero;
    let bq = zero;
    let i = start;
    for (; i + 2 <= end; i += 2) {
      const e = v128.load(IN + (<usize>i << 3));
      const x = f64x2.mul(f64x2.sub(e, cv), bv);
      // Lanes below −708 are 0 (the table's result there is garbage, masked away).
      let w = v128.and(
        tableExp2(x, zero, kN, kShift, kL1, kL2, kC3, kC4, kC5, kHalf, kBias, kMask),
        f64x2.ge(x, low),
      );
      if (weighted) w = f64x2.mul(w, v128.load(OUT + (<usize>i << 3)));
      const d = f64x2.mul(f64x2.sub(e, Kv), fv);
      const wd = f64x2.mul(w, d);
      bw = f64x2.add(bw, w);
      bm = f64x2.add(bm, wd);
      bq = f64x2.add(bq, f64x2.mul(wd, d));
    }
    let bw0 = f64x2.extract_lane(bw, 0);
    let bm0 = f64x2.extract_lane(bm, 0);
    let bq0 = f64x2.extract_lane(bq, 0);
    if (i < end) {
      const e = load<f64>(IN + (<usize>i << 3));
      let w = expSweep((e - c) * b);
      if (weighted) w *= load<f64>(OUT + (<usize>i << 3));
      const d = (e - K) * factor;
      const wd = w * d;
      bw0 += w;
      bm0 += wd;
      bq0 += wd * d;
    }
    const sw = bw0 + f64x2.extract_lane(bw, 1);
    const sm = bm0 + f64x2.extract_lane(bm, 1);
    const sq = bq0 + f64x2.extract_lane(bq, 1);
    let t = sh + sw;
    let tb = t - sh;
    sl += sh - (t - tb) + (sw - tb);
    sh = t;
    t = mh + sm;
    tb = t - mh;
    ml += mh - (t - tb) + (sm - tb);
    mh = t;
    t = qh + sq;
    tb = t - qh;
    ql += qh - (t - tb) + (sq - tb);
    qh = t;
  }
  momSh = sh;
  momSl = sl;
  momMh = mh;
  momMl = ml;
  momQh = qh;
  momQl = ql;
}
