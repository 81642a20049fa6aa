import type { ThermodynamicState } from "../internal/thermo.js";
import { expandToStates, prepareSweep, stateAt } from "./engine.js";

/**
 * The most occupations one {@link sweep} with `probabilities: true` keeps: 10⁸ numbers (states ×
 * temperatures, 800 MB). Beyond it the call is a RangeError naming options.probabilities before
 * anything is computed; {@link sweepRows} streams the same rows one at a time, with no limit.
 * @example
 * ```ts
 * MAX_SWEEP_PROBABILITIES // => 100000000
 * ```
 */
export const MAX_SWEEP_PROBABILITIES = 100_000_000;

/** Options of {@link sweep} and {@link sweepRows}. */
export interface SweepOptions {
  /** The temperatures, in order (e.g. from {@link "gibbs-softmax"!temperatureGrid}). */
  temperatures: ArrayLike<number>;
  /** Boltzmann's constant (default 1). */
  kB?: number;
  /** Degeneracies gᵢ ≥ 0 (default all 1). */
  degeneracies?: ArrayLike<number>;
  /** Also return the occupations at every temperature (default false: O(n + m) memory). */
  probabilities?: boolean;
}

/** The columns of a sweep: one entry per temperature. */
export interface SweepResult {
  temperature: Float64Array;
  logZ: Float64Array;
  freeEnergy: Float64Array;
  internalEnergy: Float64Array;
  entropy: Float64Array;
  heatCapacity: Float64Array;
  energyVariance: Float64Array;
  /** One Float64Array of occupations per temperature, when `probabilities: true`. */
  probabilities?: Float64Array[];
}

/** One row of a streamed sweep. */
export interface SweepRow extends ThermodynamicState {
  /** Index of this temperature in `options.temperatures`. */
  index: number;
  /** The occupations at this temperature (a fresh array per row), when `probabilities: true`. */
  probabilities?: Float64Array;
}

/**
 * A temperature sweep: the thermodynamic state of one spectrum at many temperatures, as columns.
 *
 * Without occupations, a temperature with enough levels in play takes one fused pass over them
 * (ln Z, U and Var(E) at once); with occupations, or near the ground state where that pass would
 * lose digits, it takes the passes of {@link thermodynamics}. Either way every column is within
 * 3e−13 relative of `thermodynamics` (U, F and ln Z: of their largest term; tested at random kB
 * and spectra); the whole sweep costs O(n·m) time for n levels and m temperatures, and,
 * without `probabilities`, O(n + m) memory: one scratch vector is reused across temperatures.
 * Physics makes it cheaper: equal energies are merged into degenerate levels first (one sort),
 * and at each temperature only the levels whose Boltzmann factor is not below e^−750 are visited
 * (the rest are exactly 0 in double precision), so cold temperatures cost almost nothing.
 * With `probabilities: true` it also keeps one occupation vector per temperature (O(n·m), at most
 * {@link MAX_SWEEP_PROBABILITIES} = 10⁸ numbers, else a RangeError); for big sweeps stream them
 * instead with {@link sweepRows}.
 *
 * Edge cases: every temperature follows {@link thermodynamics} (T = 0, ±∞ and T < 0 allowed; a
 * NaN temperature is a RangeError naming its index); an empty temperature list gives empty
 * columns.
 *
 * @param energies - the levels Eᵢ; never modified.
 * @example
 * ```ts
 * const s = sweep([0, 1], { temperatures: [0, 1, Infinity] });
 * s.entropy // => Float64Array [0, 0.582203108888218, 0.6931471805599453]
 * ```
 */
export function sweep(energies: ArrayLike<number>, options: SweepOptions): SweepResult {
  const prep = prepareSweep("sweep", energies, options);
  const { temperatures, probabilities } = prep;
  const m = temperatures.length;
  if (probabilities && prep.states * m > MAX_SWEEP_PROBABILITIES) {
    throw new RangeError(
      `sweep: options.probabilities: ${prep.states} states × ${m} temperatures is beyond ${MAX_SWEEP_PROBABILITIES} occupations; stream them with sweepRows`,
    );
  }
  const result: SweepResult = {
    temperature: new Float64Array(m),
    logZ: new Float64Array(m),
    freeEnergy: new Float64Array(m),
    internalEnergy: new Float64Array(m),
    entropy: new Float64Array(m),
    heatCapacity: new Float64Array(m),
    energyVariance: new Float64Array(m),
  };
  const all: Float64Array[] = [];
  const levelP = new Float64Array(prep.levels.length);
  for (let j = 0; j < m; j++) {
    const state = stateAt(prep, temperatures[j] as number, levelP);
    result.temperature[j] = state.temperature;
    result.logZ[j] = state.logZ;
    result.freeEnergy[j] = state.freeEnergy;
    result.internalEnergy[j] = state.internalEnergy;
    result.entropy[j] = state.entropy;
    result.heatCapacity[j] = state.heatCapacity;
    result.energyVariance[j] = state.energyVariance;
    if (probabilities) all.push(expandToStates(prep, levelP));
  }
  if (probabilities) result.probabilities = all;
  return result;
}

/**
 * The same sweep as {@link sweep}, streamed: a generator that yields one row per temperature,
 * computed only when asked for, so a sweep with occupations never holds more than one
 * occupation vector at a time (the caller writes each row out and drops it).
 *
 * @example
 * ```ts
 * const rows = [...sweepRows([0, 1], { temperatures: [1, 2] })].map((r) => r.internalEnergy);
 * rows // => [0.2689414213699951, 0.37754066879814546]
 * ```
 */
export function* sweepRows(
  energies: ArrayLike<number>,
  options: SweepOptions,
): Generator<SweepRow, void, undefined> {
  const prep = prepareSweep("sweepRows", energies, options);
  const levelP = new Float64Array(prep.levels.length);
  for (let j = 0; j < prep.temperatures.length; j++) {
    const state = stateAt(prep, prep.temperatures[j] as number, levelP);
    const row: SweepRow = { index: j, ...state };
    if (prep.probabilities) row.probabilities = expandToStates(prep, levelP);
    yield row;
  }
}
