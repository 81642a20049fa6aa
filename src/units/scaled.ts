/**
 * Exact unit factors: a conversion factor is kept as mantissas to multiply and divide by (integers,
 * exact in a double: kB = 1380649·10⁻²⁹ J/K), plus a power of ten, and applied to a value in double-double arithmetic (Dekker's products, a
 * double-double quotient), so that the result is the double nearest the exact product in all
 * but astronomically rare cases: kB·T at 300 K in meV is 25.85199978643553, the double nearest
 * 300 × 1.380649e−23 / 1.602176634e−22, where plain doubles give 25.851999786435535.
 *
 * The constants that appear (N_A, h, c, 2π) stay symbolic until the end, so a factor and its
 * inverse cancel exactly: kcal/mol → kJ/mol is 4.184, not 4.184000000000001.
 * @internal
 */

/**
 * The exact constants that enter conversions, as an integer mantissa (exact in a double) and a
 * power of ten; 2π, irrational, as a double-double.
 */
const CONSTANTS: Record<string, readonly [number, number, number]> = {
  avogadro: [602214076, 0, 15],
  planck: [662607015, 0, -42],
  speedOfLight: [299792458, 0, 0],
  twoPi: [6.283185307179586, 2.4492935982947064e-16, 0],
} as const;
export type Constant = "avogadro" | "planck" | "speedOfLight" | "twoPi";
const NAMES = Object.keys(CONSTANTS) as Constant[];

/** (Π num / Π den)·10ᵏ·Π constantᵖ. */
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

// Double-double arithmetic (values far from the overflow threshold, as unit factors are).
const SPLIT = 134217729; // 2^27 + 1

function product(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function quick(a: number, b: number): [number, number] {
  const s = a + b;
  return [s, b - (s - a)];
}

/** (hi + lo)·(bh + bl). */
function mulDD(hi: number, lo: number, bh: number, bl = 0): [number, number] {
  const [p, e] = product(hi, bh);
  return quick(p, e + (lo * bh + hi * bl));
}

/** (hi + lo)/(bh + bl): q₁ = hi/bh, then the remainder (exact products) over the divisor. */
function divDD(hi: number, lo: number, bh: number, bl = 0): [number, number] {
  const q1 = hi / bh;
  const [p, e] = product(q1, bh);
  const s = hi - p;
  const t = s - hi;
  const err = hi - (s - t) + (-p - t); // the rounding error of hi − p (TwoSum)
  const r = s + (err - e + lo - q1 * bl);
  return quick(q1, r / bh);
}

/** True when the factor is a pure power of ten. */
function decimalOnly(s: Scaled): boolean {
  return s.num.length === 0 && s.den.length === 0 && NAMES.every((c) => s.powers[c] === 0);
}

/**
 * x·factor as the double nearest the exact value. A decimal text ("4.2", "1e3") with a pure
 * power-of-ten factor is shifted as text, so "4.2" mK in K is exactly the double nearest 0.0042.
 */
export function apply(x: number | string, s: Scaled): number {
  if (typeof x === "string") {
    const d = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+))?$/.exec(x);
    if (d !== null && decimalOnly(s)) return Number(`${d[1]}e${Number(d[2] ?? 0) + s.k}`);
    return apply(Number(x), s);
  }
  if (x === 0 || !Number.isFinite(x)) return x; // factors are positive: ±0, ±∞ and NaN stay
  let hi = x;
  let lo = 0;
  let k = s.k;
  const muls: [number, number][] = s.num.map((m) => [m, 0]);
  const divs: [number, number][] = s.den.map((m) => [m, 0]);
  for (const c of NAMES) {
    const [mh, ml, e] = CONSTANTS[c] as readonly [number, number, number];
    const p = s.powers[c];
    for (let i = 0; i < Math.abs(p); i++) (p > 0 ? muls : divs).push([mh, ml]);
    k += p * e;
  }
  for (const [mh, ml] of muls) [hi, lo] = mulDD(hi, lo, mh, ml);
  for (const [mh, ml] of divs) [hi, lo] = divDD(hi, lo, mh, ml);
  while (k !== 0) {
    const step = Math.max(-22, Math.min(22, k));
    [hi, lo] = step > 0 ? mulDD(hi, lo, 10 ** step) : divDD(hi, lo, 10 ** -step);
    k -= step;
  }
  return hi + lo;
}
