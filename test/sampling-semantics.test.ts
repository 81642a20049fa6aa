/**
 * The sampling contract (CONTRACT.md, "Edge cases in detail", `sample`) checked against an
 * independent reference written from its words, not from the implementation:
 *
 * - the temperature first, then `topK` (the k most probable; ties to the lower index), then `topP`
 *   (the smallest set of most probable states whose mass reaches topP), then `minP` (p ≥
 *   minP·p_max), each on the renormalised result of the one before;
 * - a draw is the inverse CDF over the filtered distribution in index order: for the uniform
 *   number u, the first kept index whose cumulative mass exceeds u·(kept mass) (sample's TSDoc).
 *
 * Logits are logarithms of integer weights w, and τ = 1/m, so that softmax(z/τ) ∝ w^m exactly:
 * the reference works in exact integers (every sum below 2^53, so exact in doubles too), and
 * each uniform number is a/2^53 with an integer a, so the inverse CDF is decided in exact BigInt
 * arithmetic. Only the library's own rounding (a few ulp) separates it from the reference, so a
 * case is skipped (and counted) only where a filter's cut or a draw falls within 1e−9 of a
 * boundary, and the tests assert that almost nothing was skipped.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sample, samplingDistribution } from "../src/index.js";

interface Filters {
  topK?: number;
  topP?: number;
  minP?: number;
}

/** Where a filter's decision is within this of a tie, the reference calls the case ambiguous. */
const MARGIN = 1e-9;

/**
 * The contract's filtered distribution for weights v (v_i ≥ 0 integers, 0 = masked), as the set
 * of kept indices and their exact total; undefined when a cut is ambiguous (a tie or a near-tie
 * at the boundary of topP or minP, where rounding may legitimately decide either way).
 */
function reference(v: number[], f: Filters): { kept: boolean[]; total: number } | undefined {
  let kept = v.map((x) => x > 0);
  const mostProbableFirst = () =>
    v
      .map((_, i) => i)
      .filter((i) => kept[i])
      .sort((a, b) => (v[b] as number) - (v[a] as number) || a - b);
  const sumKept = () => v.reduce((s, x, i) => s + (kept[i] ? x : 0), 0);
  if (f.topK !== undefined) {
    const order = mostProbableFirst();
    const keep = new Set(order.slice(0, f.topK));
    kept = kept.map((k, i) => k && keep.has(i));
  }
  if (f.topP !== undefined && f.topP < 1) {
    // (topP = 1 keeps every state of positive probability.)
    const order = mostProbableFirst();
    const total = sumKept();
    const target = f.topP * total;
    let cumulative = 0;
    let cut = order.length;
    for (let j = 0; j < order.length; j++) {
      cumulative += v[order[j] as number] as number;
      if (Math.abs(cumulative - target) <= MARGIN * total) return undefined;
      if (cumulative >= target) {
        cut = j + 1;
        break;
      }
    }
    // A tie across the cut: which of the tied states is kept is not specified.
    const last = order[cut - 1];
    const next = order[cut];
    if (last !== undefined && next !== undefined && v[last] === v[next]) return undefined;
    const keep = new Set(order.slice(0, cut));
    kept = kept.map((k, i) => k && keep.has(i));
  }
  if (f.minP !== undefined) {
    const vmax = Math.max(...v.filter((_, i) => kept[i]));
    const threshold = f.minP * vmax;
    for (let i = 0; i < v.length; i++) {
      if (!kept[i]) continue;
      if (Math.abs((v[i] as number) - threshold) <= MARGIN * vmax) return undefined;
      if ((v[i] as number) < threshold) kept[i] = false;
    }
  }
  return { kept, total: sumKept() };
}

/**
 * The exact inverse CDF: for u = a/2^53, the first kept index i with C_i > u·V (C_i the kept mass
 * up to i in index order, V the kept total), decided in BigInt; undefined when u·V is within
 * MARGIN·V of some C_i (rounding in the library may land on either side).
 */
function inverseCdf(v: number[], kept: boolean[], total: number, a: bigint): number | undefined {
  const scaledTarget = a * BigInt(total); // u·V·2^53
  const two53 = 2n ** 53n;
  const margin = BigInt(Math.ceil(MARGIN * total * 2 ** 53));
  let cumulative = 0n;
  for (let i = 0; i < v.length; i++) {
    if (!kept[i]) continue;
    cumulative += BigInt(v[i] as number) * two53;
    const gap = cumulative - scaledTarget;
    if ((gap < 0n ? -gap : gap) <= margin) return undefined;
    if (gap > 0n) return i;
  }
  throw new Error("u < 1 always lands inside the kept mass");
}

/** 53-bit uniform integers from a seeded generator (two 32-bit xorshift outputs per number). */
function uniform53(seed: number): () => bigint {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return () => (BigInt(next() >>> 5) << 26n) | BigInt(next() >>> 6);
}

