/**
 * A sweepParallel worker: runs the single-thread engine on its share of the temperatures and
 * posts the columns back (transferred, not copied).
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareSweep, stateAt } from "../sweep/engine.js";

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
const m = temperatures.length;
const keys = [
  "temperature",
  "logZ",
  "freeEnergy",
  "internalEnergy",
  "entropy",
  "heatCapacity",
  "energyVariance",
] as const;
const columns = Object.fromEntries(keys.map((k) => [k, new Float64Array(m)])) as Record<
  (typeof keys)[number],
  Float64Array
>;
const levelP = new Float64Array(prep.levels.length);
for (let j = 0; j < m; j++) {
  const state = stateAt(prep, temperatures[j] as number, levelP);
  for (const k of keys) columns[k][j] = state[k];
}
parentPort?.postMessage(
  columns,
  Object.values(columns).map((c) => c.buffer as ArrayBuffer),
);
