/**
 * The Boltzmann side on the WebAssembly SIMD kernel: `gibbs`, `logPartitionFunction` and
 * `partitionFunction` of a Float64Array or Float32Array of energies without degeneracies, at a
 * finite nonzero temperature. The kernel gives the JavaScript path's bits (docs/performance.md);
 * every other call, and every input the JavaScript path must refuse, returns undefined here so
 * that path (and its error messages) takes over.
 * @internal
 */

import {
  active,
  type Kernel,
  kernelTakes,
  kindOf,
  normalizeTyped,
  weightsTyped,
} from "../internal/accel.js";
import { type Beta, betaOf, ENERGIES, logNormalizer } from "../internal/kernel.js";
import type { WritableArrayLike } from "../internal/validate.js";
import { kernelDominant } from "../softmax/prepare.js";

interface EnergiesCall {
  readonly K: Kernel;
  readonly values: Float64Array | Float32Array;
  readonly B: Beta;
  readonly c: number;
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
  const c = kernelDominant(K, fn, "energies", values, B.sign, false, ENERGIES);
  return c === undefined ? undefined : { K, values, B, c };
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
  const n = values.length;
  const target = (out as Float64Array | Float32Array | undefined) ?? new Float64Array(n);
  const [sumHi, sumLo] = weightsTyped(K, values, B, c, target, n <= K.chunk, ENERGIES);
  normalizeTyped(K, target, sumHi, sumLo);
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
  const n = values.length;
  const [sumHi, sumLo] = weightsTyped(K, values, B, c, undefined, n <= K.chunk, ENERGIES);
  return logNormalizer(B, { c, shift: 0, sumHi, sumLo, scaleExp: 0 });
}
