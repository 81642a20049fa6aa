/**
 * Double-double arithmetic with an exponent kept apart: exp and ln to about 2⁻¹⁰⁰ relative, for
 * the sums that cancel (signed log-sum-exp, src/softmax/signedLogSumExp.ts), where every term
 * must carry about twice the bits of a double so that what survives the cancellation is exact.
 *
 * exp(h + l) = 2^(k/256) · exp(r): k = round((h + l)·256/ln 2), the table 2^(j/256) as
 * double-doubles (src/internal/expTable.ts, ~2⁻¹⁰⁰), r = h + l − k·ln2/256 with ln 2 in three
 * parts so that k·part is exact for |k| < 2²¹, and exp(r) − 1 for |r| ≤ ln2/512 from its Taylor
 * series, the terms up to r⁴/24 in double-double and the rest in double (r⁵/120 < 2⁻⁵⁴).
 * Results are left in module cells (no allocation in the loops that call these).
 * @internal
 */

import { EXP2_HI, EXP2_LO } from "./expTable.js";
import { exponentOf, LN2_HI, pow2, productError } from "./float.js";

/** ln 2 = C1 + C2 + C3 to 2⁻¹²⁰; C1 and C2 have 21 trailing zero bits (k·C1, k·C2 exact). */
const C1 = LN2_HI;
const C2 = 1.9082149293851713e-10;
const C3 = -1.1458352726798733e-20;
const N_INV_LN2 = 256 / Math.LN2;
/** 1/6 and 1/24 as double-doubles. */
const SIXTH_HI = 0.16666666666666666;
const SIXTH_LO = 9.25185853854297e-18;
const TWENTY_FOURTH_HI = 0.041666666666666664;
const TWENTY_FOURTH_LO = 2.3129646346357427e-18;

/** The result cells: hi + lo, and for exp a binary exponent (value = (hi + lo)·2^exponent). */
export const DD = { hi: 0, lo: 0, exponent: 0 };

/** (ah + al)·(bh + bl) into DD.hi/lo (Dekker's product with Veltkamp's split). */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  const e = productError(ah, bh, p) + (ah * bl + al * bh);
  const hi = p + e;
  DD.hi = hi;
  DD.lo = e - (hi - p);
}

/** (ah + al) + (bh + bl) into DD.hi/lo. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const bb = s - ah;
  const e = ah - (s - bb) + (bh - bb) + al + bl;
  const hi = s + e;
  DD.hi = hi;
  DD.lo = e - (hi - s);
}

/**
 * exp(h + l) as (DD.hi + DD.lo)·2^DD.exponent, DD.hi in [2^−0.5, 2^0.5], for |h| < 2²⁰·ln 2/256
 * (about 5 600: every exponent a signed log-sum-exp needs).
 */
export function expDoubleDouble(h: number, l: number): void {
  const k = Math.round(h * N_INV_LN2);
  // r = h + l − k·ln2/256, exactly enough: h − k·C1/256 is exact (Sterbenz), the rest TwoSum.
  const a = h - k * (C1 / 256);
  const b = -k * (C2 / 256);
  const s = a + b;
  const bb = s - a;
  const rl = a - (s - bb) + (b - bb) - k * (C3 / 256) + l;
  const rh = s + rl;
  const r2 = rl - (rh - s);
  // P = r + r²·(1/2 + r·(1/6 + r·(1/24 + r·Q))), Q = 1/120 + r/720 + r²/5040 + r³/40320 in
  // double (r⁵·Q < 2⁻⁵⁴, so its rounding is below 2⁻¹⁰⁷), the rest in double-double.
  const rq =
    rh *
    (0.008333333333333333 +
      rh * (0.001388888888888889 + rh * (0.0001984126984126984 + rh * 0.0000248015873015873)));
  add(TWENTY_FOURTH_HI, TWENTY_FOURTH_LO, rq, 0);
  mul(DD.hi, DD.lo, rh, r2);
  add(DD.hi, DD.lo, SIXTH_HI, SIXTH_LO);
  mul(DD.hi, DD.lo, rh, r2);
  add(DD.hi, DD.lo, 0.5, 0);
  mul(DD.hi, DD.lo, rh, r2);
  mul(DD.hi, DD.lo, rh, r2);
  add(DD.hi, DD.lo, rh, r2);
  // exp(r) = 1 + P, times 2^(j/256).
  const j = k & 255;
  const th = EXP2_HI[j] as number;
  const tl = EXP2_LO[j] as number;
  const ph = DD.hi;
  const pl = DD.lo;
  mul(th, tl, ph, pl);
  add(th, tl, DD.hi, DD.lo);
  DD.exponent = (k - j) / 256;
}

/**
 * ln((hi + lo)·2^exponent) for a positive double-double into DD.hi/lo: one Newton step from
 * Math.log, y + (x·e^−y − 1), with the exponential in double-double.
 */
export function logDoubleDouble(hi: number, lo: number, exponent: number): void {
  const y = Math.log(hi);
  expDoubleDouble(-y, 0);
  const eh = DD.hi;
  const el = DD.lo;
  const ee = DD.exponent;
  mul(hi, lo, eh, el);
  // x·e^−y = (DD)·2^ee ≈ 1
  const scale = pow2(ee);
  add(DD.hi * scale, DD.lo * scale, -1, 0);
  const u = DD.hi + DD.lo;
  // y + u + exponent·ln 2
  add(y, 0, u, 0);
  const yh = DD.hi;
  const yl = DD.lo;
  if (exponent === 0) return;
  const e1 = exponent * C1;
  const e2 = exponent * C2 + exponent * C3;
  add(yh, yl, e1, e2);
}

/** The binary exponent of a finite nonzero double (re-exported for the callers' scaling). */
export { exponentOf, pow2 };
