/**
 * exp(h + l) for a double-double argument, table-driven (Tang's method), faster than Math.exp
 * and as accurate: within 1 ulp of the correctly rounded result on [−708, 709] (measured against mpmath in
 * test/exp.test.ts), Math.exp outside that range (subnormal results, overflow, NaN).
 *
 * With N = 256 and k = round(h·N/ln 2): h = k·ln2/N + r, |r| ≤ ln2/512, so
 * exp(h + l) = 2^⌊k/N⌋ · 2^((k mod N)/N) · exp(r + l). The table holds 2^(j/N) as a double-double
 * (test/fixtures/make_exp_table.py), k·ln2/N is subtracted in two exact-enough pieces, and
 * exp(r) − 1 is a degree-5 Taylor polynomial (truncation below 1e−20). The low part l of the
 * argument simply joins r, which is why the kernel can carry its arguments in double-double at
 * no extra cost.
 * @see P. T. P. Tang, "Table-driven implementation of the exponential function in IEEE
 *   floating-point arithmetic", ACM TOMS 15 (1989) 144–157.
 * @internal
 */

import { EXP2_HI, EXP2_LO } from "./expTable.js";
import { LN2_HI, LN2_LO, pow2 } from "./float.js";

const N_INV_LN2 = 256 / Math.LN2;
/** ln2/256 split: k·L1 is exact for |k| < 2^21 (LN2_HI has 21 trailing zero bits). */
const L1 = LN2_HI / 256;
const L2 = LN2_LO / 256;
/** 1.5·2^52: adding and subtracting it rounds to an integer. */
const SHIFT = 6755399441055744;
// Module-local aliases: V8 reads an imported binding through a cell with a hole check on every
// access, which doubles the cost of this function in a hot loop; a local const does not.
const TH: Float64Array = EXP2_HI;
const TL: Float64Array = EXP2_LO;
/** 2^e for e in [−1022, 1023], indexed by e + 1022. */
const POW2 = new Float64Array(2046);
for (let e = -1022; e <= 1023; e++) POW2[e + 1022] = pow2(e);

/** exp(h + l), with |l| at most an ulp or so of h. */
export function expDD(h: number, l: number): number {
  if (!(h >= -708 && h <= 709)) {
    if (h < -745.2) return 0; // below half the smallest subnormal: skip the slow call
    const e = Math.exp(h);
    return e === 0 || !Number.isFinite(e) ? e : e + e * l;
  }
  return tableExp(h, l);
}

/**
 * exp(h) for h ≤ 0, and exactly 0 below −708 (where exp(h) < 2^−1021): the fused sweep's weight,
 * where such a term cannot change a moment of a sum whose largest term is 1. One branch and the
 * table: the WebAssembly kernel's sweep loop does the same with a lane mask.
 */
export function expSweep(h: number): number {
  return h >= -708 ? tableExp(h, 0) : 0;
}

/** The table-driven core for h + l in [−708, 709] (small enough for V8 to inline). */
function tableExp(h: number, l: number): number {
  const kd = h * N_INV_LN2 + SHIFT - SHIFT;
  const k = kd | 0;
  const r = h - kd * L1 - kd * L2 + l;
  const p =
    r +
    r *
      r *
      (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * 0.008333333333333333)));
  const j = k & 255;
  const t = TH[j] as number;
  return (t + ((TL[j] as number) + t * p)) * (POW2[(k >> 8) + 1022] as number);
}
