/**
 * Exact arithmetic on doubles for reference implementations: every finite double is an integer
 * multiple of 2⁻¹⁰⁷⁴, so sums of doubles are exact as BigInt multiples of that unit. Used to
 * check sums and cumulative masses without any rounding (independent of the library's
 * compensated sums).
 */

const view = new DataView(new ArrayBuffer(8));

/** x (finite) as an exact BigInt multiple of 2⁻¹⁰⁷⁴. */
export function toUnits(x: number): bigint {
  if (x === 0) return 0n;
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let shift: number;
  if (biased === 0) {
    shift = 0; // subnormal: mantissa · 2^-1074
  } else {
    mantissa |= 1n << 52n;
    shift = biased - 1; // (1.f)·2^(biased−1023) = mantissa·2^(biased−1075) = mantissa·2^(biased−1)·2^-1074
  }
  return sign * (mantissa << BigInt(shift));
}

/** The exact sum of doubles, in units of 2⁻¹⁰⁷⁴. */
export function exactSum(xs: Iterable<number>): bigint {
  let s = 0n;
  for (const x of xs) s += toUnits(x);
  return s;
}

/** An exact unit count rounded to the nearest double (ties to even). */
export function fromUnits(u: bigint): number {
  if (u === 0n) return 0;
  const negative = u < 0n;
  let a = negative ? -u : u;
  const bits = a.toString(2).length;
  let exp = -1074;
  if (bits > 53) {
    const drop = BigInt(bits - 53);
    const half = 1n << (drop - 1n);
    const rest = a & ((1n << drop) - 1n);
    a >>= drop;
    if (rest > half || (rest === half && (a & 1n) === 1n)) a += 1n;
    exp += Number(drop);
  }
  const v = Number(a) * 2 ** (exp + 600) * 2 ** -600;
  return negative ? -v : v;
}
