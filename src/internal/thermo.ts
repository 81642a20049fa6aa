/**
 * Thermodynamics of a validated spectrum at one temperature: the shared engine of
 * `logPartitionFunction`, `partitionFunction`, `thermodynamics` and `sweep`.
 *
 * Everything is computed in the dimensionless, shifted form the kernel already uses:
 * xᵢ = (Eᵢ − c)/(kB·T) ≥ 0 with c the dominant level (the ground state for T > 0, the top level
 * for T < 0), and ln Zₛ = ln Σ gᵢ e^{−xᵢ} = ln Z + c/(kB·T). Then
 *
 *     U = c + kB·T·⟨x⟩,   S/kB = ⟨x⟩ + ln Zₛ,   F = c − kB·T·ln Zₛ,
 *     C/kB = Var(x) = ⟨(x − ⟨x⟩)²⟩,   Var(E) = (kB·T)²·Var(x).
 *
 * Both terms of S are ≥ 0 (for g ≥ 1), so the entropy never suffers cancellation; the variance is
 * a second pass about the mean, never ⟨E²⟩ − ⟨E⟩², so C keeps ~1e−15 relative accuracy even where
 * the one-pass formula loses every digit. Products with kB·T go through its exact mantissa and
 * binary exponent, so nothing overflows that is representable.
 * @internal
 */

import { exponentOf, LN2_HI, LN2_LO, pow2, scaleByPow2 } from "./float.js";
import {
  type Beta,
  betaOf,
  ENERGIES,
  FINITE,
  fillWeights,
  logNormalizer,
  logSum,
  normalize,
  reducedExponent,
  type Spectrum,
  type WeightSum,
  ZERO,
} from "./kernel.js";

/** The thermodynamic state at one temperature. */
export interface ThermodynamicState {
  /** T, as given. */
  temperature: number;
  /** β = 1/(kB·T): +Infinity at T = ±0, 0 at T = ±Infinity. */
  beta: number;
  /** ln Z. */
  logZ: number;
  /** F = −kB·T·ln Z (Helmholtz free energy). */
  freeEnergy: number;
  /** U = ⟨E⟩. */
  internalEnergy: number;
  /** S = (U − F)/T = −kB·Σ p ln(p/g). */
  entropy: number;
  /** C = Var(E)/(kB·T²) = dU/dT. */
  heatCapacity: number;
  /** ⟨E²⟩ − ⟨E⟩². */
  energyVariance: number;
}

/** ln of a weight sum that was scaled by 2^−K (exact limit weights). */
function logScaledSum(r: WeightSum): number {
  return Math.log(r.sumHi) + r.sumLo / r.sumHi + (r.scaleExp * LN2_HI + r.scaleExp * LN2_LO);
}

/** ln Z(T) = ln Σ gᵢ exp(−Eᵢ/(kB·T)), with the T = 0 and T = ±∞ limits of CONTRACT.md. */
export function logPartition(S: Spectrum, kB: number, temperature: number): number {
  if (S.active === 0) return Number.NEGATIVE_INFINITY;
  const B = betaOf(ENERGIES, kB, temperature);
  const r = fillWeights(S, B, undefined);
  if (B.kind === FINITE) return logNormalizer(B, r);
  if (B.kind === ZERO) {
    const E0 = S.lo;
    if (E0 === 0) return logScaledSum(r);
    return E0 < 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return logScaledSum(r);
}

/**
 * Fills `p` (length n) with the occupations and returns the thermodynamic state.
 * Requires S.active > 0 and S.direction === ENERGIES.
 */
export function thermodynamicState(
  S: Spectrum,
  kB: number,
  temperature: number,
  p: Float64Array,
): ThermodynamicState {
  const B = betaOf(ENERGIES, kB, temperature);
  const r = fillWeights(S, B, p);
  const n = S.n;
  normalize(p, n, r.sumHi, r.sumLo);
  if (B.kind === FINITE) return finiteState(S, B, r, kB, temperature, p);
  const E = S.values;
  if (B.kind === ZERO) {
    const E0 = S.lo;
    const lnG0 = logScaledSum(r);
    const logZ = E0 === 0 ? lnG0 : E0 < 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    return {
      temperature,
      beta: Number.POSITIVE_INFINITY,
      logZ,
      freeEnergy: E0,
      internalEnergy: E0,
      entropy: kB * lnG0,
      heatCapacity: 0,
      energyVariance: 0,
    };
  }
  // T = ±Infinity: the degeneracy-weighted mean and variance of the levels.
  const lnSumG = logScaledSum(r);
  let U = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (pi > 0) U += pi * (E[i] as number);
  }
  let V = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (pi > 0) {
      const d = (E[i] as number) - U;
      V += pi * d * d;
    }
  }
  const sumIsOne = scaleByPow2(r.sumHi, r.scaleExp) === 1 && r.sumLo === 0;
  const freeEnergy = sumIsOne
    ? U
    : lnSumG > 0
      ? Number.NEGATIVE_INFINITY
      : Number.POSITIVE_INFINITY;
  return {
    temperature,
    beta: 0,
    logZ: lnSumG,
    freeEnergy,
    internalEnergy: U,
    entropy: kB * lnSumG,
    heatCapacity: 0,
    energyVariance: V,
  };
}

