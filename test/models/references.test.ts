/**
 * The models against independent 50-digit references (test/fixtures/models.json, made by
 * test/fixtures/make_model_references.py), on both sides:
 * - exact: the model's closed forms (`model.exact(T)`): ≤ 1e−12 relative on ln Z, F, U, S, C and
 *   Var(E) for every case;
 * - numeric: the model's spectrum through the core's `thermodynamics`: the same, except that U, F
 *   and ln Z are measured, as in test/accuracy.test.ts, against the size of the terms the core
 *   sums them from (U = E₀ + ⟨E − E₀⟩ and F = E₀ − kT·ln Zₛ with E₀ the reference level, so
 *   max|E| over the spectrum; β·max|E| for ln Z) where that is larger than the value — a
 *   paramagnet at T = 10⁴ε has U ≈ −2e−6 from terms of size 0.15.
 * The largest error per model and side is printed at the end.
 */
import { afterAll, describe, expect, it } from "vitest";
import { thermodynamics } from "../../src/index.js";
import {
  brillouin,
  type ExactModel,
  einsteinSolid,
  harmonicOscillator,
  isingChain,
  isingSquare,
  isingSquareDensityOfStates,
  paramagnet,
  rigidRotor,
  twoLevelSystem,
} from "../../src/models/index.js";
import { ErrorLog, loadModelReferences, relative, type State } from "./fixtures.js";

const refs = loadModelReferences();
const BOUND = 1e-12;
const log = new ErrorLog();
afterAll(() => log.print("Largest relative error against the mpmath references, per model:"));

function numeric(model: ExactModel, T: number) {
  return thermodynamics(model.energies, {
    temperature: T,
    kB: model.kB,
    degeneracies: model.degeneracies,
  });
}

function check(
  name: string,
  where: string,
  model: ExactModel,
  T: number,
  state: State,
  spectrum = true,
) {
  const exact = log.state(`${name}: closed forms`, where, model.exact(T), state);
  expect(exact.rel, `${name} exact ${where} ${exact.field}`).toBeLessThanOrEqual(BOUND);
  if (spectrum) {
    let top = 0;
    for (const e of model.energies) if (Number.isFinite(e)) top = Math.max(top, Math.abs(e));
    const scales = { internalEnergy: top, freeEnergy: top, logZ: top / (model.kB * Math.abs(T)) };
    const num = log.state(`${name}: spectrum + core`, where, numeric(model, T), state, scales);
    expect(num.rel, `${name} numeric ${where} ${num.field}`).toBeLessThanOrEqual(BOUND);
  }
}

describe("two-level system (Schottky)", () => {
  it("matches the references, negative temperatures and physical units included", () => {
    for (const c of refs.twoLevel) {
      const m = twoLevelSystem({ gap: c.gap, g0: c.g0, g1: c.g1, kB: c.kB });
      check(
        "twoLevelSystem",
        `Δ=${c.gap} g=${c.g0},${c.g1} T=${c.temperature}`,
        m,
        c.temperature,
        c.state,
      );
    }
  });
});

describe("harmonic oscillator", () => {
  it("matches the infinite closed forms; a long enough truncated ladder matches them too", () => {
    for (const c of refs.oscillator) {
      // Keep levels up to 60·kT above the ground: the dropped tail weighs < e⁻⁶⁰ of Z.
      const levels = Math.ceil((60 * c.temperature) / c.quantum) + 50;
      const m = harmonicOscillator({ quantum: c.quantum, zeroPoint: c.zeroPoint, levels });
      check(
        "harmonicOscillator",
        `ħω=${c.quantum} zp=${c.zeroPoint} T=${c.temperature}`,
        m,
        c.temperature,
        c.state,
      );
    }
  });
});

describe("Einstein solid", () => {
  it("matches 3N oscillators; the shared-quanta spectrum with C(q+M−1, q) matches too", () => {
    for (const c of refs.einstein) {
      const M = 3 * c.atoms;
      const x = c.quantum / c.temperature;
      const maxQuanta = Math.ceil(8 * M * (1 + 1 / x) + 80 / x);
      const m = einsteinSolid({ atoms: c.atoms, quantum: c.quantum, maxQuanta });
      check(
        "einsteinSolid",
        `N=${c.atoms} ħω=${c.quantum} T=${c.temperature}`,
        m,
        c.temperature,
        c.state,
      );
    }
  });
});

