export {
  type CrossEntropyOptions,
  type CrossEntropyRowsOptions,
  crossEntropy,
  crossEntropyRows,
} from "./crossEntropy.js";
export { entropy } from "./entropy.js";
export { klDivergence, klDivergenceRows } from "./klDivergence.js";
export { logSoftmax } from "./logSoftmax.js";
export { type LogSumExpOptions, logSumExp, type SignedLogSumExp } from "./logSumExp.js";
export type { OnAllMasked } from "./prepare.js";
export { logSoftmaxRows, type RowsIntoOptions, type RowsOptions, softmaxRows } from "./rows.js";
export {
  type SampleOptions,
  type SamplingOptions,
  sample,
  samplingDistribution,
} from "./sample.js";
export { type SoftmaxIntoOptions, type SoftmaxOptions, softmax } from "./softmax.js";
