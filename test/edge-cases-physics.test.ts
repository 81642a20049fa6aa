/**
 * The second-round rows of docs/edge-cases.md on the physics side: unit conversions beyond the
 * double range, written numbers that overflow, model parameters whose levels overflow, the cost
 * budget of typed-in spectra, and the options of the Monte Carlo sampler. One `describe` per row,
 * titled with its id (test/edge-cases-map.test.ts holds the map). Expected values are exact
 * (checked with BigInt arithmetic) or closed forms; the larger suites behind these rows are
 * test/units/exact.test.ts, test/models/extremes.test.ts, test/units/compiled.test.ts and
 * test/montecarlo/.
 */
import { describe, expect, it } from "vitest";
import { isingChain, twoLevelSystem } from "../src/models/index.js";
import { simulateIsing } from "../src/montecarlo/index.js";
import {
  convertEnergy,
  parseEnergy,
  parseTemperature,
  spectrumFromExpression,
} from "../src/units/index.js";

const INF = Number.POSITIVE_INFINITY;

/** The exact value of a finite double that is an integer, as a BigInt. */
const big = (x: number) => BigInt(x);
/** Half an ulp of a positive normal double x ≥ 2⁵³, as a BigInt. */
function halfUlp(x: number): bigint {
  return 2n ** BigInt(Math.floor(Math.log2(x)) - 53);
}

describe("unit-overflow: a conversion beyond the double range is a RangeError; one that fits is exact", () => {
  it("results near the top of the range are correctly rounded, whatever the intermediates", () => {
    // 1e305 eV = 1e308 meV: the nearest double to 1000·fl(1e305)
    const up = convertEnergy(1e305, "eV", "meV");
    const exact = big(1e305) * 1000n;
    expect(big(up) - exact <= halfUlp(up) && exact - big(up) <= halfUlp(up)).toBe(true);
    // 1.2e299 meV = 1.2e296 eV: |1000·r − fl(1.2e299)| ≤ 1000·ulp(r)/2
    const down = convertEnergy(1.2e299, "meV", "eV");
    const error = big(down) * 1000n - big(1.2e299);
    expect(error <= 1000n * halfUlp(down) && -error <= 1000n * halfUlp(down)).toBe(true);
  });
  it("a result beyond the range is a RangeError naming the value and its size; infinity stays infinity", () => {
    expect(() => convertEnergy(1e299, "J", "eV")).toThrow(RangeError);
    expect(() => convertEnergy(1e299, "J", "eV")).toThrow(
      "convertEnergy: energies = 1e+299 J is about 1e318 eV, beyond the double range (largest magnitude about 1.8e308)",
    );
    expect(convertEnergy(INF, "J", "eV")).toBe(INF);
  });
});

describe("written-overflow: a written number beyond the double range is refused unless infinity is written", () => {
  it('"1e999 K" and "1e999 eV" are RangeErrors that say how to write the limit', () => {
    expect(() => parseTemperature("1e999 K")).toThrow(
      'parseTemperature: temperature "1e999 K" is beyond the double range in K (largest magnitude about 1.8e308); write "Infinity K" if the infinite limit is meant',
    );
    expect(() => parseEnergy("1e999 eV", "eV")).toThrow(/^parseEnergy: energy "1e999 eV" is/);
    // the written value fits, its conversion does not
    expect(() => parseEnergy("1e308 eV", "meV")).toThrow(
      /^parseEnergy: energy "1e308 eV" is about 1e311 meV, beyond the double range/,
    );
  });
  it('"Infinity K" is the limit T = ∞, written on purpose', () => {
    expect(parseTemperature("Infinity K")).toBe(INF);
    expect(parseEnergy("Infinity eV", "eV")).toBe(INF);
  });
});

describe("model-overflow: model parameters whose levels overflow (or are subnormal) are refused, naming the parameter", () => {
  it("isingChain's coupling, twoLevelSystem's subnormal gap", () => {
    expect(() => isingChain({ spins: 10, coupling: 1e308 })).toThrow(RangeError);
    expect(() => isingChain({ spins: 10, coupling: 1e308 })).toThrow(
      /^isingChain: options\.coupling makes the energies overflow the double range \(\|E\| up to N·\|J\| = 10·1e\+308 is beyond 1\.8e308\)/,
    );
    expect(() => twoLevelSystem({ gap: 5e-324 })).toThrow(
      /^twoLevelSystem: options\.gap = 5e-324 is subnormal/,
    );
  });
  it("parameters whose levels fit are fine, up to the largest", () => {
    expect(Array.from(twoLevelSystem({ gap: 1e308 }).energies)).toEqual([0, 1e308]);
    // N = 10 spins, |J| = 1e307: the levels reach ±1e308 and fit
    expect(Math.max(...isingChain({ spins: 10, coupling: 1e307 }).energies)).toBe(1e308);
  });
});

