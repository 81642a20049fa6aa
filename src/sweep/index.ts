export {
  MAX_SWEEP_PROBABILITIES,
  type SweepOptions,
  type SweepResult,
  type SweepRow,
  sweep,
  sweepRows,
} from "./sweep.js";
export {
  MAX_GRID_POINTS,
  type TemperatureGridOptions,
  temperatureGrid,
} from "./temperatureGrid.js";
