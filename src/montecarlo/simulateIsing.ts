import { integerOption } from "../internal/validate.js";
import { IsingLattice } from "./isingLattice.js";
import {
  algorithmOption,
  type IsingAlgorithm,
  MAX_SWEEPS,
  optionsObject,
  startOption,
  temperatureOption,
} from "./options.js";

/** What the observer of {@link simulateIsing} receives after each recorded sweep. */
export interface SweepRecord {
  /** The index of the sweep among the recorded ones, 0 … sweeps − 1 (burn-in is not counted). */
  sweep: number;
  /** The total energy E after the sweep. */
  energy: number;
  /** The total magnetisation M = Σ sᵢ after the sweep. */
  magnetization: number;
  /** The wall-clock time the sweep took, in milliseconds (performance.now). */
  milliseconds: number;
}

/** Options of {@link simulateIsing}. */
export interface IsingOptions {
  /** The side L of the L×L periodic lattice, an integer from 2 to 4096. */
  size: number;
  /** The temperature T in units of J/kB, finite and > 0. */
  temperature: number;
  /** "metropolis" (the default), "heatBath" or "wolff" (one cluster per sweep). */
  algorithm?: IsingAlgorithm;
  /** How many sweeps to record, an integer from 0 to 2²⁴. */
  sweeps: number;
  /** How many sweeps to run first and discard (default 0). */
  burnIn?: number;
  /** The seed of the random stream, an integer from 0 to 2³² − 1. */
  seed: number;
  /** The coupling J (default 1). */
  coupling?: number;
  /** The field h (default 0). */
  field?: number;
  /** The starting state: "cold", every spin +1 (the default), or "hot", fair coins. */
  start?: "cold" | "hot";
  /** Called after each recorded sweep (not during burn-in), for live traces and timings. */
  observer?: (record: SweepRecord) => void;
}

const KNOWN = [
  "size",
  "temperature",
  "algorithm",
  "sweeps",
  "burnIn",
  "seed",
  "coupling",
  "field",
  "start",
  "observer",
] as const;

/**
 * Samples the two-dimensional Ising model on an L×L torus at temperature T by Markov-chain Monte
 * Carlo and returns its energy and magnetisation after each sweep: one Float64Array entry per
 * recorded sweep, totals over the lattice (E = −J·Σ⟨ij⟩ sᵢsⱼ − h·Σ sᵢ, M = Σ sᵢ; kB = 1, T in
 * units of J). The chain is an {@link IsingLattice} (see it for the three algorithms, the
 * random stream and the definition of a Wolff sweep, one cluster); `burnIn` sweeps run first and
 * are not recorded. The same options give the same arrays on every platform.
 *
 * The samples are correlated: estimate error bars with {@link binningAnalysis} (or
 * {@link integratedAutocorrelationTime}), never with the naive σ/√n. Per-spin values are E/L²
 * and M/L²; C = Var(E)/T² and χ = Var(M)/T (or ⟨M²⟩/T at h = 0 on a finite lattice, where ⟨M⟩
 * is 0 by symmetry and |M| is the usual order parameter).
 *
 * Cost: about L² draws per single-spin sweep; memory is the two result arrays plus L² bytes.
 *
 * Edge cases: everything the lattice refuses (size, seed, coupling, field, start, T ≤ 0, T = ∞,
 * "wolff" with J < 0), plus sweeps an integer in [0, 2²⁴], burnIn an integer ≥ 0, algorithm
 * one of the three names, observer a function, and an unknown option name (a TypeError, so a typo
 * such as `temprature` is not silently ignored). An observer that throws stops the run and the
 * error propagates.
 *
 * @see M. E. J. Newman, G. T. Barkema, Monte Carlo Methods in Statistical Physics (Oxford,
 *   1999), ch. 3–4; docs/montecarlo.md.
 * @example
 * ```ts
 * const run = simulateIsing({ size: 16, temperature: 1.5, sweeps: 200, burnIn: 100, seed: 7 });
 * run.energy.length                           // => 200
 * run.energy.every((e) => e >= -512 && e <= 512) // => true
 * const m = run.magnetization.reduce((a, b) => a + b, 0) / (200 * 256);
 * m > 0.95                                    // => true
 * ```
 */
export function simulateIsing(options: IsingOptions): {
  energy: Float64Array;
  magnetization: Float64Array;
} {
  const fn = "simulateIsing";
  const o = optionsObject(fn, options, KNOWN, "size, temperature, sweeps, seed");
  const T = temperatureOption(fn, "options.temperature", o.temperature);
  const algorithm = algorithmOption(fn, "options.algorithm", o.algorithm);
  const sweeps = integerOption(fn, "options.sweeps", o.sweeps, 0, MAX_SWEEPS);
  const burnIn =
    o.burnIn === undefined ? 0 : integerOption(fn, "options.burnIn", o.burnIn, 0, 2 ** 31 - 1);
  const observer = o.observer;
  if (observer !== undefined && typeof observer !== "function") {
    throw new TypeError(`${fn}: options.observer must be a function`);
  }
  const start = startOption(fn, o.start);
  let lattice: IsingLattice;
  try {
    lattice = new IsingLattice({
      size: o.size as number,
      seed: o.seed as number,
      coupling: o.coupling as number,
      field: o.field as number,
      start,
    });
  } catch (e) {
    // The lattice names its options the same way; only the function's name differs.
    if (e instanceof Error) e.message = e.message.replace(/^IsingLattice:/, `${fn}:`);
    throw e;
  }
  if (algorithm === "wolff" && lattice.coupling < 0) {
    throw new RangeError(
      `${fn}: "wolff" needs options.coupling ≥ 0 (its clusters grow along ferromagnetic bonds), got ${lattice.coupling}: use "metropolis" or "heatBath"`,
    );
  }
  for (let k = 0; k < burnIn; k++) lattice.sweep(T, algorithm);
  const energy = new Float64Array(sweeps);
  const magnetization = new Float64Array(sweeps);
  const notify = observer as ((record: SweepRecord) => void) | undefined;
  for (let k = 0; k < sweeps; k++) {
    const t0 = notify === undefined ? 0 : performance.now();
    lattice.sweep(T, algorithm);
    energy[k] = lattice.energy;
    magnetization[k] = lattice.magnetization;
    if (notify !== undefined) {
      notify({
        sweep: k,
        energy: energy[k] as number,
        magnetization: magnetization[k] as number,
        milliseconds: performance.now() - t0,
      });
    }
  }
  return { energy, magnetization };
}
