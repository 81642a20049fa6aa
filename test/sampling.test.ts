/**
 * The decoding filters of `sample` and `samplingDistribution` (issue 12): Hugging Face's own
 * warper tests replayed, the peer semantics (topP = 1, topK = 0, minKeep, ties), and the
 * linear-time selection checked against an independent reference that sorts and sums exactly.
 *
 * The reference: every state with w > 0 ranked by (w descending, index ascending), where w are
 * the weights exp((zᵢ − c)/τ) softmax divides by their sum (taken from the kernel's
 * `fillWeights` on the JavaScript path, and checked here against `softmax`, whose accuracy
 * against mpmath is tested in accuracy.test.ts); each filter keeps a prefix of that ranking,
 * found with cumulative masses summed exactly in BigInt (units of 2⁻¹⁰⁷⁴,
 * test/helpers/exactSum.ts), never with the library's compensated sums. The reference sorts the
 * whole vector and looks at every weight: it knows nothing of the candidates the library
 * gathers on the logits (src/internal/candidates.ts) or of its sampled floors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sample, samplingDistribution, softmax } from "../src/index.js";
import { betaOf, fillWeights, LOGITS, scan } from "../src/internal/kernel.js";
import { exactSum, fromUnits, toUnits } from "./helpers/exactSum.js";
import { mulberry32 } from "./helpers/random.js";
import { ulpDistance } from "./helpers/ulp.js";

interface Filters {
  temperature?: number;
  topK?: number;
  topP?: number;
  minP?: number;
  minKeep?: number;
  topKTies?: "exact" | "keep";
}

const REACH = 1 - 2 ** -50;

/** The weights wᵢ = exp((zᵢ − c)/τ) (the largest is 1), as the kernel computes them. */
function weightsOf(z: ArrayLike<number>, temperature: number): Float64Array {
  const w = new Float64Array(z.length);
  fillWeights(scan("test", "z", z, LOGITS), betaOf(LOGITS, 1, temperature), w);
  return w;
}

/** The kept indices (a prefix of the ranking), or undefined when every positive state is kept. */
function referenceKept(w: Float64Array, f: Filters): number[] | undefined {
  const n = w.length;
  const minKeep = f.minKeep ?? 1;
  const all: number[] = [];
  for (let i = 0; i < n; i++) if ((w[i] as number) > 0) all.push(i);
  all.sort((a, b) => (w[b] as number) - (w[a] as number) || a - b);
  let kept = all;
  const topK = f.topK ?? 0;
  const k = Math.max(topK, minKeep);
  if (topK > 0 && k < n && k < kept.length) {
    if (f.topKTies === "keep") {
      const t = w[kept[k - 1] as number] as number;
      kept = kept.filter((i) => (w[i] as number) >= t);
    } else {
      kept = kept.slice(0, k);
    }
  }
  const topP = f.topP ?? 1;
  if (topP < 1) {
    const mass = fromUnits(exactSum(kept.map((i) => w[i] as number)));
    const target = toUnits(topP * mass * REACH);
    let cumulative = 0n;
    let j = 0;
    for (; j < kept.length; j++) {
      cumulative += toUnits(w[kept[j] as number] as number);
      if (cumulative >= target) break;
    }
    kept = kept.slice(0, Math.max(j + 1, minKeep));
  }
  const minP = f.minP ?? 0;
  if (minP > 0) {
    const threshold = minP * (w[kept[0] as number] as number);
    const count = kept.filter((i) => (w[i] as number) >= threshold).length;
    kept = kept.slice(0, Math.max(count, minKeep));
  }
  return kept.length < all.length ? kept.sort((a, b) => a - b) : undefined;
}

