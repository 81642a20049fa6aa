/**
 * The second-round rows of docs/edge-cases.md on the machine-learning side: fully masked rows,
 * the signed log-sum-exp, cross-entropy and KL divergence at their edges, and the sampling
 * options. One `describe` per row, titled with its id (test/edge-cases-map.test.ts holds the
 * map). Expected values are closed forms; the larger suites behind these rows are
 * test/masked.test.ts, test/ml.test.ts, test/sampling-semantics.test.ts and test/sampling.test.ts.
 */
import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  crossEntropyRows,
  klDivergence,
  logSoftmax,
  logSoftmaxRows,
  logSumExp,
  sample,
  samplingDistribution,
  softmax,
  softmaxRows,
} from "../src/index.js";

const INF = Number.POSITIVE_INFINITY;
const LN3 = Math.log(3);

/** a and b agree to `tol` entry by entry (both as plain arrays of the same length). */
function near(a: ArrayLike<number>, b: number[], tol = 1e-15): void {
  expect(a.length).toBe(b.length);
  b.forEach((x, i) => {
    if (!Number.isFinite(x)) expect(a[i], `[${i}]`).toBe(x);
    else expect(Math.abs((a[i] as number) - x), `[${i}]`).toBeLessThanOrEqual(tol);
  });
}

describe('on-all-masked: onAllMasked is "error" (the default) or "zeros"', () => {
  const rows = [-INF, -INF, 0, LN3]; // a fully masked row, then softmax [1/4, 3/4]
  it('"error": a RangeError that names the row and the way out', () => {
    for (const options of [{}, { onAllMasked: "error" as const }]) {
      expect(() => softmax([-INF, -INF], options)).toThrow(
        /^softmax: every logit is -Infinity \(every state is masked\); the distribution is not defined \(options\.onAllMasked: "zeros" gives probabilities 0 instead\)/,
      );
      expect(() => softmaxRows(rows, { columns: 2, ...options })).toThrow(
        /^softmaxRows: row 0: every logit is -Infinity/,
      );
    }
  });
  it('"zeros": probabilities 0 and log-probabilities −Infinity for that row; the others computed', () => {
    near(softmax([-INF, -INF], { onAllMasked: "zeros" }), [0, 0]);
    near(logSoftmax([-INF, -INF], { onAllMasked: "zeros" }), [-INF, -INF]);
    near(softmaxRows(rows, { columns: 2, onAllMasked: "zeros" }), [0, 0, 0.25, 0.75]);
    near(logSoftmaxRows(rows, { columns: 2, onAllMasked: "zeros" }), [
      -INF,
      -INF,
      Math.log(0.25),
      Math.log(0.75),
    ]);
    // a row with any unmasked logit is what it is without the option, bit for bit
    expect(softmax([0, LN3], { onAllMasked: "zeros" })).toEqual(softmax([0, LN3]));
  });
  it("any other value is a RangeError naming the option", () => {
    expect(() => softmax([1], { onAllMasked: "nan" as never })).toThrow(
      'softmax: options.onAllMasked must be "error" or "zeros", got "nan"',
    );
  });
});

