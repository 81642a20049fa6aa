import {
  type CutResult,
  countBelow,
  countFloor,
  cutByCount,
  cutByMass,
  cutByValue,
  gatherAtLeast,
  massFloor,
  type RawList,
  SHORT,
  type StateList,
  valueFloor,
  withMass,
} from "../internal/select.js";
import {
  describe as describeValue,
  integerOption,
  numberOption,
  optionsOf,
} from "../internal/validate.js";
import { softmax } from "./softmax.js";

/** Options of {@link samplingDistribution} (and of {@link sample}, which adds `random`). */
export interface SamplingOptions {
  /** Temperature τ (default 1), applied first. τ = 0 draws evenly among the maximal logits. */
  temperature?: number;
  /**
   * Keep the k most probable states (an integer ≥ 0). `0`, and any k ≥ n, mean no top-k filter,
   * as in Hugging Face's `generate`, vLLM and llama.cpp.
   */
  topK?: number;
  /**
   * Who survives a tie at the k-th probability: `"exact"` (default) keeps exactly k, ties going
   * to the lower index; `"keep"` keeps every state tied with the k-th, as Hugging Face's
   * `TopKLogitsWarper` and vLLM do.
   */
  topKTies?: "exact" | "keep";
  /**
   * Keep the smallest set of most probable states whose mass reaches topP (0 < topP ≤ 1);
   * `1` keeps every state of positive probability (no filter).
   */
  topP?: number;
  /** Keep the states with p ≥ minP·p_max (0 ≤ minP ≤ 1); `0` is no filter. */
  minP?: number;
  /**
   * The fewest states any filter may leave (an integer ≥ 1, default 1): Hugging Face's
   * `min_tokens_to_keep`. A filter that would keep fewer keeps the `minKeep` most probable.
   */
  minKeep?: number;
}

/** Options of {@link sample}. */
export interface SampleOptions extends SamplingOptions {
  /** A source of uniform numbers in [0, 1), for reproducible draws (default Math.random). */
  random?: () => number;
}

/** 1 − 2⁻⁵⁰: a cumulative mass short of topP·mass by at most ~4 ulp still reaches it. */
const REACH = 1 - 2 ** -50;

/**
 * Draws one index from softmax(z/τ), after the usual LLM decoding filters.
 *
 * Order: the temperature first, then `topK`, then `topP`, then `minP`, each acting on the
 * renormalised result of the one before (the order of Hugging Face's `generate`). Every filter
 * keeps a prefix of the states ranked by probability (ties by lower index), never fewer than
 * `minKeep`, and never a state of probability 0. The draw is by inverse CDF: one uniform u from
 * `random`, then the first kept index i (in index order) whose cumulative mass exceeds u·(kept
 * mass). So one call consumes exactly one random number, and a seeded `random` reproduces a
 * sequence of draws exactly.
 *
 * In physical terms this draws a microstate from the Gibbs distribution of E = −z at T = τ;
 * repeated draws are a Monte Carlo estimate of it.
 *
 * Edge cases: every state masked, or an empty vector, is a RangeError; `topK: 0`, `topK ≥ n`,
 * `topP: 1` and `minP: 0` switch their filter off; bad filters (topK not an integer ≥ 0, topP
 * outside (0, 1], minP outside [0, 1], minKeep not an integer ≥ 1, topKTies not "exact" or
 * "keep") and a `random` that returns anything outside [0, 1) are errors naming the option. The
 * top-p cut compares cumulative masses summed exactly (double-double) against topP·mass·(1 − 2⁻⁵⁰),
 * a tolerance of about 4 ulp, so summation order never decides it and topP = 1 keeps everything.
 *
 * Cost: linear in n on average for any filter set (a radix histogram and quickselect, never a
 * sort): about one softmax more at n = 150 000 (docs/benchmarks.md). The comparison with Hugging
 * Face, vLLM and llama.cpp is in docs/sampling.md.
 *
 * @param logits - the vector z; never modified.
 * @returns the drawn index.
 * @see A. Holtzman et al., "The curious case of neural text degeneration" (2020) for top-p;
 *   M. N. Nguyen et al., "Turning up the heat: min-p sampling" (2024) for min-p.
 * @example
 * ```ts
 * sample([1, 2, 3], { random: () => 0.5 }) // => 2
 * sample([1, 2, 3], { temperature: 0 })    // => 2
 * sample([5, 1, 1], { random: () => 0.99, topK: 1 }) // => 0
 * sample([5, 1, 1], { random: () => 0.99, topK: 0 }) // => 2
 * ```
 */
