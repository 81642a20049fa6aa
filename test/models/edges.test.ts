/**
 * The models at the edges: no NaN from finite input at any temperature (±0, subnormal, huge,
 * ±Infinity, negative), the documented RangeErrors where a closed form has no Gibbs state, the
 * limits of CONTRACT.md, and option checks.
 */
import { describe, expect, it } from "vitest";
import { thermodynamics } from "../../src/index.js";
import {
  brillouin,
  type ExactModel,
  einsteinSolid,
  harmonicOscillator,
  isingChain,
  isingSquare,
  paramagnet,
  rigidRotor,
  twoLevelSystem,
} from "../../src/models/index.js";
import { FIELDS } from "./fixtures.js";

const TEMPERATURES = [
  0,
  -0,
  5e-324,
  1e-300,
  1e-10,
  0.3,
  1,
  7,
  1e10,
  1e300,
  Number.MAX_VALUE,
  Infinity,
  -5e-324,
  -1e-300,
  -0.3,
  -1,
  -1e10,
  -1e300,
  -Infinity,
];

const finite: [string, ExactModel][] = [
  ["two-level", twoLevelSystem({ gap: 2, g0: 2, g1: 5 })],
  ["two-level huge gap", twoLevelSystem({ gap: 1e300 })],
  ["paramagnet j=7/2", paramagnet({ spin: 3.5, field: 0.7 })],
  ["paramagnet tiny field", paramagnet({ spin: 1, field: 1e-300 })],
  ["chain ferro", isingChain({ spins: 9, coupling: 1, field: 0.3 })],
  ["chain frustrated", isingChain({ spins: 7, coupling: -1, field: 0 })],
  ["chain free spins", isingChain({ spins: 5, coupling: 0, field: 1 })],
  ["chain big", isingChain({ spins: 1000, coupling: 0.5, field: -0.2 })],
  ["square 4", isingSquare({ size: 4 })],
  ["square 4 antiferro", isingSquare({ size: 4, coupling: -1 })],
];

describe("finite spectra: every temperature, no NaN, the core's limits", () => {
  for (const [name, m] of finite) {
    it(name, () => {
      for (const T of TEMPERATURES) {
        const s = m.exact(T);
        for (const f of FIELDS) expect(Number.isNaN(s[f]), `${name} T=${T} ${f}`).toBe(false);
        expect(s.entropy, `${name} T=${T} S`).toBeGreaterThanOrEqual(-1e-300);
        expect(s.heatCapacity, `${name} T=${T} C`).toBeGreaterThanOrEqual(0);
        if (T === 0 || !Number.isFinite(T)) {
          const core = thermodynamics(m.energies, {
            temperature: T,
            kB: m.kB,
            degeneracies: m.degeneracies,
          });
          for (const f of FIELDS) expect(s[f], `${name} T=${T} ${f}`).toBe(core[f]);
        }
      }
    });
  }
  it("negative temperature mirrors the spectrum: U and F change sign with it", () => {
    const m = paramagnet({ spin: 1.5 });
    const a = m.exact(2);
    const b = m.exact(-2);
    expect(b.internalEnergy).toBe(-a.internalEnergy);
    expect(b.entropy).toBe(a.entropy);
    expect(b.heatCapacity).toBe(a.heatCapacity);
    const core = thermodynamics(m.energies, { temperature: -2 });
    expect(b.internalEnergy).toBeCloseTo(core.internalEnergy, 14);
  });
});

