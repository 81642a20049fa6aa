import { LN2_HI, LN2_LO } from "../internal/float.js";

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

// The constants of s_erf.c, in their shortest round-trip decimal form (the same doubles); each
// comment repeats the high and low words that s_erf.c lists, so they can be checked against it.
const ERX = 0.8450629115104675; // 0x3FEB0AC1, 0x60000000
// Coefficients for approximation to erf on [0, 0.84375]
const PP0 = 0.12837916709551256; // 0x3FC06EBA, 0x8214DB68
const PP1 = -0.3250421072470015; // 0xBFD4CD7D, 0x691CB913
const PP2 = -0.02848174957559851; // 0xBF9D2A51, 0xDBD7194F
const PP3 = -0.005770270296489442; // 0xBF77A291, 0x236668E4
const PP4 = -0.000023763016656650163; // 0xBEF8EAD6, 0x120016AC
const QQ1 = 0.39791722395915535; // 0x3FD97779, 0xCDDADC09
const QQ2 = 0.0650222499887673; // 0x3FB0A54C, 0x5536CEBA
const QQ3 = 0.005081306281875766; // 0x3F74D022, 0xC4D36B0F
const QQ4 = 0.00013249473800432164; // 0x3F215DC9, 0x221C1A10
const QQ5 = -0.000003960228278775368; // 0xBED09C43, 0x42A26120
// Coefficients for approximation to erf in [0.84375, 1.25]
const PA0 = -0.0023621185607526594; // 0xBF6359B8, 0xBEF77538
const PA1 = 0.41485611868374833; // 0x3FDA8D00, 0xAD92B34D
const PA2 = -0.3722078760357013; // 0xBFD7D240, 0xFBB8C3F1
const PA3 = 0.31834661990116175; // 0x3FD45FCA, 0x805120E4
const PA4 = -0.11089469428239668; // 0xBFBC6398, 0x3D3E28EC
const PA5 = 0.035478304325618236; // 0x3FA22A36, 0x599795EB
const PA6 = -0.002166375594868791; // 0xBF61BF38, 0x0A96073F
const QA1 = 0.10642088040084423; // 0x3FBB3E66, 0x18EEE323
const QA2 = 0.540397917702171; // 0x3FE14AF0, 0x92EB6F33
const QA3 = 0.07182865441419627; // 0x3FB2635C, 0xD99FE9A7
const QA4 = 0.12617121980876164; // 0x3FC02660, 0xE763351F
const QA5 = 0.01363708391202905; // 0x3F8BEDC2, 0x6B51DD1C
const QA6 = 0.011984499846799107; // 0x3F888B54, 0x5735151D
// Coefficients for approximation to erfc in [1.25, 1/0.35]
const RA0 = -0.009864944034847148; // 0xBF843412, 0x600D6435
const RA1 = -0.6938585727071818; // 0xBFE63416, 0xE4BA7360
const RA2 = -10.558626225323291; // 0xC0251E04, 0x41B0E726
const RA3 = -62.375332450326006; // 0xC04F300A, 0xE4CBA38D
const RA4 = -162.39666946257347; // 0xC0644CB1, 0x84282266
const RA5 = -184.60509290671104; // 0xC067135C, 0xEBCCABB2
const RA6 = -81.2874355063066; // 0xC0545265, 0x57E4D2F2
const RA7 = -9.814329344169145; // 0xC023A0EF, 0xC69AC25C
const SA1 = 19.651271667439257; // 0x4033A6B9, 0xBD707687
const SA2 = 137.65775414351904; // 0x4061350C, 0x526AE721
const SA3 = 434.56587747522923; // 0x407B290D, 0xD58A1A71
const SA4 = 645.3872717332679; // 0x40842B19, 0x21EC2868
const SA5 = 429.00814002756783; // 0x407AD021, 0x57700314
const SA6 = 108.63500554177944; // 0x405B28A3, 0xEE48AE2C
const SA7 = 6.570249770319282; // 0x401A47EF, 0x8E484A93
const SA8 = -0.0604244152148581; // 0xBFAEEFF2, 0xEE749A62
// Coefficients for approximation to erfc in [1/0.35, 28]
const RB0 = -0.0098649429247001; // 0xBF843412, 0x39E86F4A
const RB1 = -0.799283237680523; // 0xBFE993BA, 0x70C285DE
const RB2 = -17.757954917754752; // 0xC031C209, 0x555F995A
const RB3 = -160.63638485582192; // 0xC064145D, 0x43C5ED98
const RB4 = -637.5664433683896; // 0xC083EC88, 0x1375F228
const RB5 = -1025.0951316110772; // 0xC0900461, 0x6A2E5992
const RB6 = -483.5191916086514; // 0xC07E384E, 0x9BDC383F
const SB1 = 30.33806074348246; // 0x403E568B, 0x261D5190
const SB2 = 325.7925129965739; // 0x40745CAE, 0x221B9F0A
const SB3 = 1536.729586084437; // 0x409802EB, 0x189D5118
const SB4 = 3199.8582195085955; // 0x40A8FFB7, 0x688C246A
const SB5 = 2553.0504064331644; // 0x40A3F219, 0xCEDF3BE6
const SB6 = 474.52854120695537; // 0x407DA874, 0xE79FE763
const SB7 = -22.44095244658582; // 0xC03670E2, 0x42712D62

/** 2/√π rounded. */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
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
