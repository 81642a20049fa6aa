/**
 * calibrationMetrics, reliabilityBins and sweepBatch on cases with closed forms (cited inline),
 * their limits and edge cases, and properties (fast-check). The large-scale comparison with
 * numpy/scipy is in calibration-reference.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrationMetrics, reliabilityBins, sweepBatch } from "../src/calibration/index.js";
import { fitTemperature, sweep } from "../src/index.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("reliabilityBins", () => {
  it("puts a confidence on an edge in the lower bin, (lo, hi], and 0 in the first", () => {
    // 15 bins: 0.2 = 3·(1/15) exactly in doubles, so it belongs to bin 2, (2/15, 3/15]
    expect(3 * (1 / 15)).toBe(0.2);
    const r = reliabilityBins([0.2, 0, 1, 0.2000000000000001], [1, 0, 1, 0]);
    expect(r.count[2]).toBe(1);
    expect(r.count[3]).toBe(1);
    expect(r.count[0]).toBe(1);
    expect(r.count[14]).toBe(1);
    expect(r.lower[1]).toBe(1 / 15);
    expect(r.upper[14]).toBe(1);
  });
  it("equal-mass bins split sorted confidences like numpy's array_split (larger bins first)", () => {
    const r = reliabilityBins([0.9, 0.1, 0.5, 0.3, 0.7], [1, 0, 1, 0, 1], {
      bins: 2,
      binning: "mass",
    });
    expect(Array.from(r.count)).toEqual([3, 2]);
    expect(Array.from(r.lower)).toEqual([0.1, 0.7]);
    expect(Array.from(r.upper)).toEqual([0.5, 0.9]);
    // bin 0: conf (0.1+0.3+0.5)/3 = 0.3, acc 1/3; bin 1: conf 0.8, acc 1
    expect(r.ece).toBeCloseTo((3 / 5) * (1 / 3 - 0.3) + (2 / 5) * 0.2, 15);
    expect(r.mce).toBeCloseTo(0.2, 15);
  });
  it("a perfectly calibrated set has ECE = MCE = 0; empty bins report 0", () => {
    const r = reliabilityBins([0.5, 0.5, 1, 1], [1, 0, 1, true], { bins: 4 });
    expect(r.ece).toBe(0);
    expect(r.mce).toBe(0);
    expect(r.count[0]).toBe(0);
    expect(r.accuracy[0]).toBe(0);
  });
  it("refuses bad input with a message naming it", () => {
    expect(() => reliabilityBins([1.5], [1])).toThrow(/confidences\[0\] must be in \[0, 1\]/);
    expect(() => reliabilityBins([Number.NaN], [1])).toThrow(RangeError);
    expect(() => reliabilityBins([0.5], [2])).toThrow(/correct\[0\] must be 0, 1, true or false/);
    expect(() => reliabilityBins([0.5, 0.5], [1])).toThrow(/correct has length 1/);
    expect(() => reliabilityBins([], [])).toThrow(/no predictions/);
    expect(() => reliabilityBins([0.5], [1], { bins: 0 })).toThrow(/options.bins/);
    expect(() => reliabilityBins([0.5], [1], { binning: "quantile" as "mass" })).toThrow(
      /options.binning/,
    );
    expect(() => reliabilityBins("abc" as unknown as number[], [1])).toThrow(TypeError);
  });
});

describe("calibrationMetrics", () => {
  // Two classes, logits [a, 0]: p = σ(a/τ), the two-level system with gap a at T = τ.
  const sigma = (x: number) => 1 / (1 + Math.exp(-x));
  it("matches closed forms on two classes", () => {
    const m = calibrationMetrics([[3, 0]], [1], { temperature: 2, bins: 10 });
    const p = sigma(1.5);
    expect(rel(m.nll, Math.log1p(Math.exp(1.5)))).toBeLessThan(1e-15); // −ln(1 − p)
    expect(m.accuracy).toBe(0);
    expect(rel(m.brier, 2 * p * p)).toBeLessThan(1e-15); // p² + (1 − (1 − p))²
    expect(rel(m.ece, p)).toBeLessThan(1e-15); // one bin, accuracy 0, confidence p
    expect(m.mce).toBe(m.ece);
  });
  it("keeps 1 − p accurate when p is near 1 (Brier and NLL of a confident right answer)", () => {
    const m = calibrationMetrics([[40, 0]], [0]);
    // 1 − p = e⁻⁴⁰/(1 + e⁻⁴⁰); Brier = 2(1 − p)²; NLL = ln(1 + e⁻⁴⁰) ≈ e⁻⁴⁰
    const q = Math.exp(-40) / (1 + Math.exp(-40));
    expect(rel(m.brier, 2 * q * q)).toBeLessThan(1e-14);
    expect(rel(m.nll, Math.log1p(Math.exp(-40)))).toBeLessThan(1e-14);
  });
  it("takes the limits τ = 0 and τ = Infinity, masks, and flat input", () => {
    const z = [
      [2, 2, 0],
      [1, 0, Number.NEGATIVE_INFINITY],
    ];
    const cold = calibrationMetrics(z, [1, 0], { temperature: 0 });
    // row 0: p = (½, ½, 0), label 1: NLL ln 2; row 1: p = (1, 0, 0), NLL 0
    expect(cold.nll).toBe(Math.LN2 / 2);
    expect(cold.accuracy).toBe(0.5); // row 0 predicts class 0 (first maximum)
    const hot = calibrationMetrics(z, [1, 0], { temperature: Number.POSITIVE_INFINITY });
    expect(hot.nll).toBe((Math.log(3) + Math.LN2) / 2);
    const masked = calibrationMetrics(z, [1, 2]);
    expect(masked.nll).toBe(Number.POSITIVE_INFINITY);
    const flat = calibrationMetrics([2, 2, 0, 1, 0, -5], [1, 0], { columns: 3 });
    expect(flat.samples).toBe(2);
  });
  it("refuses bad input, naming the row", () => {
    expect(() => calibrationMetrics([[1, Number.NaN]], [0])).toThrow(/row 0, column 1 is NaN/);
    expect(() => calibrationMetrics([[1, Number.POSITIVE_INFINITY]], [0])).toThrow(/Infinity/);
    expect(() => calibrationMetrics([[1, 2]], [2])).toThrow(
      /labels\[0\] must be an integer in \[0, 2\)/,
    );
    expect(() => calibrationMetrics([[1, 2]], [0.5])).toThrow(/labels\[0\]/);
    expect(() => calibrationMetrics([[1, 2], [1]], [0, 0])).toThrow(/logits\[1\] has length 1/);
    expect(() => calibrationMetrics([[1, 2]], [0, 1])).toThrow(/labels has length 2/);
    expect(() => calibrationMetrics([], [])).toThrow(/no rows/);
    expect(() => calibrationMetrics([[1, 2]], [0], { temperature: -1 })).toThrow(/≥ 0/);
    expect(() => calibrationMetrics([[-Infinity, -Infinity]], [0])).toThrow(/every class masked/);
    expect(() => calibrationMetrics([1, 2, 3], [0], { columns: 2 })).toThrow(/multiple/);
    expect(() => calibrationMetrics([["a", 1]] as unknown as number[][], [0])).toThrow(TypeError);
  });
  it("reads each entry of the input once", () => {
    let reads = 0;
    const row = new Proxy([1, 2, 3], {
      get(target, key) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    });
    calibrationMetrics([row], [0]);
    expect(reads).toBe(3);
  });
  it("properties: metrics at τ equal metrics of z/τ at 1; ECE and Brier stay in range; τ* lowers NLL", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.integer({ min: -2000, max: 2000 }).map((i) => i / 100),
            { minLength: 3, maxLength: 3 },
          ),
          {
            minLength: 2,
            maxLength: 30,
          },
        ),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (rows, tau) => {
          const labels = rows.map((_, r) => r % 3);
          const a = calibrationMetrics(rows, labels, { temperature: tau });
          const b = calibrationMetrics(
            rows.map((r) => r.map((v) => v / tau)),
            labels,
          );
          expect(Math.abs(a.nll - b.nll)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.nll));
          expect(a.accuracy).toBe(b.accuracy);
          expect(a.ece).toBeGreaterThanOrEqual(0);
          expect(a.ece).toBeLessThanOrEqual(1);
          expect(a.brier).toBeGreaterThanOrEqual(0);
          expect(a.brier).toBeLessThanOrEqual(2);
          const fit = fitTemperature(rows, labels);
          if (Number.isFinite(fit.temperature) && fit.temperature > 0)
            expect(
              calibrationMetrics(rows, labels, { temperature: fit.temperature }).nll,
            ).toBeLessThanOrEqual(a.nll * (1 + 1e-12) + 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("sweepBatch", () => {
  it("two classes are the two-level system: closed forms for S and C", () => {
    // logits [a, 0] at τ: a gap a/τ; S = ln(1 + e^{−x}) + x/(1 + e^{x}), C = x² eˣ/(1 + eˣ)², x = a/τ
    const s = sweepBatch([[3, 0]], { temperatures: [0.5, 1, 2, 8] });
    s.temperature.forEach((tau, j) => {
      const x = 3 / tau;
      const S = Math.log1p(Math.exp(-x)) + x / (1 + Math.exp(x));
      const C = (x * x * Math.exp(x)) / (1 + Math.exp(x)) ** 2;
      expect(rel(s.entropy[j] as number, S)).toBeLessThan(1e-14);
      expect(rel(s.heatCapacity[j] as number, C)).toBeLessThan(1e-13);
      expect(rel(s.topProbability[j] as number, 1 / (1 + Math.exp(-x)))).toBeLessThan(1e-15);
      expect(rel(s.effectiveStates[j] as number, Math.exp(S))).toBeLessThan(1e-14);
    });
  });
  it("one row agrees with sweep() of the spectrum E = −z; means are means over rows", () => {
    const z = [1, 2, 3, 4, 1, 2, 3];
    const temperatures = [0.05, 0.3, 1, 7, 100];
    const one = sweepBatch([z], { temperatures });
    const ref = sweep(
      z.map((v) => -v),
      { temperatures },
    );
    temperatures.forEach((_, j) => {
      expect(rel(one.entropy[j] as number, ref.entropy[j] as number)).toBeLessThan(1e-13);
      expect(rel(one.heatCapacity[j] as number, ref.heatCapacity[j] as number)).toBeLessThan(1e-12);
    });
    const two = sweepBatch([z, [0, 0, 0, 0, 0, 0, 0]], { temperatures });
    expect(two.entropy[2]).toBeCloseTo(((one.entropy[2] as number) + Math.log(7)) / 2, 15);
  });
  it("C = τ·dS/dτ (the heat capacity is the slope of the entropy curve)", () => {
    const rows = [
      [2, -1, 0.5, 3],
      [0, 1, 0, -2],
    ];
    const tau = 0.8;
    const h = 1e-5;
    const s = sweepBatch(rows, { temperatures: [tau * (1 - h), tau, tau * (1 + h)] });
    const slope = ((s.entropy[2] as number) - (s.entropy[0] as number)) / (2 * h * tau);
    expect(rel(tau * slope, s.heatCapacity[1] as number)).toBeLessThan(1e-8);
  });
  it("limits, negative temperatures, labels and empty grids", () => {
    const s = sweepBatch([[1, 1, 0]], {
      temperatures: [0, Number.POSITIVE_INFINITY, -1e-300],
      labels: [2],
    });
    expect(Array.from(s.entropy)).toEqual([Math.LN2, Math.log(3), 0]);
    expect(Array.from(s.heatCapacity)).toEqual([0, 0, 0]);
    expect(Array.from(s.nll as Float64Array)).toEqual([Number.POSITIVE_INFINITY, Math.log(3), 0]);
    expect(sweepBatch([[1, 2]], { temperatures: [] }).entropy.length).toBe(0);
    expect(() => sweepBatch([[1, 2]], { temperatures: [Number.NaN] })).toThrow(
      /temperatures\[0\] is NaN/,
    );
    expect(() => sweepBatch([[1, 2]], undefined as unknown as { temperatures: number[] })).toThrow(
      TypeError,
    );
  });
});
