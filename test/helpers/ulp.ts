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
