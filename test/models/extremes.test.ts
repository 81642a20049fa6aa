/**
 * Models at extreme parameters (issue 11): a parameter whose levels overflow the double range or
 * are subnormal is a RangeError naming it; every other parameter gives closed forms without NaN
 * at every temperature (property); and the chain and the square are as accurate for J = 1e−300 or
 * 1e300 as for J = 1, checked by scale invariance against the 50-digit references of J = 1
 * (test/fixtures/models.json): E → s·E, T → s·T leaves ln Z, S and C unchanged and scales U, F by
 * s and Var(E) by s².
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
import { FIELDS, loadModelReferences, type State } from "./fixtures.js";

const refs = loadModelReferences();

describe("parameters whose levels overflow or are subnormal are refused, naming them", () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      "isingChain coupling 1e308",
      () => isingChain({ spins: 10, coupling: 1e308 }),
      /^isingChain: options.coupling makes the energies overflow the double range/,
    ],
    [
      "isingChain field 1e308",
      () => isingChain({ spins: 10, field: -1e308 }),
      /^isingChain: options.field makes/,
    ],
    [
      "isingChain coupling and field together",
      () => isingChain({ spins: 10, coupling: 1e307, field: 1e307 }),
      /^isingChain: options.coupling and options.field make the energies overflow/,
    ],
    [
      "isingSquare coupling 1e308",
      () => isingSquare({ size: 3, coupling: 1e308 }),
      /^isingSquare: options.coupling makes/,
    ],
    [
      "einsteinSolid quantum 1e308",
      () => einsteinSolid({ quantum: 1e308 }),
      /^einsteinSolid: options.quantum makes/,
    ],
    [
      "harmonicOscillator quantum 1e306",
      () => harmonicOscillator({ quantum: 1e306 }),
      /^harmonicOscillator: options.quantum makes/,
    ],
    [
      "rigidRotor rotationalConstant 1e305",
      () => rigidRotor({ rotationalConstant: 1e305 }),
      /^rigidRotor: options.rotationalConstant makes/,
    ],
    [
      "paramagnet field 1e308",
      () => paramagnet({ spin: 2, field: 1e308 }),
      /^paramagnet: options.field makes/,
    ],
    [
      "a subnormal gap",
      () => twoLevelSystem({ gap: 5e-324 }),
      /^twoLevelSystem: options.gap = 5e-324 is subnormal/,
    ],
    [
      "a subnormal coupling",
      () => isingChain({ spins: 4, coupling: -1e-310 }),
      /^isingChain: options.coupling = -1e-310 is subnormal/,
    ],
  ];
  for (const [what, build, message] of cases) {
    it(what, () => {
      expect(build).toThrow(RangeError);
      expect(build).toThrow(message);
    });
  }
  it("brillouin's y is a number (a string is a TypeError, as for the activators)", () => {
    expect(() => brillouin(0.5, "1" as never)).toThrow('brillouin: y must be a number, got "1"');
    expect(brillouin(0.5, Number.NaN)).toBeNaN();
  });
});

/** A positive double spread over the whole range (log-uniform between 1e−300 and 1e300). */
const wide = fc.double({ min: -690, max: 690, noNaN: true }).map((x) => Math.exp(x));
const temperature = fc.tuple(wide, fc.boolean()).map(([t, neg]) => (neg ? -t : t));

describe("no NaN from the closed forms for any parameter the model accepts (property)", () => {
  const builders: [string, (p: number) => ExactModel, boolean][] = [
    ["twoLevelSystem gap", (p) => twoLevelSystem({ gap: p, g1: 3 }), true],
    ["paramagnet field", (p) => paramagnet({ spin: 2.5, field: p }), true],
    ["isingChain coupling", (p) => isingChain({ spins: 9, coupling: -p, field: p / 3 }), true],
    ["isingChain field", (p) => isingChain({ spins: 6, coupling: 1, field: p }), true],
    ["isingSquare coupling", (p) => isingSquare({ size: 3, coupling: p }), true],
    ["harmonicOscillator quantum", (p) => harmonicOscillator({ quantum: p, levels: 10 }), false],
    ["einsteinSolid quantum", (p) => einsteinSolid({ quantum: p, maxQuanta: 10 }), false],
  ];
  for (const [name, build, bounded] of builders) {
    it(name, () => {
      fc.assert(
        fc.property(wide, temperature, (p, T) => {
          let m: ExactModel;
          try {
            m = build(p);
          } catch (error) {
            expect((error as Error).message).toMatch(/overflow the double range/);
            return;
          }
          // The infinite ladders have no state at T < 0 (a documented RangeError).
          if (!bounded && T < 0) return;
          const s = m.exact(T);
          for (const k of FIELDS) expect(s[k], `${name} = ${p}, T = ${T}: ${k}`).not.toBeNaN();
          if (bounded) {
            expect(Number.isFinite(s.entropy)).toBe(true);
            expect(Number.isFinite(s.heatCapacity)).toBe(true);
            expect(Number.isFinite(s.internalEnergy)).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe("J = 1e−300 or 1e300 is as accurate as J = 1 (scale invariance, against mpmath)", () => {
  const relative = (a: number, b: number) =>
    a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
  const scaled = (state: State, s: number): State => ({
    logZ: state.logZ,
    entropy: state.entropy,
    heatCapacity: state.heatCapacity,
    internalEnergy: state.internalEnergy * s,
    freeEnergy: state.freeEnergy * s,
    energyVariance: state.energyVariance * s * s,
  });
  // Powers of two, so s·E and s·T are exact and the reference scales exactly.
  const scales = [2 ** -990, 2 ** -500, 2 ** 500, 2 ** 990];
  it("isingChain", () => {
    const cases = refs.isingChain.filter(
      (c) => c.field === 0 || Math.abs(c.field) >= 0.1 * Math.abs(c.coupling),
    );
    for (const s of scales) {
      for (const c of cases) {
        let m: ExactModel;
        try {
          m = isingChain({ spins: c.spins, coupling: c.coupling * s, field: c.field * s });
        } catch {
          continue; // N·|J|·s beyond the double range: refused, as tested above
        }
        if (!Number.isFinite(c.temperature * s)) continue; // T·s itself overflows
        const got = m.exact(c.temperature * s);
        const want = scaled(c.state, s);
        for (const k of FIELDS) {
          if (!Number.isFinite(want[k])) continue;
          const e = relative(got[k], want[k]);
          const where = `N=${c.spins} J=${c.coupling} h=${c.field} T=${c.temperature} s=${s} ${k}`;
          expect(e, where).toBeLessThan(1e-12);
        }
      }
    }
  });
  it("isingSquare", () => {
    for (const s of scales) {
      for (const c of refs.isingSquare.cases) {
        const m = isingSquare({ size: c.size, coupling: c.coupling * s });
        if (!Number.isFinite(c.temperature * s)) continue;
        const got = m.exact(c.temperature * s);
        const want = scaled(c.state, s);
        for (const k of FIELDS) {
          if (!Number.isFinite(want[k])) continue;
          expect(
            relative(got[k], want[k]),
            `L=${c.size} T=${c.temperature} s=${s} ${k}`,
          ).toBeLessThan(1e-11);
        }
      }
    }
  });
});
