/**
 * sweepParallel (gibbs-softmax/parallel): identical bits to the single-thread sweep whatever the
 * number of workers. Runs the built package (worker threads load dist/parallel/worker.js), so it
 * needs `npm run build` first, as `npm test` does.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sweep, temperatureGrid } from "../src/index.js";

const entry = join(import.meta.dirname, "..", "dist", "parallel", "index.js");

describe("sweepParallel", () => {
  it("gives the single-thread columns bit for bit, with 1, 2 and 3 workers", async () => {
    if (!existsSync(entry))
      throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
    const { sweepParallel } = (await import(entry)) as typeof import("../src/parallel/index.js");
    let seed = 11;
    const E = Float64Array.from({ length: 3000 }, () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return Math.round((seed / 4294967296) * 400) / 20; // ties: merged into degeneracies
    });
    const temperatures = temperatureGrid({ from: 0.05, to: 50, points: 37 });
    const single = sweep(E, { temperatures, kB: 0.5 });
    for (const workers of [1, 2, 3]) {
      const parallel = await sweepParallel(E, { temperatures, kB: 0.5, workers, minimumWork: 0 });
      expect(parallel).toEqual(single);
    }
  });
  it("refuses occupations and bad worker counts", async () => {
    const { sweepParallel } = (await import(entry)) as typeof import("../src/parallel/index.js");
    await expect(
      sweepParallel([0, 1], { temperatures: [1], probabilities: true } as never),
    ).rejects.toThrow(/sweepRows/);
    await expect(sweepParallel([0, 1], { temperatures: [1], workers: 0 })).rejects.toThrow(
      /workers/,
    );
  });
});
