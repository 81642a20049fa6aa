export { type ParallelSweepOptions, sweepParallel } from "./sweepParallel.js";
