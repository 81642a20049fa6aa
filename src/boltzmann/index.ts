export { gibbs } from "./gibbs.js";
export { logPartitionFunction } from "./logPartitionFunction.js";
export { mergeLevels, type Spectrum } from "./mergeLevels.js";
export type { GibbsIntoOptions, GibbsOptions } from "./options.js";
export { partitionFunction } from "./partitionFunction.js";
export { type Thermodynamics, thermodynamics } from "./thermodynamics.js";
