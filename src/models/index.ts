/**
 * gibbs-softmax/models: exactly solvable systems, each as a spectrum for the numeric core and
 * its closed forms. Re-exports only.
 * @packageDocumentation
 * @module gibbs-softmax/models
 */

export { brillouin } from "./brillouin.js";
export { type EinsteinSolidOptions, einsteinSolid } from "./einsteinSolid.js";
export { type HarmonicOscillatorOptions, harmonicOscillator } from "./harmonicOscillator.js";
export { type IsingChainOptions, isingChain } from "./isingChain.js";
export { type IsingSquareOptions, isingSquare } from "./isingSquare.js";
export {
  type IsingDensityOfStates,
  isingSquareDensityOfStates,
} from "./isingSquareDensityOfStates.js";
export { type IsingSquareKaufmanOptions, isingSquareKaufman } from "./isingSquareKaufman.js";
export { onsagerMagnetization } from "./onsagerMagnetization.js";
export { type ParamagnetModel, type ParamagnetOptions, paramagnet } from "./paramagnet.js";
export { type RigidRotorModel, type RigidRotorOptions, rigidRotor } from "./rigidRotor.js";
export { type TwoLevelOptions, twoLevelSystem } from "./twoLevelSystem.js";
export type { ClosedForms, ExactModel, ExactState } from "./types.js";
