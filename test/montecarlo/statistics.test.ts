/**
 * The error-bar helpers on a process whose answer is known in closed form: the AR(1) series
 * xₜ = ρ·xₜ₋₁ + εₜ (ε standard normal) has ρ(t) = ρ^t, so τ_int = ½ + Σ ρ^t = (1 + ρ)/(2(1 − ρ)),
 * and the error of the mean of n values is σ·√(2τ_int/n) with σ² = 1/(1 − ρ²) (W. Janke, NIC
 * Series 10 (2002), §3). Normal draws by Box–Muller from pure-rand, seeded.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import {
  binningAnalysis,
  integratedAutocorrelationTime,
  jackknife,
} from "../../src/montecarlo/index.js";

function ar1(n: number, rho: number, seed: number): Float64Array {
  const rng = xoroshiro128plus(seed);
  const x = new Float64Array(n);
  let prev = 0;
  for (let i = -1000; i < n; i++) {
    const u1 = 1 - uniformFloat64(rng);
    const u2 = uniformFloat64(rng);
    const e = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    prev = rho * prev + e;
    if (i >= 0) x[i] = prev;
  }
  return x;
}

describe("the autocorrelation time and the binning error of an AR(1) series", () => {
  for (const rho of [0, 0.5, 0.9]) {
    it(`ρ = ${rho}`, () => {
      const n = 2 ** 17;
      const x = ar1(n, rho, 11);
      const tau = (1 + rho) / (2 * (1 - rho));
      const a = integratedAutocorrelationTime(x);
      expect(a.converged).toBe(true);
      expect(Math.abs(a.tau - tau), `τ = ${a.tau} ± ${a.error}, exact ${tau}`).toBeLessThan(
        3 * a.error + 0.02,
      );
      const b = binningAnalysis(x);
      const exactError = Math.sqrt(1 / (1 - rho * rho)) * Math.sqrt((2 * tau) / n);
      expect(b.converged).toBe(true);
      expect(b.error / exactError).toBeGreaterThan(0.8);
      expect(b.error / exactError).toBeLessThan(1.2);
      expect(b.naiveError / exactError).toBeCloseTo(Math.sqrt(1 / (2 * tau)), 1);
      expect(Math.abs(b.mean)).toBeLessThan(4 * exactError);
      expect(b.autocorrelationTime / tau).toBeGreaterThan(0.6);
      expect(b.autocorrelationTime / tau).toBeLessThan(1.45);
    });
  }
  it("τ's error bar is Madras–Sokal's τ·√(2(2W + 1)/n), and it covers the real scatter of τ", () => {
    // The formula (N. Madras, A. D. Sokal, J. Stat. Phys. 50, 109 (1988); Sokal 1996, §3), from the
    // returned τ and window; then the real error: the spread of τ over 400 independent series
    // (seeded), which the asymptotic formula overstates by about a quarter at W ≈ 5τ. An error bar
    // below the real spread (as a dropped factor 2 under the root gives) would understate it.
    for (const rho of [0.5, 0.8]) {
      const n = 4096;
      const taus: number[] = [];
      const errors: number[] = [];
      for (let seed = 0; seed < 400; seed++) {
        const a = integratedAutocorrelationTime(ar1(n, rho, 1000 + seed));
        expect(a.error).toBe(a.tau * Math.sqrt((2 * (2 * a.window + 1)) / n));
        taus.push(a.tau);
        errors.push(a.error);
      }
      const mean = taus.reduce((s, t) => s + t, 0) / taus.length;
      const spread = Math.sqrt(taus.reduce((s, t) => s + (t - mean) ** 2, 0) / (taus.length - 1));
      const bar = errors.reduce((s, e) => s + e, 0) / errors.length;
      // The spread itself is known to about 1/√(2·399) ≈ 3.5 %.
      expect(bar / spread, `ρ = ${rho}: error bar ${bar}, real spread ${spread}`).toBeGreaterThan(
        1,
      );
      expect(bar / spread).toBeLessThan(1.6);
    }
  });
  it("a series too short for its correlations is reported, not hidden", () => {
    const x = ar1(256, 0.99, 3);
    expect(integratedAutocorrelationTime(x).converged).toBe(false);
    expect(binningAnalysis(x).converged).toBe(false);
  });
  it("refuses bad series and options by name", () => {
    expect(() => binningAnalysis([1, 2, 3])).toThrow(
      /binningAnalysis: series has 3 values; it needs at least 64/,
    );
    expect(() => binningAnalysis(Array(100).fill(1).concat([Number.NaN]))).toThrow(
      /series\[100\] is NaN/,
    );
    expect(() => binningAnalysis(Array(100).fill(1), { minBins: 1 })).toThrow(/minBins/);
    expect(() => integratedAutocorrelationTime([1, 2])).toThrow(/at least 8/);
    expect(() => integratedAutocorrelationTime(Array(10).fill(0), { c: 0 })).toThrow(/options\.c/);
    expect(() => integratedAutocorrelationTime("abc" as never)).toThrow(TypeError);
    const flat = binningAnalysis(Array(128).fill(2));
    expect([flat.mean, flat.error, flat.autocorrelationTime]).toEqual([2, 0, 0.5]);
  });
});

describe("the blocked jackknife", () => {
  const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
  const variance = (x: Float64Array) => {
    const m = mean(x);
    return x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length;
  };
  it("the error of a variance of independent normal samples is σ²·√(2/n)", () => {
    const n = 2 ** 15;
    for (const seed of [1, 2, 3]) {
      const j = jackknife(ar1(n, 0, seed), variance, { blocks: 64 });
      expect(Math.abs(j.value - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
      // The jackknife's own scatter with 64 blocks is about 1/√(2·63) ≈ 9 %.
      expect(j.error / Math.sqrt(2 / n)).toBeGreaterThan(0.7);
      expect(j.error / Math.sqrt(2 / n)).toBeLessThan(1.3);
    }
  });
  it("the error of a mean of correlated samples is σ·√(2τ/n), like binning", () => {
    const rho = 0.9;
    const n = 2 ** 17;
    const exact = Math.sqrt(1 / (1 - rho * rho)) * Math.sqrt((1 + rho) / (1 - rho) / n);
    const j = jackknife(ar1(n, rho, 5), mean, { blocks: 64 });
    expect(j.error / exact).toBeGreaterThan(0.75);
    expect(j.error / exact).toBeLessThan(1.25);
  });
  it("removes the 1/n bias of the plain variance", () => {
    // For x = 1 … 8 the plain variance is 5.25 and the unbiased one 6; the jackknife with one
    // value per block (the classical delete-one jackknife) corrects exactly to the latter.
    const j = jackknife([1, 2, 3, 4, 5, 6, 7, 8], variance, { blocks: 8 });
    expect(j.value).toBe(5.25);
    expect(j.biasCorrected).toBeCloseTo(6, 12);
  });
  it("refuses bad input by name", () => {
    expect(() => jackknife([1, 2, 3], 3 as never)).toThrow(/estimator must be a function/);
    expect(() => jackknife([1, 2, 3], mean, { blocks: 4 })).toThrow(
      /options\.blocks must be an integer from 2 to the series length 3/,
    );
    expect(() => jackknife([1, 2, Number.NaN], mean)).toThrow(/series\[2\] is NaN/);
    expect(() => jackknife([1, 2, 3, 4], () => Number.NaN, { blocks: 2 })).toThrow(
      /the estimator returned NaN on the whole series/,
    );
  });
});
