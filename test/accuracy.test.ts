/**
 * Accuracy against independent 50-digit references.
 *
 * The expected values in test/fixtures/references.json are made by
 * test/fixtures/make_references.py (mpmath at 50 digits, every value re-checked at 90 digits,
 * each correctly rounded to the nearest double from the exact double inputs used here). To
 * regenerate: `python3 test/fixtures/make_references.py`.
 *
 * Bounds, measured in ulps of the expected double (ulpDistance: subnormals count as steps of
 * 2^−1074, so an entry that underflows to 0 must be 0 or within that many subnormal steps;
 * an expected ±Infinity must be matched exactly). Each is the measured worst case rounded up
 * (the summary printed at the end shows the measured figures), so that losing a bit fails:
 * - softmax, logSoftmax, logSumExp, gibbs (and thermodynamics().probabilities),
 *   logPartitionFunction: ≤ 2 ulp on every case, on both kernels. logSoftmax must stay finite,
 *   and within 2 ulp, where softmax underflows to 0. The one qualification: where
 *   ln Z = −E_ref/kT + ln Zₛ is a small difference of larger terms (a term more than 4× the
 *   value), ln Z is held to 4 ulp of the largest term (measured: under 1), the accuracy of a
 *   backward-stable sum (each term is itself within an ulp; no algorithm working from doubles
 *   does better without exact exponentials).
 * - entropy (both `entropy()` and `thermodynamics().entropy`), heatCapacity, energyVariance:
 *   ≤ 2e−14 relative (measured: 6e−15 for C, 5e−16 for the others; an absolute 4·2^−1074 is
 *   always accepted, for values in the subnormal range where a relative bound is finer than the
 *   doubles).
 * - thermodynamics' internalEnergy, freeEnergy and logZ: ≤ 8 ulp; or, where the value is a sum
 *   whose terms cancel (U = E_ref + kT⟨x⟩, F = E_ref − kT·ln Zₛ, ln Z = −E_ref/kT + ln Zₛ with
 *   a term more than 4× the value, E_ref the dominant level), ≤ 4 ulp of the largest term (the
 *   `scale` field of each reference; measured: under 1.3).
 * - Reference physics: the Schottky peak of a two-level system, T* and C_max to ≤ 1e−9; the
 *   harmonic oscillator (2000 levels) against its closed forms to ≤ 2e−14 relative; ladders of
 *   up to 500 000 levels against theirs to ≤ 1e−15 (measured: ≤ 3.4e−16).
 *
 * A summary of the largest error per function is printed once at the end.
 */

import { afterAll, describe, expect, it } from "vitest";
import {
  entropy,
  gibbs,
  logPartitionFunction,
  logSoftmax,
  logSumExp,
  setKernelBackend,
  softmax,
  thermodynamics,
} from "../src/index.js";
import {
  type GibbsReference,
  loadReferences,
  maxUlp,
  relativeError,
  ulpError,
} from "./helpers/fixtures.js";

const refs = loadReferences();

const ULP_BOUND = 2;
const ENERGY_ULP_BOUND = 8;
/** Where a value is a small difference of larger terms: this many ulps of the largest term. */
const CANCELLATION_ULPS = 4;
const REL_BOUND = 2e-14;

// ---------------------------------------------------------------------------------------------
// The summary: the worst error seen per function.

interface Worst {
  ulps: number;
  rel: number;
  ulpCase: string;
  /** Cases where the result was NaN or an unmatched infinity (kept out of the maxima). */
  nonFinite: string[];
}
const summary = new Map<string, Worst>();

function note(fn: string, where: string, ulps: number, rel: number): void {
  const w = summary.get(fn) ?? { ulps: 0, rel: 0, ulpCase: "", nonFinite: [] };
  if (!Number.isFinite(ulps) || !Number.isFinite(rel)) {
    w.nonFinite.push(where);
  } else {
    if (ulps > w.ulps) {
      w.ulps = ulps;
      w.ulpCase = where;
    }
    w.rel = Math.max(w.rel, rel);
  }
  summary.set(fn, w);
}