/** The state at a finite temperature from the occupations p and their weight sum r. @internal */
export function finiteState(
  S: Spectrum,
  B: Beta,
  r: WeightSum,
  kB: number,
  temperature: number,
  p: Float64Array,
): ThermodynamicState {
  const { values, n } = S;
  const c = r.c;
  // x = (E − c)/(kB·T) ≥ 0. As a plain product it is within 2 ulp of the kernel's
  // double-double exponent, ample for the moments; where 1/(kB·T) is not a double (kB·T below
  // 1e−308 or above 1e308) or E − c can overflow, each x is taken from the kernel instead.
  const factor = -(B.bh + B.bl) * B.s1 * B.s2;
  let x: Float64Array | undefined;
  if (!(Number.isFinite(factor) && factor !== 0 && Number.isFinite(S.hi - S.lo))) {
    x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if ((p[i] as number) > 0) x[i] = -reducedExponent(values[i] as number, c, B);
    }
  }
  // ⟨x⟩, compensated; and the most probable level (the mode), for `refined` below.
  let mh = 0;
  let ml = 0;
  let mode = 0;
  let top = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    if (pi > top) {
      top = pi;
      mode = i;
    }
    const xi = x === undefined ? ((values[i] as number) - c) * factor : (x[i] as number);
    const term = pi * xi;
    const t = mh + term;
    const bb = t - mh;
    ml += mh - (t - bb) + (term - bb);
    mh = t;
  }
  const X = mh + ml;
  // Var(x) about the mean, compensated.
  let vh = 0;
  let vl = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    const xi = x === undefined ? ((values[i] as number) - c) * factor : (x[i] as number);
    const d = xi - X;
    const term = pi * d * d;
    const t = vh + term;
    const bb = t - vh;
    vl += vh - (t - bb) + (term - bb);
    vh = t;
  }
  let V = vh + vl;
  const lnZs = r.shift + logSum(r);
  const t = B.tauMant;
  const k = B.tauExp;
  let U = c + scaleByPow2(X * t, k);
  let varE = V === 0 ? 0 : scaleByPow2(V * t * t, 2 * k);
  // Measured from c, U and Var(E) lose digits in two situations, and then they are measured again
  // from the mode m, in energy units scaled by a power of two (`momentsAbout`):
  // - the bulk of the distribution lies far from c (a huge degeneracy beside a deep ground
  //   state: E = [0, −600], g = [1e300, 1] has U = −600·p₁ ≈ −2.26e−37, while c + kB·T·⟨x⟩ is
  //   −600 + 600 = 0): U cancels against c, or the spread of x about ⟨x⟩ ≫ √Var(x) rounds away;
  // - x = (E − c)/(kB·T) is so small (T ≥ 1e154 times the spread) that ⟨x⟩ or Var(x) is
  //   subnormal or 0 while U and Var(E) are ordinary numbers.
  const m = values[mode] as number;
  const far =
    m !== c &&
    ((Math.abs(U) < 0.5 * Math.abs(c) && Math.abs(m) < 0.5 * Math.abs(c)) || X > 8 * Math.sqrt(V));
  const tiny = S.lo !== S.hi && (V < 2 ** -960 || X < 2 ** -960);
  if (far || tiny) {
    const q = momentsAbout(values, p, m);
    U = q.D === 0 ? m : m + scaleByPow2(q.D, q.k);
    varE = q.W === 0 ? 0 : scaleByPow2(q.W, 2 * q.k);
    V = q.W === 0 ? 0 : scaleByPow2(q.W / t / t, 2 * (q.k - k));
  }
  return {
    temperature,
    beta: scaleByPow2(1 / t, -k),
    logZ: logNormalizer(B, r),
    freeEnergy: c - scaleByPow2(lnZs * t, k),
    internalEnergy: U,
    entropy: kB * (X + lnZs),
    heatCapacity: kB * V,
    energyVariance: varE,
  };
}

/**
 * ⟨E − m⟩ = D·2ᵏ and Var(E) = W·2²ᵏ over the occupied levels, with d = (E − m)·2⁻ᵏ scaled by an
 * exact power of two where the spread is beyond 2^±500, so that d² neither overflows nor
 * underflows (energies spanning more than the double range are quartered first, also exactly).
 * Both sums are compensated, the variance a second pass about D.
 */
function momentsAbout(
  values: ArrayLike<number>,
  p: Float64Array,
  m: number,
): { D: number; W: number; k: number } {
  let M = 0;
  for (let i = 0; i < p.length; i++) {
    if ((p[i] as number) > 0) M = Math.max(M, Math.abs((values[i] as number) - m));
  }
  // A spread beyond the double range: quarter the energies (exactly) and bound |E − m|/4 by 2^1023.
  const pre = M === Number.POSITIVE_INFINITY ? 0.25 : 1;
  if (pre < 1) M = 2 ** 1023;
  // Scale only far from 1, so d² neither overflows (M ≥ 2^500) nor underflows (M ≤ 2^−500): by
  // 2^−e in two exact halves (2^1074 itself is not a double).
  const e =
    M > 2 ** 500 ? exponentOf(M) : M > 0 && M < 2 ** -500 ? Math.max(exponentOf(M), -1022) : 0;
  const half = Math.trunc(e / 2);
  const s1 = pow2(-half);
  const s2 = pow2(half - e);
  const d = (i: number) => ((values[i] as number) * pre - m * pre) * s1 * s2;
  const D = sumOver(p, (i, pi) => pi * d(i));
  const W = sumOver(p, (i, pi) => {
    const dev = d(i) - D;
    return pi * dev * dev;
  });
  return { D, W, k: e - Math.log2(pre) };
}

/** Σ term(i, pᵢ) over the occupied levels (pᵢ > 0), with TwoSum compensation. */
function sumOver(p: Float64Array, term: (i: number, pi: number) => number): number {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    const t = term(i, pi);
    const u = hi + t;
    const bb = u - hi;
    lo += hi - (u - bb) + (t - bb);
    hi = u;
  }
  return hi + lo;
}
