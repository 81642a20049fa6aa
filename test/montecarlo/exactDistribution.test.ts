/**
 * The strict test of the Monte Carlo chains: on lattices small enough to enumerate, the sampled
 * energy histogram must match the exact Gibbs distribution p(E) ∝ g(E)·e^{−E/T}, with g(E) the
 * exact density of states (isingSquareDensityOfStates, itself checked against brute force and
 * Beale's published 4×4 counts), by Pearson's χ² test at fixed seeds, p > 10⁻³, below, at and
 * above T_c, for all three algorithms. With a field, where g(E) does not apply, the reference is
 * the joint distribution of (E, M) by brute-force enumeration of the 2^{L²} states, written here.
 *
 * Successive sweeps are correlated, which would inflate χ²: the series is thinned to one sample
 * every `stride` sweeps, with stride ≥ 6·τ_int measured on the run (τ_int ≈ 1 here).
 */
import { describe, expect, it } from "vitest";
import { isingSquareDensityOfStates } from "../../src/models/index.js";
import type { IsingAlgorithm } from "../../src/montecarlo/index.js";
import { integratedAutocorrelationTime, simulateIsing } from "../../src/montecarlo/index.js";
import { chiSquareTest } from "../helpers/chiSquare.js";

const TC = 2 / Math.log(1 + Math.SQRT2);
const ALGORITHMS: IsingAlgorithm[] = ["metropolis", "heatBath", "wolff"];

/** Exact probabilities of each level from (energies, degeneracies), in log space. */
function gibbsOfLevels(energies: ArrayLike<number>, degeneracies: ArrayLike<number>, T: number) {
  const logw = Array.from(energies, (e, i) => Math.log(degeneracies[i] as number) - e / T);
  const top = Math.max(...logw);
  const w = logw.map((x) => Math.exp(x - top));
  const z = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / z);
}

/** Thinned samples of a series: every stride-th value. */
function thin(series: Float64Array, stride: number): Float64Array {
  const out = new Float64Array(Math.floor(series.length / stride));
  for (let i = 0; i < out.length; i++) out[i] = series[i * stride] as number;
  return out;
}

function bump(counts: Float64Array, k: number): void {
  expect(k).toBeGreaterThanOrEqual(0);
  counts[k] = (counts[k] as number) + 1;
}

function strideFor(series: Float64Array): number {
  const { tau, converged } = integratedAutocorrelationTime(series.subarray(0, 20000));
  expect(converged).toBe(true);
  return Math.max(6, Math.ceil(6 * tau));
}

