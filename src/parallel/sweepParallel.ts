import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { integerOption } from "../internal/validate.js";
import {
  emptyColumns,
  fillColumns,
  prepareSweep,
  SWEEP_COLUMNS,
  SWEEP_OPTIONS,
} from "../sweep/engine.js";
import type { SweepOptions, SweepResult } from "../sweep/sweep.js";

/** Options of {@link sweepParallel}. */
export interface ParallelSweepOptions extends Omit<SweepOptions, "probabilities"> {
  /** Worker threads to use (default: the machine's available parallelism). 1 runs in this thread. */
  workers?: number;
  /** Below this many level·temperature pairs the sweep runs in this thread (default 2 000 000). */
  minimumWork?: number;
}

/**
 * {@link "gibbs-softmax"!sweep} spread over worker threads (Node.js only: `gibbs-softmax/parallel`), for big
 * sweeps such as 10⁵ levels × 10³ temperatures. The spectrum is validated, merged and sorted once
 * here; each worker takes a contiguous share of the temperatures and runs exactly the
 * single-thread code on it, so the result is identical, bit for bit, to `sweep(energies,
 * options)`, whatever the number of workers. Small sweeps (below `minimumWork`) skip the worker
 * start-up (tens of milliseconds) and run here.
 *
 * Occupations are not returned (they would cost O(levels × temperatures) memory and copying):
 * stream them with {@link "gibbs-softmax"!sweepRows}.
 *
 * @returns a promise of the same columns as {@link "gibbs-softmax"!sweep}.
 * @example
 * ```ts
 * const s = await sweepParallel([0, 1], { temperatures: [1, 2], workers: 2 }); // small: runs here
 * s.internalEnergy // => Float64Array [0.2689414213699951, 0.37754066879814546]
 * ```
 */
export async function sweepParallel(
  energies: ArrayLike<number>,
  options: ParallelSweepOptions,
): Promise<SweepResult> {
  const fn = "sweepParallel";
  if ((options as { probabilities?: unknown } | undefined)?.probabilities) {
    throw new RangeError(
      `${fn}: occupations are not gathered across threads; stream them with sweepRows`,
    );
  }
  const prep = prepareSweep(fn, energies, { ...options, probabilities: false }, [
    ...SWEEP_OPTIONS,
    "workers",
    "minimumWork",
  ]);
  const workers =
    options.workers === undefined
      ? availableParallelism()
      : integerOption(fn, "options.workers", options.workers, 1, 256);
  const minimumWork =
    options.minimumWork === undefined
      ? 2_000_000
      : integerOption(fn, "options.minimumWork", options.minimumWork, 0);
  const T = Float64Array.from(prep.temperatures);
  const m = T.length;
  const result: SweepResult = emptyColumns(m);
  const count = Math.min(workers, m);
  if (count <= 1 || prep.levels.length * m < minimumWork) {
    fillColumns(prep, T, result);
    return result;
  }
  const url = new URL("./worker.js", import.meta.url);
  const shares = Array.from({ length: count }, (_, w) => {
    const from = Math.floor((w * m) / count);
    const to = Math.floor(((w + 1) * m) / count);
    return { from, to };
  });
  await Promise.all(
    shares.map(
      ({ from, to }) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(url, {
            workerData: {
              levels: prep.levels,
              weights: prep.weights,
              kB: prep.kB,
              temperatures: T.subarray(from, to),
            },
          });
          worker.once("message", (columns: Record<string, Float64Array>) => {
            for (const k of SWEEP_COLUMNS) result[k].set(columns[k] as Float64Array, from);
            resolve();
          });
          worker.once("error", reject);
          worker.once("exit", (code) => {
            if (code !== 0) reject(new Error(`${fn}: a worker stopped with exit code ${code}`));
          });
        }),
    ),
  );
  return result;
}
