import { boltzmannConstant } from "../internal/validate.js";
import { spinMoments, spinMultiplicity } from "./brillouin.js";
import {
  closedForms,
  finiteSpectrum,
  isLimit,
  modelOptions,
  normalEnergy,
  positiveOption,
  spectrumLimit,
  temperatureArgument,
  unmirror,
} from "./closedForms.js";
import type { ExactModel, ExactState } from "./types.js";

/** Options of {@link paramagnet}. */
export interface ParamagnetOptions {
  /** The spin j: ½, 1, 3/2, … (default ½). */
  spin?: number;
  /** The field as a Zeeman energy ε = g·μ_B·B > 0: the splitting of neighbouring levels (default 1). */
  field?: number;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/** A paramagnet's model: closed forms plus the magnetization. */
export interface ParamagnetModel extends ExactModel {
  /** ⟨m⟩(T) = j·B_j(j·ε/(kB·T)), in units of g·μ_B per spin; −j … j, negative for T < 0. */
  magnetization(temperature: number): number;
}

/**
 * The ideal paramagnet: one spin j in a magnetic field, levels E_m = −ε·m for m = −j … j
 * (ε = g·μ_B·B), one state each — per spin, for N independent spins multiply ln Z, U, S, C by N.
 * Its magnetization is Brillouin's, ⟨m⟩ = j·B_j(jx) with x = ε/(kB·T) (Curie's law ⟨m⟩ ≈
 * j(j + 1)x/3 at high T), and its heat capacity is a Schottky-like peak. Because the spectrum is
 * bounded, it has true negative temperatures: after a fast field reversal (Purcell and Pound,
 * 1951) the spins sit in a population-inverted state with ⟨m⟩ < 0 and U > 0, a Gibbs state at
 * T < 0.
 *
 * Closed forms (x = ε/(kB·T) > 0; T < 0 by the symmetry m → −m): ln Z = ln(sinh(nx/2)/sinh(x/2))
 * with n = 2j + 1, evaluated as jx + ln((1 − e^{−nx})/(1 − e^{−x})); U = −ε⟨m⟩;
 * S/kB = ln Zₛ + x(j − ⟨m⟩) (two terms ≥ 0); C/kB = x²·Var(m), Var(m) = 1/(4 sinh²(x/2)) −
 * n²/(4 sinh²(nx/2)). Near x = 0 both differences cancel their 1/x terms analytically (series),
 * so every quantity is accurate to ~1e−15 relative from x = 1e−300 to x = 1e300.
 *
 * Edge cases: T = ±0 and T = ±∞ are the core's limits (ground state m = j; uniform);
 * magnetization(±0) = j, magnetization(±∞) = 0. A field whose levels ±ε·j overflow, or a
 * subnormal one, is a RangeError naming options.field; Var(E) is formed as (ε·√Var(m))², so a
 * field of 1e300 gives 0 rather than ∞·0 where the spins are frozen. Wherever an intermediate
 * of the closed forms would still overflow, `exact` sums the (finite, exact) spectrum instead.
 *
 * @see https://en.wikipedia.org/wiki/Brillouin_and_Langevin_functions
 * @see E. M. Purcell, R. V. Pound, Phys. Rev. 81, 279 (1951) (a nuclear spin system at negative temperature).
 * @example
 * ```ts
 * const m = paramagnet({ spin: 1 });
 * m.energies              // => Float64Array [-1, 0, 1]
 * m.magnetization(1)      // => 0.5752103826044415
 * m.magnetization(-1)     // => -0.5752103826044415
 * m.entropy(Infinity)     // => 1.0986122886681096
 * ```
 */
export function paramagnet(options?: ParamagnetOptions): ParamagnetModel {
  const fn = "paramagnet";
  const opts = modelOptions(fn, options, ["spin", "field", "kB"]);
  const n = opts.spin === undefined ? 2 : spinMultiplicity(fn, "options.spin", opts.spin);
  const eps = normalEnergy(fn, "options.field", positiveOption(fn, "options.field", opts.field, 1));
  const kB = boltzmannConstant(fn, opts.kB);
  const j = (n - 1) / 2;
  finiteSpectrum(fn, "options.field", eps * j, `|E| up to ε·j = ${eps}·${j}`);
  const energies = new Float64Array(n);
  for (let k = 0; k < n; k++) energies[k] = eps * (k - j);
  const spectrum = { energies, degeneracies: new Float64Array(n).fill(1) };
  const positive = (T: number): ExactState => {
    const x = eps / (kB * T);
    const s = spinMoments(n, x);
    const reference = -eps * j;
    const beta = 1 / (kB * T);
    const root = x * Math.sqrt(s.variance);
    return {
      temperature: T,
      beta,
      logZ: j * x + s.logZs,
      freeEnergy: reference - kB * T * s.logZs,
      internalEnergy: -eps * s.mean,
      entropy: kB * (s.logZs + x * s.deficit),
      heatCapacity: kB * root * root,
      energyVariance: (eps * Math.sqrt(s.variance)) ** 2,
    };
  };
  const evaluate = (T: number): ExactState => {
    const x = eps / (kB * Math.abs(T));
    // At the limits, and where x itself over- or underflows, the core's values are the limits.
    if (isLimit(T) || x === 0 || x === Number.POSITIVE_INFINITY) {
      return spectrumLimit(spectrum, T, kB);
    }
    if (T > 0) return positive(T);
    return unmirror(positive(-T), T, kB);
  };
  const magnetization = (temperature: number): number => {
    const T = temperatureArgument(`${fn}.magnetization`, temperature);
    if (T === 0) return j;
    if (!Number.isFinite(T)) return 0;
    const x = eps / (kB * Math.abs(T));
    if (x === 0) return 0;
    if (x === Number.POSITIVE_INFINITY) return Math.sign(T) * j;
    return Math.sign(T) * spinMoments(n, x).mean;
  };
  return { ...spectrum, kB, magnetization, ...closedForms(fn, evaluate, { spectrum, kB }) };
}
