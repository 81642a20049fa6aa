/**
 * First benchmarks (issue 2): the library against the seed code ported to JavaScript.
 * The full harness with the numpy/scipy and tfjs/onnx peers belongs to issue 3.
 * Run with `npm run bench`.
 */
import { bench, describe } from "vitest";
import { logSumExp, softmax, sweep, temperatureGrid } from "../src/index.js";

function randomLogits(n: number, seed = 1): Float64Array {
  const z = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    z[i] = (s / 4294967296) * 20 - 10;
  }
  return z;
}

/** The seed lecture's numpy one-liner, ported literally: np.exp(a) / np.sum(np.exp(a)). */
function seedSoftmax(a: number[]): number[] {
  const e = a.map(Math.exp);
  const s = e.reduce((x, y) => x + y, 0);
  return e.map((x) => x / s);
}

for (const n of [1_000, 100_000]) {
  const z = randomLogits(n);
  const plain = Array.from(z);
  const out = new Float64Array(n);
  describe(`softmax, n = ${n}`, () => {
    bench("gibbs-softmax softmax (into out)", () => {
      softmax(z, { out });
    });
    bench("seed code ported (Array.map(Math.exp))", () => {
      seedSoftmax(plain);
    });
  });
  describe(`logSumExp, n = ${n}`, () => {
    bench("gibbs-softmax logSumExp", () => {
      logSumExp(z);
    });
  });
}

describe("sweep, 1000 levels × 100 temperatures", () => {
  const E = randomLogits(1000, 7);
  const temperatures = temperatureGrid({ from: 0.01, to: 100, points: 100 });
  bench("gibbs-softmax sweep", () => {
    sweep(E, { temperatures });
  });
});
