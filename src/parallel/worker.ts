/**
 * A sweepParallel worker: runs the single-thread engine on its share of the temperatures and
 * posts the columns back (transferred, not copied).
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads";
import { emptyColumns, fillColumns, prepareSweep } from "../sweep/engine.js";

const { levels, weights, kB, temperatures } = workerData as {
  levels: Float64Array;
  weights: Float64Array | undefined;
  kB: number;
  temperatures: Float64Array;
};
// The levels arrive merged and sorted: preparing them again is a no-op that rebuilds the state.
const prep = prepareSweep("sweepParallel", levels, {
  temperatures,
  kB,
  ...(weights === undefined ? {} : { degeneracies: weights }),
});
const columns = emptyColumns(temperatures.length);
fillColumns(prep, temperatures, columns);
parentPort?.postMessage(
  columns,
  Object.values(columns).map((c) => c.buffer as ArrayBuffer),
);
