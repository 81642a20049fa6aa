export { entropy } from "./entropy.js";
export { logSoftmax } from "./logSoftmax.js";
export { type LogSumExpOptions, logSumExp } from "./logSumExp.js";
export { logSoftmaxRows, type RowsIntoOptions, type RowsOptions, softmaxRows } from "./rows.js";
export {
  type SampleOptions,
  type SamplingOptions,
  sample,
  samplingDistribution,
} from "./sample.js";
export { type SoftmaxIntoOptions, type SoftmaxOptions, softmax } from "./softmax.js";