describe("signed-log-sum-exp: logSumExp with returnSign gives { value, sign }", () => {
  it("ln|Σ wᵢ e^{xᵢ}| and its sign, weights of any sign", () => {
    // 1 − 2 = −1: ln 1 = 0, sign −1
    expect(logSumExp([0, 0], { weights: [1, -2], returnSign: true })).toEqual({
      value: 0,
      sign: -1,
    });
    // 3e − e = 2e: 1 + ln 2
    const r = logSumExp([1, 1], { weights: [3, -1], returnSign: true });
    expect(r.sign).toBe(1);
    expect(Math.abs(r.value - (1 + Math.LN2))).toBeLessThanOrEqual(2 ** -52 * 2);
    // huge terms that cancel exactly leave ln 2, to the last bit
    expect(logSumExp([1000, 1000, 0], { weights: [1, -1, 2], returnSign: true })).toEqual({
      value: Math.LN2,
      sign: 1,
    });
  });
  it("a zero sum (cancelling weights, zero weights, an empty vector) is { value: −Infinity, sign: 0 }", () => {
    const zero = { value: -INF, sign: 0 };
    expect(logSumExp([5, 5], { weights: [2, -2], returnSign: true })).toEqual(zero);
    expect(logSumExp([1, 2], { weights: [0, 0], returnSign: true })).toEqual(zero);
    expect(logSumExp([], { returnSign: true })).toEqual(zero);
  });
  it("a term at −Infinity is zero whatever the sign of its weight (scipy gives the same)", () => {
    // e^{−∞}·(−1) + e¹ = e: ln e = 1, sign 1; e^{−∞}·2 − e¹ = −e: sign −1
    expect(logSumExp([-INF, 1], { weights: [-1, 1], returnSign: true })).toEqual({
      value: 1,
      sign: 1,
    });
    expect(logSumExp([-INF, 1], { weights: [2, -1], returnSign: true })).toEqual({
      value: 1,
      sign: -1,
    });
  });
  it("without returnSign a negative weight stays a RangeError; returnSign is a boolean", () => {
    expect(() => logSumExp([0, 0], { weights: [1, -2] })).toThrow(
      /^logSumExp: options\.weights\[1\] is -2; it must be finite and ≥ 0 \(with options\.returnSign: true, weights of any sign are allowed\)/,
    );
    expect(() => logSumExp([1], { returnSign: 1 as never })).toThrow(
      "logSumExp: options.returnSign must be a boolean, got number 1",
    );
    expect(logSumExp([0, 0], { returnSign: false })).toBe(Math.LN2);
  });
});

describe("cross-entropy: crossEntropy(logits, target) at its edges", () => {
  it("a class index: −log p_c; a masked class gives +Infinity", () => {
    expect(crossEntropy([0, 0], 1)).toBe(Math.LN2);
    expect(crossEntropy([0, -1000], 1)).toBe(1000);
    expect(crossEntropy([0, -INF], 1)).toBe(INF);
  });
  it("a class index that is not an integer in [0, n) is a RangeError", () => {
    for (const c of [2, -1, 0.5])
      expect(() => crossEntropy([0, 1], c)).toThrow(
        `crossEntropy: target must be an integer in [0, 1], got ${c}`,
      );
    expect(() => crossEntropyRows([0, 0, 0, 1], [1, 5], { columns: 2 })).toThrow(
      "crossEntropyRows: targets[1] is 5; a class index must be an integer in [0, 2)",
    );
  });
  it("a probability target: masked states add nothing where q = 0 and give +Infinity where q > 0", () => {
    expect(crossEntropy([0, -INF], [1, 0])).toBe(0);
    expect(crossEntropy([0, -INF], [0.5, 0.5])).toBe(INF);
    // q = [¼, ¾] against p = [¼, ¾]: the entropy ln 4 − ¾ ln 3
    expect(
      Math.abs(crossEntropy([0, LN3], [0.25, 0.75]) - (Math.log(4) - 0.75 * LN3)),
    ).toBeLessThan(4e-16);
  });
  it("a target that does not sum to 1 (within 1e−9·max(1, n)), has a bad entry or length: RangeError", () => {
    expect(() => crossEntropy([0, 1], [0.5, 0.6])).toThrow(
      "crossEntropy: target sums to 1.1, not 1 (tolerance 2e-9)",
    );
    expect(crossEntropy([0, 0], [0.5, 0.5 + 1e-10])).toBeCloseTo(Math.LN2, 9);
    expect(() => crossEntropy([0, 1], [1.5, -0.5])).toThrow(
      "crossEntropy: target[1] is -0.5; every probability must be finite and ≥ 0",
    );
    expect(() => crossEntropy([0, 1], [1])).toThrow(
      "crossEntropy: target has length 1 but logits has length 2; they must match",
    );
  });
});

