/**
 * Exact floating-point building blocks shared by the numerical kernels.
 *
 * Everything here is error-free: powers of two are built bit by bit, `exponentOf` reads the
 * binary exponent, and the double-double helpers follow Dekker (1971) and Knuth (TAOCP 2, 4.2.2).
 * The hot loops inline the same arithmetic by hand; these functions serve the cold paths.
 * @internal
 */

const view = new DataView(new ArrayBuffer(8));

/** 2^27 + 1, Veltkamp's splitter for binary64. */
export const SPLITTER = 134217729;

/** ln 2 split so that k·LN2_HI is exact for |k| < 2^20 (fdlibm's constants). */
export const LN2_HI = 0.6931471803691238; // 0x3FE62E42FEE00000
/** The rest of ln 2: LN2_HI + LN2_LO = ln 2 to about 2^-85. */
export const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF35793C76

/**
 * 2^k exactly, for integer k in [−1074, 1023]; 0 below and Infinity above.
 */
export function pow2(k: number): number {
  if (k > 1023) return Number.POSITIVE_INFINITY;
  if (k < -1074) return 0;
  if (k < -1022) return pow2(k + 64) * 5.421010862427522e-20; // × 2^-64, exact into subnormals
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/**
 * The binary exponent e of a finite nonzero x, so that |x| = m·2^e with m in [1, 2).
 * Subnormals are handled; 0, ±Infinity and NaN give NaN.
 */
export function exponentOf(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return Number.NaN;
  view.setFloat64(0, x);
  const biased = (view.getUint32(0) >>> 20) & 0x7ff;
  if (biased === 0) return exponentOf(x * 2 ** 64) - 64;
  return biased - 1023;
}

/**
 * x·2^k without spurious overflow or underflow of the scale factor itself: the factor is
 * applied in two exact halves, so x·2^k is correctly rounded whenever it is representable.
 */
export function scaleByPow2(x: number, k: number): number {
  const half = Math.trunc(k / 2);
  return x * pow2(half) * pow2(k - half);
}

/**
 * The rounding error of a product: a·b − p exactly, for p = fl(a·b) (Dekker's TwoProduct with
 * Veltkamp's split). Needs |a|, |b| < 2^995 and a product that neither overflows nor underflows.
 */
export function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}
