/**
 * The table behind `expDD`: 2^(j/256), j = 0…255, as double-doubles (EXP2_HI[j] + EXP2_LO[j]).
 *
 * Built at load time by repeated double-double multiplication by 2^(1/256) (whose two parts are
 * the constants below, correctly rounded): the accumulated error after 255 steps is below
 * 2^−100 relative, so every EXP2_HI[j] is the correctly rounded 2^(j/256) and EXP2_LO[j] the
 * remainder to ~1e−31. test/exp.test.ts checks both against 60-digit mpmath values
 * (test/fixtures/make_exp_table.py). Building it costs microseconds and keeps ~8 kB of
 * digits out of the bundle.
 * @internal
 */
import { productError } from "./float.js";

/** 2^(1/256) = C_HI + C_LO. */
const C_HI = 1.0027112750502025;
const C_LO = -3.636615928692264e-17;

/** 2^(j/256), correctly rounded. @internal */
export const EXP2_HI = new Float64Array(256);
/** 2^(j/256) − EXP2_HI[j]. @internal */
export const EXP2_LO = new Float64Array(256);

let hi = 1;
let lo = 0;
for (let j = 0; j < 256; j++) {
  EXP2_HI[j] = hi;
  EXP2_LO[j] = lo;
  const p = hi * C_HI;
  const l = productError(hi, C_HI, p) + hi * C_LO + lo * C_HI;
  hi = p + l;
  lo = l - (hi - p);
}
