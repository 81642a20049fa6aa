/**
 * The exact curves for lattices too large to enumerate: isingSquareKaufman against Kaufman's
 * formula in mpmath at 60 digits (test/fixtures/montecarlo.json), against isingSquare (the same
 * closed forms plus the enumerated spectrum) for L ≤ 5 at every kind of temperature, and
 * against Ferdinand and Fisher's asymptotic law C/L² ≈ (8/π)·K_c²·ln L at T_c; and
 * onsagerMagnetization against Yang's formula in mpmath.
 */
import { describe, expect, it } from "vitest";
import { isingSquare, isingSquareKaufman, onsagerMagnetization } from "../../src/models/index.js";
import { loadMonteCarloReferences, TC } from "../helpers/montecarlo.js";
import { FIELDS } from "./fixtures.js";

const fixture = loadMonteCarloReferences();

describe("isingSquareKaufman", () => {
  it("matches Kaufman's formula in mpmath (L = 4 … 64 around T_c) to 1e−12", () => {
    for (const k of fixture.kaufman) {
      const torus = isingSquareKaufman({ size: k.size });
      const N = k.size * k.size;
      expect(Math.abs(torus.internalEnergy(k.temperature) / N / k.energyPerSpin - 1)).toBeLessThan(
        1e-12,
      );
      expect(
        Math.abs(torus.heatCapacity(k.temperature) / N / k.heatCapacityPerSpin - 1),
      ).toBeLessThan(1e-12);
    }
  });
  it("equals isingSquare's closed forms for L ≤ 5 where both use Kaufman's formula, and is within its documented loss elsewhere", () => {
    for (const [L, J] of [
      [2, 1],
      [3, 1],
      [4, 1],
      [4, -0.5],
      [5, 2],
    ] as const) {
      const a = isingSquareKaufman({ size: L, coupling: J });
      const b = isingSquare({ size: L, coupling: J });
      const temperatures = [0, 0.7, 1.5, TC, 3, 20, Number.POSITIVE_INFINITY];
      if (L % 2 === 0) temperatures.push(-1.2, -3, Number.NEGATIVE_INFINITY);
      for (const T of temperatures) {
        const t = Math.abs(T) / Math.abs(J);
        if (t === 0 || t === Number.POSITIVE_INFINITY || (t >= 0.5 && t <= 50)) {
          expect(a.exact(T)).toEqual(b.exact(T));
          continue;
        }
        // Below kB·T = |J|/2 isingSquare sums the exact density of states, while Kaufman's formula
        // loses digits like e^{4|J|/(kB·T)}·1e−16 (its documented accuracy): compare to that.
        const x = a.exact(T);
        const y = b.exact(T);
        const bound = 10 * Math.exp(4 / t) * 1e-16;
        for (const k of FIELDS)
          expect(Math.abs(x[k] / y[k] - 1), `${k} at L = ${L}, T = ${T}`).toBeLessThan(bound);
      }
    }
  });
  it("follows Ferdinand and Fisher's ln L growth of C/L² at T_c", () => {
    const c = (L: number) => isingSquareKaufman({ size: L }).heatCapacity(TC) / (L * L);
    const slope = (8 / Math.PI) * (Math.log(1 + Math.SQRT2) / 2) ** 2;
    expect(slope).toBeCloseTo(0.4945, 4);
    expect((c(256) - c(128)) / Math.log(2) / slope).toBeCloseTo(1, 2);
    expect(isingSquareKaufman({ size: 512 }).internalEnergy(TC) / 512 ** 2).toBeCloseTo(
      -Math.SQRT2,
      2,
    );
  });
  it("refuses what it cannot do, by name", () => {
    expect(() => isingSquareKaufman({ size: 1 })).toThrow(
      /options\.size must be an integer in \[2, 4096\]/,
    );
    expect(() => isingSquareKaufman({ size: 5, coupling: -1 })).toThrow(
      /frustrated antiferromagnet/,
    );
    expect(() => isingSquareKaufman({ size: 5 }).exact(-1)).toThrow(/T < 0 on odd L/);
    expect(() => isingSquareKaufman({ size: 8 }).exact(2e4)).toThrow(/beyond 10⁴·\|J\|/);
    expect(() => isingSquareKaufman({ size: 8, coupling: 0 })).toThrow(/nonzero/);
    expect(() => isingSquareKaufman({ size: 8 }).heatCapacity(Number.NaN)).toThrow(
      /temperature is NaN/,
    );
    // Just below the cut, the formula is still within 1e−8 of the T = ∞ limit of U/N = 0.
    expect(Math.abs(isingSquareKaufman({ size: 8 }).internalEnergy(1e4) / 64)).toBeLessThan(1e-3);
  });
});

describe("onsagerMagnetization", () => {
  it("is Yang's formula (mpmath) below T_c and 0 above", () => {
    for (const o of fixture.onsager) {
      expect(Math.abs(onsagerMagnetization(o.temperature) / o.magnetization - 1)).toBeLessThan(
        1e-14,
      );
    }
    expect(onsagerMagnetization(TC * 1.000001)).toBe(0);
    expect(onsagerMagnetization(TC * 0.999)).toBeGreaterThan(0.4);
    expect(onsagerMagnetization(3, { coupling: 2 })).toBeCloseTo(onsagerMagnetization(1.5), 14);
  });
  it("limits and refusals", () => {
    expect([0, -0, Number.POSITIVE_INFINITY, -1].map((T) => onsagerMagnetization(T))).toEqual([
      1, 1, 0, 0,
    ]);
    expect(onsagerMagnetization(1, { coupling: -1 })).toBe(0);
    expect(() => onsagerMagnetization(Number.NaN)).toThrow(/temperature is NaN/);
    expect(() => onsagerMagnetization(1, { coupling: 0 })).toThrow(/nonzero/);
  });
});
