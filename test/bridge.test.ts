/**
 * The bridge: logitsToEnergies / energiesToLogits, identities(), solveTemperature and
 * fitTemperature. References are closed forms (cited inline), never the library's own output.
 */
import { describe, expect, it } from "vitest";
import {
  energiesToLogits,
  fitTemperature,
  gibbs,
  identities,
  logitsToEnergies,
  softmax,
  solveTemperature,
  thermodynamics,
} from "../src/index.js";

describe("logitsToEnergies and energiesToLogits", () => {
  it("maps z to E = −ε·z and τ to T = ε·τ/kB", () => {
    const { energies, temperature } = logitsToEnergies([1, -2, 0.5], {
      temperature: 3,
      energyScale: 2,
      kB: 4,
    });
    expect(energies).toEqual(new Float64Array([-2, 4, -1]));
    expect(temperature).toBe(1.5);
  });
  it("makes gibbs(E, T) equal softmax(z, τ) at physical kB", () => {
    const z = [2.5, -1, 0.25, 3, Number.NEGATIVE_INFINITY];
    const kB = 8.617333262e-5; // eV/K
    const { energies, temperature } = logitsToEnergies(z, {
      temperature: 0.7,
      energyScale: 0.025,
      kB,
    });
    const p = softmax(z, { temperature: 0.7 });
    const q = gibbs(energies, { temperature, kB });
    for (let i = 0; i < z.length; i++)
      expect(Math.abs((p[i] as number) - (q[i] as number))).toBeLessThan(1e-15);
    expect(q[4]).toBe(0);
  });
  it("energiesToLogits is −E/(kB·T), and its softmax at τ = 1 is the Gibbs distribution", () => {
    expect(energiesToLogits([0, 1, 2], { temperature: 2 })).toEqual(
      new Float64Array([0, -0.5, -1]),
    );
    // mpmath: −1/(0.1·3) from the exact doubles = −3.33333333333333314…, nearest double
    // −3.333333333333333 (kB·T is formed exactly, not rounded to 0.30000000000000004 first).
    expect(energiesToLogits([1], { temperature: 3, kB: 0.1 })[0]).toBe(-3.333333333333333);
    const E = [0.3, 0.1, 0.7];
    const z = energiesToLogits(E, { temperature: 0.4 });
    const p = softmax(z);
    const q = gibbs(E, { temperature: 0.4 });
    for (let i = 0; i < 3; i++)
      expect(Math.abs((p[i] as number) - (q[i] as number))).toBeLessThan(1e-15);
  });
  it("gives 0 at T = ±∞, refuses T = 0, and refuses overflow with a clear message", () => {
    expect(
      energiesToLogits([1, 5, Number.POSITIVE_INFINITY], { temperature: Number.POSITIVE_INFINITY }),
    ).toEqual(new Float64Array([0, 0, Number.NEGATIVE_INFINITY]));
    expect(() => energiesToLogits([1], { temperature: 0 })).toThrow(/temperature is 0/);
    expect(() => energiesToLogits([-1e308], { temperature: 1e-10 })).toThrow(/overflows/);
    expect(() => logitsToEnergies([1e308], { energyScale: 10 })).toThrow(/overflows/);
    expect(() => logitsToEnergies([1], { energyScale: 0 })).toThrow(/energyScale/);
    expect(() => logitsToEnergies([1], { temperature: 1e300, energyScale: 1e300 })).toThrow(
      /outside the double range/,
    );
  });
});