/** Checks samplingDistribution against the reference: the same support, values w/M within 2 ulp. */
function checkDistribution(logits: ArrayLike<number>, f: Filters): void {
  const temperature = f.temperature ?? 1;
  const p = softmax(logits, { temperature });
  const w = weightsOf(logits, temperature);
  const got = samplingDistribution(logits, f);
  const kept = referenceKept(w, f);
  if (kept === undefined) {
    expect(Array.from(got)).toEqual(Array.from(p));
    return;
  }
  const mass = fromUnits(exactSum(kept.map((i) => w[i] as number)));
  const total = fromUnits(exactSum(w));
  const keptSet = new Set(kept);
  for (let i = 0; i < w.length; i++) {
    // The reference's weights are softmax's numerators: p = w/Σw.
    if (ulpDistance(p[i] as number, (w[i] as number) / total) > 4 && (p[i] as number) > 1e-300)
      expect.fail(`weights: index ${i}: p = ${p[i]}, w/Σw = ${(w[i] as number) / total}`);
    if (!keptSet.has(i)) {
      if (got[i] !== 0)
        expect.fail(`${JSON.stringify(f)}: index ${i} should be cut (w = ${w[i]}), got ${got[i]}`);
      continue;
    }
    const expected = (w[i] as number) / mass;
    const d = ulpDistance(got[i] as number, expected);
    if (d > 2)
      expect.fail(`${JSON.stringify(f)}: index ${i}: ${got[i]} vs w/M = ${expected} (${d} ulp)`);
  }
}

/** The index an exact inverse CDF over the reference's kept states gives for u. */
function referenceDraw(w: Float64Array, kept: number[] | undefined, u: number): number {
  const states = kept ?? Array.from(w.keys()).filter((i) => (w[i] as number) > 0);
  // In units of 2⁻¹⁰⁷⁴, "cumulative > u·M" reads C·2¹⁰⁷⁴ > U·M.
  const mass = exactSum(states.map((i) => w[i] as number));
  const target = toUnits(u) * mass;
  const scale = 2n ** 1074n;
  let cumulative = 0n;
  for (const i of states) {
    cumulative += toUnits(w[i] as number);
    if (cumulative * scale > target) return i;
  }
  return states.at(-1) as number;
}

