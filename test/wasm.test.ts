/**
 * The WebAssembly SIMD kernel (assembly/kernel.ts) against the JavaScript path.
 *
 * The kernel runs the JavaScript path's arithmetic operation for operation, so the contract is
 * identity: the same bits for every input, not merely the same error bound. The accuracy
 * against mpmath of both paths is in test/accuracy.test.ts ("on both kernels"); here, random and
 * hostile inputs: every size around the 131 072-element chunk, odd tails, masked states, spreads
 * that reach the subnormal range (where the kernel falls back to scalar lanes), Float32Array
 * input and output, in-place calls, and the errors.
 */

import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  gibbs,
  kernelBackend,
  logPartitionFunction,
  logSoftmax,
  logSoftmaxRows,
  logSumExp,
  partitionFunction,
  sample,
  samplingDistribution,
  setKernelBackend,
  softmax,
  softmaxRows,
  sweep,
  temperatureGrid,
  thermodynamics,
  whenKernelReady,
} from "../src/index.js";
import { SWEEP_COLUMNS } from "../src/sweep/engine.js";
import { mulberry32 } from "./helpers/random.js";
import { ulp32Distance } from "./helpers/ulp.js";

afterEach(() => setKernelBackend("auto"));

type Typed = Float64Array | Float32Array;

function onBoth<T>(f: () => T): { simd: T; js: T } {
  setKernelBackend("auto");
  const simd = f();
  setKernelBackend("js");
  const js = f();
  setKernelBackend("auto");
  return { simd, js };
}

/** The error a call throws, as "Name: message", or "no error". */
function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return "no error";
}

