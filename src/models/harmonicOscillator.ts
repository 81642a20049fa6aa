import { boltzmannConstant, integerOption } from "../internal/validate.js";
import {
  booleanOption,
  closedForms,
  finiteSpectrum,
  modelOptions,
  normalEnergy,
  positiveOption,
} from "./closedForms.js";
import type { ExactModel, ExactState } from "./types.js";

/** Options of {@link harmonicOscillator}. */
export interface HarmonicOscillatorOptions {
  /** The quantum ħω > 0 (default 1). */
  quantum?: number;
  /** How many levels n = 0 … levels − 1 the spectrum keeps (default 1000, at most 10⁷). */
  levels?: number;
  /** Include the zero-point energy ħω/2 (default true): Eₙ = ħω(n + ½); else Eₙ = ħω·n. */
  zeroPoint?: boolean;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/** At most this many levels in a spectrum (the same cap as an expression's). */
export const MAX_LEVELS = 10_000_000;

/**
 * The exact state of `count` independent oscillators of quantum ħω at T (the infinite spectrum).
 * With x = ħω/(kB·T) and L = ln(1 − e⁻ˣ) < 0:
 * ln Z = −x·z/2 − L, U = ħω(z/2 + 1/(eˣ − 1)), S/kB = x/(eˣ − 1) − L (two terms ≥ 0),
 * C/kB = (x·e^{−x/2}/(1 − e⁻ˣ))² = (x/2)²/sinh²(x/2), Var(E) = (ħω·e^{−x/2}/(1 − e⁻ˣ))², each
 * times `count`; z = 1 with the zero-point energy, else 0.
 * @internal
 */
export function oscillatorState(
  fn: string,
  quantum: number,
  zeroPoint: boolean,
  count: number,
  kB: number,
  T: number,
): ExactState {
  const ground = zeroPoint ? (count * quantum) / 2 : 0;
  if (T < 0) {
    throw new RangeError(
      `${fn}: temperature ${T} < 0, but the infinite oscillator has no Gibbs state at negative temperature (Z diverges); use the truncated spectrum with thermodynamics()`,
    );
  }
  const x = quantum / (kB * T);
  if (T === 0 || x === Number.POSITIVE_INFINITY) {
    return {
      temperature: T,
      beta: Number.POSITIVE_INFINITY,
      logZ: ground === 0 ? 0 : Number.NEGATIVE_INFINITY,
      freeEnergy: ground,
      internalEnergy: ground,
      entropy: 0,
      heatCapacity: 0,
      energyVariance: 0,
    };
  }
  if (x === 0) {
    return {
      temperature: T,
      beta: 0,
      logZ: Number.POSITIVE_INFINITY,
      freeEnergy: Number.NEGATIVE_INFINITY,
      internalEnergy: Number.POSITIVE_INFINITY,
      entropy: Number.POSITIVE_INFINITY,
      heatCapacity: count * kB,
      energyVariance: Number.POSITIVE_INFINITY,
    };
  }
  const oneMinus = -Math.expm1(-x); // 1 − e⁻ˣ
  const L = x < Math.LN2 ? Math.log(oneMinus) : Math.log1p(-Math.exp(-x));
  const bose = Math.exp(-x) / oneMinus; // 1/(eˣ − 1), no overflow
  const root = Math.exp(-x / 2) / oneMinus; // 1/(2 sinh(x/2))
  const z = zeroPoint ? 1 : 0;
  return {
    temperature: T,
    beta: 1 / (kB * T),
    logZ: count * (-x * (z / 2) - L),
    freeEnergy: ground + count * kB * T * L,
    internalEnergy: ground + count * quantum * bose,
    entropy: count * kB * (x * bose - L),
    heatCapacity: count * kB * (x * root) * (x * root),
    energyVariance: count * (quantum * root) * (quantum * root),
  };
}

/**
 * The quantum harmonic oscillator: the levels Eₙ = ħω(n + ½), n = 0 … N − 1 (one state each),
 * and the closed forms of the infinite ladder — the model of a vibrating molecule, of a phonon
 * mode, of a mode of the electromagnetic field (Planck). Its heat capacity is Einstein's:
 * C/kB = (x/2)²/sinh²(x/2) with x = ħω/(kB·T), frozen out below kB·T ~ ħω/4 and → kB (the
 * classical equipartition value) above.
 *
 * Closed forms (x = ħω/(kB·T)): ln Z = −x/2 − ln(1 − e⁻ˣ), U = ħω(½ + 1/(eˣ − 1)),
 * S/kB = x/(eˣ − 1) − ln(1 − e⁻ˣ), C as above, F = ħω/2 + kB·T·ln(1 − e⁻ˣ); each is evaluated
 * with expm1/log1p in a form free of overflow and cancellation, to a few ulp. The truncated
 * spectrum differs from the infinite ladder by the weight of the levels it drops, e^{−N·x}:
 * use N ≫ kB·T/ħω (N > 40·kB·T/ħω leaves less than 1e−17) to compare the two.
 *
 * Edge cases: T = ±0 gives the ground state (ln Z = −∞ with the zero-point energy, 0 without);
 * T = ±∞ gives ln Z = U = S = +∞ and C = kB (the classical limit of the infinite ladder — the
 * truncated spectrum's C returns to 0 there); T < 0 is a RangeError for the closed forms (Z of the
 * infinite ladder diverges) but fine for the truncated spectrum in the core. A quantum whose top
 * level ħω·(levels − ½) overflows, or a subnormal one, is a RangeError naming options.quantum.
 *
 * @see https://en.wikipedia.org/wiki/Quantum_harmonic_oscillator#Statistical_mechanics
 * @see A. Einstein, Ann. Phys. 22, 180 (1907): the Einstein heat capacity.
 * @example
 * ```ts
 * const m = harmonicOscillator({ levels: 4 });
 * m.energies                 // => Float64Array [0.5, 1.5, 2.5, 3.5]
 * m.internalEnergy(1)        // => 1.0819767068693265
 * m.heatCapacity(1)          // => 0.9206735942077923
 * harmonicOscillator().heatCapacity(Infinity) // => 1
 * ```
 */
export function harmonicOscillator(options?: HarmonicOscillatorOptions): ExactModel {
  const fn = "harmonicOscillator";
  const opts = modelOptions(fn, options, ["quantum", "levels", "zeroPoint", "kB"]);
  const quantum = normalEnergy(
    fn,
    "options.quantum",
    positiveOption(fn, "options.quantum", opts.quantum, 1),
  );
  const levels =
    opts.levels === undefined
      ? 1000
      : integerOption(fn, "options.levels", opts.levels, 1, MAX_LEVELS);
  const zeroPoint = booleanOption(fn, "options.zeroPoint", opts.zeroPoint, true);
  const kB = boltzmannConstant(fn, opts.kB);
  const offset = zeroPoint ? 0.5 : 0;
  finiteSpectrum(
    fn,
    "options.quantum",
    quantum * (levels - 1 + offset),
    `the top level ħω·(levels − 1${zeroPoint ? " + ½" : ""}) = ${quantum}·${levels - 1 + offset}`,
  );
  const energies = new Float64Array(levels);
  for (let n = 0; n < levels; n++) energies[n] = quantum * (n + offset);
  const degeneracies = new Float64Array(levels).fill(1);
  const evaluate = (T: number) => oscillatorState(`${fn}.exact`, quantum, zeroPoint, 1, kB, T);
  return { energies, degeneracies, kB, ...closedForms(fn, evaluate) };
}
