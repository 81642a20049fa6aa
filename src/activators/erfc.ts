/**
 * The complementary error function erfc(x) = (2/√π)·∫ₓ^∞ e^{−s²} ds, for {@link gelu}.
 *
 * JavaScript has no erf/erfc, so this is a TypeScript port of `erfc` from FreeBSD's msun
 * (lib/msun/src/s_erf.c, originally fdlibm 5.3), whose licence asks that this notice be kept:
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 *
 * Method (from s_erf.c): rational approximations on [0, 0.84375] (erf(x) = x + x·R(x²)),
 * [0.84375, 1.25] (around erf(1)), and for x in [1.25, 28) the asymptotic form
 * erfc(x) = exp(−x² − 0.5625 + R(1/x²)/S(1/x²))/x, where exp(−x²) is split as
 * exp(−z² − 0.5625)·exp((z − x)(z + x) + R/S) with z = x cut to 21 bits so z² is exact;
 * erfc(−x) = 2 − erfc(x). The approximation errors are below 2⁻⁵⁷ and the result is within
 * about 1 ulp.
 *
 * Two additions over the original, both for gelu:
 * - `dx`: the argument is x + dx with |dx| ≲ ulp(x), a tail that did not fit in x (gelu's
 *   argument −x/√2 is rounded, and erfc(u) amplifies a relative error of u by about 2u², i.e.
 *   by 100 at u = 7). The first-order term −(2/√π)·e^{−x²}·dx is added before the final rounding
 *   (in the tail branch as a term of the exponent, −dx·(2/√π)·x·e^{0.5625 − R/S}).
 * - `k`: the result is scaled by 2^k, applied inside the exponent in the tail (as k·ln 2, split
 *   into an exact head and a tail), so that erfc(x)·2^k keeps full precision where erfc(x)
 *   itself would be subnormal.
 *
 * @see http://www.netlib.org/fdlibm/s_erf.c and
 *   https://github.com/freebsd/freebsd-src/blob/main/lib/msun/src/s_erf.c
 * @internal
 */

const ERX = 8.45062911510467529297e-1;
// Coefficients for approximation to erf on [0, 0.84375]
const PP0 = 1.28379167095512558561e-1;
const PP1 = -3.2504210724700149937e-1;
const PP2 = -2.84817495755985104766e-2;
const PP3 = -5.77027029648944159157e-3;
const PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1;
const QQ2 = 6.50222499887672944485e-2;
const QQ3 = 5.08130628187576562776e-3;
const QQ4 = 1.32494738004321644526e-4;
const QQ5 = -3.9602282787753681232e-6;
// Coefficients for approximation to erf in [0.84375, 1.25]
const PA0 = -2.36211856075265944077e-3;
const PA1 = 4.14856118683748331666e-1;
const PA2 = -3.72207876035701323847e-1;
const PA3 = 3.18346619901161753674e-1;
const PA4 = -1.10894694282396677476e-1;
const PA5 = 3.54783043256182359371e-2;
const PA6 = -2.166375594868790843e-3;
const QA1 = 1.06420880400844228286e-1;
const QA2 = 5.40397917702171048937e-1;
const QA3 = 7.18286544141962662868e-2;
const QA4 = 1.26171219808761642112e-1;
const QA5 = 1.36370839120290507362e-2;
const QA6 = 1.1984499846799107417e-2;
// Coefficients for approximation to erfc in [1.25, 1/0.35]
const RA0 = -9.86494403484714822705e-3;
const RA1 = -6.93858572707181764372e-1;
const RA2 = -1.05586262253232909814e1;
const RA3 = -6.23753324503260060396e1;
const RA4 = -1.62396669462573470355e2;
const RA5 = -1.84605092906711035994e2;
const RA6 = -8.12874355063065934246e1;
const RA7 = -9.81432934416914548592;
const SA1 = 1.96512716674392571292e1;
const SA2 = 1.376577541435190426e2;
const SA3 = 4.34565877475229228821e2;
const SA4 = 6.45387271733267880336e2;
const SA5 = 4.29008140027567833386e2;
const SA6 = 1.08635005541779435134e2;
const SA7 = 6.57024977031928170135;
const SA8 = -6.04244152148580987438e-2;
// Coefficients for approximation to erfc in [1/0.35, 28]
const RB0 = -9.86494292470009928597e-3;
const RB1 = -7.99283237680523006574e-1;
const RB2 = -1.77579549177547519889e1;
const RB3 = -1.60636384855821916062e2;
const RB4 = -6.37566443368389627722e2;
const RB5 = -1.02509513161107724954e3;
const RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1;
const SB2 = 3.25792512996573918826e2;
const SB3 = 1.53672958608443695994e3;
const SB4 = 3.19985821950859553908e3;
const SB5 = 2.55305040643316442583e3;
const SB6 = 4.74528541206955367215e2;
const SB7 = -2.24409524465858183362e1;