afterAll(() => {
  const lines = [...summary.entries()].map(([fn, w]) => {
    const bad = w.nonFinite.length === 0 ? "" : `; NaN/unmatched ∞ in ${w.nonFinite.join(", ")}`;
    return `  ${fn.padEnd(32)} ${String(w.ulps).padStart(6)} ulp ${w.rel.toExponential(2).padStart(9)} rel  (worst: ${w.ulpCase}${bad})`;
  });
  console.log(
    `accuracy against ${refs.meta.generator} (mpmath ${refs.meta.mpmath}, ${refs.meta.dps} digits), max error per function:\n${lines.join("\n")}`,
  );
});

/** Worst relative error of a vector, over entries whose expected value is normal. */
function maxRelative(got: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    if (Math.abs(e) >= 2.2250738585072014e-308) {
      worst = Math.max(worst, relativeError(got[i] as number, e));
    }
  }
  return worst;
}

/** Float64Array for every other case, so both kinds of input go through every function. */
function asInput(values: number[], index: number): ArrayLike<number> {
  return index % 2 === 1 ? Float64Array.from(values) : values;
}

function show(x: number | undefined): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

// ---------------------------------------------------------------------------------------------

describe("softmax and logSoftmax against mpmath", () => {
  refs.softmax.forEach((c, k) => {
    const tau = c.temperature;
    it(`${c.name}`, () => {
      const input = asInput(c.logits, k);
      const p = softmax(input, { temperature: tau });
      const logp = logSoftmax(input, { temperature: tau });

      const ep = maxUlp(p, c.p);
      note("softmax", c.name, ep.ulps, maxRelative(p, c.p));
      expect
        .soft(
          ep.ulps,
          `softmax(${c.name})[${ep.index}]: logit ${show(c.logits[ep.index])}, τ = ${tau}: expected ${show(c.p[ep.index])}, got ${show(p[ep.index])}`,
        )
        .toBeLessThanOrEqual(ULP_BOUND);

      const el = maxUlp(logp, c.logp);
      note("logSoftmax", c.name, el.ulps, maxRelative(logp, c.logp));
      expect
        .soft(
          el.ulps,
          `logSoftmax(${c.name})[${el.index}]: logit ${show(c.logits[el.index])}, τ = ${tau}: expected ${show(c.logp[el.index])}, got ${show(logp[el.index])}`,
        )
        .toBeLessThanOrEqual(ULP_BOUND);

      // Where the probability underflows (0 or within 4 subnormal steps of it, checked above),
      // the log-probability is still finite (and within 2 ulp, checked above).
      for (let i = 0; i < c.p.length; i++) {
        if (c.p[i] === 0 && Number.isFinite(c.logp[i])) {
          expect.soft(Number.isFinite(logp[i]), `logSoftmax(${c.name})[${i}] finite`).toBe(true);
        }
      }
    });
  });

  it("covers probabilities that underflow while their logarithms stay finite", () => {
    const underflowing = refs.softmax.reduce(
      (n, c) => n + c.p.filter((p, i) => p === 0 && Number.isFinite(c.logp[i])).length,
      0,
    );
    expect(underflowing).toBeGreaterThan(100);
  });
});

describe("logSumExp against mpmath", () => {
  refs.logSumExp.forEach((c, k) => {
    it(`${c.name}`, () => {
      const got =
        c.weights === undefined
          ? logSumExp(asInput(c.values, k))
          : logSumExp(asInput(c.values, k), { weights: asInput(c.weights, k + 1) });
      const ulps = ulpError(got, c.expected);
      note("logSumExp", c.name, ulps, relativeError(got, c.expected));
      expect
        .soft(ulps, `logSumExp(${c.name}): expected ${c.expected}, got ${got}`)
        .toBeLessThanOrEqual(ULP_BOUND);
    });
  });
});

