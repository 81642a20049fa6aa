/**
 * gibbs-softmax/parallel: big temperature sweeps over worker threads (Node.js only).
 * Re-exports only.
 * @packageDocumentation
 * @module gibbs-softmax/parallel
 */
export { type ParallelSweepOptions, sweepParallel } from "./sweepParallel.js";