describe("Hugging Face's warper tests, replayed", () => {
  // huggingface/transformers tests/generation/test_logits_process.py (LogitsProcessorTest), the
  // cases of test_top_k_dist_warper, test_top_p_dist_warper and test_min_p_dist_warper. HF feeds
  // float32 log-probabilities; here they are float64 logarithms of the same probabilities.
  const log = (ps: number[]) => ps.map(Math.log);
  const support = (q: Float64Array) => Array.from(q, (x) => x > 0);

  it("test_top_k_dist_warper: a ramp keeps its top 3; min_tokens_to_keep overrides k", () => {
    const ramp = Array.from({ length: 10 }, (_, i) => i);
    expect(support(samplingDistribution(ramp, { topK: 3 }))).toEqual([
      ...Array(7).fill(false),
      ...Array(3).fill(true),
    ]);
    const shifted = ramp.map((x, i) => (i < 5 ? x + 10 : x));
    expect(support(samplingDistribution(shifted, { topK: 3 }))).toEqual([
      false,
      false,
      true,
      true,
      true,
      ...Array(5).fill(false),
    ]);
    // "uniform dist is not changed" (HF keeps every tie with the k-th): topKTies "keep".
    const uniform = Array(5).fill(0.2);
    expect(samplingDistribution(uniform, { topK: 1, minKeep: 3, topKTies: "keep" })).toEqual(
      softmax(uniform),
    );
    // The documented default keeps exactly max(k, minKeep) = 3, ties to the lower index.
    expect(support(samplingDistribution(uniform, { topK: 1, minKeep: 3 }))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    // "min_tokens overwrites k: 3 tokens are kept => 2 tokens are nullified"
    const q = samplingDistribution([0, 1, 2, 3, 4], { topK: 1, minKeep: 3 });
    expect(q.filter((x) => x === 0).length).toBe(2);
  });

  it("test_top_p_dist_warper: [0.3, 0.1, 0.1, 0.5] and [0.15, 0.3, 0.3, 0.25] at top_p = 0.8", () => {
    const a = samplingDistribution(log([0.3, 0.1, 0.1, 0.5]), { topP: 0.8 });
    expect(support(a)).toEqual([true, false, false, true]);
    // Renormalised: 0.3/0.8 and 0.5/0.8.
    expect(Math.abs((a[0] as number) - 0.375)).toBeLessThan(1e-15);
    expect(Math.abs((a[3] as number) - 0.625)).toBeLessThan(1e-15);
    const b = samplingDistribution(log([0.15, 0.3, 0.3, 0.25]), { topP: 0.8 });
    expect(support(b)).toEqual([false, true, true, true]);
    // "first batch should keep three tokens, second batch would keep only 1, but due to
    // min_tokens_to_keep=2 keeps 2": a ramp −5 … 4 and the same ×100, top_p = 0.9.
    const ramp = Array.from({ length: 10 }, (_, i) => i - 5);
    const kept = (q: Float64Array) => q.filter((x) => x > 0).length;
    expect(kept(samplingDistribution(ramp, { topP: 0.9, minKeep: 2 }))).toBe(3);
    expect(
      kept(
        samplingDistribution(
          ramp.map((x) => 100 * x),
          { topP: 0.9, minKeep: 2 },
        ),
      ),
    ).toBe(2);
  });

  it("test_min_p_dist_warper: min_p = 0.05 on three distributions; 0.9 with min_tokens_to_keep = 2", () => {
    const q = (ps: number[]) => support(samplingDistribution(log(ps), { minP: 0.05 }));
    expect(q([0.9, 0.0274, 0.047, 0.0274])).toEqual([true, false, true, false]);
    expect(q([0.15, 0.3, 0.3, 0.25])).toEqual([true, true, true, true]);
    expect(q([0.97, 0.01, 0.01, 0.01])).toEqual([true, false, false, false]);
    const ramp = Array.from({ length: 10 }, (_, i) => i - 5);
    const kept = (z: number[]) =>
      samplingDistribution(z, { minP: 0.9, minKeep: 2 }).filter((x) => x > 0).length;
    expect(kept(ramp)).toBe(2);
    expect(kept(ramp.map((x) => 100 * x))).toBe(2);
  });

  it("runs HF's generate order: temperature, then top-k, then top-p, then min-p", () => {
    // transformers GenerationMixin._get_logits_processor appends TemperatureLogitsWarper,
    // TopKLogitsWarper, TopPLogitsWarper, MinPLogitsWarper in this order. With p ∝ [8, 4, 2, 1,
    // 1]: top-k 3 → [8, 4, 2]/14; top-p 0.8 of that → [8, 4]/12 (8/14 < 0.8 ≤ 12/14); min-p 0.6
    // → 4 < 0.6·8, so [1, 0, 0, 0, 0].
    const z = [8, 4, 2, 1, 1].map(Math.log);
    expect(samplingDistribution(z, { topK: 3, topP: 0.8 })).toEqual(
      samplingDistribution(z, { topK: 2 }),
    );
    expect(Array.from(samplingDistribution(z, { topK: 3, topP: 0.8, minP: 0.6 }))).toEqual([
      1, 0, 0, 0, 0,
    ]);
  });
});

describe("peer semantics (HF, vLLM, llama.cpp)", () => {
  it("topP = 1 keeps every state of positive probability (the cases of issue 12)", () => {
    for (const z of [
      [0, -30],
      [0, -10, -20, -30, -40],
      [5, 4, 3, 2, 1, 0, -40],
    ]) {
      expect(samplingDistribution(z, { topP: 1 })).toEqual(softmax(z));
    }
    // 50 000 logits, one peak at +20: every one of the 49 999 tails (each ~2e-9) stays.
    const z = new Float64Array(50_000);
    z[7] = 20;
    const q = samplingDistribution(z, { topP: 1 });
    expect(q.filter((x) => x > 0).length).toBe(50_000);
    expect(q).toEqual(softmax(z));
    // And just below 1 the tail goes only when its mass is really below 1 − topP.
    expect(samplingDistribution([0, -30], { topP: 1 - 2 ** -40 })[1]).toBe(0);
  });

  it("topK = 0 and topK ≥ n mean no top-k filter", () => {
    const z = [1, 3, 2, 3, 0];
    const p = softmax(z);
    expect(samplingDistribution(z, { topK: 0 })).toEqual(p);
    expect(samplingDistribution(z, { topK: 5 })).toEqual(p);
    expect(samplingDistribution(z, { topK: 99 })).toEqual(p);
    expect(sample(z, { topK: 0, random: () => 0.999 })).toBe(4);
  });

  it("ties at the k-th: exactly k by lower index (default) or every tie (topKTies: keep)", () => {
    const z = [2, 5, 5, 1, 5];
    expect(Array.from(samplingDistribution(z, { topK: 2 }), (x) => x > 0)).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(
      Array.from(samplingDistribution(z, { topK: 2, topKTies: "keep" }), (x) => x > 0),
    ).toEqual([false, true, true, false, true]);
    expect(samplingDistribution(z, { topK: 2, topKTies: "keep" })[4]).toBe(1 / 3);
  });

  it("decides ties on the weights exp((z − max)/τ), which a division by Σw could merge", () => {
    // Weights 0.24414328315343706 < 0.24414328315343709 (indices 0 and 1), which softmax rounds
    // to the same 0.085479374278034: the larger weight is the more probable state.
    const z = [-0.41000000000000014, -0.41, 0, 1, 1];
    const p = softmax(z);
    expect(p[0]).toBe(p[1]);
    const support = (f: Filters) => Array.from(samplingDistribution(z, f), (x) => x > 0);
    expect(support({ topK: 4 })).toEqual([false, true, true, true, true]);
    expect(support({ topP: 0.9 })).toEqual([false, true, true, true, true]);
    expect(support({ temperature: 0.5, topK: 4 })).toEqual([false, true, true, true, true]);
  });

  it("minKeep is a floor for every filter, never resurrecting a state of probability 0", () => {
    const z = [0, -1, -2, -3, -4, Number.NEGATIVE_INFINITY];
    const count = (f: Filters) => samplingDistribution(z, f).filter((x) => x > 0).length;
    expect(count({ topK: 1, minKeep: 3 })).toBe(3);
    expect(count({ topP: 0.1, minKeep: 4 })).toBe(4);
    expect(count({ minP: 0.9, minKeep: 2 })).toBe(2);
    expect(count({ topK: 2, topP: 0.1, minP: 0.9, minKeep: 2 })).toBe(2);
    expect(count({ minP: 0.9, minKeep: 50 })).toBe(5);
    expect(samplingDistribution(z, { minKeep: 50, topP: 0.5 })[5]).toBe(0);
  });

  it("refuses bad options by name", () => {
    const z = [0, 1, 2];
    expect(() => sample(z, { topK: -1 })).toThrow(/sample: options.topK must be an integer ≥ 0/);
    expect(() => sample(z, { topK: 1.5 })).toThrow(/options.topK/);
    expect(() => sample(z, { topP: 0 })).toThrow(/options.topP must be in \(0, 1\]/);
    expect(() => sample(z, { minKeep: 0 })).toThrow(/options.minKeep must be an integer ≥ 1/);
    expect(() => sample(z, { minKeep: 2.5 })).toThrow(/options.minKeep/);
    expect(() => samplingDistribution(z, { topKTies: "all" as "keep" })).toThrow(
      /samplingDistribution: options.topKTies must be "exact" or "keep", got "all"/,
    );
    expect(() => samplingDistribution(z, { topKTies: 1 as unknown as "keep" })).toThrow(TypeError);
    expect(() => samplingDistribution(z, { topK: "3" as unknown as number })).toThrow(TypeError);
  });
});

describe("the linear-time filters against the sorting reference", () => {
  const filters = fc.record(
    {
      // τ < 0 reverses the order; 0 and ±Infinity are the limits; 1e−300 and 1e300 stretch
      // and flatten the keys far beyond the logits' precision.
      temperature: fc.constantFrom(1, 0.7, 2, 0, -1, -0.3, 1e-300, 1e300, Number.POSITIVE_INFINITY),
      topK: fc.integer({ min: 0, max: 12 }),
      topP: fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
      minP: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      minKeep: fc.integer({ min: 1, max: 4 }),
      topKTies: fc.constantFrom("exact" as const, "keep" as const),
    },
    { requiredKeys: [] },
  );
  // Small integers make ties common; values a few ulp apart make distinct logits whose weights
  // round to the same double (ties the candidates must catch); −Infinity masks; a wide spread
  // makes underflowed zeros.
  const logit = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -4, max: 4 }))
      .map(([a, j]) => a / 7 + j * 2 ** -53),
    fc.double({ min: -40, max: 40, noNaN: true }),
    fc.constant(Number.NEGATIVE_INFINITY),
    fc.integer({ min: -800, max: 0 }),
  );
  const vector = fc
    .array(logit, { minLength: 1, maxLength: 30 })
    .filter((z) => z.some((x) => x > Number.NEGATIVE_INFINITY));

  it("keeps the same states and the same renormalised values (property)", () => {
    fc.assert(
      fc.property(vector, filters, (z, f) => checkDistribution(z, f)),
      { numRuns: 3000 },
    );
  });

  it("draws what the exact inverse CDF over the kept states gives for the same u (property)", () => {
    fc.assert(
      fc.property(
        vector,
        filters,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (z, f, u) => {
          const w = weightsOf(z, f.temperature ?? 1);
          const got = sample(z, { ...f, random: () => u });
          expect(got).toBe(referenceDraw(w, referenceKept(w, f), u));
        },
      ),
      { numRuns: 3000 },
    );
  });

  // Vectors long enough for the sampled floors (over 8192 states), in shapes that stress them:
  // uniform logits, a peaked LLM-like row, everything tied, a narrow band, mostly masked, and
  // probabilities in the subnormal range.
  const shapes: [string, (n: number, r: () => number) => Float64Array][] = [
    [
      "uniform logits in [−10, 10]",
      (n, r) => Float64Array.from({ length: n }, () => 20 * r() - 10),
    ],
    [
      "an LLM-like row: a few peaks over a Gumbel tail",
      (n, r) =>
        Float64Array.from({ length: n }, (_, i) =>
          i % 9973 === 0 ? 18 + r() : -Math.log(-Math.log(r() * 0.999 + 0.0005)),
        ),
    ],
    ["every logit equal", (n) => new Float64Array(n)],
    ["a band 1e-9 wide", (n, r) => Float64Array.from({ length: n }, () => 1e-9 * r())],
    [
      "90% masked",
      (n, r) =>
        Float64Array.from({ length: n }, () => (r() < 0.9 ? Number.NEGATIVE_INFINITY : 5 * r())),
    ],
    [
      "a spread reaching subnormal probabilities",
      (n, r) => Float64Array.from({ length: n }, () => -745 * r() ** 4),
    ],
    [
      "integer logits (heavy ties)",
      (n, r) => Float64Array.from({ length: n }, () => Math.floor(6 * r())),
    ],
  ];
  const settings: Filters[] = [
    { topK: 50 },
    { topK: 20_000 },
    { topK: 50, topKTies: "keep" },
    { topP: 0.9 },
    { topP: 0.5 },
    { topP: 0.999 },
    { topP: 0.9999999 },
    { minP: 0.1 },
    { minP: 0.001 },
    { topK: 50, topP: 0.9, minP: 0.05 },
    { topK: 5000, topP: 0.95, minP: 0.01, minKeep: 3 },
    { topP: 0.3, minKeep: 700 },
    { minP: 0.99, minKeep: 12_000 },
    { temperature: 0.5, topP: 0.8 },
    { minP: 0.05 },
    { minP: 1e-200 },
    { topK: 50, minKeep: 300 },
    { topK: 300, topKTies: "keep", minP: 0.5 },
    { minP: 0.9, minKeep: 60 },
    { temperature: -1, topK: 50 },
    { temperature: -0.5, minP: 0.1 },
    { temperature: -2, topK: 50, topP: 0.9, minP: 0.05 },
    { temperature: 0.01, topK: 10 },
    { temperature: 1e-300, topK: 10, topKTies: "keep" },
    { temperature: 1e300, minP: 0.5, topK: 7 },
    { temperature: 0, topK: 3 },
    { temperature: Number.POSITIVE_INFINITY, topK: 3, minP: 0.5 },
  ];
  for (const [name, make] of shapes) {
    it(`${name}: 60 000 states, every filter setting`, () => {
      const r = mulberry32(name.length);
      const z = make(60_000, r);
      for (const f of settings) checkDistribution(z, f);
      for (const f of [{ topP: 0.9 }, { topK: 50 }, { minP: 0.1 }, { temperature: -1, topK: 50 }]) {
        const w = weightsOf(z, f.temperature ?? 1);
        const kept = referenceKept(w, f);
        for (let j = 0; j < 20; j++) {
          const u = r();
          expect(sample(z, { ...f, random: () => u })).toBe(referenceDraw(w, kept, u));
        }
      }
    });
  }

  it("takes every path of the candidates and their fallbacks", () => {
    const M = Number.NEGATIVE_INFINITY;
    const cases: [number[], Filters][] = [
      // Nothing of positive weight left out (e^−800 underflows): softmax itself.
      [[0, -800], { topK: 1 }],
      [[0, -800, -0.5], { topK: 2 }],
      // The k-th weight below e^−690, and near the underflow of exp: every weight is computed.
      [[0, -700, -800], { topK: 2 }],
      [[0, -744, -744.5, -745.5, -746], { topK: 3 }],
      [[0, -744, -744.5, -745.5, -746], { minP: 1e-323 }],
      [[0, -744, -744.5, -745.5, -746], { minP: 1e-310, minKeep: 2 }],
      // τ < 0: the smallest logit is the most probable, masked states stay out.
      [[M, 3, 1, M, 2], { temperature: -1, topK: 1 }],
      [[M, 3, 1, M, 2, 1], { temperature: -0.5, topK: 1, topKTies: "keep" }],
      [[M, 3, 1, M, 2, 1], { temperature: -2, minP: 0.7, minKeep: 3 }],
      // τ = −0 is the limit τ → 0⁺; ties among the maximal logits.
      [[1, 3, 3, 2], { temperature: -0, topK: 1 }],
      // min-p keeping fewer than minKeep: the minKeep most probable, ties to the lower index.
      [[0, -5, -5, -5, -9], { minP: 0.5, minKeep: 3 }],
      [[0, -5, -5, -5, -9], { minP: 0.5, minKeep: 5 }],
    ];
    for (const [z, f] of cases) {
      checkDistribution(z, f);
      for (const u of [0, 0.5, 0.99]) {
        const w = weightsOf(z, f.temperature ?? 1);
        expect(sample(z, { ...f, random: () => u })).toBe(referenceDraw(w, referenceKept(w, f), u));
      }
    }
    // A pool that falls short: the largest values sit exactly where the sample looks (the
    // library's generator, a xorshift from 0x2545f491), so the floor it estimates lies above the
    // 50th largest and the whole vector is gathered again.
    const n = 10_000;
    const z = Float64Array.from({ length: n }, (_, i) => -i / n);
    let x = 0x2545f491;
    for (let j = 0; j < 2048; j++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      z[(x >>> 0) % n] = 10 + j / 2048;
    }
    checkDistribution(z, { topK: 50 });
    checkDistribution(z, { topK: 2500, topP: 0.5 });
  });

  it("decides by hand the cases the mutation pass needs (docs/testing.md), on every path", () => {
    const support = (z: number[], f: Filters) =>
      Array.from(samplingDistribution(z, f), (p) => (p > 0 ? 1 : 0));
    const cases: [number[], Filters, number[]][] = [
      // The dense path (τ = ±∞ and 0 take no candidates): top-k 2 keeps two equal states, and
      // top-p 0.5 of what they carry keeps one (0.5 of the whole mass would keep both).
      [[0, 1, 2, 3], { temperature: Number.POSITIVE_INFINITY, topK: 2, topP: 0.5 }, [1, 0, 0, 0]],
      [[5, 5, 5, 1], { temperature: 0, topK: 2, topP: 0.5 }, [1, 0, 0, 0]],
      // Candidates: weights ∝ 10, 6, 3, 1; top-k 3 leaves 10/19, 6/19, 3/19, and top-p 0.6 of that
      // needs the first two (10/19 < 0.6 ≤ 16/19): [10/16, 6/16].
      [[10, 6, 3, 1].map(Math.log), { topK: 3, topP: 0.6 }, [1, 1, 0, 0]],
      // min-p first at τ = 2: p/p_max = e^{(z − z_max)/2} ≥ 0.4 for z ≥ 2·ln 0.4 = −1.83.
      [[0, -1, -1.5, -3], { temperature: 2, minP: 0.4 }, [1, 1, 1, 0]],
      // Two logits a subnormal apart have equal weights e^{−1}: a tie at the k-th, which goes to
      // the lower index, the one with the smaller logit.
      [[1, -5e-324, 0, -5], { topK: 2 }, [1, 1, 0, 0]],
    ];
    for (const [z, f, kept] of cases) {
      expect(support(z, f), JSON.stringify(f)).toEqual(kept);
      checkDistribution(z, f);
    }
    const p = samplingDistribution([10, 6, 3, 1].map(Math.log), { topK: 3, topP: 0.6 });
    expect(Math.abs((p[0] as number) - 0.625)).toBeLessThan(1e-15);
    expect(Math.abs((p[1] as number) - 0.375)).toBeLessThan(1e-15);
  });

  it("leaves its input alone and works on Float32Array logits", () => {
    const z = Float32Array.from({ length: 20_000 }, (_, i) => Math.sin(i) * 8);
    const copy = Float32Array.from(z);
    checkDistribution(z, { topK: 100, topP: 0.9, minP: 0.02 });
    expect(z).toEqual(copy);
  });
});
