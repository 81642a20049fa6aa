/**
 * The softmax side beyond accuracy: outputs (`out`, in place, Float32Array), the row-wise forms,
 * sampling frequencies and reproducibility, and mergeLevels.
 */
import { describe, expect, it } from "vitest";
import {
  logSoftmax,
  logSoftmaxRows,
  mergeLevels,
  sample,
  samplingDistribution,
  softmax,
  softmaxRows,
} from "../src/index.js";

/** A small seeded generator (LCG, Numerical Recipes constants) for reproducible draws. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe("outputs", () => {
  it("fills and returns the out it is given, of any writable array-like", () => {
    const out = new Float64Array(3);
    expect(softmax([1, 2, 3], { out })).toBe(out);
    const plain = [0, 0, 0];
    expect(softmax([1, 2, 3], { out: plain })).toBe(plain);
    expect(plain).toEqual(Array.from(out));
  });
  it("can work in place", () => {
    const z = new Float64Array([1, 2, 3]);
    const expected = softmax(z);
    softmax(z, { out: z });
    expect(z).toEqual(expected);
    const w = new Float64Array([0, -1000]);
    logSoftmax(w, { out: w });
    expect(w).toEqual(new Float64Array([0, -1000]));
  });
  it("writes float32 results within 1.5 ulp of float32 of the float64 answer", () => {
    // Each weight is rounded to float32 when stored, then divided and rounded again: two
    // half-ulp roundings plus the float64 error, so 1.5 ulp is the honest bound.
    const z = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 30);
    const p64 = softmax(z);
    const p32 = softmax(z, { out: new Float32Array(1000) });
    for (let i = 0; i < 1000; i++) {
      const exact = p64[i] as number;
      const ulp32 = exact === 0 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(exact)) - 23);
      expect(Math.abs((p32[i] as number) - exact)).toBeLessThanOrEqual(1.5 * ulp32);
    }
  });
});

describe("softmaxRows and logSoftmaxRows", () => {
  const matrix = Float32Array.from({ length: 4 * 6 }, (_, i) => Math.cos(i * 1.7) * 5);
  it("equal softmax and logSoftmax of each row, bit for bit", () => {
    const p = softmaxRows(matrix, { columns: 6, temperature: 0.8 });
    const lp = logSoftmaxRows(matrix, { columns: 6, temperature: 0.8 });
    for (let r = 0; r < 4; r++) {
      const row = matrix.subarray(r * 6, r * 6 + 6);
      expect(p.subarray(r * 6, r * 6 + 6)).toEqual(softmax(row, { temperature: 0.8 }));
      expect(lp.subarray(r * 6, r * 6 + 6)).toEqual(logSoftmax(row, { temperature: 0.8 }));
    }
  });
  it("accept plain arrays and fill a plain-array or Float32Array out", () => {
    const plain = Array.from(matrix);
    const out: number[] = new Array(plain.length).fill(0);
    softmaxRows(plain, { columns: 6, out });
    expect(Float64Array.from(out)).toEqual(softmaxRows(matrix, { columns: 6 }));
    const out32 = softmaxRows(matrix, { columns: 6, out: new Float32Array(24) });
    expect(out32).toBeInstanceOf(Float32Array);
  });
  it("name the row and column of a bad entry, and refuse a ragged length", () => {
    const bad = Array.from(matrix);
    bad[13] = Number.NaN;
    expect(() => softmaxRows(bad, { columns: 6 })).toThrow(
      /matrix\[13\] \(row 2, column 1\) is NaN/,
    );
    const masked = [0, 1, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
    expect(() => softmaxRows(masked, { columns: 2 })).toThrow(/row 1: every logit/);
    expect(() => softmaxRows([1, 2, 3], { columns: 2 })).toThrow(/not a multiple/);
    expect(() => softmaxRows([1, 2], { columns: 0 })).toThrow(/columns/);
  });
});

describe("sample", () => {
  it("draws with the softmax frequencies (seeded, 200 000 draws)", () => {
    const z = [1, 2, 3, 4, 1, 2, 3];
    const p = softmax(z, { temperature: 1.5 });
    const counts = new Array(7).fill(0);
    const random = lcg(42);
    const N = 200_000;
    for (let k = 0; k < N; k++) counts[sample(z, { temperature: 1.5, random })]++;
    for (let i = 0; i < 7; i++) {
      const sd = Math.sqrt(N * (p[i] as number) * (1 - (p[i] as number)));
      expect(Math.abs(counts[i] - N * (p[i] as number))).toBeLessThan(5 * sd);
    }
  });
  it("is reproducible: the same seed gives the same sequence, one random number per draw", () => {
    const z = [0.3, 1.2, -0.4, 2.2];
    const a = lcg(7);
    const b = lcg(7);
    const first = Array.from({ length: 50 }, () => sample(z, { random: a, topP: 0.9 }));
    const second = Array.from({ length: 50 }, () => sample(z, { random: b, topP: 0.9 }));
    expect(first).toEqual(second);
    let calls = 0;
    const counted = () => {
      calls++;
      return 0.3;
    };
    sample(z, { random: counted, topK: 2, minP: 0.1 });
    expect(calls).toBe(1);
  });
  it("follows the renormalised distribution after the filters", () => {
    // p ∝ [8, 4, 2, 1, 1]; topK 3 → [8,4,2]/14; minP 0.3 keeps p ≥ 0.3·8/14 → [8,4]/12.
    const z = [8, 4, 2, 1, 1].map(Math.log);
    const counts: number[] = [0, 0, 0, 0, 0];
    const random = lcg(3);
    for (let k = 0; k < 60_000; k++) {
      const i = sample(z, { topK: 3, minP: 0.3, random });
      counts[i] = (counts[i] as number) + 1;
    }
    expect(counts[2]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(Math.abs((counts[0] as number) / 60_000 - 2 / 3)).toBeLessThan(0.01);
  });
});

describe("samplingDistribution", () => {
  it("is the renormalised distribution after the filters, which sample draws from", () => {
    // p ∝ [8, 4, 2, 1, 1]; topK 3 → [8,4,2]/14; minP 0.3 keeps p ≥ 0.3·8/14 → [8,4]/12.
    const z = [8, 4, 2, 1, 1].map(Math.log);
    const q = samplingDistribution(z, { topK: 3, minP: 0.3 });
    expect(Math.abs((q[0] as number) - 2 / 3)).toBeLessThan(1e-15);
    expect(Math.abs((q[1] as number) - 1 / 3)).toBeLessThan(1e-15);
    expect(Array.from(q.subarray(2))).toEqual([0, 0, 0]);
    const p = softmax(z, { temperature: 2 });
    expect(samplingDistribution(z, { temperature: 2 })).toEqual(p);
    expect(() => samplingDistribution(z, { topP: 2 })).toThrow(
      /samplingDistribution: options.topP/,
    );
  });
});

describe("mergeLevels", () => {
  it("sorts, merges exact ties, sums degeneracies and drops masked levels", () => {
    const m = mergeLevels([2, 0, 2, Number.POSITIVE_INFINITY, 1, 0], {
      degeneracies: [1, 2, 3, 4, 0, 1],
    });
    expect(m.energies).toEqual(new Float64Array([0, 2]));
    expect(m.degeneracies).toEqual(new Float64Array([3, 4]));
  });
  it("validates like every other function", () => {
    expect(() => mergeLevels([0, Number.NaN])).toThrow(/energies\[1\] is NaN/);
    expect(() => mergeLevels([0, 1], { degeneracies: [1] })).toThrow(RangeError);
  });
});