describe("kl-divergence: klDivergence(logitsP, logitsQ) at its edges", () => {
  it("+Infinity where p > 0 and q = 0 (q masks the state), as scipy.special.rel_entr", () => {
    expect(klDivergence([0, 0], [0, -INF])).toBe(INF);
    // at τ = 0 both are their argmax states: different ones, so p puts mass where q has none
    expect(klDivergence([1, 2], [2, 1], { temperature: 0 })).toBe(INF);
  });
  it("states p masks add nothing, whatever q gives them", () => {
    // p = [1, 0], q = [½, ½]: 1·ln(1/½)
    expect(klDivergence([0, -INF], [0, 0])).toBe(Math.LN2);
    expect(klDivergence([0, -INF], [0, -INF])).toBe(0);
  });
  it("KL(p‖p) = 0 exactly, shifts of the logits included; τ = ∞ compares the supports", () => {
    expect(klDivergence([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(klDivergence([1, 2, 3], [101, 102, 103])).toBe(0);
    expect(klDivergence([1, 2], [2, 1], { temperature: INF })).toBe(0);
  });
  it("lengths must match", () => {
    expect(() => klDivergence([1, 2], [2, 1, 3])).toThrow(
      "klDivergence: logitsQ has length 3 but logitsP has length 2; they must match",
    );
  });
});

describe("sampling-options: topK 0 and topK ≥ n are off, topP 1 keeps every state, minKeep, topKTies", () => {
  // softmax [3/5, 1/5, 1/5, e⁻⁵⁰/…]: two tied states after the first
  const z = [LN3, 0, 0, -50];
  const all = samplingDistribution(z);
  it("topK: 0 and topK ≥ n keep everything, as no filter", () => {
    for (const topK of [0, 4, 5, 1e9]) expect(samplingDistribution(z, { topK })).toEqual(all);
    near(all.subarray(0, 3), [0.6, 0.2, 0.2], 2e-16);
  });
  it("topP: 1 keeps every state of positive probability, however small", () => {
    const p = samplingDistribution([0, -30], { topP: 1 });
    // e⁻³⁰/(1 + e⁻³⁰)
    expect(Math.abs((p[1] as number) / 9.357622968839299e-14 - 1)).toBeLessThan(1e-14);
    expect(samplingDistribution(z, { topP: 1 })).toEqual(all);
  });
  it("minKeep is a floor for every filter; above n it keeps everything", () => {
    near(samplingDistribution(z, { topK: 1, minKeep: 2 }), [0.75, 0.25, 0, 0]);
    near(samplingDistribution(z, { topP: 0.5, minKeep: 2 }), [0.75, 0.25, 0, 0]);
    near(samplingDistribution(z, { minP: 0.5, minKeep: 3 }), [0.6, 0.2, 0.2, 0], 2e-16);
    expect(samplingDistribution(z, { topK: 1, minKeep: 10 })).toEqual(all);
  });
  it('topKTies: "exact" (the default) keeps k, ties to the lower index; "keep" keeps every tie', () => {
    near(samplingDistribution(z, { topK: 2 }), [0.75, 0.25, 0, 0]);
    near(samplingDistribution(z, { topK: 2, topKTies: "exact" }), [0.75, 0.25, 0, 0]);
    near(samplingDistribution(z, { topK: 2, topKTies: "keep" }), [0.6, 0.2, 0.2, 0], 2e-16);
    // sample draws from the same distribution: inverse CDF at u against [¾, ¼]
    expect(sample(z, { topK: 2, random: () => 0.74 })).toBe(0);
    expect(sample(z, { topK: 2, random: () => 0.76 })).toBe(1);
  });
  it("a value outside its range is a RangeError naming the option", () => {
    const bad: [object, RegExp][] = [
      [{ topK: -1 }, /options\.topK must be an integer ≥ 0 \(0: no top-k\), got -1/],
      [{ topP: 0 }, /options\.topP must be in \(0, 1\], got 0/],
      [{ minKeep: 0 }, /options\.minKeep must be an integer ≥ 1, got 0/],
      [{ minKeep: 1.5 }, /options\.minKeep must be an integer ≥ 1, got 1\.5/],
      [{ topKTies: "all" }, /options\.topKTies must be "exact" or "keep", got "all"/],
    ];
    for (const [options, message] of bad) {
      expect(() => samplingDistribution(z, options)).toThrow(RangeError);
      expect(() => samplingDistribution(z, options)).toThrow(
        new RegExp(`^samplingDistribution: ${message.source}`),
      );
    }
  });
});