export function sample(logits: ArrayLike<number>, options?: SampleOptions): number {
  const fn = "sample";
  const opts = optionsOf(fn, options);
  const random = opts.random ?? Math.random;
  if (typeof random !== "function") {
    throw new TypeError(`${fn}: options.random must be a function, got ${describeValue(random)}`);
  }
  const { p, kept } = filtered(fn, logits, opts);
  const u = random();
  if (typeof u !== "number" || !(u >= 0 && u < 1)) {
    throw new RangeError(
      `${fn}: options.random() returned ${describeValue(u)}; it must return a number in [0, 1)`,
    );
  }
  return kept === undefined ? inverseCdf(p, undefined, p.length, u) : drawFrom(kept, u);
}

/**
 * The distribution {@link sample} draws from: softmax(z/τ) after the `topK`, `topP` and `minP`
 * filters (in that order, each on the renormalised result of the one before), renormalised to
 * sum to 1. States removed by a filter (or masked, or underflowed) have probability exactly 0.
 * When no filter removes anything the result is `softmax(z, { temperature })` bit for bit. Use
 * it to show what a decoder will actually draw, or to compare a histogram of draws with it.
 *
 * Edge cases and options as {@link sample} (without `random`).
 *
 * @param logits - the vector z; never modified.
 * @returns a new Float64Array summing to 1.
 * @example
 * ```ts
 * samplingDistribution([Math.log(3), 0, -Infinity], { topK: 1 }) // => Float64Array [1, 0, 0]
 * samplingDistribution([0, 0, 0, 0], { topP: 0.5 })               // => Float64Array [0.5, 0.5, 0, 0]
 * samplingDistribution([0, -30], { topP: 1 })[1]                  // => 9.357622968839299e-14
 * samplingDistribution([2, 2, 1, 0], { topK: 1 })                 // => Float64Array [1, 0, 0, 0]
 * samplingDistribution([2, 2, 1, 0], { topK: 1, topKTies: "keep" }) // => Float64Array [0.5, 0.5, 0, 0]
 * ```
 */
export function samplingDistribution(
  logits: ArrayLike<number>,
  options?: SamplingOptions,
): Float64Array {
  const fn = "samplingDistribution";
  const { p, kept } = filtered(fn, logits, optionsOf(fn, options));
  if (kept === undefined) return p;
  // softmax's array is ours: it becomes the result.
  const out = p.fill(0);
  // pᵢ / (massHi + massLo) with the remainder of the first quotient carried (Dekker's division),
  // so k equal states come out as 1/k to the last bit.
  const { values, index, length, massHi, massLo } = kept;
  const split = 134217729 * massHi;
  const mh = split - (split - massHi);
  const ml = massHi - mh;
  for (let j = 0; j < length; j++) {
    const v = values[j] as number;
    const q = v / massHi;
    const s = 134217729 * q;
    const qh = s - (s - q);
    const ql = q - qh;
    const prod = q * massHi;
    const err = qh * mh - prod + qh * ml + ql * mh + ql * ml;
    out[index[j] as number] = q + (v - prod - err - q * massLo) / massHi;
  }
  return out;
}

/** The filter options, validated. */
interface Filters {
  topK: number;
  keepTies: boolean;
  topP: number;
  minP: number;
  minKeep: number;
  temperature: number;
}

function filtersOf(fn: string, opts: Partial<SamplingOptions>): Filters {
  const topK = numberOption(fn, "options.topK", opts.topK, 0);
  if (!Number.isInteger(topK) || topK < 0) {
    throw new RangeError(`${fn}: options.topK must be an integer ≥ 0 (0: no top-k), got ${topK}`);
  }
  const topP = numberOption(fn, "options.topP", opts.topP, 1);
  if (!(topP > 0 && topP <= 1)) {
    throw new RangeError(`${fn}: options.topP must be in (0, 1], got ${topP}`);
  }
  const minP = numberOption(fn, "options.minP", opts.minP, 0);
  if (!(minP >= 0 && minP <= 1)) {
    throw new RangeError(`${fn}: options.minP must be in [0, 1], got ${minP}`);
  }
  const minKeep =
    opts.minKeep === undefined ? 1 : integerOption(fn, "options.minKeep", opts.minKeep, 1);
  const ties = opts.topKTies ?? "exact";
  if (typeof ties !== "string") {
    throw new TypeError(
      `${fn}: options.topKTies must be "exact" or "keep", got ${describeValue(ties)}`,
    );
  }
  if (ties !== "exact" && ties !== "keep") {
    throw new RangeError(
      `${fn}: options.topKTies must be "exact" or "keep", got ${describeValue(ties)}`,
    );
  }
  const temperature = numberOption(fn, "options.temperature", opts.temperature, 1);
  return { topK, keepTies: ties === "keep", topP, minP, minKeep, temperature };
}