/** Logits ln(w) (−∞ for w = 0) and τ = 1/m: softmax(z/τ) ∝ w^m. */
function logitsOf(w: number[]): number[] {
  return w.map((x) => (x === 0 ? Number.NEGATIVE_INFINITY : Math.log(x)));
}

/** Compares samplingDistribution and `draws` seeded draws of sample with the reference. */
function compare(
  w: number[],
  m: number,
  f: Filters,
  draws: number,
  seed: number,
): { ran: boolean; drawn: number; skipped: number } {
  const v = w.map((x) => x ** m);
  const ref = reference(v, f);
  if (ref === undefined) return { ran: false, drawn: 0, skipped: 0 };
  const z = logitsOf(w);
  const options = { temperature: 1 / m, ...f };
  const q = samplingDistribution(z, options);
  for (let i = 0; i < w.length; i++) {
    if (!ref.kept[i]) {
      expect(q[i], `state ${i} is filtered out: probability exactly 0`).toBe(0);
    } else {
      const exact = (v[i] as number) / ref.total;
      expect(Math.abs((q[i] as number) - exact), `q[${i}] vs ${exact}`).toBeLessThanOrEqual(
        1e-14 * exact,
      );
    }
  }
  const next = uniform53(seed);
  let drawn = 0;
  let skipped = 0;
  for (let k = 0; k < draws; k++) {
    const a = next();
    const expected = inverseCdf(v, ref.kept, ref.total, a);
    if (expected === undefined) {
      skipped++;
      continue;
    }
    const u = Number(a) / 2 ** 53;
    const got = sample(z, { ...options, random: () => u });
    if (got !== expected) {
      expect.fail(
        `draw ${k}: u = ${u}, weights ${JSON.stringify(w)}^${m}, ${JSON.stringify(f)}: got ${got}, the inverse CDF gives ${expected}`,
      );
    }
    drawn++;
  }
  return { ran: true, drawn, skipped };
}

