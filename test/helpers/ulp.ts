/**
 * Distance in units in the last place between two doubles, for accuracy tests.
 *
 * Each double is mapped to an integer that orders all doubles (−∞ < … < −0 = +0 < … < +∞):
 * its IEEE-754 bit pattern for positive numbers, minus the pattern of |x| for negative ones. The
 * distance is the difference of those integers: the number of doubles between a and b, so 1 means
 * neighbours, and it also counts across zero and through the subnormals. Equal values (including
 * equal infinities, and 0 against −0) are at distance 0; NaN against NaN is 0, NaN against
 * anything else is Infinity.
 */
const view = new DataView(new ArrayBuffer(8));
const MAGNITUDE = 0x7fff_ffff_ffff_ffffn;

function ordered(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & MAGNITUDE) : bits;
}

export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b) ? 0 : Number.POSITIVE_INFINITY;
  }
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

const view32 = new DataView(new ArrayBuffer(4));

function ordered32(x: number): number {
  view32.setFloat32(0, x);
  const bits = view32.getInt32(0);
  return bits < 0 ? -(bits & 0x7fff_ffff) : bits;
}

/**
 * Steps between a float32 result and the float32 nearest to an exact (double) value: 0 means
 * correctly rounded, 1 a neighbour of the correctly rounded float.
 */
export function ulp32Distance(got: number, exact: number): number {
  if (Number.isNaN(got) || Number.isNaN(exact)) return Number.POSITIVE_INFINITY;
  return Math.abs(ordered32(Math.fround(got)) - ordered32(Math.fround(exact)));
}
