export { type EnergiesToLogitsOptions, energiesToLogits } from "./energiesToLogits.js";
export {
  type FitTemperatureOptions,
  fitTemperature,
  type TemperatureFit,
} from "./fitTemperature.js";
export {
  type IdentitiesOptions,
  type Identity,
  type IdentitySide,
  identities,
} from "./identities.js";
export {
  type EnergiesAtTemperature,
  type LogitsToEnergiesOptions,
  logitsToEnergies,
} from "./logitsToEnergies.js";
export { type SolveTemperatureOptions, solveTemperature } from "./solveTemperature.js";
