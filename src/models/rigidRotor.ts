import { thermodynamics } from "../boltzmann/thermodynamics.js";
import { boltzmannConstant, integerOption } from "../internal/validate.js";
import {
  closedForms,
  finiteSpectrum,
  modelOptions,
  normalEnergy,
  positiveOption,
} from "./closedForms.js";
import type { ClosedForms, ExactModel, ExactState } from "./types.js";

/** Options of {@link rigidRotor}. */
export interface RigidRotorOptions {
  /** The rotational constant B = ħ²/2I > 0 (default 1): E_J = B·J(J + 1). */
  rotationalConstant?: number;
  /** The spectrum keeps J = 0 … maxJ (default 100). */
  maxJ?: number;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/** A rigid rotor: the exact sum over every J, and the high-temperature series. */
export interface RigidRotorModel extends ExactModel {
  /**
   * Mulholland's high-temperature expansion, Z ≈ t + 1/3 + 1/(15t) + 4/(315t²) + 1/(315t³) +
   * 4/(3465t⁴) with t = kB·T/B, whose first term is the classical limit Z = kB·T/B
   * (U → kB·T, C → kB); its relative error is O(t⁻⁶), below 1e−15 from t ≈ 400 on.
   */
  highTemperature: ClosedForms;
}

/** Above this t = kB·T/B the series is exact to the last bit and replaces the sum. */
const SERIES_FROM = 1000;

/**
 * Mulholland's series, Z = (1/y)·P(y) with y = B/(kB·T) and
 * P(y) = 1 + y/3 + y²/15 + 4y³/315 + y⁴/315 + 4y⁵/3465, differentiated by hand so that nothing
 * overflows even at T = 1e300: ln Z = ln P − ln y, U = kB·T·(1 − y·P′/P),
 * S/kB = ln Z + 1 − y·P′/P, C/kB = 1 + y²·(P″/P − (P′/P)²), Var(E) = (kB·T)²·C/kB.
 */
function seriesState(B: number, kB: number, T: number): ExactState {
  const kT = kB * T;
  const y = B / kT;
  const P = 1 + y * (1 / 3 + y * (1 / 15 + y * (4 / 315 + y * (1 / 315 + y * (4 / 3465)))));
  const P1 = 1 / 3 + y * (2 / 15 + y * (12 / 315 + y * (4 / 315 + y * (20 / 3465))));
  const P2 = 2 / 15 + y * (24 / 315 + y * (12 / 315 + y * (80 / 3465)));
  const r1 = P1 / P;
  const logZ = Math.log(P) - Math.log(y);
  const shape = 1 + y * y * (P2 / P - r1 * r1); // C/kB
  return {
    temperature: T,
    beta: 1 / kT,
    logZ,
    freeEnergy: -kT * logZ,
    internalEnergy: kT * (1 - y * r1),
    entropy: kB * (logZ + 1 - y * r1),
    heatCapacity: kB * shape,
    energyVariance: kT * kT * shape,
  };
}

function groundOrInfinite(T: number, kB: number): ExactState | undefined {
  if (T === 0) {
    return {
      temperature: T,
      beta: Number.POSITIVE_INFINITY,
      logZ: 0,
      freeEnergy: 0,
      internalEnergy: 0,
      entropy: 0,
      heatCapacity: 0,
      energyVariance: 0,
    };
  }
  if (T === Number.POSITIVE_INFINITY || T === Number.NEGATIVE_INFINITY) {
    return {
      temperature: T,
      beta: 0,
      logZ: Number.POSITIVE_INFINITY,
      freeEnergy: Number.NEGATIVE_INFINITY,
      internalEnergy: Number.POSITIVE_INFINITY,
      entropy: Number.POSITIVE_INFINITY,
      heatCapacity: kB,
      energyVariance: Number.POSITIVE_INFINITY,
    };
  }
  return undefined;
}

function noNegative(fn: string, T: number): void {
  if (T < 0) {
    throw new RangeError(
      `${fn}: temperature ${T} < 0, but the rotor's ladder is unbounded above, so Z diverges; use the truncated spectrum with thermodynamics()`,
    );
  }
}

/**
 * The rigid rotor (a linear molecule): levels E_J = B·J(J + 1) with degeneracy g_J = 2J + 1,
 * J = 0 … maxJ, and the thermodynamics of the full ladder. Rotations freeze out below
 * kB·T ~ B (C → 0 exponentially, as the gap to J = 1 is 2B), overshoot to a maximum
 * C ≈ 1.098·kB near kB·T ≈ 0.81·B, and approach the classical C = kB from above: the rotational
 * part of a diatomic gas's heat capacity (for heteronuclear molecules; homonuclear ones add the
 * ortho/para nuclear-spin weights).
 *
 * The ladder has no closed form for Z. `exact` sums it: every level up to J(J + 1) ≥ 100·t
 * (t = kB·T/B; the rest weighs < e⁻¹⁰⁰ of Z) through {@link thermodynamics}, and for t ≥ 1000
 * uses Mulholland's series, exact there to the last bit. `highTemperature` is that series at any
 * T, to compare with the classical limit Z ≈ kB·T/B.
 *
 * Edge cases: T = ±0 is the ground state (ln Z = 0, S = 0); T = ±∞ gives ln Z = U = S = +∞ and
 * C = kB; T < 0 is a RangeError for the closed forms (the ladder is unbounded) but fine for the
 * truncated spectrum in the core; `highTemperature` needs T > 0. A rotational constant whose top
 * level B·maxJ(maxJ + 1) overflows, or a subnormal one, is a RangeError naming
 * options.rotationalConstant.
 *
 * @see G. Herzberg, Molecular Spectra and Molecular Structure I (1950), ch. III;
 *   H. P. Mulholland, Proc. Camb. Phil. Soc. 24, 280 (1928) (the high-temperature series).
 * @example
 * ```ts
 * const m = rigidRotor({ maxJ: 3 });
 * m.energies            // => Float64Array [0, 2, 6, 12]
 * m.degeneracies        // => Float64Array [1, 3, 5, 7]
 * m.heatCapacity(0.8)   // => 1.0975482975399953
 * m.highTemperature.logZ(1000) // => 6.908088623429404
 * ```
 */
export function rigidRotor(options?: RigidRotorOptions): RigidRotorModel {
  const fn = "rigidRotor";
  const opts = modelOptions(fn, options, ["rotationalConstant", "maxJ", "kB"]);
  const B = normalEnergy(
    fn,
    "options.rotationalConstant",
    positiveOption(fn, "options.rotationalConstant", opts.rotationalConstant, 1),
  );
  const maxJ = opts.maxJ === undefined ? 100 : integerOption(fn, "options.maxJ", opts.maxJ, 0, 1e7);
  const kB = boltzmannConstant(fn, opts.kB);
  finiteSpectrum(
    fn,
    "options.rotationalConstant",
    B * (maxJ * (maxJ + 1)),
    `the top level B·J(J + 1) = ${B}·${maxJ * (maxJ + 1)}`,
  );
  const energies = new Float64Array(maxJ + 1);
  const degeneracies = new Float64Array(maxJ + 1);
  for (let J = 0; J <= maxJ; J++) {
    energies[J] = B * (J * (J + 1));
    degeneracies[J] = 2 * J + 1;
  }
  const exact = (T: number): ExactState => {
    noNegative(`${fn}.exact`, T);
    const limit = groundOrInfinite(T, kB);
    if (limit !== undefined) return limit;
    const t = (kB * T) / B;
    if (t >= SERIES_FROM) return seriesState(B, kB, T);
    const levels: number[] = [];
    const weights: number[] = [];
    for (let J = 0; J * (J + 1) < 100 * t || J < 2; J++) {
      levels.push(B * (J * (J + 1)));
      weights.push(2 * J + 1);
    }
    const { probabilities: _, ...state } = thermodynamics(levels, {
      temperature: T,
      kB,
      degeneracies: weights,
    });
    return state;
  };
  const series = (T: number): ExactState => {
    const where = `${fn}.highTemperature`;
    noNegative(where, T);
    if (T === 0) {
      throw new RangeError(`${where}: the high-temperature series needs T > 0, got ${T}`);
    }
    return groundOrInfinite(T, kB) ?? seriesState(B, kB, T);
  };
  return {
    energies,
    degeneracies,
    kB,
    ...closedForms(fn, exact),
    highTemperature: closedForms(`${fn}.highTemperature`, series),
  };
}
