/**
 * The engine behind sweep, sweepRows and sweepParallel: what physics gives a sweep for free.
 *
 * 1. Merge equal energies into degeneracies (a sort, once): the work per temperature is then
 *    O(distinct levels), and the levels are in ascending order.
 * 2. Truncate per temperature: with the levels sorted, the ones whose Boltzmann factor is below
 *    e^−750 relative to the dominant level form one contiguous tail (the top for T > 0, the
 *    bottom for T < 0). Their weights would be exactly 0 in double precision, so skipping them
 *    changes no bit of the result, and a cold sweep touches only the few levels that matter.
 * 3. The per-temperature pass is the same kernel as `thermodynamics` (same accuracy).
 *
 * Occupations, when asked for, are computed per level and handed back per state:
 * pᵢ = p_level·gᵢ/g_level.
 * @internal
 */

import { ENERGIES, type Spectrum, scan } from "../internal/kernel.js";
import { type ThermodynamicState, thermodynamicState } from "../internal/thermo.js";
import { boltzmannConstant, describe, optionsOf, readVector } from "../internal/validate.js";
import { fusedState } from "./fused.js";

/** A spectrum prepared for sweeping: merged, sorted levels and the way back to the states. */
export interface PreparedSweep {
  /** Distinct unmasked energies, ascending. */
  levels: Float64Array;
  /** Total degeneracy of each level, or undefined when every level has degeneracy 1. */
  weights: Float64Array | undefined;
  /** The merged levels as a validated kernel spectrum. */
  merged: Spectrum;
  /** Number of states given by the caller. */
  states: number;
  /** For each state, its level (−1 when masked); only when occupations are asked for. */
  levelOf: Int32Array | undefined;
  /** Each state's degeneracy (only with occupations and degeneracies). */
  stateWeights: ArrayLike<number> | undefined;
  kB: number;
  temperatures: ArrayLike<number>;
  probabilities: boolean;
  /** The fused one-pass kernel applies: no occupations asked, degeneracies within 2^53 of each other. */
  fusable: boolean;
}

/** The options of sweep and sweepRows. */
export const SWEEP_OPTIONS = ["temperatures", "kB", "degeneracies", "probabilities"] as const;

/**
 * Reads and checks the options (`known` names the caller's; an unknown one is a TypeError),
 * validates the spectrum, merges and sorts it.
 */
export function prepareSweep(
  fn: string,
  energies: ArrayLike<number>,
  options: {
    temperatures: ArrayLike<number>;
    kB?: number;
    degeneracies?: ArrayLike<number>;
    probabilities?: boolean;
  },
  known: readonly string[] = SWEEP_OPTIONS,
): PreparedSweep {
  if (options === undefined) {
    throw new TypeError(
      `${fn}: options with temperatures are required, e.g. { temperatures: [1, 2] }`,
    );
  }
  const opts = optionsOf(fn, options, known);
  if (opts.temperatures === undefined) {
    throw new TypeError(`${fn}: options.temperatures is required (an array of numbers)`);
  }
  const temperatures = readVector(fn, "options.temperatures", opts.temperatures);
  for (let j = 0; j < temperatures.length; j++) {
    const T = temperatures[j] as number;
    if (Number.isNaN(T)) throw new RangeError(`${fn}: options.temperatures[${j}] is NaN`);
  }
  const kB = boltzmannConstant(fn, opts.kB);
  const probabilities = opts.probabilities ?? false;
  if (typeof probabilities !== "boolean") {
    throw new TypeError(
      `${fn}: options.probabilities must be a boolean, got ${describe(probabilities)}`,
    );
  }
  const degeneracies = opts.degeneracies;
  const S = scan(fn, "energies", energies, ENERGIES, "options.degeneracies", degeneracies);
  if (S.n === 0)
    throw new RangeError(`${fn}: energies is empty; a spectrum needs at least one level`);
  if (S.active === 0) {
    throw new RangeError(`${fn}: every level is masked (energy +Infinity or degeneracy 0)`);
  }
  const n = S.n;
  const E = S.values;
  const g = S.mult;
  const masked = (i: number) =>
    E[i] === Number.POSITIVE_INFINITY || (g !== undefined && (g[i] as number) === 0);

  let levels: Float64Array;
  let weights: Float64Array | undefined;
  let levelOf: Int32Array | undefined;
  if (g === undefined && !probabilities) {
    // The common case: a native numeric sort of the energies, then runs of equal values.
    const sorted = new Float64Array(S.active);
    let k = 0;
    for (let i = 0; i < n; i++) if (!masked(i)) sorted[k++] = E[i] as number;
    sorted.sort();
    const counts: number[] = [];
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (distinct > 0 && sorted[i] === sorted[distinct - 1]) {
        counts[distinct - 1] = (counts[distinct - 1] as number) + 1;
      } else {
        sorted[distinct] = sorted[i] as number;
        counts[distinct] = 1;
        distinct++;
      }
    }
    levels = sorted.slice(0, distinct);
    weights = distinct < sorted.length ? Float64Array.from(counts) : undefined;
  } else {
    // With degeneracies or occupations: sort state indices, keep the map back to the states.
    const order = new Uint32Array(S.active);
    let k = 0;
    for (let i = 0; i < n; i++) if (!masked(i)) order[k++] = i;
    order.sort((a, b) => (E[a] as number) - (E[b] as number));
    levelOf = probabilities ? new Int32Array(n).fill(-1) : undefined;
    const lv: number[] = [];
    const wt: number[] = [];
    let merged = false;
    for (let j = 0; j < order.length; j++) {
      const i = order[j] as number;
      const e = E[i] as number;
      const gi = g === undefined ? 1 : (g[i] as number);
      const last = lv.length - 1;
      if (last >= 0 && lv[last] === e) {
        wt[last] = (wt[last] as number) + gi;
        merged = true;
      } else {
        lv.push(e);
        wt.push(gi);
      }
      if (levelOf !== undefined) levelOf[i] = lv.length - 1;
    }
    levels = Float64Array.from(lv);
    weights = g !== undefined || merged ? Float64Array.from(wt) : undefined;
  }
  const merged = scan(fn, "energies", levels, ENERGIES, "options.degeneracies", weights);
  let fusable = !probabilities;
  if (weights !== undefined) {
    let gmax = 0;
    let gmin = Number.POSITIVE_INFINITY;
    for (const w of weights) {
      if (w > gmax) gmax = w;
      if (w < gmin) gmin = w;
    }
    fusable &&= gmax / gmin < 2 ** 53;
  }
  return {
    fusable,
    levels,
    weights,
    merged,
    states: n,
    levelOf,
    stateWeights: probabilities ? g : undefined,
    kB,
    temperatures,
    probabilities,
  };
}

