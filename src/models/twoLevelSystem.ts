import { boltzmannConstant } from "../internal/validate.js";
import {
  closedForms,
  isLimit,
  modelOptions,
  normalEnergy,
  positiveOption,
  spectrumLimit,
} from "./closedForms.js";
import type { ExactModel, ExactState } from "./types.js";

/** Options of {@link twoLevelSystem}. */
export interface TwoLevelOptions {
  /** The gap Δ > 0 between the levels 0 and Δ (default 1). */
  gap?: number;
  /** Degeneracy g₀ > 0 of the lower level (default 1). */
  g0?: number;
  /** Degeneracy g₁ > 0 of the upper level (default 1). */
  g1?: number;
  /** Boltzmann's constant (default 1: T in units of energy). */
  kB?: number;
}

/** ln(1 + eʸ) without overflow. */
function softplus(y: number): number {
  return Math.max(y, 0) + Math.log1p(Math.exp(-Math.abs(y)));
}

/**
 * The two-level system: levels 0 and Δ with degeneracies g₀ and g₁, and its closed forms, whose
 * heat capacity is the Schottky anomaly, a peak at kB·T ≈ 0.417·Δ (g₀ = g₁) that marks a gap in a
 * spectrum the way a bump in C(T) of a paramagnetic salt revealed its crystal-field levels.
 *
 * With x = Δ/(kB·T) and y = ln(g₁/g₀) − x, p₁ = σ(y) = 1/(1 + (g₀/g₁)·eˣ) is the upper occupation:
 * ln Z = ln g₀ + ln(1 + eʸ), U = Δ·p₁, S/kB = p₀·ln(1 + eʸ) + p₁·ln(1 + e⁻ʸ) + p₀ ln g₀ + p₁ ln g₁,
 * C/kB = x²·p₀·p₁, Var(E) = Δ²·p₀·p₁. Every term is evaluated without overflow or cancellation
 * (p₀·p₁ = e^{−|y|}/(1 + e^{−|y|})², and C as (x·√(p₀p₁))²), so each is within a few ulp at any T, negative ones
 * included (population inversion: p₁ > p₀ once y > 0).
 *
 * Edge cases: T = ±0 and T = ±∞ are the limits of CONTRACT.md (ground level, resp. g-weighted
 * uniform); NaN is a RangeError; Δ, g₀, g₁ must be finite and > 0, and Δ not subnormal (a
 * RangeError naming options.gap).
 *
 * @see https://en.wikipedia.org/wiki/Schottky_anomaly
 * @see C. Kittel, H. Kroemer, Thermal Physics, 2nd ed., ch. 3 (the two-state system).
 * @example
 * ```ts
 * const m = twoLevelSystem({ gap: 1 });
 * m.energies                // => Float64Array [0, 1]
 * m.heatCapacity(1)         // => 0.19661193324148185
 * m.internalEnergy(Infinity) // => 0.5
 * twoLevelSystem({ gap: 1, g1: 3 }).entropy(Infinity) // => 1.3862943611198906
 * ```
 */
export function twoLevelSystem(options?: TwoLevelOptions): ExactModel {
  const fn = "twoLevelSystem";
  const opts = modelOptions(fn, options, ["gap", "g0", "g1", "kB"]);
  const gap = normalEnergy(fn, "options.gap", positiveOption(fn, "options.gap", opts.gap, 1));
  const g0 = positiveOption(fn, "options.g0", opts.g0, 1);
  const g1 = positiveOption(fn, "options.g1", opts.g1, 1);
  const kB = boltzmannConstant(fn, opts.kB);
  const spectrum = {
    energies: Float64Array.of(0, gap),
    degeneracies: Float64Array.of(g0, g1),
  };
  const lnG0 = Math.log(g0);
  const lnG1 = Math.log(g1);
  const lnRatio = lnG1 - lnG0;
  const evaluate = (T: number): ExactState => {
    const x = gap / (kB * T);
    if (isLimit(T) || !Number.isFinite(x)) return spectrumLimit(spectrum, T, kB);
    const beta = 1 / (kB * T);
    const y = lnRatio - x;
    const t = Math.exp(-Math.abs(y));
    const p1 = y >= 0 ? 1 / (1 + t) : t / (1 + t);
    const p0 = y >= 0 ? t / (1 + t) : 1 / (1 + t);
    const root = Math.exp(-Math.abs(y) / 2) / (1 + t); // √(p₀p₁): x²·p₀p₁ never forms ∞·0
    const up = softplus(y);
    const down = softplus(-y);
    const logZ = lnG0 + up;
    return {
      temperature: T,
      beta,
      logZ,
      freeEnergy: -kB * T * logZ,
      internalEnergy: gap * p1,
      entropy: kB * (p0 * up + p1 * down + p0 * lnG0 + p1 * lnG1),
      heatCapacity: kB * (x * root) * (x * root),
      energyVariance: gap * root * (gap * root),
    };
  };
  return { ...spectrum, kB, ...closedForms(fn, evaluate, { spectrum, kB }) };
}