/**
 * softmax(z/τ) and, when a filter removed something, the kept states as a list in index order
 * with their mass (undefined: every state of positive probability is kept).
 */
function filtered(
  fn: string,
  logits: ArrayLike<number>,
  opts: Partial<SamplingOptions>,
): { p: Float64Array; kept: StateList | undefined } {
  const f = filtersOf(fn, opts);
  let p: Float64Array;
  try {
    p = softmax(logits, { temperature: f.temperature });
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^softmax:/, `${fn}:`);
    throw error;
  }
  const n = p.length;
  if (n === 0) throw new RangeError(`${fn}: logits is empty; there is nothing to draw`);
  // `kept` is undefined while every state of positive probability is kept, else the kept states
  // as a list. The first filter to cut the whole vector starts from a pool: the states above a
  // floor estimated from a random sample (countFloor, massFloor, valueFloor). A cut that finds
  // the pool too small (SHORT) runs again on every state; that is rare, and only costs time.
  let kept: StateList | undefined;
  // A filter's result (undefined: its whole input), raised to the minKeep most probable of its
  // input when it keeps fewer (SHORT when the input itself has fewer).
  const raise = (input: RawList, cut: CutResult): CutResult => {
    if (cut === SHORT) return SHORT;
    return (cut === undefined ? input.length : cut.length) < f.minKeep
      ? cutByCount(input, f.minKeep, false)
      : cut;
  };
  const apply = (estimate: () => number, cut: (input: RawList) => CutResult): void => {
    if (kept !== undefined) {
      const r = cut(kept);
      if (r !== undefined && r !== SHORT) kept = r;
      return;
    }
    let floor = estimate();
    let input = gatherAtLeast(p, n, floor);
    let r = cut(input);
    if (r === SHORT && floor > 0 && countBelow(p, n, floor) > 0) {
      floor = 0;
      input = gatherAtLeast(p, n, 0);
      r = cut(input);
    }
    if (r !== undefined && r !== SHORT) kept = r;
    else if (floor > 0 && countBelow(p, n, floor) > 0) kept = withMass(input);
  };
  // A cut may reuse its input's arrays unless a minKeep fallback could need the input again.
  const inPlace = f.minKeep === 1;
  const k = Math.max(f.topK, f.minKeep);
  if (f.topK > 0 && k < n) {
    apply(
      () => countFloor(p, n, k),
      (input) => cutByCount(input, k, f.keepTies, true),
    );
  }
  if (f.topP < 1) {
    const target = f.topP * (kept === undefined ? 1 : kept.massHi + kept.massLo) * REACH;
    apply(
      () => massFloor(p, n, target),
      (input) => raise(input, cutByMass(input, target, inPlace)),
    );
  }
  if (f.minP > 0) {
    apply(
      () => valueFloor(p, n, f.minP),
      (input) => {
        let pmax = 0;
        for (let j = 0; j < input.length; j++) {
          const v = input.values[j] as number;
          if (v > pmax) pmax = v;
        }
        return raise(input, cutByValue(input, f.minP * pmax, inPlace));
      },
    );
  }
  return { p, kept };
}

/** Inverse CDF over the kept states, in index order, with the cumulative mass summed exactly. */
function drawFrom(kept: StateList, u: number): number {
  const target = u * kept.massHi + u * kept.massLo;
  return inverseCdf(kept.values, kept.index, kept.length, target);
}

/**
 * The first position (its index) whose cumulative mass exceeds `target`; the last state of
 * positive probability when rounding leaves the target at the very top.
 */
function inverseCdf(
  values: Float64Array,
  index: Int32Array | undefined,
  length: number,
  target: number,
): number {
  let h = 0;
  let l = 0;
  let last = -1;
  for (let j = 0; j < length; j++) {
    const v = values[j] as number;
    if (v === 0) continue;
    const s = h + v;
    const bb = s - h;
    l += h - (s - bb) + (v - bb);
    h = s;
    last = index === undefined ? j : (index[j] as number);
    if (h + l > target) return last;
  }
  return last;
}
