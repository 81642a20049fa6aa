/**
 * Everything the demo computes, through the library's public API only (imported by its package
 * name, exactly as a user would). No DOM here.
 *
 * A {@link Dataset} holds what depends on the numbers only (the levels, the curves against T);
 * a {@link Snapshot} what depends on the temperature too. The softmax side is `softmax(z, {τ})`;
 * the Gibbs side is `gibbs(logitsToEnergies(z, {τ}))`, state by state, and `gibbs` of the
 * merged levels with their degeneracies for the level diagram.
 */
import {
  gibbs,
  logitsToEnergies,
  mergeLevels,
  type Spectrum,
  type SweepResult,
  softmax,
  sweep,
  type Thermodynamics,
  temperatureGrid,
  thermodynamics,
} from "gibbs-softmax";

/** The plotted temperature range of the curves (and of the slider). */
export const CURVE_FROM = 0.01;
export const CURVE_TO = 100;
export const CURVE_POINTS = 161;

export interface Dataset {
  /** One logit per state (in energies mode: −E, each level repeated g times). */
  logits: Float64Array;
  /** The merged levels, ascending, with degeneracies (masked states dropped). */
  levels: Spectrum;
  /** For each state, the index of its level, or −1 for a masked state. */
  levelOf: Int32Array;
  /** The number of unmasked states, N, so that the largest entropy is ln N. */
  states: number;
  /** The temperature grid of the curves and the positive-temperature sweep on it. */
  grid: Float64Array;
  curves: SweepResult;
  /** The negative-temperature branch, computed the first time it is needed. */
  negative: SweepResult | null;
  timing: { merge: number; sweep: number };
}

/** Builds the temperature-independent part. */
export function makeDataset(logits: Float64Array): Dataset {
  const t0 = performance.now();
  const { energies } = logitsToEnergies(logits);
  const levels = mergeLevels(energies);
  const index = new Map<number, number>();
  for (let k = 0; k < levels.energies.length; k++) index.set(levels.energies[k] as number, k);
  const levelOf = new Int32Array(logits.length);
  let states = 0;
  for (let i = 0; i < logits.length; i++) {
    const k = index.get(energies[i] as number);
    levelOf[i] = k ?? -1;
    if (k !== undefined) states++;
  }
  const t1 = performance.now();
  const grid = temperatureGrid({ from: CURVE_FROM, to: CURVE_TO, points: CURVE_POINTS });
  const curves = sweep(levels.energies, { temperatures: grid, degeneracies: levels.degeneracies });
  const t2 = performance.now();
  return {
    logits,
    levels,
    levelOf,
    states,
    grid,
    curves,
    negative: null,
    timing: { merge: t1 - t0, sweep: t2 - t1 },
  };
}

/** The sweep on the negative branch, −grid, cached on the dataset. */
export function negativeCurves(data: Dataset): SweepResult {
  if (data.negative === null) {
    const temperatures = data.grid.map((T) => -T);
    data.negative = sweep(data.levels.energies, {
      temperatures,
      degeneracies: data.levels.degeneracies,
    });
  }
  return data.negative;
}

export interface Snapshot {
  temperature: number;
  /** softmax(z/τ), one per state. */
  softmax: Float64Array;
  /** gibbs(E = −z, T = τ), one per state, through logitsToEnergies. */
  gibbs: Float64Array;
  /** gibbs of the merged levels with their degeneracies, one per level. */
  levelOccupation: Float64Array;
  /** Σ of softmax over the states of each level, to compare with levelOccupation. */
  levelSoftmax: Float64Array;
  thermo: Thermodynamics;
  /** max |softmax − Gibbs| over the states. */
  maxDiff: number;
  /** max |Σ softmax over a level − Gibbs of the level with its degeneracy|. */
  maxDiffLevels: number;
  timing: { softmax: number; gibbs: number; thermo: number };
}

/** Everything at temperature T (= τ: kB = 1 and one logit unit is one energy unit). */
export function makeSnapshot(data: Dataset, temperature: number): Snapshot {
  const t0 = performance.now();
  const p = softmax(data.logits, { temperature });
  const t1 = performance.now();
  const bridge = logitsToEnergies(data.logits, { temperature });
  const q = gibbs(bridge.energies, { temperature: bridge.temperature });
  const { energies, degeneracies } = data.levels;
  const levelOccupation = gibbs(energies, { temperature, degeneracies });
  const t2 = performance.now();
  const thermo = thermodynamics(energies, { temperature, degeneracies });
  const t3 = performance.now();

  const levelSoftmax = new Float64Array(energies.length);
  let maxDiff = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    const d = Math.abs(pi - (q[i] as number));
    if (d > maxDiff) maxDiff = d;
    const k = data.levelOf[i] as number;
    if (k >= 0) levelSoftmax[k] = (levelSoftmax[k] as number) + pi;
  }
  let maxDiffLevels = 0;
  for (let k = 0; k < energies.length; k++) {
    const d = Math.abs((levelSoftmax[k] as number) - (levelOccupation[k] as number));
    if (d > maxDiffLevels) maxDiffLevels = d;
  }
  return {
    temperature,
    softmax: p,
    gibbs: q,
    levelOccupation,
    levelSoftmax,
    thermo,
    maxDiff,
    maxDiffLevels,
    timing: { softmax: t1 - t0, gibbs: t2 - t1, thermo: t3 - t2 },
  };
}

let last: { data: Dataset; temperature: number; snapshot: Snapshot } | null = null;

/** {@link makeSnapshot}, computed once per (numbers, temperature): the panels share it. */
export function snapshotOf(data: Dataset, temperature: number): Snapshot {
  if (last === null || last.data !== data || !Object.is(last.temperature, temperature)) {
    last = { data, temperature, snapshot: makeSnapshot(data, temperature) };
  }
  return last.snapshot;
}

/** Is any level degenerate (g > 1)? Only then can the per-level comparison differ. */
export function hasDegenerateLevel(data: Dataset): boolean {
  for (const g of data.levels.degeneracies) if (g > 1) return true;
  return false;
}

/** The decoding filters of the sampling panel. */
export interface Filters {
  topK?: number | undefined;
  topP?: number | undefined;
  minP?: number | undefined;
}