describe("expression-budget: a typed-in spectrum is refused before evaluation when it would cost too much", () => {
  it("levels × operations a level beyond 10⁸, and more than 10⁷ levels", () => {
    // 1/n fails at n = 0: had any level been evaluated, that would have been the error
    const energy = `1/n*meV + ${Array.from({ length: 60 }, () => "n*meV").join(" + ")}`;
    expect(() => spectrumFromExpression({ energy, unit: "meV", to: 9_999_999 })).toThrow(
      /^spectrumFromExpression: the formula cost about \d+ operations a level, so 10000000 levels would take [\d.e+]+, beyond the budget of 1e\+8 \(a few seconds\); ask for at most \d+ levels/,
    );
    expect(() => spectrumFromExpression({ energy: "n", to: 10_000_000 })).toThrow(
      "spectrumFromExpression: from 0 to 10000000 asks for 10000001 levels; the limit is 10000000 (options.maxLevels, at most 10000000)",
    );
  });
});

describe("monte-carlo: simulateIsing refuses T = 0, ±∞ and T < 0 with a reason, and checks sizes and seeds", () => {
  const base = { size: 4, temperature: 2, algorithm: "metropolis" as const, sweeps: 3, seed: 1 };
  it("T = 0, ±∞, T < 0 and NaN: RangeErrors that say why and what to do", () => {
    const cases: [number, RegExp][] = [
      [0, /options\.temperature is 0; at T = 0 .* nothing to sample: use a small T > 0/],
      [INF, /options\.temperature is \+Infinity; at T = ∞ .*: use a large finite T/],
      [-INF, /options\.temperature is -Infinity/],
      [
        -1,
        /options\.temperature is -1; it must be > 0 \(a negative temperature has the Gibbs weights of \|T\| with coupling −J and field −h: simulate that\)/,
      ],
      [Number.NaN, /options\.temperature is NaN/],
    ];
    for (const [temperature, message] of cases) {
      const run = () => simulateIsing({ ...base, temperature });
      expect(run, String(temperature)).toThrow(RangeError);
      expect(run, String(temperature)).toThrow(new RegExp(`^simulateIsing: ${message.source}`));
    }
  });
  it("size an integer in [2, 4096]; sweeps in [0, 2²⁴] (0: empty series); burnIn ≥ 0; a known algorithm", () => {
    for (const size of [1, 2.5, 4097])
      expect(() => simulateIsing({ ...base, size })).toThrow(
        `simulateIsing: options.size must be an integer in [2, 4096], got ${size}`,
      );
    expect(() => simulateIsing({ ...base, sweeps: 2 ** 24 + 1 })).toThrow(
      /^simulateIsing: options\.sweeps must be an integer in \[0, 16777216\]/,
    );
    const none = simulateIsing({ ...base, sweeps: 0 });
    expect([none.energy.length, none.magnetization.length]).toEqual([0, 0]);
    expect(() => simulateIsing({ ...base, burnIn: -1 })).toThrow(/options\.burnIn must be/);
    expect(() => simulateIsing({ ...base, algorithm: "glauber" as never })).toThrow(
      'simulateIsing: options.algorithm must be "metropolis", "heatBath" or "wolff", got "glauber"',
    );
    // J = 0, h = 0: every configuration has energy 0 exactly
    const free = simulateIsing({ ...base, coupling: 0, sweeps: 5 });
    expect(Array.from(free.energy)).toEqual([0, 0, 0, 0, 0]);
  });
  it("seed: required, an integer in [0, 2³² − 1]; the same seed gives the same series, bit for bit", () => {
    const { seed: _, ...unseeded } = base;
    expect(() => simulateIsing(unseeded as never)).toThrow(
      "simulateIsing: options.seed is required (a number)",
    );
    for (const seed of [1.5, -1, 2 ** 32])
      expect(() => simulateIsing({ ...base, seed })).toThrow(
        `simulateIsing: options.seed must be an integer in [0, 4294967295], got ${seed}`,
      );
    for (const algorithm of ["metropolis", "heatBath", "wolff"] as const) {
      const options = { ...base, size: 8, algorithm, sweeps: 20, seed: 2 ** 32 - 1 };
      const a = simulateIsing(options);
      const b = simulateIsing(options);
      expect(b.energy, algorithm).toEqual(a.energy);
      expect(b.magnetization, algorithm).toEqual(a.magnetization);
      // another seed gives another chain (20 sweeps of 64 spins at T = 2 cannot all agree)
      const c = simulateIsing({ ...options, seed: 0 });
      expect(c.magnetization, algorithm).not.toEqual(a.magnetization);
    }
  });
});
