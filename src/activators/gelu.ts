import { notANumber } from "./argument.js";
import { erfc } from "./erfc.js";

/** 1/√2 = SQRT1_2 + SQRT1_2_TAIL to about 2⁻¹⁰⁷. */
const SQRT1_2 = Math.SQRT1_2;
const SQRT1_2_TAIL = -4.833646656726457e-17;
/** Veltkamp's split of SQRT1_2 into two 26-bit halves, for Dekker's exact product. */
const SPLITTER = 134217729;
const SQRT1_2_HEAD = SPLITTER * SQRT1_2 - (SPLITTER * SQRT1_2 - SQRT1_2);
const SQRT1_2_REST = SQRT1_2 - SQRT1_2_HEAD;
/** Scale of the far tail, where erfc(u) alone would be subnormal while x·erfc(u)/2 is not. */
const TAIL_SCALE = 128;
const TAIL_UNSCALE = 2 ** -TAIL_SCALE;

/**
 * Gaussian error linear unit, exact form: gelu(x) = x·Φ(x) = (x/2)·erfc(−x/√2).
 *
 * Φ is the standard normal CDF. JavaScript has no erf, so erfc is a port of fdlibm's s_erf.c (see
 * `src/activators/erfc.ts`, © Sun Microsystems, freely redistributable with its notice), which is
 * accurate to about 1 ulp in relative terms, also in the tail where 1 − Φ(x) would cancel. Two
 * more things keep the tail accurate: −x/√2 is formed exactly as a head u plus a tail du
 * (Dekker's product with 1/√2 split in two doubles) and erfc is corrected to first order in du,
 * because erfc(u) amplifies a relative error of u by ~2u² (the plain formula loses 26 ulp at
 * x = −10 and over 1000 near x = −37.6); and for x < −36.7, where erfc(u) < 1e-295 would lose
 * bits to subnormals while gelu(x) is still normal, erfc is computed scaled by 2¹²⁸. This is the
 * exact GELU, not the tanh approximation 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))). Measured
 * ≤ 2 ulp against 50-digit mpmath references wherever the result is normal, and within one
 * subnormal step below (test/fixtures/activators.json).
 *
 * Physics: the input gated by a step whose threshold is blurred by Gaussian noise,
 * gelu(x) = E[x·step(x − ε)] with ε ~ N(0, 1), where {@link silu} blurs it with logistic noise,
 * the thermal (Fermi–Dirac) smearing of a step at kB·T = 1; Φ is the occupancy of a level with
 * Gaussian rather than thermal disorder.
 *
 * Edge cases: NaN gives NaN; gelu(+∞) = +∞; gelu(−∞) = 0 (the limit, returned explicitly since
 * −∞·Φ(−∞) = −∞·0 is NaN); gelu(x) = x exactly for x ≥ 9 (Φ(x) rounds to 1); below about
 * −38.58 the result underflows to −0. Never throws on a number; an argument that is not a number (a
 * string, a boolean, a BigInt) is a TypeError naming it.
 *
 * @param x - the pre-activation.
 * @returns x·Φ(x).
 * @see D. Hendrycks, K. Gimpel, "Gaussian Error Linear Units (GELUs)", arXiv:1606.08415,
 *   https://arxiv.org/abs/1606.08415
 * @example
 * ```ts
 * gelu(0)       // => 0
 * gelu(1)       // => 0.8413447460685429
 * gelu(-10)     // => -7.619853024160528e-23
 * gelu(10)      // => 10
 * gelu(-Infinity) // => 0
 * ```
 */
export function gelu(x: number): number {
  if (typeof x !== "number") notANumber("gelu", "x", x);
  if (x === Number.NEGATIVE_INFINITY) return 0;
  if (x >= 9) return x; // also +∞; erfc(−x/√2) = 2 − erfc(x/√2) rounds to 2 once x/√2 ≥ 6
  const u = -x * SQRT1_2;
  let du = 0;
  if (Math.abs(x) < 64) {
    // −x/√2 = u + du: Dekker's exact product −x·SQRT1_2 = u + e, plus −x·SQRT1_2_TAIL.
    const a = -x;
    const s = SPLITTER * a;
    const ah = s - (s - a);
    const al = a - ah;
    du =
      ah * SQRT1_2_HEAD -
      u +
      ah * SQRT1_2_REST +
      al * SQRT1_2_HEAD +
      al * SQRT1_2_REST +
      a * SQRT1_2_TAIL;
  }
  // x·(erfc/2): halving erfc is exact (it is normal), so this is one rounding, even for tiny x.
  if (u > 26) return x * (0.5 * erfc(u, du, TAIL_SCALE)) * TAIL_UNSCALE;
  return x * (0.5 * erfc(u, du));
}