/** The columns of a sweep, in the order tables print them. */
export const SWEEP_COLUMNS = [
  "temperature",
  "logZ",
  "freeEnergy",
  "internalEnergy",
  "entropy",
  "heatCapacity",
  "energyVariance",
] as const;
export type SweepColumn = (typeof SWEEP_COLUMNS)[number];

/** Zeroed columns for m temperatures. */
export function emptyColumns(m: number): Record<SweepColumn, Float64Array> {
  return Object.fromEntries(SWEEP_COLUMNS.map((k) => [k, new Float64Array(m)])) as Record<
    SweepColumn,
    Float64Array
  >;
}

/** Fills columns[·][j] for each temperature T[j] (no occupations). */
export function fillColumns(
  prep: PreparedSweep,
  temperatures: ArrayLike<number>,
  columns: Record<SweepColumn, Float64Array>,
): void {
  const levelP = new Float64Array(prep.levels.length);
  for (let j = 0; j < temperatures.length; j++) {
    const state = stateAt(prep, temperatures[j] as number, levelP);
    for (const k of SWEEP_COLUMNS) columns[k][j] = state[k];
  }
}

/** exp(−750): below this relative weight a level is exactly 0 in double precision. */
const CUTOFF = 750;

/**
 * The state at temperature T over the merged levels; `levelP` (length = number of levels)
 * receives the level occupations, zero outside the window that matters.
 */
export function stateAt(
  prep: PreparedSweep,
  temperature: number,
  levelP: Float64Array,
): ThermodynamicState {
  const { levels, weights, merged, kB } = prep;
  const L = levels.length;
  const tau = kB * temperature;
  let i0 = 0;
  let i1 = L;
  if (temperature !== 0 && Number.isFinite(tau) && L > 1) {
    // Slack for the degeneracies: ln(g_max/g_min) + 1, plus a margin for rounding.
    let slack = 4;
    if (weights !== undefined && merged.expo !== undefined) {
      let kmax = Number.NEGATIVE_INFINITY;
      let kmin = Number.POSITIVE_INFINITY;
      for (let i = 0; i < L; i++) {
        const k = merged.expo[i] as number;
        if (k > kmax) kmax = k;
        if (k < kmin) kmin = k;
      }
      slack += (kmax - kmin + 1) * Math.LN2;
    }
    const reach = (CUTOFF + slack) * Math.abs(tau);
    if (temperature > 0) i1 = upperBound(levels, (levels[0] as number) + reach);
    else i0 = lowerBound(levels, (levels[L - 1] as number) - reach);
  }
  if (prep.fusable) {
    const fused = fusedState(levels, weights, i0, i1, kB, temperature);
    if (fused !== undefined) return fused;
  }
  if (i0 > 0 || i1 < L) levelP.fill(0);
  const window: Spectrum =
    i0 === 0 && i1 === L
      ? merged
      : {
          values: levels.subarray(i0, i1),
          n: i1 - i0,
          direction: ENERGIES,
          mant: merged.mant?.subarray(i0, i1),
          expo: merged.expo?.subarray(i0, i1),
          active: i1 - i0,
          infinite: 0,
          lo: levels[i0] as number,
          hi: levels[i1 - 1] as number,
        };
  return thermodynamicState(
    window,
    kB,
    temperature,
    i0 === 0 && i1 === L ? levelP : levelP.subarray(i0, i1),
  );
}

/** The occupations per state from the occupations per level. */
export function expandToStates(prep: PreparedSweep, levelP: Float64Array): Float64Array {
  const out = new Float64Array(prep.states);
  const { levelOf, weights, stateWeights } = prep;
  if (levelOf === undefined) return out;
  for (let i = 0; i < out.length; i++) {
    const l = levelOf[i] as number;
    if (l < 0) continue;
    const p = levelP[l] as number;
    if (weights === undefined) out[i] = p;
    else {
      const gi = stateWeights === undefined ? 1 : (stateWeights[i] as number);
      out[i] = (p * gi) / (weights[l] as number);
    }
  }
  return out;
}

/** First index with levels[i] > x. */
function upperBound(levels: Float64Array, x: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((levels[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(lo, 1);
}

/** First index with levels[i] ≥ x. */
function lowerBound(levels: Float64Array, x: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((levels[mid] as number) >= x) hi = mid;
    else lo = mid + 1;
  }
  return Math.min(lo, levels.length - 1);
}
