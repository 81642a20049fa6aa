export { type SweepOptions, type SweepResult, type SweepRow, sweep, sweepRows } from "./sweep.js";
export { type SweepBatchOptions, type SweepBatchResult, sweepBatch } from "./sweepBatch.js";
export { type TemperatureGridOptions, temperatureGrid } from "./temperatureGrid.js";
