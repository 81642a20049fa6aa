export { type SweepOptions, type SweepResult, type SweepRow, sweep, sweepRows } from "./sweep.js";
export { type TemperatureGridOptions, temperatureGrid } from "./temperatureGrid.js";
