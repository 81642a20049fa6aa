/**
 * Every sweep path in physical units (kB ≠ 1) against closed forms: the fused one-pass kernel
 * (the default of `sweep`, `sweepRows` and `sweepParallel` without occupations), the two-pass
 * engine (with occupations), `sweepRows`, `sweepParallel` (the built package) and the CLI's
 * `sweep --energy-unit` (which takes kB from CODATA in that unit).
 *
 * The spectrum is a truncated ladder, Eₙ = n·Δ for n = 0 … N − 1, whose thermodynamics is a
 * geometric sum: with x = Δ/(kB·T),
 *
 *     ln Z = ln(1 − e^{−Nx}) − ln(1 − e^{−x}),
 *     U/Δ = 1/(e^x − 1) − N/(e^{Nx} − 1),
 *     Var(E)/Δ² = 1/((e^x − 1)(1 − e^{−x})) − N²/((e^{Nx} − 1)(1 − e^{−Nx})),
 *     C = Var(E)/(kB·T²),  F = −kB·T·ln Z,  S = (U − F)/T,  pₙ = e^{−nx}(1 − e^{−x})/(1 − e^{−Nx}),
 *
 * written with expm1 so that nothing overflows or cancels at these temperatures. At T < 0 the
 * ladder seen from its top level is the same ladder: Z(−|T|) = e^{(N−1)Δ/(kB|T|)}·Z(|T|),
 * U(−|T|) = (N − 1)Δ − U(|T|), and S, C, Var(E) are those at |T|.
 *
 * kB = 8.617333262e−5 eV/K (the 10-digit value users type), 1.380649e−23 J/K (exact, SI 2019);
 * the CLI's kB is the exact CODATA ratio 1.380649e−23/1.602176634e−19 eV/K (and ×1000 in meV/K).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sweep, sweepRows } from "../src/index.js";
import { fusedState } from "../src/sweep/fused.js";
import { main, root } from "./helpers/faults.js";
import { FIELDS, type State } from "./models/fixtures.js";

const N = 400;

/** The ladder's closed forms at temperature T (either sign). */
function ladder(delta: number, kB: number, T: number): State & { p: (n: number) => number } {
  const t = Math.abs(T);
  const x = delta / (kB * t);
  const logZ = Math.log(-Math.expm1(-N * x)) - Math.log(-Math.expm1(-x));
  const U = delta * (1 / Math.expm1(x) - N / Math.expm1(N * x));
  const V =
    delta *
    delta *
    (1 / (Math.expm1(x) * -Math.expm1(-x)) - (N * N) / (Math.expm1(N * x) * -Math.expm1(-N * x)));
  const top = (N - 1) * delta;
  const positive = T > 0;
  const lnZ = positive ? logZ : logZ + top / (kB * t);
  const u = positive ? U : top - U;
  const F = -kB * T * lnZ;
  // S from the positive-temperature ladder, kB·(ln Z + x·U/Δ): two positive terms (at T < 0,
  // (U − F)/T would be a small difference of two energies near the top level).
  const S = kB * (logZ + (x * U) / delta);
  const p = (n: number) => {
    const k = positive ? n : N - 1 - n;
    return (Math.exp(-k * x) * -Math.expm1(-x)) / -Math.expm1(-N * x);
  };
  return {
    logZ: lnZ,
    freeEnergy: F,
    internalEnergy: u,
    entropy: S,
    heatCapacity: V / (kB * T * T),
    energyVariance: V,
    p,
  };
}

/** The state at index j of a sweep's columns. */
function row(s: Record<(typeof FIELDS)[number], ArrayLike<number>>, j: number): State {
  const at = (f: (typeof FIELDS)[number]) => s[f][j] as number;
  return {
    logZ: at("logZ"),
    freeEnergy: at("freeEnergy"),
    internalEnergy: at("internalEnergy"),
    entropy: at("entropy"),
    heatCapacity: at("heatCapacity"),
    energyVariance: at("energyVariance"),
  };
}

/** Relative error, 1e−12 allowed (the closed forms are good to ~1e−15 here; the sweep to 1e−13). */
function expectClose(got: number, want: number, what: string): void {
  expect(
    Math.abs(got - want) <= 1e-12 * Math.abs(want),
    `${what}: got ${got}, closed form ${want}`,
  ).toBe(true);
}

function checkState(
  got: Record<(typeof FIELDS)[number], number>,
  ref: State,
  where: string,
): number {
  for (const f of FIELDS) expectClose(got[f], ref[f], `${f} at ${where}`);
  return FIELDS.length;
}

const units = [
  { name: "eV, kB = 8.617333262e−5 eV/K", delta: 0.01, kB: 8.617333262e-5, from: 25, to: 3000 },
  { name: "J, kB = 1.380649e−23 J/K", delta: 1e-21, kB: 1.380649e-23, from: 20, to: 5000 },
];

/**
 * Temperatures from `from` to `to` and from −100 K to −`to` (log-spaced). Colder negative
 * temperatures take the two-pass engine (the fused kernel's pilot misses the top levels), which
 * the occupations test covers.
 */
function grid(from: number, to: number, points = 25): number[] {
  const spaced = (a: number) =>
    Array.from({ length: points }, (_, j) => a * (to / a) ** (j / (points - 1)));
  return [...spaced(from), ...spaced(100).map((T) => -T)];
}

