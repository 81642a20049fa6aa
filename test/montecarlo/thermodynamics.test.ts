/**
 * Monte Carlo estimates against exact thermodynamics, each within its own error bar (3σ, fixed
 * seeds): the spontaneous magnetisation of a 64 × 64 lattice below T_c against Onsager–Yang's
 * m₀(T) = (1 − sinh⁻⁴(2/T))^{1/8} (error by binning analysis), and the energy and heat capacity
 * per spin of the 16 × 16 and 4 × 4 tori near T_c against Kaufman's exact finite-lattice
 * partition function (test/fixtures/montecarlo.json, mpmath at 60 digits by
 * make_montecarlo_references.py; for L = 4 also the library's own isingSquare, whose closed forms
 * are Kaufman's formula in src/models/kaufman.ts). Error of C by the library's blocked jackknife
 * (40 blocks, each much longer than the autocorrelation time; the jackknife itself is checked on
 * independent samples in statistics.test.ts).
 */
import { describe, expect, it } from "vitest";
import { isingSquare } from "../../src/models/index.js";
import type { IsingAlgorithm } from "../../src/montecarlo/index.js";
import { binningAnalysis, jackknife, simulateIsing } from "../../src/montecarlo/index.js";
import { loadMonteCarloReferences, type MonteCarloReferences, TC } from "../helpers/montecarlo.js";

const fixture = loadMonteCarloReferences();

/** Heat capacity per spin, Var(E)/(T²N), of a series of total energies. */
function heatCapacityOf(T: number, N: number) {
  return (energy: Float64Array) => {
    let m = 0;
    for (const e of energy) m += e;
    m /= energy.length;
    let v = 0;
    for (const e of energy) v += (e - m) ** 2;
    return v / energy.length / (T * T * N);
  };
}

describe("L = 64 below T_c: ⟨|M|⟩/N is Onsager–Yang's spontaneous magnetisation", () => {
  const cases: [IsingAlgorithm, number, number][] = [
    ["metropolis", 2.0, 8192],
    ["heatBath", 1.8, 8192],
    ["wolff", 2.0, 2048],
    ["metropolis", 2.1, 8192],
  ];
  for (const [algorithm, T, sweeps] of cases) {
    it(`${algorithm}, T = ${T}`, () => {
      const m0 = fixture.onsager.find((o) => o.temperature === T)?.magnetization as number;
      // The closed form, evaluated here too, so the fixture cannot drift from the formula.
      expect(m0).toBeCloseTo((1 - Math.sinh(2 / T) ** -4) ** 0.125, 14);
      const N = 64 * 64;
      const run = simulateIsing({
        size: 64,
        temperature: T,
        algorithm,
        sweeps,
        burnIn: 500,
        seed: 64,
      });
      const m = run.magnetization.map((x) => Math.abs(x) / N);
      const b = binningAnalysis(m);
      expect(b.converged).toBe(true);
      expect(b.error).toBeLessThan(0.002); // the test can fail: the bar is narrow
      expect(Math.abs(b.mean - m0), `⟨|m|⟩ = ${b.mean} ± ${b.error}, m₀ = ${m0}`).toBeLessThan(
        3 * b.error,
      );
    });
  }
});

describe("E/N and C/N near T_c match Kaufman's exact finite lattice", () => {
  const cases: [number, number, IsingAlgorithm, number][] = [
    [16, TC, "wolff", 60_000],
    [16, TC, "metropolis", 60_000],
    [16, 2.5, "heatBath", 60_000],
    [4, TC, "metropolis", 100_000],
  ];
  for (const [L, T, algorithm, sweeps] of cases) {
    it(`L = ${L}, T = ${T.toFixed(3)}, ${algorithm}`, () => {
      const found = fixture.kaufman.filter(
        (k) => k.size === L && Math.abs(k.temperature - T) < 1e-12,
      );
      expect(found.length, `one fixture row for L = ${L}, T = ${T}`).toBe(1);
      const exact = found[0] as MonteCarloReferences["kaufman"][number];
      if (L <= 5) {
        // The library's Kaufman closed forms agree with the 60-digit fixture.
        const model = isingSquare({ size: L }).exact(T);
        expect(model.internalEnergy / (L * L)).toBeCloseTo(exact.energyPerSpin, 12);
        expect(model.heatCapacity / (L * L)).toBeCloseTo(exact.heatCapacityPerSpin, 12);
      }
      const N = L * L;
      const run = simulateIsing({
        size: L,
        temperature: T,
        algorithm,
        sweeps,
        burnIn: 2000,
        seed: L,
      });
      const e = binningAnalysis(run.energy.map((x) => x / N));
      expect(e.converged).toBe(true);
      expect(Math.abs(e.mean - exact.energyPerSpin), `u = ${e.mean} ± ${e.error}`).toBeLessThan(
        3 * e.error,
      );
      const c = jackknife(run.energy, heatCapacityOf(T, N), { blocks: 40 });
      expect(c.error / c.value).toBeLessThan(0.05);
      expect(
        Math.abs(c.value - exact.heatCapacityPerSpin),
        `c = ${c.value} ± ${c.error}, exact ${exact.heatCapacityPerSpin}`,
      ).toBeLessThan(3 * c.error);
    });
  }
});