describe("identities", () => {
  const seed = [1, 2, 3, 4, 1, 2, 3];
  it("lists the seven identities, each holding on the seed example", () => {
    const list = identities(seed);
    expect(list.map((i) => i.id)).toEqual([
      "softmax-is-gibbs",
      "lse-is-free-energy",
      "shannon-is-gibbs-entropy",
      "gradient-is-distribution",
      "fluctuation-is-response",
      "sigmoid-is-fermi-dirac",
      "gibbs-variational-principle",
    ]);
    for (const identity of list) {
      expect(identity.holds, `${identity.id}: ${identity.difference}`).toBe(true);
      expect(identity.sides.length).toBeGreaterThanOrEqual(2);
      expect(identity.difference).toBeLessThanOrEqual(identity.tolerance);
    }
  });
  it("computes the sides independently: the exact identities agree to ~1e−16, the differences to ~1e−9", () => {
    const byId = Object.fromEntries(identities(seed, { temperature: 0.7 }).map((i) => [i.id, i]));
    expect(byId["softmax-is-gibbs"]?.difference).toBeLessThan(1e-15);
    expect(byId["shannon-is-gibbs-entropy"]?.difference).toBeLessThan(1e-14);
    expect(byId["gradient-is-distribution"]?.difference).toBeLessThan(1e-8);
    expect(byId["gradient-is-distribution"]?.difference).toBeGreaterThan(0);
  });
  it("the sigmoid identity matches the closed form 1/(1 + e^{−x/τ})", () => {
    const s = identities([0.8, 0], { temperature: 2 }).find(
      (i) => i.id === "sigmoid-is-fermi-dirac",
    );
    expect(s?.sides[0]?.value).toBeCloseTo(1 / (1 + Math.exp(-0.4)), 15);
  });
  it("at T < 0 the variational extremum is a maximum, and it still holds", () => {
    const v = identities([1, 2, 3], { temperature: -0.5 }).find(
      (i) => i.id === "gibbs-variational-principle",
    );
    expect(v?.statement).toMatch(/max/);
    expect(v?.holds).toBe(true);
  });
  it("refuses T = 0 and T = ∞ (limits are not identities)", () => {
    expect(() => identities(seed, { temperature: 0 })).toThrow(RangeError);
    expect(() => identities(seed, { temperature: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

describe("solveTemperature", () => {
  // Two-level system {0, 1}: U(T) = 1/(1 + e^{1/T}), so T = 1/ln(1/U − 1) (closed form).
  for (const U of [1e-6, 0.01, 0.1, 0.25, 0.4, 0.49, 0.6, 0.9, 0.999]) {
    it(`finds T = 1/ln(1/U − 1) for U = ${U}, on the right branch`, () => {
      const T = solveTemperature([0, 1], { internalEnergy: U });
      const exact = 1 / Math.log(1 / U - 1);
      expect(Math.abs(T - exact)).toBeLessThan(1e-13 * Math.abs(exact));
    });
  }
  it("reaches a target entropy to ~1e−15 and mirrors it on the negative branch", () => {
    const E = [0, 1, 2.5, 4];
    for (const S of [0.01, 0.5, 1, 1.3]) {
      const T = solveTemperature(E, { entropy: S });
      expect(Math.abs(thermodynamics(E, { temperature: T }).entropy - S)).toBeLessThan(
        4e-16 * Math.max(1, S) * 4,
      );
      const Tn = solveTemperature(E, { entropy: S, branch: "negative" });
      expect(Tn).toBeLessThan(0);
      expect(Math.abs(thermodynamics(E, { temperature: Tn }).entropy - S)).toBeLessThan(4e-15);
    }
    // {0, 1} is symmetric: the negative-branch temperature is minus the positive one.
    const Tp = solveTemperature([0, 1], { entropy: 0.5 });
    const Tm = solveTemperature([0, 1], { entropy: 0.5, branch: "negative" });
    expect(Math.abs(Tp + Tm)).toBeLessThan(1e-14 * Tp);
  });
  it("honours kB and degeneracies", () => {
    const kB = 8.617333262e-5;
    // Levels 0 and 0.025 eV with g = [1, 3]: U = 0.025·3e^{−x}/(1 + 3e^{−x}), x = 0.025/(kB·T).
    const T = solveTemperature([0, 0.025], { internalEnergy: 0.01, kB, degeneracies: [1, 3] });
    const x = Math.log(3 * (0.025 / 0.01 - 1));
    expect(Math.abs(T - 0.025 / (kB * x))).toBeLessThan(1e-12 * T);
  });
  it("returns the ends of the range exactly and refuses what cannot be reached", () => {
    expect(solveTemperature([0, 1, 2], { entropy: Math.log(3) })).toBe(Number.POSITIVE_INFINITY);
    expect(solveTemperature([0, 1, 2], { entropy: 0 })).toBe(0);
    expect(solveTemperature([0, 1, 2], { internalEnergy: 0 })).toBe(0);
    expect(solveTemperature([0, 1, 2], { internalEnergy: 1 })).toBe(Number.POSITIVE_INFINITY);
    expect(() => solveTemperature([0, 1, 2], { entropy: 1.2 })).toThrow(
      /above|outside the reachable range/,
    );
    expect(() => solveTemperature([0, 1, 2], { internalEnergy: 2 })).toThrow(/T → 0⁻/);
    expect(() => solveTemperature([0, 1, 2], { internalEnergy: -1 })).toThrow(/outside/);
    expect(() => solveTemperature([1, 1], { entropy: 0.5 })).toThrow(/same energy/);
    expect(() => solveTemperature([0, 1], {} as { entropy: number })).toThrow(/exactly one target/);
    expect(() => solveTemperature([0, 1], { entropy: 0.1, internalEnergy: 0.1 })).toThrow(
      TypeError,
    );
  });
});

describe("fitTemperature (temperature scaling)", () => {
  it("finds the closed-form optimum τ = 2/ln 2 of a three-row example", () => {
    // Rows [2,0],[0,2],[2,0] with labels 0,1,1: L′(β) = 0 gives e^{2β} = 2, τ = 2/ln 2.
    const fit = fitTemperature(
      [
        [2, 0],
        [0, 2],
        [2, 0],
      ],
      [0, 1, 1],
    );
    expect(Math.abs(fit.temperature - 2 / Math.LN2)).toBeLessThan(1e-14 * fit.temperature);
    // L(β) = (2 ln(1 + e^{−2β}) + ln(1 + e^{2β}))/3 at β = ln2/2: (2 ln 1.5 + ln 3)/3.
    expect(fit.loss).toBeCloseTo((2 * Math.log(1.5) + Math.log(3)) / 3, 14);
    expect(fit.lossAtOne).toBeCloseTo(
      (2 * Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(2))) / 3,
      14,
    );
  });
  it("agrees with a brute-force golden-section search on random data, flat or as rows", () => {
    let s = 12345;
    const rand = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let r = 0; r < 200; r++) {
      const row = Array.from({ length: 5 }, () => 6 * rand() - 3);
      rows.push(row);
      // Labels agree with the argmax 70% of the time: an over-confident model.
      labels.push(rand() < 0.7 ? row.indexOf(Math.max(...row)) : Math.floor(rand() * 5));
    }
    const loss = (tau: number) =>
      rows.reduce((acc, row, r) => {
        const m = Math.max(...row);
        const lse = m / tau + Math.log(row.reduce((a, z) => a + Math.exp((z - m) / tau), 0));
        return acc + lse - (row[labels[r] as number] as number) / tau;
      }, 0) / rows.length;
    let a = 0.05;
    let b = 20;
    const g = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 200; i++) {
      const c = b - g * (b - a);
      const d = a + g * (b - a);
      if (loss(c) < loss(d)) b = d;
      else a = c;
    }
    const fit = fitTemperature(rows, labels);
    expect(Math.abs(fit.temperature - (a + b) / 2)).toBeLessThan(1e-6 * fit.temperature);
    expect(fitTemperature(rows.flat(), labels, { columns: 5 }).temperature).toBe(fit.temperature);
  });
  it("gives τ = ∞ for labels no better than chance and τ = 0 for perfectly separated labels", () => {
    expect(
      fitTemperature(
        [
          [2, 0],
          [0, 2],
        ],
        [1, 0],
      ).temperature,
    ).toBe(Number.POSITIVE_INFINITY);
    expect(
      fitTemperature(
        [
          [2, 0],
          [0, 2],
        ],
        [0, 1],
      ).temperature,
    ).toBe(0);
  });
  it("with a label tied with another maximum, the loss falls to its infimum (ln 2)/2, not to 0", () => {
    // Row [1, 1] labelled 0 loses ln 2 at every τ (a tie); row [2, 0] labelled 0 loses
    // ln(1 + e^{−2/τ}), which falls to 0 as τ → 0. The mean falls to (ln 2)/2 and never below: no
    // label is the strict argmax of every row, so τ = 0 with loss 0 would be wrong.
    const fit = fitTemperature(
      [
        [1, 1],
        [2, 0],
      ],
      [0, 0],
    );
    expect(fit.temperature).toBeGreaterThan(0);
    expect(Math.abs(fit.loss - Math.LN2 / 2)).toBeLessThanOrEqual(2 ** -54);
    expect(fit.lossAtOne).toBeCloseTo((Math.LN2 + Math.log1p(Math.exp(-2))) / 2, 15);
  });
  it("finds τ = 2·10³⁰⁰/ln 2 for logits spanning 10³⁰⁰, whose variance is beyond the double range", () => {
    // Scaling every logit by s scales the minimiser by s: the three-row example above with
    // s = 10³⁰⁰. τ = 2e300/ln 2 = 2.8853900817779268147…e300 (mpmath, 40 digits, from the double
    // 2e300). The loss is the unscaled one, (2 ln 1.5 + ln 3)/3.
    const fit = fitTemperature(
      [
        [2e300, 0],
        [0, 2e300],
        [2e300, 0],
      ],
      [0, 1, 1],
    );
    expect(Math.abs(fit.temperature - 2.885390081777927e300)).toBeLessThan(1e-14 * fit.temperature);
    expect(fit.loss).toBeCloseTo((2 * Math.log(1.5) + Math.log(3)) / 3, 14);
  });
  it("scales its answer exactly with the logits, up to spans near the double range", () => {
    // τ*(2ᵏ·z) = 2ᵏ·τ*(z) exactly in real numbers; the fits agree to 1e−14 (random rows, labels
    // right 70 % of the time, from the golden-section test above).
    let s = 777;
    const rand = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let r = 0; r < 50; r++) {
      const row = Array.from({ length: 4 }, () => 6 * rand() - 3);
      rows.push(row);
      labels.push(rand() < 0.7 ? row.indexOf(Math.max(...row)) : Math.floor(rand() * 4));
    }
    const base = fitTemperature(rows, labels).temperature;
    expect(base).toBeGreaterThan(0.1);
    expect(base).toBeLessThan(10);
    for (const k of [-300, 100, 499, 501, 900, 1020]) {
      const f = 2 ** k;
      const fit = fitTemperature(
        rows.map((row) => row.map((z) => z * f)),
        labels,
      );
      expect(Math.abs(fit.temperature / f - base), `2^${k}`).toBeLessThan(1e-14 * base);
    }
  });
  it("refuses bad labels and logits, naming the row", () => {
    expect(() => fitTemperature([[1, 2]], [2])).toThrow(/labels\[0\]/);
    expect(() => fitTemperature([[1, 2]], [0.5])).toThrow(/labels\[0\]/);
    expect(() =>
      fitTemperature(
        [
          [1, 2],
          [1, 2],
        ],
        [0],
      ),
    ).toThrow(/labels has length 1/);
    expect(() => fitTemperature([[1, Number.NaN]], [0])).toThrow(/row 0, column 1/);
    expect(() => fitTemperature([[Number.NEGATIVE_INFINITY, 0]], [0])).toThrow(/infinite/);
    expect(() => fitTemperature([], [])).toThrow(/no rows/);
    expect(() => fitTemperature([1, 2, 3], [0], { columns: 2 })).toThrow(/multiple/);
  });
});

describe("identities and fitTemperature stay finite or refuse, naming themselves (issue 11)", () => {
  it("identities() names identities, not softmax", () => {
    expect(() => identities(undefined as never)).toThrow(
      "identities: logits must be an array or typed array of numbers, got undefined",
    );
    expect(() => identities([])).toThrow(/^identities: logits is empty/);
    expect(() => identities([Number.NEGATIVE_INFINITY])).toThrow(/^identities: every logit/);
    expect(() => identities([0, Number.NaN])).toThrow(/^identities: logits\[1\] is NaN/);
  });
  it("identities([1e308, 1e308]) holds every identity, with a finite gradient of ½", () => {
    const list = identities([1e308, 1e308]);
    for (const identity of list) expect(identity.holds, identity.id).toBe(true);
    const gradient = list.find((i) => i.id === "gradient-is-distribution");
    // p = softmax of two equal logits = [½, ½] (closed form).
    const values = (gradient?.sides[1]?.value ?? []) as Float64Array;
    expect(values.length).toBe(2);
    for (const v of values) expect(Math.abs(v - 0.5)).toBeLessThan(1e-9);
  });
  it("identities at T = 1e−300 and 1.7e308: the Gibbs side is [0, 0, 1], not [0, 0, ∞]", () => {
    for (const temperature of [1e-300, -1e-300, 1e300, 1.7e308]) {
      const list = identities([1, 2, 3], { temperature });
      for (const identity of list) {
        expect(identity.holds, `${identity.id} at ${temperature}`).toBe(true);
        for (const side of identity.sides) {
          const values = typeof side.value === "number" ? [side.value] : Array.from(side.value);
          for (const v of values)
            expect(Number.isNaN(v), `${identity.id}: ${side.label}`).toBe(false);
        }
      }
    }
    const gibbs = identities([1, 2, 3], { temperature: 1e-300 })[0]?.sides[1]?.value;
    expect(gibbs).toEqual(Float64Array.of(0, 0, 1));
  });
  it("fitTemperature([[1e308, −1e308]], [1]) is a RangeError naming the row, not a NaN loss", () => {
    expect(() => fitTemperature([[1e308, -1e308]], [1])).toThrow(
      /^fitTemperature: row 0: its logits span -1e\+308 to 1e\+308, beyond the double range/,
    );
  });
  it("fitTemperature on logits near 1e308 stays finite", () => {
    // [1e308, −1e307] labelled 1, [0, 1] labelled 0: both labels against their row's argmax, so no
    // τ beats uniform guessing: τ = ∞ with the loss ln 2 of the uniform guess (closed form).
    const fit = fitTemperature(
      [
        [1e308, -1e307],
        [0, 1],
      ],
      [1, 0],
    );
    expect(fit.temperature).toBe(Number.POSITIVE_INFINITY);
    expect(fit.loss).toBe(Math.LN2);
    expect(Number.isFinite(fit.lossAtOne)).toBe(true);
  });
});
