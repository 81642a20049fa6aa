/**
 * gibbs-softmax/calibration: a classifier's outputs, a batch of logits with labels: how well its
 * softmax probabilities match the labels (NLL, accuracy, Brier score, expected and maximum
 * calibration error, reliability diagrams) and the batch's thermodynamics across temperatures
 * (`sweepBatch`). Temperature scaling itself is `fitTemperature` of the core entry point; this
 * subpath keeps the core bundle within its size budget. Re-exports only.
 * @packageDocumentation
 * @module gibbs-softmax/calibration
 */

export { type SweepBatchOptions, type SweepBatchResult, sweepBatch } from "../sweep/sweepBatch.js";
export {
  type CalibrationMetrics,
  type CalibrationMetricsOptions,
  calibrationMetrics,
} from "./calibrationMetrics.js";
export {
  type Binning,
  type BinningOptions,
  type ReliabilityBins,
  reliabilityBins,
} from "./reliabilityBins.js";
