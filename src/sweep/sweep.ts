import { ENERGIES, type Spectrum, scan } from "../internal/kernel.js";
import { type ThermodynamicState, thermodynamicState } from "../internal/thermo.js";
import {
  boltzmannConstant,
  checkVector,
  describe,
  needsTypeCheck,
  optionsOf,
} from "../internal/validate.js";

/** Options of {@link sweep} and {@link sweepRows}. */
export interface SweepOptions {
  /** The temperatures, in order (e.g. from {@link temperatureGrid}). */
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

interface Prepared {
  S: Spectrum;
  kB: number;
  temperatures: ArrayLike<number>;
  probabilities: boolean;
}

function prepare(fn: string, energies: ArrayLike<number>, options: SweepOptions): Prepared {
  if (options === undefined) {
    throw new TypeError(
      `${fn}: options with temperatures are required, e.g. { temperatures: [1, 2] }`,
    );
  }
  const opts = optionsOf(fn, options);
  if (opts.temperatures === undefined) {
    throw new TypeError(`${fn}: options.temperatures is required (an array of numbers)`);
  }
  const temperatures = checkVector(fn, "options.temperatures", opts.temperatures);
  const check = needsTypeCheck(temperatures);
  for (let j = 0; j < temperatures.length; j++) {
    const T = temperatures[j] as number;
    if (check && typeof T !== "number") {
      throw new TypeError(`${fn}: options.temperatures[${j}] must be a number, got ${describe(T)}`);
    }
    if (Number.isNaN(T)) throw new RangeError(`${fn}: options.temperatures[${j}] is NaN`);
  }
  const kB = boltzmannConstant(fn, opts.kB);
  const S = scan(fn, "energies", energies, ENERGIES, "options.degeneracies", opts.degeneracies);
  if (S.n === 0)
    throw new RangeError(`${fn}: energies is empty; a spectrum needs at least one level`);
  if (S.active === 0) {
    throw new RangeError(`${fn}: every level is masked (energy +Infinity or degeneracy 0)`);
  }
  const probabilities = opts.probabilities ?? false;
  if (typeof probabilities !== "boolean") {
    throw new TypeError(
      `${fn}: options.probabilities must be a boolean, got ${describe(probabilities)}`,
    );
  }
  return { S, kB, temperatures, probabilities };
}

/**
 * A temperature sweep: the thermodynamic state of one spectrum at many temperatures, as columns.
 *
 * Each temperature costs the same passes as {@link thermodynamics} (the same accuracy: S and C
 * to ~1e−15 relative); the whole sweep costs O(n·m) time for n levels and m temperatures, and,
 * without `probabilities`, O(n + m) memory: one scratch vector is reused across temperatures.
 * With `probabilities: true` it also keeps one occupation vector per temperature (O(n·m)); for
 * big sweeps stream them instead with {@link sweepRows}.
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
  const { S, kB, temperatures, probabilities } = prepare("sweep", energies, options);
  const m = temperatures.length;
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
  let scratch = new Float64Array(S.n);
  for (let j = 0; j < m; j++) {
    const state = thermodynamicState(S, kB, temperatures[j] as number, scratch);
    result.temperature[j] = state.temperature;
    result.logZ[j] = state.logZ;
    result.freeEnergy[j] = state.freeEnergy;
    result.internalEnergy[j] = state.internalEnergy;
    result.entropy[j] = state.entropy;
    result.heatCapacity[j] = state.heatCapacity;
    result.energyVariance[j] = state.energyVariance;
    if (probabilities) {
      all.push(scratch);
      scratch = new Float64Array(S.n);
    }
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
  const { S, kB, temperatures, probabilities } = prepare("sweepRows", energies, options);
  const scratch = new Float64Array(S.n);
  for (let j = 0; j < temperatures.length; j++) {
    const p = probabilities ? new Float64Array(S.n) : scratch;
    const state = thermodynamicState(S, kB, temperatures[j] as number, p);
    const row: SweepRow = { index: j, ...state };
    if (probabilities) row.probabilities = p;
    yield row;
  }
}
