/**
 * gibbs-softmax: softmax and the Boltzmann–Gibbs distribution side by side.
 *
 * The core entry point: no DOM, no mathjs, no plotting. Re-exports only.
 * @packageDocumentation
 * @module gibbs-softmax
 */

export * from "./activators/index.js";
export * from "./boltzmann/index.js";
export * from "./bridge/index.js";
export {
  type KernelBackend,
  kernelBackend,
  setKernelBackend,
  whenKernelReady,
} from "./internal/accel.js";
export type { ThermodynamicState } from "./internal/thermo.js";
export type { WritableArrayLike } from "./internal/validate.js";
export * from "./softmax/index.js";
export * from "./sweep/index.js";
