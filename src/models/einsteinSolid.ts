import { boltzmannConstant, integerOption } from "../internal/validate.js";
import {
  booleanOption,
  closedForms,
  finiteSpectrum,
  modelOptions,
  normalEnergy,
  positiveOption,
} from "./closedForms.js";
import { oscillatorState } from "./harmonicOscillator.js";
import type { ExactModel } from "./types.js";

/** Options of {@link einsteinSolid}. */
export interface EinsteinSolidOptions {
  /** Number of atoms N ≥ 1: the solid is 3N independent oscillators (default 1). */
  atoms?: number;
  /** The quantum ħω = kB·Θ_E > 0 (default 1). */
  quantum?: number;
  /** The spectrum keeps total quanta q = 0 … maxQuanta (default 100). */
  maxQuanta?: number;
  /** Include the zero-point energy 3N·ħω/2 (default true). */
  zeroPoint?: boolean;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/**
 * Einstein's solid: N atoms, each vibrating as three independent oscillators of one frequency ω.
 * Its spectrum is that of M = 3N oscillators sharing q quanta, E_q = ħω(q + M/2), with the
 * degeneracy of the ways to share them, g_q = C(q + M − 1, q) (exact integers, rounded once to a
 * double); its closed forms are M times the oscillator's, so C(T) = 3N·kB·(x/2)²/sinh²(x/2) with
 * x = Θ_E/T: the first quantum theory of why heat capacities of solids fall below Dulong–Petit's
 * 3N·kB at low temperature.
 *
 * The truncated spectrum (q ≤ maxQuanta) matches the closed forms while the weight of the
 * dropped levels is negligible, that is while the mean number of quanta, M/(eˣ − 1), is far
 * below maxQuanta. Edge cases follow {@link harmonicOscillator}: T < 0 is a RangeError for the
 * closed forms; T = ±∞ gives C = 3N·kB. A degeneracy beyond the double range is a RangeError;
 * so is a quantum whose top level ħω·(maxQuanta + 3N/2) overflows (quantum 1e308) or that is
 * subnormal, naming options.quantum.
 *
 * @see A. Einstein, Ann. Phys. 22, 180 (1907).
 * @see https://en.wikipedia.org/wiki/Einstein_solid
 * @example
 * ```ts
 * const m = einsteinSolid({ atoms: 1, maxQuanta: 3 });
 * m.degeneracies            // => Float64Array [1, 3, 6, 10]
 * m.heatCapacity(Infinity)  // => 3
 * m.heatCapacity(1)         // => 2.762020782623377
 * ```
 */
export function einsteinSolid(options?: EinsteinSolidOptions): ExactModel {
  const fn = "einsteinSolid";
  const opts = modelOptions(fn, options, ["atoms", "quantum", "maxQuanta", "zeroPoint", "kB"]);
  const atoms =
    opts.atoms === undefined ? 1 : integerOption(fn, "options.atoms", opts.atoms, 1, 1e6);
  const quantum = normalEnergy(
    fn,
    "options.quantum",
    positiveOption(fn, "options.quantum", opts.quantum, 1),
  );
  const maxQuanta =
    opts.maxQuanta === undefined
      ? 100
      : integerOption(fn, "options.maxQuanta", opts.maxQuanta, 0, 1e6);
  const zeroPoint = booleanOption(fn, "options.zeroPoint", opts.zeroPoint, true);
  const kB = boltzmannConstant(fn, opts.kB);
  const M = 3 * atoms;
  const offset = zeroPoint ? M / 2 : 0;
  finiteSpectrum(
    fn,
    "options.quantum",
    quantum * (maxQuanta + offset),
    `the top level ħω·(maxQuanta${zeroPoint ? " + 3N/2" : ""}) = ${quantum}·${maxQuanta + offset}`,
  );
  const energies = new Float64Array(maxQuanta + 1);
  const degeneracies = new Float64Array(maxQuanta + 1);
  let g = 1n; // C(q + M − 1, q), exactly
  for (let q = 0; q <= maxQuanta; q++) {
    if (q > 0) g = (g * BigInt(q + M - 1)) / BigInt(q);
    const gq = Number(g);
    if (!Number.isFinite(gq)) {
      throw new RangeError(
        `${fn}: the degeneracy of q = ${q} quanta exceeds the double range; lower options.maxQuanta (or options.atoms)`,
      );
    }
    energies[q] = quantum * (q + offset);
    degeneracies[q] = gq;
  }
  const evaluate = (T: number) => oscillatorState(`${fn}.exact`, quantum, zeroPoint, M, kB, T);
  return { energies, degeneracies, kB, ...closedForms(fn, evaluate) };
}
