/**
 * The fused sweep pass: ln Z, U and Var(E) in one pass over the levels per temperature, with no
 * normalised occupations written anywhere (a sweep without occupations only needs the moments).
 *
 * Per level: the exponent b·(E − c) in plain arithmetic (accurate to ~1e−14 for every weight
 * that matters, which is what the moments need), the weight from the table-driven exp, and the moments of d = (E − K)·|β| about a shift K. K is the mean energy of
 * a pilot pass over every 64th level at the same temperature, so it depends on that temperature
 * alone (a sweep split across workers gives identical bits) and is close enough to U that the
 * one-pass variance ⟨d²⟩ − ⟨d⟩² loses at most two digits; when it would lose more, the
 * caller falls back to the two-pass engine. Moment sums are accumulated in blocks of 256 (in two
 * lanes, even and odd offsets) and the block sums added with compensation, so the error does not
 * grow with the number of levels. The WebAssembly SIMD kernel runs this loop, with identical
 * bits, when the levels fit its buffers (131 072 levels).
 * @internal
 */

import { active, sweepMomentsTyped } from "../internal/accel.js";
import { expSweep } from "../internal/exp.js";
import { productError, scaleByPow2 } from "../internal/float.js";
import { betaOf, ENERGIES, FINITE } from "../internal/kernel.js";
import type { ThermodynamicState } from "../internal/thermo.js";

const BLOCK = 256;
const PILOT_STRIDE = 64;

/**
 * The state at one temperature over sorted levels [i0, i1) (c = levels[i0] for T > 0,
 * levels[i1 − 1] for T < 0), or undefined when the fused pass does not apply (limits, extreme
 * temperatures or degeneracies, or too much cancellation): the caller then uses the engine.
 */