describe("softmax, logSoftmax, logSumExp and gibbs on both kernels (WebAssembly SIMD and JavaScript)", () => {
  // The kernel serves Float64Array and Float32Array input at finite nonzero temperatures
  // (logSumExp without weights): every reference case, on both paths, within the bound and bit
  // for bit the same.
  afterAll(() => setKernelBackend("auto"));
  const run = <T>(backend: "auto" | "js", f: () => T): T => {
    setKernelBackend(backend);
    try {
      return f();
    } finally {
      setKernelBackend("auto");
    }
  };
  const cases = refs.softmax.filter((c) => c.temperature !== 0 && Number.isFinite(c.temperature));
  it("has finite-temperature softmax cases", () => expect(cases.length).toBeGreaterThan(60));
  for (const c of cases) {
    it(`softmax and logSoftmax ${c.name}`, () => {
      const input = Float64Array.from(c.logits);
      const options = { temperature: c.temperature };
      const simd = run("auto", () => softmax(input, options));
      const js = run("js", () => softmax(input, options));
      const ep = maxUlp(simd, c.p);
      note("softmax (WebAssembly SIMD)", c.name, ep.ulps, maxRelative(simd, c.p));
      expect.soft(ep.ulps, `softmax(${c.name})[${ep.index}]`).toBeLessThanOrEqual(ULP_BOUND);
      expect.soft(Array.from(simd), "identical on both kernels").toEqual(Array.from(js));
      const lsimd = run("auto", () => logSoftmax(input, options));
      const ljs = run("js", () => logSoftmax(input, options));
      const el = maxUlp(lsimd, c.logp);
      note("logSoftmax (WebAssembly SIMD)", c.name, el.ulps, maxRelative(lsimd, c.logp));
      expect.soft(el.ulps, `logSoftmax(${c.name})[${el.index}]`).toBeLessThanOrEqual(ULP_BOUND);
      expect.soft(Array.from(lsimd), "identical on both kernels").toEqual(Array.from(ljs));
    });
  }
  const gibbsCases = refs.gibbs.filter(
    (r) => r.degeneracies === undefined && r.temperature !== 0 && Number.isFinite(r.temperature),
  );
  const lseCases = refs.logSumExp.filter((r) => r.weights === undefined);
  it("has finite-temperature gibbs cases and unweighted logSumExp cases", () => {
    expect(gibbsCases.length).toBeGreaterThan(20);
    expect(lseCases.length).toBeGreaterThan(20);
  });
  for (const c of gibbsCases) {
    it(`gibbs and logPartitionFunction ${c.name} T = ${c.temperature}`, () => {
      const input = Float64Array.from(c.energies);
      const options = { temperature: c.temperature, kB: c.kB };
      const simd = run("auto", () => gibbs(input, options));
      const js = run("js", () => gibbs(input, options));
      const e = maxUlp(simd, c.p);
      note("gibbs (WebAssembly SIMD)", c.name, e.ulps, maxRelative(simd, c.p));
      expect.soft(e.ulps, `gibbs(${c.name})[${e.index}]`).toBeLessThanOrEqual(ULP_BOUND);
      expect.soft(Array.from(simd), "identical on both kernels").toEqual(Array.from(js));
      const lsimd = run("auto", () => logPartitionFunction(input, options));
      const ljs = run("js", () => logPartitionFunction(input, options));
      expect.soft(Object.is(lsimd, ljs), `identical: ${lsimd} vs ${ljs}`).toBe(true);
    });
  }
  for (const c of lseCases) {
    it(`logSumExp ${c.name}`, () => {
      const input = Float64Array.from(c.values);
      const simd = run("auto", () => logSumExp(input));
      const js = run("js", () => logSumExp(input));
      const ulps = ulpError(simd, c.expected);
      note("logSumExp (WebAssembly SIMD)", c.name, ulps, relativeError(simd, c.expected));
      expect.soft(ulps, `logSumExp(${c.name})`).toBeLessThanOrEqual(ULP_BOUND);
      expect.soft(Object.is(simd, js), `identical: ${simd} vs ${js}`).toBe(true);
    });
  }
});

/** U, F, ln Z: 8 ulp, or 4 ulp of the largest term where the terms cancel. */
function checkEnergyLike(
  fn: string,
  c: GibbsReference,
  got: number,
  expected: number,
  scale: number,
): void {
  const ulps = ulpError(got, expected);
  note(fn, c.name, ulps, relativeError(got, expected));
  if (ulps <= ENERGY_ULP_BOUND) return;
  const cancels = Number.isFinite(scale) && scale > 4 * Math.abs(expected);
  const err = Math.abs(got - expected);
  expect
    .soft(
      cancels && err <= CANCELLATION_ULPS * Number.EPSILON * scale,
      `${fn}(${c.name}): T = ${c.temperature}, kB = ${c.kB}: expected ${expected}, got ${got} (${ulps} ulp; terms of size ${scale}${cancels ? `, allowed ${CANCELLATION_ULPS * Number.EPSILON * scale}` : ", no cancellation"})`,
    )
    .toBe(true);
}

