/**
 * temperatureGrid, sweep and sweepRows. References: closed forms of the two-level system
 * (U = Δ/(1 + e^{Δ/T}), C = (Δ/T)²·e^{Δ/T}/(1 + e^{Δ/T})²) and of the geometric grid.
 */
import { describe, expect, it } from "vitest";
import { mergeLevels, sweep, sweepRows, temperatureGrid, thermodynamics } from "../src/index.js";
import { THERMO_FIELDS } from "./helpers/fixtures.js";

describe("temperatureGrid", () => {
  it("spaces a log grid geometrically and a linear grid evenly", () => {
    const g = temperatureGrid({ from: 0.01, to: 100, points: 5 });
    for (const [i, x] of [0.01, 0.1, 1, 10, 100].entries()) {
      expect(Math.abs((g[i] as number) - x)).toBeLessThan(2e-16 * x * 4);
    }
    const l = temperatureGrid({ from: -1, to: 1, points: 5, scale: "linear" });
    expect(l).toEqual(new Float64Array([-1, -0.5, 0, 0.5, 1]));
  });
  it("is strictly monotone and handles ratios beyond the double range", () => {
    const g = temperatureGrid({ from: 1e-300, to: 1e300, points: 101 });
    for (let i = 1; i < g.length; i++) expect(g[i]).toBeGreaterThan(g[i - 1] as number);
    expect(g[50]).toBeCloseTo(1, 12);
    const l = temperatureGrid({ from: -1e308, to: 1e308, points: 3, scale: "linear" });
    expect(l).toEqual(new Float64Array([-1e308, 0, 1e308]));
  });
});

describe("sweep", () => {
  const two = [0, 1];
  const temperatures = temperatureGrid({ from: 0.05, to: 20, points: 60 });

  it("matches the two-level closed forms at every temperature", () => {
    const s = sweep(two, { temperatures });
    temperatures.forEach((T, j) => {
      const x = 1 / T;
      const U = 1 / (1 + Math.exp(x));
      const C = (x * x * Math.exp(x)) / (1 + Math.exp(x)) ** 2;
      expect(Math.abs((s.internalEnergy[j] as number) - U)).toBeLessThan(1e-15);
      expect(Math.abs((s.heatCapacity[j] as number) - C)).toBeLessThan(1e-14 * Math.max(C, 1e-300));
      expect(s.temperature[j]).toBe(T);
    });
  });
  it("gives the columns of thermodynamics() at each temperature, limits included", () => {
    const E = [0.3, -1.2, 2, 2, Number.POSITIVE_INFINITY];
    const g = [1, 2, 1, 3, 1];
    const Ts = [0, 0.1, 1, -2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
    const s = sweep(E, { temperatures: Ts, degeneracies: g, kB: 2, probabilities: true });
    const close = (a: number, b: number) =>
      a === b || Math.abs(a - b) <= 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));
    Ts.forEach((T, j) => {
      const t = thermodynamics(E, { temperature: T, degeneracies: g, kB: 2 });
      // Merged levels are summed in another order, so the last bit or two may differ.
      for (const key of THERMO_FIELDS) {
        expect(
          close(s[key][j] as number, t[key]),
          `${key} at T = ${T}: ${s[key][j]} vs ${t[key]}`,
        ).toBe(true);
      }
      (s.probabilities as Float64Array[])[j]?.forEach((p, i) => {
        expect(close(p, t.probabilities[i] as number)).toBe(true);
      });
    });
  });
  it("agrees with thermodynamics() to 1e−13 on a large sweep (the fused one-pass kernel)", () => {
    let seed = 5;
    const E = Float64Array.from({ length: 5000 }, () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return (seed / 4294967296) * 30 - 10;
    });
    const Ts = temperatureGrid({ from: 0.02, to: 300, points: 40 });
    const s = sweep(E, { temperatures: Ts });
    Ts.forEach((T, j) => {
      const t = thermodynamics(E, { temperature: T });
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
      expect(rel(s.entropy[j] as number, t.entropy)).toBeLessThan(1e-13);
      expect(rel(s.heatCapacity[j] as number, t.heatCapacity)).toBeLessThan(1e-13);
      expect(rel(s.energyVariance[j] as number, t.energyVariance)).toBeLessThan(1e-13);
      expect(Math.abs((s.internalEnergy[j] as number) - t.internalEnergy)).toBeLessThan(1e-13 * 10);
      expect(Math.abs((s.logZ[j] as number) - t.logZ)).toBeLessThan(
        1e-13 * Math.max(1, Math.abs(t.logZ)),
      );
    });
  });
  it("keeps no occupations unless asked (O(levels + temperatures) memory)", () => {
    const s = sweep(two, { temperatures });
    expect(s.probabilities).toBeUndefined();
    expect(
      Object.values(s).every((c) => c instanceof Float64Array && c.length === temperatures.length),
    ).toBe(true);
  });
  it("streams the same rows with sweepRows, one fresh occupation vector per row", () => {
    const s = sweep(two, { temperatures, probabilities: true });
    let j = 0;
    const seen = new Set<Float64Array>();
    for (const row of sweepRows(two, { temperatures, probabilities: true })) {
      expect(row.index).toBe(j);
      expect(row.entropy).toBe(s.entropy[j]);
      expect(row.probabilities).toEqual(s.probabilities?.[j]);
      seen.add(row.probabilities as Float64Array);
      j++;
    }
    expect(j).toBe(temperatures.length);
    expect(seen.size).toBe(temperatures.length);
    const first = sweepRows(two, { temperatures }).next();
    expect(first.done).toBe(false);
    expect("probabilities" in (first.value as object)).toBe(false);
  });
  it("gives empty columns for no temperatures and refuses bad ones, naming the index", () => {
    expect(sweep(two, { temperatures: [] }).entropy.length).toBe(0);
    expect(() => sweep(two, { temperatures: [1, Number.NaN] })).toThrow(/temperatures\[1\] is NaN/);
    expect(() => sweep(two, {} as { temperatures: number[] })).toThrow(/temperatures is required/);
    expect(() => sweep([], { temperatures: [1] })).toThrow(/empty/);
    expect(() => [...sweepRows(two, { temperatures: ["1"] as unknown as number[] })]).toThrow(
      TypeError,
    );
  });
  it("gives the same thermodynamics on merged levels as on the raw states", () => {
    const states = [0, 1, 1, 1, 2, 0, 5];
    const merged = mergeLevels(states);
    const a = sweep(states, { temperatures });
    const b = sweep(merged.energies, { temperatures, degeneracies: merged.degeneracies });
    temperatures.forEach((_, j) => {
      expect(Math.abs((a.entropy[j] as number) - (b.entropy[j] as number))).toBeLessThan(1e-14);
      expect(Math.abs((a.heatCapacity[j] as number) - (b.heatCapacity[j] as number))).toBeLessThan(
        1e-14,
      );
      expect(Math.abs((a.logZ[j] as number) - (b.logZ[j] as number))).toBeLessThan(1e-14);
    });
  });
});
