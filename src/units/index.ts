/**
 * gibbs-softmax/units: physical units, CODATA 2018 constants and typed-in spectra, through
 * mathjs (loaded by this entry point only, never by the core). Re-exports only.
 * @packageDocumentation
 * @module gibbs-softmax/units
 */

export { boltzmannConstant } from "./boltzmannConstant.js";
export { CODATA_2018 } from "./constants.js";
export { convertEnergy } from "./convertEnergy.js";
export { MAX_EXPRESSION_LENGTH } from "./expression.js";
export { parseEnergy } from "./parseEnergy.js";
export { parseTemperature } from "./parseTemperature.js";
export {
  type ExpressionSpectrumOptions,
  MATHJS_WEIGHT,
  MAX_EXPRESSION_COST,
  MAX_EXPRESSION_LEVELS,
  spectrumFromExpression,
} from "./spectrumFromExpression.js";
export { thermalEnergy } from "./thermalEnergy.js";
export { type ThermalOptions, thermalOptions } from "./thermalOptions.js";
export { type ToReducedOptions, toReduced } from "./toReduced.js";