describe("the filters, in the contract's order", () => {
  it("top-k then top-p: top-p counts the mass left after top-k ([.5,.3,.15,.05], k 3, p 0.52)", () => {
    // After topK 3 the renormalised mass is [.5, .3, .15]/.95 = [.526…, .316…, .158…]: the first
    // state alone reaches 0.52, so only it remains. (Measured against the original mass, .5 would
    // not reach .52 and two states would remain: [0.625, 0.375, 0, 0].)
    const z = logitsOf([50, 30, 15, 5]);
    expect(Array.from(samplingDistribution(z, { topK: 3, topP: 0.52 }))).toEqual([1, 0, 0, 0]);
    for (const u of [0, 0.3, 0.7, 0.999999]) {
      expect(sample(z, { topK: 3, topP: 0.52, random: () => u })).toBe(0);
    }
  });

  it("top-p then min-p: min-p sees what top-p kept, renormalised ([.4,.3,.2,.1], p 0.75, min-p 0.3)", () => {
    // topP 0.75: .4 + .3 = .7 < .75, so three states remain: [.4,.3,.2]/.9. minP 0.3 keeps
    // p ≥ 0.3·(.4/.9), i.e. all three: [4/9, 3/9, 2/9, 0].
    // The other order (min-p first: [.4,.3,.2]/.9, then top-p on that: 4/9 + 3/9 ≥ .75) would
    // give [4/7, 3/7, 0, 0].
    const z = logitsOf([4, 3, 2, 1]);
    const q = samplingDistribution(z, { topP: 0.75, minP: 0.3 });
    const expected = [4 / 9, 3 / 9, 2 / 9, 0];
    for (let i = 0; i < 4; i++) {
      expect(Math.abs((q[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(1e-15);
    }
    expect(q[3]).toBe(0);
    // u = 0.8 lands in the third state: 4/9 + 3/9 = 0.777… < 0.8.
    expect(sample(z, { topP: 0.75, minP: 0.3, random: () => 0.8 })).toBe(2);
  });

  it("min-p never brings back what top-p removed ([.4,.3,.2,.1], p 0.5, min-p 0.2)", () => {
    // topP 0.5 keeps [.4, .3]; minP 0.2 on [4/7, 3/7] keeps both. States 2 and 3 stay at 0
    // even though p ≥ 0.2·p_max holds for them in the unfiltered distribution.
    const z = logitsOf([4, 3, 2, 1]);
    const q = samplingDistribution(z, { topP: 0.5, minP: 0.2 });
    expect(Math.abs((q[0] as number) - 4 / 7)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs((q[1] as number) - 3 / 7)).toBeLessThanOrEqual(1e-15);
    expect([q[2], q[3]]).toEqual([0, 0]);
    expect(sample(z, { topP: 0.5, minP: 0.2, random: () => 0.999 })).toBe(1);
  });

  it("min-p is relative to the most probable kept state, not an absolute floor", () => {
    // p = [.4, .3, .2, .1]: minP 0.45 keeps p ≥ 0.18, i.e. three states (an absolute floor of
    // 0.45 would keep none).
    const z = logitsOf([4, 3, 2, 1]);
    const q = samplingDistribution(z, { minP: 0.45 });
    expect(Math.abs((q[2] as number) - 2 / 9)).toBeLessThanOrEqual(1e-15);
    expect(q[3]).toBe(0);
  });

  it("top-k keeps exactly k, ties to the lower index", () => {
    const z = logitsOf([1, 3, 3, 3, 2]);
    const q = samplingDistribution(z, { topK: 2 });
    expect(Array.from(q)).toEqual([0, 0.5, 0.5, 0, 0]);
  });

  it("top-p keeps the smallest set that reaches p, counting the state that crosses it", () => {
    // [.5, .3, .15, .05]: 0.3 needs one state, 0.6 two, 0.9 three, 0.96 and 1 all four.
    // (Cuts exactly on a cumulative mass, such as 0.8, are left out: there the computed
    // probabilities' last-bit rounding decides, within the documented 1e−12 slack.)
    const z = logitsOf([50, 30, 15, 5]);
    const kept = (topP: number) =>
      Array.from(samplingDistribution(z, { topP })).filter((p) => p > 0).length;
    expect([0.3, 0.6, 0.9, 0.96, 1].map(kept)).toEqual([1, 2, 3, 4, 4]);
  });

  it("the temperature comes first: top-k and top-p act on softmax(z/τ)", () => {
    // w = [4, 3, 2, 1] at τ = 1/2 is ∝ [16, 9, 4, 1]/30: topP 0.8 needs .533 + .3 = .833, two
    // states; at τ = 1 the same topP needs three (.4 + .3 = .7 < .8).
    const z = logitsOf([4, 3, 2, 1]);
    const hot = samplingDistribution(z, { topP: 0.8 });
    const cold = samplingDistribution(z, { topP: 0.8, temperature: 0.5 });
    expect(hot.filter((p) => p > 0).length).toBe(3);
    expect(cold.filter((p) => p > 0).length).toBe(2);
    expect(Math.abs((cold[0] as number) - 16 / 25)).toBeLessThanOrEqual(1e-15);
  });
});

describe("draws: the exact inverse CDF over the filtered distribution, draw by draw", () => {
  it("draws each of 200 000 seeded uniform numbers where the inverse CDF puts it (no filter)", () => {
    // The seed example's weights; a mis-weighting of any state by more than ~1e−9 of the total
    // moves some of these draws (a 1 % error moves about 2 000 of them).
    const r = compare([1, 2, 3, 4, 1, 2, 3], 1, {}, 200_000, 42);
    expect(r.ran).toBe(true);
    expect(r.drawn).toBeGreaterThan(199_990);
  });

  it("with every filter, at τ = 1, 1/2 and 1/4", () => {
    const r = compare([9, 1, 7, 0, 3, 7, 2, 5], 2, { topK: 5, topP: 0.9, minP: 0.05 }, 50_000, 7);
    expect(r.ran).toBe(true);
    expect(r.drawn).toBeGreaterThan(49_990);
  });

  it("on random weights, masks and filters (property)", () => {
    let cases = 0;
    let ambiguous = 0;
    let draws = 0;
    let skippedDraws = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 24 }),
        fc.constantFrom(1, 2, 4),
        fc.option(fc.integer({ min: 1, max: 26 }), { nil: undefined }),
        fc.option(fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.constant(1)), {
          nil: undefined,
        }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (w, m, topK, topP, minP, seed) => {
          fc.pre(w.some((x) => x > 0));
          const filters: Filters = {
            ...(topK === undefined ? {} : { topK }),
            ...(topP === undefined ? {} : { topP }),
            ...(minP === undefined ? {} : { minP }),
          };
          const r = compare(w, m, filters, 300, seed);
          cases++;
          if (!r.ran) ambiguous++;
          draws += r.drawn;
          skippedDraws += r.skipped;
        },
      ),
      { numRuns: 400 },
    );
    // The comparisons ran: ambiguous cuts (ties at a top-p or min-p boundary) and draws on a
    // boundary are rare.
    expect(cases).toBeGreaterThanOrEqual(300);
    expect(ambiguous).toBeLessThan(cases / 4);
    expect(draws).toBeGreaterThan(0.7 * 300 * cases);
    expect(skippedDraws).toBeLessThan(draws / 1000);
  });

  it("at τ = 0: evenly among the maximal logits, in index order", () => {
    const z = [1, 3, 2, 3, 3];
    // Three maximal states (1, 3, 4): u in [0, 1/3) → 1, [1/3, 2/3) → 3, [2/3, 1) → 4.
    const at = (u: number) => sample(z, { temperature: 0, random: () => u });
    expect([0, 0.33, 0.34, 0.66, 0.67, 0.99].map(at)).toEqual([1, 1, 3, 3, 4, 4]);
  });
});