export function fusedState(
  levels: Float64Array,
  weights: Float64Array | undefined,
  i0: number,
  i1: number,
  kB: number,
  temperature: number,
): ThermodynamicState | undefined {
  const B = betaOf(ENERGIES, kB, temperature);
  if (B.kind !== FINITE || i1 - i0 < 2 * PILOT_STRIDE) return undefined;
  const s12 = B.s1 * B.s2; // 2^−k: b = s12·(bh + bl)
  const factor = -(B.bh + B.bl) * s12; // |β| with the sign of T: x = (E − c)·factor ≥ 0
  if (!(Number.isFinite(factor) && factor !== 0 && Number.isFinite(s12) && s12 > 0))
    return undefined;
  if (!Number.isFinite((levels[i1 - 1] as number) - (levels[i0] as number))) return undefined;
  const c = temperature > 0 ? (levels[i0] as number) : (levels[i1 - 1] as number);
  const exp = expSweep;
  const { bh, bl } = B;
  const b = -factor;

  // Pilot: the mean energy over every 64th level, in plain arithmetic.
  let pw = 0;
  let pe = 0;
  for (let i = i0; i < i1; i += PILOT_STRIDE) {
    const e = levels[i] as number;
    const w = Math.exp(-(e - c) * factor) * (weights === undefined ? 1 : (weights[i] as number));
    pw += w;
    pe += w * (e - c);
  }
  const K = pw > 0 ? c + pe / pw : c;

  let sh = 0; // Σw, compensated across blocks
  let sl = 0;
  let mh = 0; // Σw·d
  let ml = 0;
  let qh = 0; // Σw·d²
  let ql = 0;
  const kernel = active();
  const moments =
    kernel === undefined
      ? undefined
      : sweepMomentsTyped(kernel, levels, weights, i0, i1, c, b, K, factor);
  if (moments !== undefined) {
    // The WebAssembly SIMD kernel: the loop below, lane for lane (identical bits).
    sh = moments[0] as number;
    sl = moments[1] as number;
    mh = moments[2] as number;
    ml = moments[3] as number;
    qh = moments[4] as number;
    ql = moments[5] as number;
  } else {
    for (let start = i0; start < i1; start += BLOCK) {
      const end = Math.min(start + BLOCK, i1);
      // Two lanes, even and odd offsets from the block start: the kernel's order.
      let bw0 = 0;
      let bm0 = 0;
      let bq0 = 0;
      let bw1 = 0;
      let bm1 = 0;
      let bq1 = 0;
      for (let i = start; i < end; i++) {
        const e = levels[i] as number;
        // The exponent in plain arithmetic: its rounding, ≤ |b·(e − c)|·2⁻⁵³, is below 1e−14
        // relative for every weight above e^−40, far inside the sweep's 1e−13 target.
        let w = exp((e - c) * b);
        if (weights !== undefined) w *= weights[i] as number;
        const d = (e - K) * factor;
        const wd = w * d;
        if (((i - start) & 1) === 0) {
          bw0 += w;
          bm0 += wd;
          bq0 += wd * d;
        } else {
          bw1 += w;
          bm1 += wd;
          bq1 += wd * d;
        }
      }
      const bw = bw0 + bw1;
      const bm = bm0 + bm1;
      const bq = bq0 + bq1;
      let t = sh + bw;
      let tb = t - sh;
      sl += sh - (t - tb) + (bw - tb);
      sh = t;
      t = mh + bm;
      tb = t - mh;
      ml += mh - (t - tb) + (bm - tb);
      mh = t;
      t = qh + bq;
      tb = t - qh;
      ql += qh - (t - tb) + (bq - tb);
      qh = t;
    }
  }
  const W = sh + sl;
  const m1 = (mh + ml) / W; // ⟨d⟩
  const m2 = (qh + ql) / W; // ⟨d²⟩
  const V = m2 - m1 * m1;
  // More than two digits lost to cancellation (or no spread at all), or ⟨d²⟩ so small that it is
  // subnormal (T beyond 1e150 times the spread): use the two-pass engine. (At three digits, C was
  // off by up to 4e−13 relative; at two, 5e−14 over 3 000 random sweeps.)
  if (!(V > 1e-2 * m2) || !(m2 >= 2 ** -960)) return undefined;
  const X = (K - c) * factor + m1; // ⟨x⟩ = ⟨(E − c)·|β|⟩
  // ln Σw = ln(sh + sl), keeping the low part.
  const lnW = Math.log(sh) + sl / sh;
  // S/kB = ⟨x⟩ + ln Σw. Σw is summed plainly inside each block, starting from the dominant
  // level's weight g₀, so ln Σw carries an absolute error of ~1e−16 whatever its size: near the
  // ground state (S/kB small) that is a large relative error in S (2.6 % at S = 1e−15·kB before
  // this check, test/properties-kb.test.ts). Below S/kB = 1/16 the two-pass engine, which sums
  // the weights with compensation, takes over.
  if (!(X + lnW >= 0.0625)) return undefined;
  // ln Z = c·b + ln Σw, with c·b = −c/(kB·T) as a double-double.
  const cs = c * s12;
  const cb = cs * bh;
  const cbErr =
    Number.isFinite(cb) && Math.abs(cs) < 1e290 ? productError(cs, bh, cb) + cs * bl : 0;
  const t = B.tauMant;
  const k = B.tauExp;
  return {
    temperature,
    beta: scaleByPow2(1 / t, -k),
    logZ: cb + lnW + cbErr,
    freeEnergy: c - scaleByPow2(lnW * t, k),
    // U = K + ⟨E − K⟩: about the pilot mean, not c + kB·T·⟨x⟩, which cancels when the weight
    // sits far from the ground state (a huge degeneracy beside a deep ground level).
    internalEnergy: K + scaleByPow2(m1 * t, k),
    entropy: kB * (X + lnW),
    heatCapacity: kB * V,
    energyVariance: scaleByPow2(V * t * t, 2 * k),
  };
}