describe.each(units)("sweep paths at kB ≠ 1 against the ladder's closed forms ($name)", (u) => {
  const energies = Float64Array.from({ length: N }, (_, n) => n * u.delta);
  const temperatures = grid(u.from, u.to);

  it("the fused one-pass kernel (the default path) applies on most of this grid and is right", () => {
    // The kernel returns undefined where the sweep falls back to the two-pass engine (near the
    // ground state, where it would lose digits); the sweep tests below cover both.
    let fused = 0;
    for (const T of temperatures) {
      const state = fusedState(energies, undefined, 0, N, u.kB, T);
      if (state === undefined) continue;
      checkState(state, ladder(u.delta, u.kB, T), `T = ${T} K (fusedState)`);
      fused++;
    }
    expect(fused).toBeGreaterThanOrEqual(0.75 * temperatures.length);
  });

  it("sweep (fused, no occupations)", () => {
    const s = sweep(energies, { temperatures, kB: u.kB });
    let checked = 0;
    temperatures.forEach((T, j) => {
      const got = row(s, j);
      checked += checkState(got, ladder(u.delta, u.kB, T), `T = ${T} K`);
    });
    expect(checked).toBe(FIELDS.length * temperatures.length);
  });

  it("sweep with occupations (the two-pass engine), occupations included", () => {
    const s = sweep(energies, { temperatures, kB: u.kB, probabilities: true });
    expect(s.probabilities).toHaveLength(temperatures.length);
    temperatures.forEach((T, j) => {
      const ref = ladder(u.delta, u.kB, T);
      const got = row(s, j);
      checkState(got, ref, `T = ${T} K`);
      const p = s.probabilities?.[j] as Float64Array;
      for (const n of [0, 1, 2, 10, 100, N - 1]) {
        const want = ref.p(n);
        // Occupations above 1e−300: 4 ulp-ish (1e−13 relative covers the exponent's rounding).
        if (want > 1e-300)
          expect(Math.abs((p[n] as number) - want), `p${n} at ${T}`).toBeLessThanOrEqual(
            1e-12 * want,
          );
      }
    });
  });

  it("sweep on merged levels (each level twice: degeneracy 2, the fused kernel with weights)", () => {
    const doubled = Float64Array.from({ length: 2 * N }, (_, i) => (i >> 1) * u.delta);
    const s = sweep(doubled, { temperatures, kB: u.kB });
    temperatures.forEach((T, j) => {
      const ref = ladder(u.delta, u.kB, T);
      // Z doubles: ln Z + ln 2, F − kB·T·ln 2, S + kB·ln 2; U, C and Var(E) are unchanged.
      const want: State = {
        ...ref,
        logZ: ref.logZ + Math.LN2,
        freeEnergy: ref.freeEnergy - u.kB * T * Math.LN2,
        entropy: ref.entropy + u.kB * Math.LN2,
      };
      const got = row(s, j);
      checkState(got, want, `T = ${T} K (g = 2)`);
    });
  });

  it("sweepRows, with and without occupations", () => {
    for (const probabilities of [false, true]) {
      let j = 0;
      for (const row of sweepRows(energies, { temperatures, kB: u.kB, probabilities })) {
        const T = temperatures[j] as number;
        expect(row.temperature).toBe(T);
        checkState(row, ladder(u.delta, u.kB, T), `row ${j}, T = ${T} K`);
        j++;
      }
      expect(j).toBe(temperatures.length);
    }
  });

  it("sweepParallel with 2 workers (the built package)", async () => {
    const entry = join(root, "dist", "parallel", "index.js");
    if (!existsSync(entry))
      throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
    const { sweepParallel } = (await import(entry)) as typeof import("../src/parallel/index.js");
    const s = await sweepParallel(energies, {
      temperatures,
      kB: u.kB,
      workers: 2,
      minimumWork: 0,
    });
    temperatures.forEach((T, j) => {
      const got = row(s, j);
      checkState(got, ladder(u.delta, u.kB, T), `T = ${T} K`);
    });
  });
});

describe("the CLI's sweep with --energy-unit (kB from CODATA)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gibbs-softmax-sweep-kb-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // kB in eV/K and meV/K, from the exact SI definitions (k = 1.380649e−23 J/K, e = 1.602176634e−19 C).
  const cases = [
    { unit: "eV", delta: 0.01, kB: 1.380649e-23 / 1.602176634e-19 },
    { unit: "meV", delta: 10, kB: 1.380649e-23 / 1.602176634e-22 },
  ];
  for (const c of cases) {
    it(`sweep --energy-unit ${c.unit} --from "25 K" --to "3000 K" matches the closed forms`, () => {
      if (!existsSync(main))
        throw new Error("dist/ is missing: run `npm run build` first (`npm test` does)");
      const file = join(dir, `ladder-${c.unit}.txt`);
      writeFileSync(file, Array.from({ length: N }, (_, n) => n * c.delta).join("\n"));
      const r = spawnSync(
        process.execPath,
        [
          main,
          "sweep",
          "--energies",
          file,
          "--from",
          "25 K",
          "--to",
          "3000 K",
          "--points",
          "9",
          "--energy-unit",
          c.unit,
          "--format",
          "json",
        ],
        { encoding: "utf8", timeout: 60_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const rows = JSON.parse(r.stdout) as (State & { temperature: number })[];
      expect(rows).toHaveLength(9);
      expect(rows[0]?.temperature).toBe(25);
      expect(rows[8]?.temperature).toBe(3000);
      for (const row of rows)
        checkState(row, ladder(c.delta, c.kB, row.temperature), `${row.temperature} K`);
    });
  }
});
