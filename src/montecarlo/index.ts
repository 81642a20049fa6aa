/**
 * gibbs-softmax/montecarlo: when Z cannot be summed. The two-dimensional Ising model sampled by
 * Metropolis, heat-bath (a two-state softmax per spin) and Wolff cluster updates, with the
 * error-bar helpers an experimenter needs. No mathjs, no plotly, no Node API: it runs in a Web
 * Worker. Re-exports only.
 * @packageDocumentation
 * @module gibbs-softmax/montecarlo
 */
export { type BinningResult, binningAnalysis } from "./binningAnalysis.js";
export { heatBathProbability } from "./heatBathProbability.js";
export {
  type AutocorrelationResult,
  integratedAutocorrelationTime,
} from "./integratedAutocorrelationTime.js";
export { IsingLattice, type IsingLatticeOptions } from "./isingLattice.js";
export { type JackknifeResult, jackknife } from "./jackknife.js";
export type { IsingAlgorithm } from "./options.js";
export { type IsingOptions, type SweepRecord, simulateIsing } from "./simulateIsing.js";