function checkRelative(fn: string, name: string, got: number, expected: number): void {
  const rel = relativeError(got, expected);
  note(fn, name, ulpError(got, expected), rel);
  expect
    .soft(rel, `${fn}(${name}): expected ${expected}, got ${got}`)
    .toBeLessThanOrEqual(REL_BOUND);
}

describe("gibbs, logPartitionFunction and thermodynamics against mpmath", () => {
  refs.gibbs.forEach((c, k) => {
    const options = {
      temperature: c.temperature,
      kB: c.kB,
      ...(c.degeneracies === undefined ? {} : { degeneracies: asInput(c.degeneracies, k) }),
    };
    const energies = asInput(c.energies, k + 1);
    const where = `T = ${c.temperature}, kB = ${c.kB}`;

    it(`${c.name}: gibbs and logPartitionFunction`, () => {
      const p = gibbs(energies, options);
      const e = maxUlp(p, c.p);
      note("gibbs", c.name, e.ulps, maxRelative(p, c.p));
      expect
        .soft(
          e.ulps,
          `gibbs(${c.name})[${e.index}]: E = ${c.energies[e.index]}, g = ${c.degeneracies?.[e.index] ?? 1}, ${where}: expected ${c.p[e.index]}, got ${p[e.index]}`,
        )
        .toBeLessThanOrEqual(ULP_BOUND);

      const logZ = logPartitionFunction(energies, options);
      const ulps = ulpError(logZ, c.logZ);
      note("logPartitionFunction", c.name, ulps, relativeError(logZ, c.logZ));
      const cancels = Number.isFinite(c.scale.logZ) && c.scale.logZ > 4 * Math.abs(c.logZ);
      const allowed = cancels ? CANCELLATION_ULPS * Number.EPSILON * c.scale.logZ : 0;
      expect
        .soft(
          ulps <= ULP_BOUND || Math.abs(logZ - c.logZ) <= allowed,
          `logPartitionFunction(${c.name}), ${where}: expected ${c.logZ}, got ${logZ} (${ulps} ulp; ${cancels ? `terms of size ${c.scale.logZ}, allowed ${allowed}` : "no cancellation"})`,
        )
        .toBe(true);
    });

    it(`${c.name}: thermodynamics`, () => {
      const t = thermodynamics(energies, options);
      const e = maxUlp(t.probabilities, c.p);
      note("thermodynamics.probabilities", c.name, e.ulps, maxRelative(t.probabilities, c.p));
      expect
        .soft(
          e.ulps,
          `thermodynamics(${c.name}).probabilities[${e.index}], ${where}: expected ${c.p[e.index]}, got ${t.probabilities[e.index]}`,
        )
        .toBeLessThanOrEqual(ULP_BOUND);
      checkRelative("thermodynamics.entropy", c.name, t.entropy, c.entropy);
      checkRelative("thermodynamics.heatCapacity", c.name, t.heatCapacity, c.heatCapacity);
      checkRelative("thermodynamics.energyVariance", c.name, t.energyVariance, c.energyVariance);
      checkEnergyLike(
        "thermodynamics.internalEnergy",
        c,
        t.internalEnergy,
        c.internalEnergy,
        c.scale.internalEnergy,
      );
      checkEnergyLike(
        "thermodynamics.freeEnergy",
        c,
        t.freeEnergy,
        c.freeEnergy,
        c.scale.freeEnergy,
      );
      checkEnergyLike("thermodynamics.logZ", c, t.logZ, c.logZ, c.scale.logZ);
    });
  });
});

describe("entropy against mpmath", () => {
  refs.entropy.forEach((c, k) => {
    it(`${c.name}`, () => {
      checkRelative("entropy", c.name, entropy(asInput(c.p, k)), c.expected);
    });
  });
});

