/**
 * Moments that a shifted formula gets wrong (issue 11): a small internal energy next to large
 * energies (E = [0, −600], g = [1e300, 1] at T = 1 has U = −600·p₁ ≈ −2.2638e−37, not 0), the
 * spread of the bulk measured from a far ground state, and temperatures so high that Var(x)
 * underflows while Var(E) is an ordinary number. References: 150-digit mpmath, correctly rounded
 * (test/fixtures/make_cancellation_references.py → cancellation.json).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { setKernelBackend, sweep, thermodynamics } from "../src/index.js";
import { THERMO_FIELDS } from "./helpers/fixtures.js";
import { ulpDistance } from "./helpers/ulp.js";

interface Case {
  name: string;
  energies: number[];
  degeneracies: number[] | null;
  temperature: number;
  kB: number;
  expected: Record<string, number>;
}
const cases = JSON.parse(
  readFileSync(new URL("./fixtures/cancellation.json", import.meta.url), "utf8"),
) as Case[];
const FIELDS = THERMO_FIELDS;
const options = (c: Case) => ({
  temperature: c.temperature,
  kB: c.kB,
  ...(c.degeneracies === null ? {} : { degeneracies: c.degeneracies }),
});

describe("thermodynamics where U, Var(E) and C cancel or underflow", () => {
  it("gives the issue's U = −600·p₁ ≈ −2.2638e−37 (not 0), to the last bit", () => {
    const t = thermodynamics([0, -600], { degeneracies: [1e300, 1], temperature: 1 });
    // mpmath, 150 digits: −600·p₁ with p₁ = e^600/(1e300 + e^600).
    expect(t.internalEnergy).toBe(-2.2638121805579637e-37);
    expect(t.probabilities[1]).toBe(3.7730203009299394e-40);
  });
  it("measures from the mode when the energies span beyond the double range (E = ∓1e308)", () => {
    // E = [−1e308, 1e308], g = [1, 1e300], T = 1e307: x₁ = 2e308/1e307 = 20, p₀ = 1/(1 + 1e300·e⁻²⁰),
    // so the mode is the upper level, far from the ground state, and E − m spans 2e308. mpmath
    // (60 digits, from the exact doubles): C/kB = x₁²·p₀·p₁ = 1.94066078163916207…e−289,
    // S/kB = ln(1 + 1e300·e⁻²⁰) + p₁·x₁ = 690.775527898213705…, U = 1e308 rounded, and
    // Var(E) = 1.94e325, beyond the double range.
    for (const backend of ["auto", "js"] as const) {
      setKernelBackend(backend);
      const t = thermodynamics([-1e308, 1e308], { degeneracies: [1, 1e300], temperature: 1e307 });
      expect(ulpDistance(t.heatCapacity, 1.940660781639162e-289), backend).toBeLessThanOrEqual(4);
      expect(ulpDistance(t.entropy, 690.7755278982137)).toBeLessThanOrEqual(4);
      expect(t.internalEnergy).toBe(1e308);
      expect(t.energyVariance).toBe(Number.POSITIVE_INFINITY);
      expect(ulpDistance(t.probabilities[0] as number, 4.851651954097905e-292)).toBeLessThanOrEqual(
        4,
      );
    }
    setKernelBackend("auto");
  });
  for (const c of cases) {
    it(`${c.name}: every quantity within 4 ulp`, () => {
      for (const backend of ["auto", "js"] as const) {
        setKernelBackend(backend);
        const t = thermodynamics(Float64Array.from(c.energies), options(c));
        for (const k of FIELDS) {
          expect(
            ulpDistance(t[k], c.expected[k] as number),
            `${backend} ${k}: ${t[k]}`,
          ).toBeLessThanOrEqual(4);
        }
      }
      setKernelBackend("auto");
    });
  }
});

describe("the sweep gives the same answers", () => {
  for (const c of cases) {
    // Below 128 levels a sweep runs the engine's two passes, ≤ 4 ulp; the 200-level case takes the
    // fused one-pass kernel, whose documented accuracy is 1e−13 relative (src/sweep/fused.ts).
    const fused = c.energies.length >= 128 && c.degeneracies !== null;
    it(`${c.name} (${fused ? "fused pass, 1e−13" : "engine, 4 ulp"})`, () => {
      const { temperature: _, ...rest } = options(c);
      const s = sweep(c.energies, { ...rest, temperatures: [c.temperature] });
      for (const k of FIELDS.slice(1)) {
        const got = s[k][0] as number;
        const want = c.expected[k] as number;
        if (fused) expect(Math.abs(got - want), k).toBeLessThanOrEqual(1e-13 * Math.abs(want));
        else expect(ulpDistance(got, want), `${k}: ${got}`).toBeLessThanOrEqual(4);
      }
    });
  }
});