/** The first index where two arrays differ in their bits (Object.is), or −1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectIdentical(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  const i = firstDifference(a, b);
  expect(i, `${what}: first difference at ${i}: ${a[i]} vs ${b[i]}`).toBe(-1);
}

function vector(Kind: new (n: number) => Typed, n: number, spread: number, seed: number): Typed {
  const r = mulberry32(seed);
  const x = new Kind(n);
  for (let i = 0; i < n; i++) x[i] = (r() - 0.5) * spread;
  return x;
}

describe("the WebAssembly SIMD kernel", () => {
  it("is in use in Node 20 and ready at import", async () => {
    expect(kernelBackend()).toBe("wasm-simd");
    expect(await whenKernelReady()).toBe("wasm-simd");
    setKernelBackend("js");
    expect(kernelBackend()).toBe("js");
  });

  it("refuses an unknown backend choice by name", () => {
    expect(() => setKernelBackend("gpu" as "js")).toThrow(
      /setKernelBackend: choice must be "auto" or "js", got gpu/,
    );
  });

  const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 1000, 131071, 131072, 131073, 131075, 262145];
  const spreads = [1, 30, 250, 1500, 1e300];
  for (const Kind of [Float64Array, Float32Array]) {
    it(`gives the JavaScript path's bits: ${Kind.name} input, every size around the chunk`, () => {
      let seed = 1;
      for (const n of sizes) {
        for (const spread of spreads) {
          const x = vector(
            Kind,
            n,
            Kind === Float32Array ? Math.min(spread, 1e30) : spread,
            seed++,
          );
          const p = onBoth(() => softmax(x));
          expectIdentical(p.simd, p.js, `softmax n=${n} spread=${spread}`);
          const l = onBoth(() => logSumExp(x));
          expect(Object.is(l.simd, l.js), `logSumExp n=${n}: ${l.simd} vs ${l.js}`).toBe(true);
          for (const Out of [Float64Array, Float32Array]) {
            const q = onBoth(() => softmax(x, { out: new Out(n) }));
            expectIdentical(q.simd, q.js, `softmax into ${Out.name} n=${n} spread=${spread}`);
          }
        }
      }
    });
  }

  it("gives the same bits at other temperatures, and for logSoftmax", () => {
    let seed = 100;
    for (const temperature of [0.7, -0.5, -1, 2, 3.7, 1e-3, 1e5, -40, 1e-200, 1e250]) {
      for (const n of [1, 7, 1000, 131073]) {
        for (const Kind of [Float64Array, Float32Array]) {
          const x = vector(Kind, n, 30, seed++);
          if (n > 5) x[5] = Number.NEGATIVE_INFINITY;
          const what = `τ = ${temperature}, n = ${n}, ${Kind.name}`;
          const p = onBoth(() => softmax(x, { temperature }));
          expectIdentical(p.simd, p.js, `softmax ${what}`);
          const q = onBoth(() => softmax(x, { temperature, out: new Float32Array(n) }));
          expectIdentical(q.simd, q.js, `softmax into Float32Array ${what}`);
          const l = onBoth(() => logSoftmax(x, { temperature }));
          expectIdentical(l.simd, l.js, `logSoftmax ${what}`);
        }
      }
    }
  });

  it("gives gibbs, ln Z, Z and thermodynamics with the same bits (kB, T < 0, masked levels, float32)", () => {
    let seed = 300;
    for (const [kB, temperature] of [
      [1, 1],
      [1, 0.3],
      [1, -2],
      [8.617333262e-5, 300],
      [1.380649e-23, 4.2],
      [1, -1],
      [1, 1e-250],
    ] as const) {
      for (const n of [1, 7, 1000, 131_073]) {
        for (const Kind of [Float64Array, Float32Array]) {
          const E = vector(Kind, n, 40 * kB * Math.abs(temperature), seed++);
          if (n > 5) E[5] = Number.POSITIVE_INFINITY;
          const options = { temperature, kB };
          const what = `kB = ${kB}, T = ${temperature}, n = ${n}, ${Kind.name}`;
          const g = onBoth(() => gibbs(E, options));
          expectIdentical(g.simd, g.js, `gibbs ${what}`);
          const g32 = onBoth(() => gibbs(E, { ...options, out: new Float32Array(n) }));
          expectIdentical(g32.simd, g32.js, `gibbs into Float32Array ${what}`);
          const l = onBoth(() => logPartitionFunction(E, options));
          expect(Object.is(l.simd, l.js), `ln Z ${what}: ${l.simd} vs ${l.js}`).toBe(true);
          const z = onBoth(() => partitionFunction(E, options));
          expect(Object.is(z.simd, z.js), `Z ${what}`).toBe(true);
          const th = onBoth(() => thermodynamics(E, options));
          for (const key of SWEEP_COLUMNS) {
            expect(Object.is(th.simd[key], th.js[key]), `${key} ${what}`).toBe(true);
          }
          expectIdentical(th.simd.probabilities, th.js.probabilities, `occupations ${what}`);
        }
      }
    }
    for (const E of [
      Float64Array.of(0, Number.NEGATIVE_INFINITY),
      Float64Array.of(Number.NaN, 1),
      Float64Array.of(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY),
    ]) {
      const m = onBoth(() => message(() => gibbs(E, { temperature: 1.5 })));
      expect(m.simd).toBe(m.js);
      expect(m.simd).toMatch(/^RangeError: gibbs: /);
      const l = onBoth(() => message(() => logPartitionFunction(E, { temperature: 1.5 })));
      expect(l.simd).toBe(l.js);
    }
  });

  it("gives the fused sweep's moments with the same bits (levels, degeneracies, T < 0)", () => {
    const temperatures = temperatureGrid({ from: 0.01, to: 100, points: 60 });
    const negative = temperatures.map((t) => -t);
    const cases: [string, Float64Array, Float64Array | undefined][] = [];
    for (const n of [255, 256, 257, 5001, 40_001]) {
      const E = vector(Float64Array, n, 20, n) as Float64Array;
      cases.push([`${n} levels`, E, undefined]);
      const g = Float64Array.from(E, (_, i) => 1 + (i % 7));
      cases.push([`${n} levels with degeneracies`, E, g]);
    }
    // Beyond one chunk the sweep stays on the JavaScript path; still the same on both.
    cases.push(["131 073 levels", vector(Float64Array, 131_073, 20, 9) as Float64Array, undefined]);
    for (const [what, E, degeneracies] of cases) {
      for (const ts of [temperatures, negative]) {
        const options =
          degeneracies === undefined ? { temperatures: ts } : { temperatures: ts, degeneracies };
        const r = onBoth(() => sweep(E, options));
        for (const column of SWEEP_COLUMNS) {
          expectIdentical(r.simd[column], r.js[column], `${what}: ${column}`);
        }
      }
    }
  });

  it("gives the same bits on random vectors (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(79), { maxLength: 5 }),
        fc.constantFrom(1, 1e-3, 1e3),
        (values, masked, scale) => {
          const x = Float64Array.from(values, (v) => v * scale);
          for (const m of masked) if (m < x.length) x[m] = Number.NEGATIVE_INFINITY;
          if (x.every((v) => v === Number.NEGATIVE_INFINITY)) x[0] = 0;
          const p = onBoth(() => softmax(x));
          expect(firstDifference(p.simd, p.js)).toBe(-1);
          const q = onBoth(() => logSoftmax(x, { temperature: scale }));
          expect(firstDifference(q.simd, q.js)).toBe(-1);
          const l = onBoth(() => logSumExp(x));
          expect(Object.is(l.simd, l.js)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("takes masked states (−Infinity) and the subnormal range lane by lane", () => {
    const n = 40001;
    const x = vector(Float64Array, n, 1600, 7) as Float64Array;
    for (let i = 0; i < n; i += 97) x[i] = Number.NEGATIVE_INFINITY;
    x[20000] = 900; // everything else is 100 or more below: weights from e^-100 to 0
    const p = onBoth(() => softmax(x));
    expectIdentical(p.simd, p.js, "masked, wide");
    expect(p.simd[0]).toBe(0);
    expect(p.simd.some((v) => v > 0 && v < 2.2250738585072014e-308)).toBe(true);
  });

  it("works in place, and on subarray views with an offset", () => {
    const base = vector(Float64Array, 20001, 40, 11) as Float64Array;
    const expected = onBoth(() => softmax(base)).js;
    const inPlace = Float64Array.from(base);
    expect(softmax(inPlace, { out: inPlace })).toBe(inPlace);
    expectIdentical(inPlace, expected, "in place");
    const buffer = new Float64Array(20003);
    buffer.set(base, 1);
    const view = buffer.subarray(1, 20002);
    expectIdentical(softmax(view), expected, "a view at offset 1");
    expect(buffer[0]).toBe(0);
    expect(buffer[20002]).toBe(0);
  });

  it("serves softmaxRows row by row with the same bits", () => {
    const m = vector(Float32Array, 4 * 3001, 20, 5);
    const r = onBoth(() => softmaxRows(m, { columns: 3001, out: new Float32Array(m.length) }));
    expectIdentical(r.simd, r.js, "rows");
  });

  // Float32Array into Float32Array runs in single precision (src/internal/f32.ts): within
  // 2 float32 ulp of the float64 answer by its error analysis; measured ≤ 1 here, including
  // probabilities in float32's subnormal range (spread 250) and logits of ±1e30.
  for (const [spread, n] of [
    [40, 100_000],
    [250, 100_000],
    [1e30, 1000],
    [1e-30, 1000],
  ] as const) {
    it(`rounds Float32Array output within 1 float32 ulp of the float64 answer (spread ${spread})`, () => {
      for (const backend of ["auto", "js"] as const) {
        setKernelBackend(backend);
        const x = vector(Float32Array, n, spread, 3);
        x[7] = Number.NEGATIVE_INFINITY;
        const exact = softmax(x);
        const out = softmax(x, { out: new Float32Array(x.length) });
        let worst = 0;
        for (let i = 0; i < x.length; i++) {
          worst = Math.max(worst, ulp32Distance(out[i] as number, exact[i] as number));
        }
        expect(worst, backend).toBeLessThanOrEqual(1);
        expect(out[7]).toBe(0);
        if (spread === 250) {
          expect(out.some((p) => p > 0 && p < 1.1754943508222875e-38)).toBe(true);
        }
      }
    });
  }

  it("keeps Float32Array softmax within 2 float32 ulp on random vectors (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -200, max: 200 }), {
          minLength: 1,
          maxLength: 60,
        }),
        (values) => {
          const x = Float32Array.from(values);
          const exact = softmax(x);
          const p = onBoth(() => softmax(x, { out: new Float32Array(x.length) }));
          expect(firstDifference(p.simd, p.js)).toBe(-1);
          for (let i = 0; i < x.length; i++) {
            expect(ulp32Distance(p.simd[i] as number, exact[i] as number)).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reports bad input exactly as the JavaScript path does", () => {
    const bad: [string, Typed][] = [
      ["NaN", Float64Array.of(1, 2, Number.NaN, 3)],
      ["+Infinity", Float64Array.of(1, Number.POSITIVE_INFINITY)],
      ["NaN in Float32Array", Float32Array.of(0, Number.NaN)],
      ["all masked", Float64Array.of(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)],
    ];
    for (const [what, x] of bad) {
      const m = onBoth(() => message(() => softmax(x)));
      expect(m.simd, what).toBe(m.js);
      expect(m.simd, what).toMatch(/^RangeError: softmax: /);
      const l = onBoth(() => message(() => logSumExp(x)));
      expect(l.simd, what).toBe(l.js);
    }
    // logSumExp: +Infinity gives +Infinity, all masked −Infinity, on both paths.
    expect(onBoth(() => logSumExp(Float64Array.of(1, Number.POSITIVE_INFINITY))).simd).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(onBoth(() => logSumExp(Float64Array.of(Number.NEGATIVE_INFINITY))).simd).toBe(
      Number.NEGATIVE_INFINITY,
    );
    // A wrong-length out is the JavaScript path's RangeError.
    expect(() => softmax(new Float64Array(4), { out: new Float64Array(3) })).toThrow(RangeError);
  });
});

describe("fully masked rows on both paths", () => {
  it('gives the same bits with onAllMasked: "zeros", and the same errors', () => {
    const M = Number.NEGATIVE_INFINITY;
    for (const Kind of [Float64Array, Float32Array]) {
      const m = vector(Kind, 6 * 4001, 30, 21);
      for (let j = 4001; j < 2 * 4001; j++) m[j] = M; // row 1 is padding only
      m[3 * 4001 + 5] = M;
      for (const Out of [Float64Array, Float32Array]) {
        for (const temperature of [1, 0.7]) {
          const options = { columns: 4001, onAllMasked: "zeros" as const, temperature };
          const p = onBoth(() => softmaxRows(m, { ...options, out: new Out(m.length) }));
          expectIdentical(
            p.simd,
            p.js,
            `softmaxRows ${Kind.name} → ${Out.name}, τ = ${temperature}`,
          );
          expect(p.simd[4001]).toBe(0);
          const l = onBoth(() => logSoftmaxRows(m, options));
          expectIdentical(l.simd, l.js, `logSoftmaxRows ${Kind.name}, τ = ${temperature}`);
          expect(l.simd[4001]).toBe(M);
        }
      }
      const all = new Kind(9).fill(M);
      const z = onBoth(() => softmax(all, { onAllMasked: "zeros" }));
      expectIdentical(z.simd, z.js, "softmax of an all-masked vector");
      for (const bad of ["none", 1]) {
        const e = onBoth(() =>
          message(() => softmax(m.subarray(0, 10), { onAllMasked: bad as "zeros" })),
        );
        expect(e.simd).toBe(e.js);
        expect(e.simd).toMatch(/options.onAllMasked/);
      }
    }
  });
});

describe("sampling on both paths", () => {
  // samplingDistribution and sample take their weights from the kernel when every weight is
  // needed (top-p first, no filter, the fallbacks), and for many min-p candidates; the rest is
  // JavaScript on both paths.
  it("gives samplingDistribution and sample the same bits for every filter path", () => {
    const M = Number.NEGATIVE_INFINITY;
    const settings = [
      {},
      { topK: 50 },
      { topK: 50, topKTies: "keep" as const, minKeep: 3 },
      { topP: 0.9 },
      { minP: 0.05 },
      { minP: 0.9, minKeep: 40 },
      { topK: 50, topP: 0.9, minP: 0.05 },
      { temperature: 0.7, topP: 0.95, minP: 0.02 },
      { temperature: -1, topK: 20, minP: 0.3 },
      { temperature: -0.5, topP: 0.5 },
    ];
    for (const Kind of [Float64Array, Float32Array]) {
      // Around the 131 072-element chunk, with masked states in the second one.
      const vectors = [vector(Kind, 150_001, 20, 31), vector(Kind, 9000, 40, 32)];
      for (let j = 0; j < 9000; j += 7) (vectors[1] as Typed)[j] = M;
      for (const z of vectors) {
        for (const f of settings) {
          const what = `${Kind.name} n = ${z.length} ${JSON.stringify(f)}`;
          const q = onBoth(() => samplingDistribution(z, f));
          expectIdentical(q.simd, q.js, what);
          for (const u of [0, 0.3, 0.999999]) {
            const d = onBoth(() => sample(z, { ...f, random: () => u }));
            expect(d.simd, what).toBe(d.js);
          }
        }
      }
    }
    const bad = Float64Array.of(1, Number.NaN);
    const m = onBoth(() => message(() => sample(bad, { topK: 1 })));
    expect(m.simd).toBe(m.js);
    expect(m.simd).toMatch(/^RangeError: sample: logits\[1\] is NaN/);
  });
});
