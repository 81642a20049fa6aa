/**
 * Exact unit factors. A conversion factor is kept symbolically — doubles to multiply and divide
 * by (integers such as kB's 1380649, or a unit's own SI value), a power of ten, and the powers of
 * the exact constants N_A, h, c and of 2π — and applied to a value so that the result is the
 * double nearest the exact product: kB·T at 300 K in meV is 25.85199978643553, the double nearest
 * 300 × 1.380649e−23 / 1.602176634e−22, where plain doubles give 25.851999786435535.
 *
 * How: the factor is an exact rational (BigInt numerator and denominator; 2π, irrational, as a
 * 70-digit rational, 10⁻⁶⁹ relative), rounded once to a double-double F = hi + lo. A value x is
 * split exactly as m·2ᵉ, and m·F is formed with Dekker's product: an error-free double-double
 * whose distance to the exact m·F is below 2⁻¹⁰⁰ relative. Unless that value lies within 2⁻⁹⁸
 * of a rounding boundary (Ziv's test), its rounding is the correctly rounded result, scaled back
 * by 2ᵉ exactly. Otherwise, and where the result is subnormal or near the overflow threshold,
 * the exact rational x·F is rounded with BigInt arithmetic (round half to even, subnormals and
 * overflow as IEEE 754 defines them). A decimal text ("1e309", "4.2") is converted exactly from
 * its digits, so "1e309 cm^-1" in joules is finite and right although 1e309 is not a double.
 *
 * Nothing overflows on the way: a result beyond the double range is ±Infinity (the callers turn
 * that into a RangeError naming the argument), never the NaN of an intermediate overflow.
 * The constants (N_A, h, c, 2π) stay symbolic until the end, so a factor and its inverse cancel
 * exactly: kcal/mol → kJ/mol is 4.184, not 4.184000000000001.
 * @internal
 */

import { exponentOf, productError, scaleByPow2 } from "../internal/float.js";

/**
 * The exact constants that enter conversions, as an integer mantissa and a power of ten; 2π,
 * irrational, to 70 significant digits.
 */
const CONSTANTS: Record<Constant, readonly [bigint, number]> = {
  avogadro: [602214076n, 15],
  planck: [662607015n, -42],
  speedOfLight: [299792458n, 0],
  twoPi: [6283185307179586476925286766559005768394338798750211641949889184615633n, -69],
};
export type Constant = "avogadro" | "planck" | "speedOfLight" | "twoPi";
const NAMES: Constant[] = ["avogadro", "planck", "speedOfLight", "twoPi"];

/** (Π num / Π den)·10ᵏ·Π constantᵖ, with num and den any finite positive doubles. */
export interface Scaled {
  num: readonly number[];
  den: readonly number[];
  k: number;
  powers: Readonly<Record<Constant, number>>;
}

const NONE: Record<Constant, number> = { avogadro: 0, planck: 0, speedOfLight: 0, twoPi: 0 };

export function scaled(m: number, k = 0, powers: Partial<Record<Constant, number>> = {}): Scaled {
  return { num: m === 1 ? [] : [m], den: [], k, powers: { ...NONE, ...powers } };
}

export function times(a: Scaled, b: Scaled): Scaled {
  const powers = { ...NONE };
  for (const c of NAMES) powers[c] = a.powers[c] + b.powers[c];
  return { num: [...a.num, ...b.num], den: [...a.den, ...b.den], k: a.k + b.k, powers };
}

export function inverse(a: Scaled): Scaled {
  const powers = { ...NONE };
  for (const c of NAMES) powers[c] = -a.powers[c];
  return { num: a.den, den: a.num, k: -a.k, powers };
}

export function over(a: Scaled, b: Scaled): Scaled {
  return times(a, inverse(b));
}

export function power(a: Scaled, n: number): Scaled {
  let out = scaled(1);
  const base = n >= 0 ? a : inverse(a);
  for (let i = 0; i < Math.abs(n); i++) out = times(out, base);
  return out;
}

/** A positive rational num/den. */
interface Rational {
  num: bigint;
  den: bigint;
}

const view = new DataView(new ArrayBuffer(8));