describe("exact limits (closed forms)", () => {
  const ln2 = Math.LN2;

  it("softmax and logSoftmax at τ = ±0 share the weight among the maximal logits", () => {
    const z = [1, 3, 3, Number.NEGATIVE_INFINITY, 2];
    for (const temperature of [0, -0]) {
      expect([...softmax(z, { temperature })]).toEqual([0, 0.5, 0.5, 0, 0]);
      const lp = logSoftmax(z, { temperature });
      expect(maxUlp(lp, [-Infinity, -ln2, -ln2, -Infinity, -Infinity]).ulps).toBeLessThanOrEqual(
        ULP_BOUND,
      );
    }
  });

  it("softmax and logSoftmax at τ = ±Infinity are uniform over the unmasked logits", () => {
    const z = Float64Array.from([1e308, -5, 3, Number.NEGATIVE_INFINITY, 5e-324]);
    for (const temperature of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect([...softmax(z, { temperature })]).toEqual([0.25, 0.25, 0.25, 0, 0.25]);
      const lp = logSoftmax(z, { temperature });
      const l4 = -2 * ln2;
      expect(maxUlp(lp, [l4, l4, l4, -Infinity, l4]).ulps).toBeLessThanOrEqual(ULP_BOUND);
    }
  });

  it("gibbs at T = 0 and T = ±Infinity weighs the ground states, then every level, by g", () => {
    const E = [0, 1, 0, Number.POSITIVE_INFINITY];
    const degeneracies = [1, 5, 3, 2];
    expect([...gibbs(E, { temperature: 0, degeneracies })]).toEqual([0.25, 0, 0.75, 0]);
    for (const temperature of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const p = gibbs(E, { temperature, degeneracies });
      expect(maxUlp(p, [1 / 9, 5 / 9, 3 / 9, 0]).ulps).toBeLessThanOrEqual(ULP_BOUND);
    }
  });

  it("one level: ln Z = −E/(kB·T), correctly rounded like an IEEE division", () => {
    // ln Z is formed as c·β plus the log of the weight sum, with c·β in double-double: for one
    // level the sum is 1, so the result must be the correctly rounded quotient, every time.
    let seed = 7;
    const uniform = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const E = (uniform() - 0.5) * 2000;
      const T = 10 ** (uniform() * 4 - 2);
      const kB = [1, 2, 0.5][i % 3] as number; // powers of two: kB·T is exact
      const got = logPartitionFunction(i % 2 ? Float64Array.of(E) : [E], { temperature: T, kB });
      if (got !== -E / (kB * T))
        wrong.push(`E = ${E}, T = ${T}, kB = ${kB}: ${got} vs ${-E / (kB * T)}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("thermodynamics at T = 0 and T = Infinity", () => {
    const E = [0, 1];
    const degeneracies = [2, 1];
    const cold = thermodynamics(E, { temperature: 0, degeneracies });
    expect(cold.beta).toBe(Number.POSITIVE_INFINITY);
    expect(ulpError(cold.logZ, ln2)).toBeLessThanOrEqual(ULP_BOUND);
    expect(ulpError(cold.entropy, ln2)).toBeLessThanOrEqual(ULP_BOUND);
    expect([cold.internalEnergy, cold.freeEnergy, cold.heatCapacity, cold.energyVariance]).toEqual([
      0, 0, 0, 0,
    ]);
    const hot = thermodynamics(E, { temperature: Number.POSITIVE_INFINITY, degeneracies });
    expect(hot.beta).toBe(0);
    expect(ulpError(hot.logZ, Math.log(3))).toBeLessThanOrEqual(ULP_BOUND);
    expect(ulpError(hot.entropy, Math.log(3))).toBeLessThanOrEqual(ULP_BOUND);
    expect(ulpError(hot.internalEnergy, 1 / 3)).toBeLessThanOrEqual(ULP_BOUND);
    expect(ulpError(hot.energyVariance, 2 / 9)).toBeLessThanOrEqual(ULP_BOUND);
    expect(hot.heatCapacity).toBe(0);
    expect(hot.freeEnergy).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("reference physics", () => {
  it("reproduces the Schottky peak of a two-level system (T* and C_max to 1e-9)", () => {
    const ref = refs.physics.schottky;
    const C = (T: number) => thermodynamics([0, 1], { temperature: T }).heatCapacity;
    // Golden-section search for the maximum of C(T) on [0.2, 1]. Near the top C is flat
    // (C ≈ C* + C''·(T − T*)²/2), so values alone locate T* only to ~1e−8.
    const r = (Math.sqrt(5) - 1) / 2;
    let a = 0.2;
    let b = 1;
    let x1 = b - r * (b - a);
    let x2 = a + r * (b - a);
    let f1 = C(x1);
    let f2 = C(x2);
    while (b - a > 1e-7) {
      if (f1 > f2) {
        b = x2;
        x2 = x1;
        f2 = f1;
        x1 = b - r * (b - a);
        f1 = C(x1);
      } else {
        a = x1;
        x1 = x2;
        f1 = f2;
        x2 = a + r * (b - a);
        f2 = C(x2);
      }
    }
    const t0 = (a + b) / 2;
    // Refine: the vertex of the parabola through t0 − h, t0, t0 + h is T* + O(h²); Richardson
    // extrapolation over h and 2h removes the h² term, leaving O(h⁴) + ~1e−14 of rounding.
    const vertex = (h: number) => {
      const cm = C(t0 - h);
      const c0 = C(t0);
      const cp = C(t0 + h);
      return t0 - (h * (cp - cm)) / (2 * (cp - 2 * c0 + cm));
    };
    const h = 1e-3;
    const tStar = (4 * vertex(h) - vertex(2 * h)) / 3;
    const cMax = C(tStar);
    note(
      "schottky T*",
      "two-level",
      ulpError(tStar, ref.temperature),
      relativeError(tStar, ref.temperature),
    );
    note(
      "schottky C_max",
      "two-level",
      ulpError(cMax, ref.heatCapacity),
      relativeError(cMax, ref.heatCapacity),
    );
    expect(tStar).toBeCloseTo(0.4168, 4);
    expect(cMax).toBeCloseTo(0.4392, 4);
    expect(Math.abs(tStar - ref.temperature)).toBeLessThanOrEqual(1e-9);
    expect(relativeError(cMax, ref.heatCapacity)).toBeLessThanOrEqual(1e-9);
    // And at the reference T* itself the library's C is the reference maximum to 2e−14.
    expect(relativeError(C(ref.temperature), ref.heatCapacity)).toBeLessThanOrEqual(REL_BOUND);
  });

  it("matches a ladder of 100 000 to 500 000 levels at high T (long sums stay compensated)", () => {
    // Eₙ = n, n < N: with x = 1/T, ln Z = ln(1 − e^{−Nx}) − ln(1 − e^{−x}),
    // U = 1/(e^x − 1) − N/(e^{Nx} − 1), S = ln Z + x·U, C = x²·Var(E) with
    // Var(E) = 1/((e^x − 1)(1 − e^{−x})) − N²/((e^{Nx} − 1)(1 − e^{−Nx})), in expm1 (good to
    // ~1e−16 here). Hundreds of thousands of terms: a plain sum would drift by ~1e−14.
    for (const [N, T] of [
      [100_000, 5e3],
      [200_000, 1e4],
      [500_000, 2e4],
    ] as const) {
      const E = Float64Array.from({ length: N }, (_, n) => n);
      const t = thermodynamics(E, { temperature: T });
      const x = 1 / T;
      const logZ = Math.log(-Math.expm1(-N * x)) - Math.log(-Math.expm1(-x));
      const U = 1 / Math.expm1(x) - N / Math.expm1(N * x);
      const V =
        1 / (Math.expm1(x) * -Math.expm1(-x)) - (N * N) / (Math.expm1(N * x) * -Math.expm1(-N * x));
      const name = `ladder N=${N} T=${T}`;
      for (const [field, got, want] of [
        ["logZ", t.logZ, logZ],
        ["internalEnergy", t.internalEnergy, U],
        ["entropy", t.entropy, logZ + x * U],
        ["heatCapacity", t.heatCapacity, x * x * V],
      ] as const) {
        const rel = relativeError(got, want);
        note(`ladder.${field}`, name, ulpError(got, want), rel);
        expect.soft(rel, `${field} of the ${name}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-15);
      }
    }
  });

  it("matches the quantum harmonic oscillator's closed forms (2000 levels, T ≤ 50)", () => {
    const { levels, states } = refs.physics.oscillator;
    // E_n = n + 1/2 (ħω = 1); the neglected tail weighs e^(−2000/50) ≈ 4e−18 at T = 50.
    const energies = Float64Array.from({ length: levels }, (_, n) => n + 0.5);
    for (const s of states) {
      const t = thermodynamics(energies, { temperature: s.temperature });
      const name = `oscillator T=${s.temperature}`;
      checkRelative("oscillator.logZ", name, t.logZ, s.logZ);
      checkRelative("oscillator.internalEnergy", name, t.internalEnergy, s.internalEnergy);
      checkRelative("oscillator.entropy", name, t.entropy, s.entropy);
      checkRelative("oscillator.heatCapacity", name, t.heatCapacity, s.heatCapacity);
      checkRelative("oscillator.freeEnergy", name, t.freeEnergy, s.freeEnergy);
    }
  });
});