describe("infinite ladders", () => {
  const ladders: [string, ExactModel, number][] = [
    ["oscillator", harmonicOscillator(), 1],
    ["oscillator without zero point", harmonicOscillator({ zeroPoint: false }), 1],
    ["Einstein solid N=2", einsteinSolid({ atoms: 2 }), 6],
    ["rotor", rigidRotor(), 1],
  ];
  for (const [name, m, cInfinity] of ladders) {
    it(`${name}: no NaN for T ≥ 0, the classical C at T = ∞, RangeError for T < 0`, () => {
      for (const T of TEMPERATURES) {
        if (T < 0) {
          expect(() => m.exact(T), `${name} T=${T}`).toThrow(/negative temperature|unbounded/);
          continue;
        }
        const s = m.exact(T);
        for (const f of FIELDS) expect(Number.isNaN(s[f]), `${name} T=${T} ${f}`).toBe(false);
      }
      expect(m.heatCapacity(Number.POSITIVE_INFINITY)).toBe(cInfinity);
      expect(m.heatCapacity(-0)).toBe(0);
      expect(m.entropy(0)).toBe(0);
    });
  }
  it("the rotor's series needs T > 0", () => {
    expect(() => rigidRotor().highTemperature.exact(0)).toThrow(/needs T > 0/);
    expect(() => rigidRotor().highTemperature.exact(-1)).toThrow(RangeError);
  });
});

describe("argument checks", () => {
  it("temperatures", () => {
    const m = twoLevelSystem();
    expect(() => m.heatCapacity(Number.NaN)).toThrow(
      /twoLevelSystem.heatCapacity: temperature is NaN/,
    );
    expect(() => m.exact("1" as unknown as number)).toThrow(TypeError);
  });
  it("options", () => {
    expect(() => twoLevelSystem({ gap: -1 })).toThrow(/options.gap must be finite and > 0/);
    expect(() => twoLevelSystem({ g1: 0 })).toThrow(/options.g1/);
    expect(() => harmonicOscillator({ levels: 0 })).toThrow(/options.levels/);
    expect(() => harmonicOscillator({ levels: 2e7 })).toThrow(/options.levels/);
    expect(() => paramagnet({ spin: 0.3 })).toThrow(/options.spin must be one of ½, 1, 3\/2/);
    expect(() => isingChain({ spins: 1001 })).toThrow(/options.spins/);
    expect(() => isingChain({ spins: 25, spectrum: "enumeration" })).toThrow(/N ≤ 24/);
    expect(() => isingChain({ spins: 5, spectrum: "magic" as never })).toThrow(/options.spectrum/);
    expect(() => isingSquare({ size: 6 })).toThrow(/options.size must be an integer in \[2, 5\]/);
    expect(() => isingSquare({ size: 3, coupling: 0 })).toThrow(/nonzero/);
    // The frustrated antiferromagnet (odd L, βJ < 0): the exact spectrum's sum, not a RangeError.
    const odd = isingSquare({ size: 3 });
    const { probabilities: _, ...core } = thermodynamics(odd.energies, {
      temperature: -1,
      degeneracies: odd.degeneracies,
    });
    expect(odd.exact(-1)).toEqual(core);
    expect(() => einsteinSolid({ atoms: 100, maxQuanta: 100_000 })).toThrow(
      /exceeds the double range/,
    );
    expect(() => twoLevelSystem({ kB: 0 })).toThrow(/options.kB/);
    expect(() => brillouin(0.7, 1)).toThrow(RangeError);
  });
  it("Brillouin: odd, limits, NaN like Math.tanh", () => {
    expect(brillouin(2, -0.4)).toBe(-brillouin(2, 0.4));
    expect(brillouin(2, 0)).toBe(0);
    expect(brillouin(2, Number.POSITIVE_INFINITY)).toBe(1);
    expect(Number.isNaN(brillouin(2, Number.NaN))).toBe(true);
    expect(brillouin(0.5, 0.8)).toBeCloseTo(Math.tanh(0.8), 15);
  });
  it("kB scales the closed forms like the core", () => {
    const kB = 8.617333262145177e-5;
    const m = twoLevelSystem({ gap: 0.025, kB });
    const t = thermodynamics(m.energies, { temperature: 300, kB });
    expect(Math.abs(m.heatCapacity(300) / t.heatCapacity - 1)).toBeLessThan(1e-14);
    expect(Math.abs(m.entropy(300) / t.entropy - 1)).toBeLessThan(1e-14);
  });
});