/** A finite double exactly as M·2^E with an integer M (E may be negative). */
function splitDouble(x: number): { m: bigint; e: number } {
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  const mant = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const m = biased === 0 ? mant : mant | (1n << 52n);
  const e = (biased === 0 ? 1 : biased) - 1075;
  return { m: x < 0 ? -m : m, e };
}

/** |x| as an exact rational (x finite and nonzero). */
function rationalOfDouble(x: number): Rational {
  const { m, e } = splitDouble(Math.abs(x));
  return e >= 0 ? { num: m << BigInt(e), den: 1n } : { num: m, den: 1n << BigInt(-e) };
}

function mul(a: Rational, b: Rational): Rational {
  return { num: a.num * b.num, den: a.den * b.den };
}

function tenTo(k: number): Rational {
  return k >= 0 ? { num: 10n ** BigInt(k), den: 1n } : { num: 1n, den: 10n ** BigInt(-k) };
}

/** The factor as an exact rational (2π to 70 digits). */
function rationalOf(s: Scaled): Rational {
  let r: Rational = { num: 1n, den: 1n };
  for (const m of s.num) r = mul(r, rationalOfDouble(m));
  for (const m of s.den) {
    const q = rationalOfDouble(m);
    r = mul(r, { num: q.den, den: q.num });
  }
  let k = s.k;
  for (const c of NAMES) {
    const p = s.powers[c];
    if (p === 0) continue;
    const [mant, e] = CONSTANTS[c];
    const big = mant ** BigInt(Math.abs(p));
    r = p > 0 ? mul(r, { num: big, den: 1n }) : mul(r, { num: 1n, den: big });
    k += p * e;
  }
  return mul(r, tenTo(k));
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** ⌊log₂(a/den)⌋ for a, den > 0. */
function floorLog2(a: bigint, den: bigint): number {
  const E = bitLength(a) - bitLength(den);
  return (E >= 0 ? a < den << BigInt(E) : a << BigInt(-E) < den) ? E - 1 : E;
}

/**
 * num/den (den > 0) rounded to the nearest double, ties to even: subnormal results as IEEE 754
 * rounds them, and ±Infinity beyond the largest double.
 */
export function roundRational(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const negative = num < 0n;
  const a = negative ? -num : num;
  const E = floorLog2(a, den);
  if (E > 1023) return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  // 53 significant bits for a normal result, the fixed grid 2⁻¹⁰⁷⁴ for a subnormal one.
  const s = E >= -1022 ? 52 - E : 1074;
  const scaledNum = s >= 0 ? a << BigInt(s) : a;
  const scaledDen = s >= 0 ? den : den << BigInt(-s);
  let q = scaledNum / scaledDen;
  const twice = 2n * (scaledNum - q * scaledDen);
  if (twice > scaledDen || (twice === scaledDen && (q & 1n) === 1n)) q += 1n;
  // q ≤ 2⁵³ is exact as a double, and the power of two is exact unless the result overflows.
  const r = scaleByPow2(Number(q), -s);
  return negative ? -r : r;
}

/** A factor ready to apply: its exact rational, and F = hi·2^exp + lo·2^exp with hi in [1, 2). */
export interface Factor {
  readonly exact: Rational;
  readonly hi: number;
  readonly lo: number;
  readonly exp: number;
  /** log₁₀ F, for messages. */
  readonly log10: number;
  /** F = fh + fl as plain doubles when F lies well inside the double range (else 0): the fast path. */
  readonly fh: number;
  readonly fl: number;
}

/** Compiles a factor once (BigInt work), to apply it to many values. */
export function factorOf(s: Scaled): Factor {
  const exact = rationalOf(s);
  const exp = floorLog2(exact.num, exact.den);
  // hi = F/2^exp rounded; lo = F/2^exp − hi rounded, both from the exact rational.
  const shifted =
    exp >= 0
      ? { num: exact.num, den: exact.den << BigInt(exp) }
      : { num: exact.num << BigInt(-exp), den: exact.den };
  const hi = roundRational(shifted.num, shifted.den);
  const h = rationalOfDouble(hi);
  const lo = roundRational(shifted.num * h.den - h.num * shifted.den, shifted.den * h.den);
  const inside = Math.abs(exp) < 400;
  return {
    exact,
    hi,
    lo,
    exp,
    log10: Math.log10(hi) + exp * Math.LOG10E * Math.LN2,
    fh: inside ? scaleByPow2(hi, exp) : 0,
    fl: inside ? scaleByPow2(lo, exp) : 0,
  };
}

/** 2⁻⁹⁸: Ziv's margin around the double-double m·F (its error is below 2⁻¹⁰⁰ relative). */
const MARGIN = 2 ** -98;

/** x·F correctly rounded (±0, ±Infinity and NaN pass through); ±Infinity past the double range. */
export function applyFactor(x: number, f: Factor): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const ax = Math.abs(x);
  if (f.fh !== 0 && ax > 1e-150 && ax < 1e150) {
    // Everything well inside the range (|x|, |F| within 2^±500, the product within 2^±900): the
    // same double-double and Ziv test without splitting off the exponents.
    const p = x * f.fh;
    const e = productError(x, f.fh, p) + x * f.fl;
    const r = p + e;
    const tol = Math.abs(p) * MARGIN;
    if (p + (e + tol) === r && p + (e - tol) === r) return r;
  }
  const ex = exponentOf(x);
  const m = scaleByPow2(x, -ex); // ±[1, 2), exact
  const p = m * f.hi;
  const e = productError(m, f.hi, p) + m * f.lo;
  const r = p + e;
  const tol = Math.abs(p) * MARGIN;
  const k = ex + f.exp;
  // A normal result with room to spare: r·2^k is exact, and r is correctly rounded unless the
  // exact value is within the margin of a rounding boundary.
  if (k > -1020 && k < 1022 && p + (e + tol) === r && p + (e - tol) === r) {
    return scaleByPow2(r, k);
  }
  const { m: M, e: E } = splitDouble(x);
  const num = E >= 0 ? M * (f.exact.num << BigInt(E)) : M * f.exact.num;
  const den = E >= 0 ? f.exact.den : f.exact.den << BigInt(-E);
  return roundRational(num, den);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A decimal text ("4.2", "-1e309", ".5e-3") times F, correctly rounded from its exact digits;
 * undefined when the text is not a plain decimal number. Exponents beyond ±100000 are taken as
 * the overflow (±Infinity) or underflow (±0) they are, without building huge integers.
 */
export function applyToDecimal(text: string, f: Factor): number | undefined {
  const d = DECIMAL.exec(text.trim());
  if (d === null || ((d[2] ?? "") === "" && (d[3] ?? "") === "")) return undefined;
  const sign = d[1] === "-" ? -1 : 1;
  const digits = `${d[2] ?? ""}${d[3] ?? ""}`.replace(/^0+/, "");
  if (digits === "") return sign * 0;
  const exponent = Number(d[4] ?? 0) - (d[3] ?? "").length;
  const magnitude = exponent + digits.length + f.log10;
  if (magnitude > 100000) return sign * Number.POSITIVE_INFINITY;
  if (magnitude < -100000) return sign * 0;
  const r = mul(mul({ num: BigInt(digits), den: 1n }, tenTo(exponent)), f.exact);
  return sign * roundRational(r.num, r.den);
}

/** log₁₀|x| of a decimal text or a number, for messages (NaN for zero or anything else). */
export function decimalLog10(x: number | string): number {
  if (typeof x === "number") return Math.log10(Math.abs(x));
  const d = DECIMAL.exec(x.trim());
  if (d === null) return Number.NaN;
  const digits = `${d[2] ?? ""}${d[3] ?? ""}`.replace(/^0+/, "");
  if (digits === "") return Number.NaN;
  const exponent = Number(d[4] ?? 0) - (d[3] ?? "").length;
  return exponent + digits.length - 1 + Math.log10(Number(`${digits[0]}.${digits.slice(1, 16)}`));
}

/**
 * x·factor as the double nearest the exact value; a decimal text is converted from its digits.
 * ±Infinity when the exact value is beyond the double range.
 */
export function apply(x: number | string, s: Scaled): number {
  const f = factorOf(s);
  if (typeof x === "string") return applyToDecimal(x, f) ?? applyFactor(Number(x), f);
  return applyFactor(x, f);
}