describe("rigid rotor", () => {
  it("matches the exact infinite sum, numerically and through exact()", () => {
    for (const c of refs.rotor.exact) {
      const t = c.temperature / c.rotationalConstant;
      const maxJ = Math.ceil(Math.sqrt(100 * t)) + 2;
      const m = rigidRotor({ rotationalConstant: c.rotationalConstant, maxJ });
      check(
        "rigidRotor",
        `B=${c.rotationalConstant} T=${c.temperature}`,
        m,
        c.temperature,
        c.state,
      );
    }
  });
  it("evaluates Mulholland's series exactly, and the series converges to the sum as t⁻⁶", () => {
    for (const c of refs.rotor.series) {
      const m = rigidRotor({ rotationalConstant: c.rotationalConstant, maxJ: 1 });
      const r = log.state(
        "rigidRotor: high-T series",
        `B=${c.rotationalConstant} T=${c.temperature}`,
        m.highTemperature.exact(c.temperature),
        c.state,
      );
      expect(r.rel, `series T=${c.temperature} ${r.field}`).toBeLessThanOrEqual(BOUND);
    }
    for (const c of refs.rotor.exactAtSeriesTemperatures) {
      const m = rigidRotor({ rotationalConstant: 1, maxJ: 1 });
      const t = c.temperature;
      const s = m.highTemperature.exact(t);
      // The first neglected term is O(t⁻⁵) against Z ~ t.
      const z = relative(s.logZ, c.state.logZ);
      expect(z).toBeLessThanOrEqual(Math.max(0.05 * t ** -6, 2e-16));
      if (t >= 1000) {
        const r = log.state("rigidRotor: exact() above t = 1000", `T=${t}`, m.exact(t), c.state);
        expect(r.rel).toBeLessThanOrEqual(BOUND);
      }
    }
  });
});

describe("paramagnet", () => {
  it("matches the references at positive and negative temperature, magnetization included", () => {
    for (const c of refs.paramagnet) {
      const m = paramagnet({ spin: c.spin, field: c.splitting });
      const where = `j=${c.spin} ε=${c.splitting} T=${c.temperature}`;
      check("paramagnet", where, m, c.temperature, c.state);
      const e = relative(m.magnetization(c.temperature), c.state.magnetization);
      log.note("paramagnet: magnetization", where, e);
      expect(e, where).toBeLessThanOrEqual(BOUND);
    }
  });
  it("gives the Brillouin function to ≤ 1e−14 relative at every argument", () => {
    for (const c of refs.brillouin) {
      const e = relative(brillouin(c.spin, c.x), c.value);
      log.note("brillouin", `j=${c.spin} y=${c.x}`, e);
      expect(e, `j=${c.spin} y=${c.x}`).toBeLessThanOrEqual(1e-14);
    }
  });
});

describe("Ising chain", () => {
  it("matches the references by the transfer matrix and by the counted spectrum", () => {
    for (const c of refs.isingChain) {
      const m = isingChain({ spins: c.spins, coupling: c.coupling, field: c.field });
      check(
        "isingChain",
        `N=${c.spins} J=${c.coupling} h=${c.field} T=${c.temperature}`,
        m,
        c.temperature,
        c.state,
      );
    }
  });
  it("finds the same spectrum by counting and by enumerating all 2^N states", () => {
    for (const [N, J, h] of [
      [1, 1, 0.5],
      [2, 1, 0],
      [7, -1, 0.3],
      [12, 0.7, -0.2],
      [20, 1, 0.1],
    ] as const) {
      const a = isingChain({ spins: N, coupling: J, field: h });
      const b = isingChain({ spins: N, coupling: J, field: h, spectrum: "enumeration" });
      expect(b.energies).toEqual(a.energies);
      expect(b.degeneracies).toEqual(a.degeneracies);
      expect(a.degeneracies.reduce((s, g) => s + g, 0)).toBe(2 ** N);
    }
  });
});

describe("2D Ising model (L×L torus)", () => {
  it("enumerates the published 4×4 density of states (Beale 1996)", () => {
    const d = isingSquareDensityOfStates(4);
    expect(Array.from(d.energies)).toEqual([
      -32, -24, -20, -16, -12, -8, -4, 0, 4, 8, 12, 16, 20, 24, 32,
    ]);
    expect(Array.from(d.degeneracies)).toEqual([
      2, 32, 64, 424, 1728, 6688, 13568, 20524, 13568, 6688, 1728, 424, 64, 32, 2,
    ]);
  });
  it("enumerates every L ≤ 5 exactly like the transfer-recursion counts of the fixture script", () => {
    for (const [L, d] of Object.entries(refs.isingSquare.densityOfStates)) {
      const got = isingSquareDensityOfStates(Number(L));
      expect(Array.from(got.energies), `L=${L}`).toEqual(d.energies);
      expect(Array.from(got.degeneracies), `L=${L}`).toEqual(d.counts);
    }
  });
  it("enumerates 5×5 (2^25 states) within seconds", () => {
    const start = performance.now();
    isingSquare({ size: 5 });
    expect(performance.now() - start).toBeLessThan(5000);
  });
  it("matches the references by Kaufman's formula and by the enumerated spectrum", () => {
    for (const c of refs.isingSquare.cases) {
      const m = isingSquare({ size: c.size, coupling: c.coupling });
      check(
        "isingSquare",
        `L=${c.size} J=${c.coupling} T=${c.temperature}`,
        m,
        c.temperature,
        c.state,
      );
    }
  });
});