/** 2/√π rounded. */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
/** ln 2 = LN2_HI + LN2_LO, with k·LN2_HI exact for |k| < 2^20 (fdlibm's split). */
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** s_erf.c's switch to the second tail approximation: the double with high word 0x4006DB6D. */
const ONE_OVER_035 = 2.8571414947509766;

const view = new DataView(new ArrayBuffer(8));

/** x with the low 32 bits of its significand cleared (fdlibm's SET_LOW_WORD(z, 0)). */
function truncateLowWord(x: number): number {
  view.setFloat64(0, x);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/**
 * erfc(x + dx)·2^k, to within about 1 ulp.
 *
 * @param x - the argument (any double; NaN gives NaN, erfc(+∞) = 0, erfc(−∞) = 2·2^k).
 * @param dx - a tail of the argument, |dx| ≲ ulp(x) (default 0); corrected to first order.
 * @param k - an integer scale exponent, 0 ≤ k ≤ 600 (default 0). For x ≥ 28 the result is 0
 *   whatever k (erfc(28) < 1e-342).
 * @internal
 */
export function erfc(x: number, dx = 0, k = 0): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  const scale = k === 0 ? 1 : 2 ** k;
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return (1 - x) * scale;
    const z = x * x;
    const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
    const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
    const y = r / s;
    // erfc(x + dx) = erfc(x) − c with c = (2/√π)·e^{−x²}·dx.
    const c = dx === 0 ? 0 : TWO_OVER_SQRT_PI * Math.exp(-z) * dx;
    if (x < 0.25) return (1 - (x + (x * y + c))) * scale;
    let t = x * y + c;
    t += x - 0.5;
    return (0.5 - t) * scale;
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const P = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    const Q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    const c = dx === 0 ? 0 : TWO_OVER_SQRT_PI * Math.exp(-x * x) * dx;
    if (x > 0) return (1 - ERX - (P / Q + c)) * scale;
    return (1 + (ERX + (P / Q - c))) * scale;
  }
  if (ax < 28) {
    if (x <= -6) return 2 * scale; // 2 − erfc(6) with erfc(6) ≈ 2e−17 < ulp(2)/2
    const s = 1 / (ax * ax);
    let R: number;
    let S: number;
    if (ax < ONE_OVER_035) {
      R = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
      S =
        1 +
        s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
    } else {
      R = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
      S = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
    }
    const RS = R / S;
    const z = truncateLowWord(ax);
    // The tail of |x|: d ln erfc(a)/da = −(2/√π)·e^{−a²}/erfc(a) = −(2/√π)·a·e^{0.5625 − R/S}.
    const d = x > 0 ? dx : -dx;
    const slope = d === 0 ? 0 : TWO_OVER_SQRT_PI * ax * Math.exp(0.5625 - RS);
    const tail = (z - ax) * (z + ax) + RS - d * slope;
    if (x > 0) {
      // −z² − 0.5625 + k·LN2_HI is exact: every term lies on the grid 2⁻⁴⁰ and the sum is < 2¹⁰.
      const r = Math.exp(-z * z - 0.5625 + k * LN2_HI) * Math.exp(tail + k * LN2_LO);
      return r / ax;
    }
    const r = Math.exp(-z * z - 0.5625) * Math.exp(tail);
    return (2 - r / ax) * scale;
  }
  return x > 0 ? 0 : 2 * scale;
}