describe("the sampled energy histogram is the exact Gibbs distribution (χ², p > 1e-3)", () => {
  for (const size of [4, 3]) {
    const dos = isingSquareDensityOfStates(size);
    const temperatures = size === 4 ? [1.5, TC, 3.5] : [TC];
    for (const algorithm of ALGORITHMS) {
      for (const T of temperatures) {
        it(`L = ${size}, ${algorithm}, T = ${T.toFixed(3)}`, () => {
          const run = simulateIsing({
            size,
            temperature: T,
            algorithm,
            sweeps: 80_000,
            burnIn: 500,
            seed: 20240613 + size,
          });
          const samples = thin(run.energy, strideFor(run.energy));
          const counts = new Float64Array(dos.energies.length);
          for (const e of samples) {
            const k = dos.energies.indexOf(e);
            expect(k, `energy ${e} is a level of the L = ${size} torus`).toBeGreaterThanOrEqual(0);
            counts[k] = (counts[k] as number) + 1;
          }
          const p = gibbsOfLevels(dos.energies, dos.degeneracies, T);
          const test = chiSquareTest(counts, p);
          expect(test.bins).toBeGreaterThanOrEqual(3);
          expect(test.p, `χ² = ${test.statistic.toFixed(1)} on ${test.dof} dof`).toBeGreaterThan(
            1e-3,
          );
        });
      }
    }
  }

  it("an antiferromagnet (J = −1, L = 4) samples its own Gibbs distribution too", () => {
    const dos = isingSquareDensityOfStates(4);
    for (const algorithm of ["metropolis", "heatBath"] as const) {
      const run = simulateIsing({
        size: 4,
        temperature: 2,
        coupling: -1,
        algorithm,
        sweeps: 60_000,
        burnIn: 500,
        seed: 5,
      });
      const samples = thin(run.energy, strideFor(run.energy));
      // E = J·e with e the bond-sum energy of the density of states.
      const energies = Array.from(dos.energies, (e) => -e);
      const counts = new Float64Array(energies.length);
      for (const e of samples) bump(counts, energies.indexOf(e));
      const test = chiSquareTest(counts, gibbsOfLevels(energies, dos.degeneracies, 2));
      expect(test.p).toBeGreaterThan(1e-3);
    }
  });

  it("the test has power: the histogram at a wrong temperature fails it", () => {
    const dos = isingSquareDensityOfStates(4);
    const run = simulateIsing({ size: 4, temperature: TC, sweeps: 80_000, burnIn: 500, seed: 1 });
    const samples = thin(run.energy, 6);
    const counts = new Float64Array(dos.energies.length);
    for (const e of samples) bump(counts, dos.energies.indexOf(e));
    const wrong = gibbsOfLevels(dos.energies, dos.degeneracies, TC * 1.05);
    expect(chiSquareTest(counts, wrong).p).toBeLessThan(1e-6);
  });
});

/** Exact joint distribution of (E, M) on the L×L torus by enumerating all 2^{L²} states. */
function exactJoint(L: number, J: number, h: number, T: number) {
  const n = L * L;
  const weights = new Map<string, number>();
  let z = 0;
  for (let state = 0; state < 2 ** n; state++) {
    const s = (i: number) => ((state >> i) & 1 ? 1 : -1);
    let bonds = 0;
    let m = 0;
    for (let r = 0; r < L; r++) {
      for (let c = 0; c < L; c++) {
        const v = s(r * L + c);
        m += v;
        bonds += v * (s(r * L + ((c + 1) % L)) + s(((r + 1) % L) * L + c));
      }
    }
    const E = -J * bonds - h * m;
    const w = Math.exp(-E / T);
    z += w;
    const key = `${E}|${m}`;
    weights.set(key, (weights.get(key) ?? 0) + w);
  }
  return new Map([...weights].map(([k, w]) => [k, w / z]));
}

describe("in a field (h ≠ 0), the joint histogram of (E, M) is exact (χ², p > 1e-3)", () => {
  const L = 3;
  const J = 1;
  for (const [h, T] of [
    [0.3, 2.0],
    [-0.7, 3.0],
  ] as const) {
    const exact = exactJoint(L, J, h, T);
    const keys = [...exact.keys()];
    for (const algorithm of ALGORITHMS) {
      it(`L = 3, h = ${h}, T = ${T}, ${algorithm}`, () => {
        const run = simulateIsing({
          size: L,
          temperature: T,
          field: h,
          algorithm,
          sweeps: 80_000,
          burnIn: 500,
          seed: 99,
          start: "hot",
        });
        const stride = strideFor(run.magnetization);
        const counts = new Float64Array(keys.length);
        for (let i = 0; i < run.energy.length; i += stride) {
          const k = keys.indexOf(`${run.energy[i]}|${run.magnetization[i]}`);
          expect(k).toBeGreaterThanOrEqual(0);
          counts[k] = (counts[k] as number) + 1;
        }
        const test = chiSquareTest(
          counts,
          keys.map((k) => exact.get(k) as number),
        );
        expect(test.p, `χ² = ${test.statistic.toFixed(1)} on ${test.dof} dof`).toBeGreaterThan(
          1e-3,
        );
      });
    }
  }
});
