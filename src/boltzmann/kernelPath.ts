/**
 * The Boltzmann side on the WebAssembly SIMD kernel: `gibbs`, `logPartitionFunction`,
 * `partitionFunction` and `thermodynamics` of a Float64Array or Float32Array of energies without
 * degeneracies, at a finite nonzero temperature. The kernel gives the JavaScript path's bits (docs/performance.md);
 * every other call, and every input the JavaScript path must refuse, returns undefined here so
 * that path (and its error messages) takes over.
 * @internal
 */

import {
  active,
  distributionTyped,
  type Kernel,
  kernelTakes,
  kindOf,
  spectrumOnKernel,
  weightsTyped,
} from "../internal/accel.js";
import {
  type Beta,
  betaOf,
  dominant,
  ENERGIES,
  logNormalizer,
  type Spectrum,
} from "../internal/kernel.js";
import { finiteState, type ThermodynamicState } from "../internal/thermo.js";
import type { WritableArrayLike } from "../internal/validate.js";

interface EnergiesCall {
  readonly K: Kernel;
  readonly values: Float64Array | Float32Array;
  readonly B: Beta;
  readonly c: number;
  /** The spectrum as the JavaScript scan describes it (lowest and highest unmasked level). */
  readonly S: Spectrum;
}

function energiesCall(
  fn: string,
  energies: ArrayLike<number>,
  kB: number,
  temperature: number,
): EnergiesCall | undefined {
  const K = active();
  if (K === undefined || kindOf(energies) === 0 || energies.length === 0) return undefined;
  const B = betaOf(ENERGIES, kB, temperature);
  if (!kernelTakes(B, ENERGIES)) return undefined;
  const values = energies as Float64Array | Float32Array;
  const S = spectrumOnKernel(K, fn, "energies", values, ENERGIES);
  if (S === undefined) return undefined;
  return { K, values, B, c: dominant(S, B), S };
}

/** gibbs on the kernel, into `out` (typed, of the right length) or a new Float64Array. */
export function gibbsOnKernel(
  fn: string,
  energies: ArrayLike<number>,
  kB: number,
  temperature: number,
  out: WritableArrayLike | undefined,
): WritableArrayLike | undefined {
  if (out !== undefined && (kindOf(out) === 0 || out.length !== energies.length)) return undefined;
  const call = energiesCall(fn, energies, kB, temperature);
  if (call === undefined) return undefined;
  const { K, values, B, c } = call;
  const target =
    (out as Float64Array | Float32Array | undefined) ?? new Float64Array(values.length);
  distributionTyped(K, values, B, c, target, ENERGIES);
  return target;
}

/** ln Z on the kernel. */
export function logPartitionOnKernel(
  fn: string,
  energies: ArrayLike<number>,
  kB: number,
  temperature: number,
): number | undefined {
  const call = energiesCall(fn, energies, kB, temperature);
  if (call === undefined) return undefined;
  const { K, values, B, c } = call;
  const [sumHi, sumLo] = weightsTyped(K, values, B, c, undefined, ENERGIES);
  return logNormalizer(B, { c, shift: 0, sumHi, sumLo, scaleExp: 0 });
}

/**
 * thermodynamics on the kernel: the occupations from the kernel (the bits of `gibbs`), then the
 * JavaScript path's moments (`finiteState`), so the state is the JavaScript path's too.
 */
export function thermodynamicsOnKernel(
  fn: string,
  energies: ArrayLike<number>,
  kB: number,
  temperature: number,
): { state: ThermodynamicState; probabilities: Float64Array } | undefined {
  const call = energiesCall(fn, energies, kB, temperature);
  if (call === undefined) return undefined;
  const { K, values, B, c, S } = call;
  const p = new Float64Array(values.length);
  const [sumHi, sumLo] = distributionTyped(K, values, B, c, p, ENERGIES);
  const r = { c, shift: 0, sumHi, sumLo, scaleExp: 0 };
  return { state: finiteState(S, B, r, kB, temperature, p), probabilities: p };
}
