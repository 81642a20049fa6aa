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
