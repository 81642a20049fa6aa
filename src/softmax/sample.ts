import { active, kernelTakes, spectrumOnKernel, weightsInto } from "../internal/accel.js";
import { candidatesByCount, candidatesByValue, positiveLeftOut } from "../internal/candidates.js";
import {
  type Beta,
  betaOf,
  dominant,
  FINITE,
  fillWeights,
  LOGITS,
  normalize,
  type Spectrum,
  scan,
} from "../internal/kernel.js";
import {
  type CutResult,
  countBelow,
  cutByCount,
  cutByMass,
  cutByValue,
  gatherAtLeast,
  massFloor,
  type RawList,
  SHORT,
  type StateList,
  withMass,
} from "../internal/select.js";
import {
  describe as describeValue,
  integerOption,
  numberOption,
  optionsOf,
  readVector,
} from "../internal/validate.js";
import { softmaxOnKernel } from "./prepare.js";

/** Options of {@link samplingDistribution} (and of {@link sample}, which adds `random`). */
/** The options of samplingDistribution (sample adds `random`). */
const SAMPLING_OPTIONS = ["temperature", "topK", "topKTies", "topP", "minP", "minKeep"] as const;

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
 * `minKeep`, and never a state of probability 0. Probabilities are compared as the weights
 * wᵢ = exp((zᵢ − max)/τ) that softmax divides by Σw (for τ < 0, the smallest logit is the
 * max): a filter renormalises anyway, and the division could round two different weights to one
 * probability. The draw is by inverse CDF: one uniform u from
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
 * Cost: linear in n on average for any filter set, never a sort. When top-k or min-p comes
 * first, the states that can pass are found on the logits and only they are exponentiated (well
 * under the cost of a softmax when few can pass); when top-p comes first (its cut is a share of
 * the whole mass), every weight is computed, a softmax and a pass (docs/sampling.md,
 * docs/benchmarks.md). The comparison with Hugging Face, vLLM and llama.cpp is in
 * docs/sampling.md.
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
  const opts = optionsOf(fn, options, [...SAMPLING_OPTIONS, "random"]);
  const random = opts.random ?? Math.random;
  if (typeof random !== "function") {
    throw new TypeError(`${fn}: options.random must be a function, got ${describeValue(random)}`);
  }
  const { kept, w, sumHi, sumLo, n } = filtered(fn, logits, opts, false);
  const u = random();
  if (typeof u !== "number" || !(u >= 0 && u < 1)) {
    throw new RangeError(
      `${fn}: options.random() returned ${describeValue(u)}; it must return a number in [0, 1)`,
    );
  }
  if (kept !== undefined) return drawFrom(kept, u);
  return inverseCdf(w as Float64Array, undefined, n, u * sumHi + u * sumLo);
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
  const { kept, w, sumHi, sumLo, normalized, n } = filtered(
    fn,
    logits,
    optionsOf(fn, options, SAMPLING_OPTIONS),
    true,
  );
  if (kept === undefined) {
    // Nothing cut: softmax, w/Σw divided exactly as softmax divides.
    const p = w as Float64Array;
    if (!normalized) normalize(p, n, sumHi, sumLo);
    return p;
  }
  // The weights' array, when there is one, is ours: it becomes the result.
  const out = w === undefined ? new Float64Array(n) : w.fill(0);
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

/** What the filters leave: the kept states, or every weight when they keep everything. */
interface Filtered {
  /**
   * The kept states as a list in index order with their mass, or undefined when no state of
   * positive weight was removed.
   */
  readonly kept: StateList | undefined;
  /** Every weight wᵢ (or, when `normalized`, softmax itself), when the vector was exponentiated whole. */
  readonly w: Float64Array | undefined;
  /** Σw = sumHi + sumLo, with `w`. */
  readonly sumHi: number;
  readonly sumLo: number;
  readonly normalized: boolean;
  readonly n: number;
}

/**
 * The filters, decided on the weights wᵢ = exp((zᵢ − c)/τ) that softmax divides by their sum
 * (c the dominant logit, so the largest weight is 1): softmax(z/τ) is w/Σw, and every filter
 * renormalises, so Σw is needed only when the top-p cut comes first or nothing is cut.
 *
 * When top-k or min-p comes first (at a finite nonzero τ), only the candidates found on the
 * logits are exponentiated (src/internal/candidates.ts). Otherwise, and in the rare cases the
 * candidates cannot decide, every weight is computed (on the WebAssembly kernel when it takes
 * the call) and the filters run on the states of positive weight; top-p first starts from a
 * pool above a floor estimated from a random sample (massFloor), gathered again whole when it
 * falls short, which is rare and only costs time. With `distribution` and no filter at all, the
 * result is softmax itself.
 */
function filtered(
  fn: string,
  logits: ArrayLike<number>,
  opts: Partial<SamplingOptions>,
  distribution: boolean,
): Filtered {
  const f = filtersOf(fn, opts);
  const z = readVector(fn, "logits", logits);
  const n = z.length;
  const B = betaOf(LOGITS, 1, f.temperature);
  const k = Math.max(f.topK, f.minKeep);
  const topK = f.topK > 0 && k < n ? k : 0;
  const none = { kept: undefined, w: undefined, sumHi: 0, sumLo: 0, normalized: false, n };
  if (B.kind === FINITE && (topK || (f.topP === 1 && f.minP > 0))) {
    const S = spectrumOf(fn, z);
    const kept = onCandidates(S, B, f, topK < S.active ? topK : 0);
    if (kept !== undefined) return { ...none, kept };
  } else if (distribution && !topK && f.topP === 1 && f.minP === 0) {
    const p = softmaxOnKernel(fn, z, { temperature: f.temperature });
    if (p !== undefined) return { ...none, w: p as Float64Array, normalized: true };
  }
  const w = new Float64Array(n);
  const [sumHi, sumLo] = allWeights(fn, z, B, w);
  const total = sumHi + sumLo;
  let floor = !topK && f.topP < 1 ? massFloor(w, n, f.topP * total * REACH, total) : 0;
  let pool = gatherAtLeast(w, floor);
  let kept = chain(pool, f, topK, total, floor > 0);
  if (kept === SHORT) {
    floor = 0;
    pool = gatherAtLeast(w, 0);
    kept = chain(pool, f, topK, total, false);
  }
  // The pool kept whole is a cut when states of positive weight lie below its floor.
  if (kept === undefined && floor > 0 && countBelow(w, n, floor) > 0) kept = withMass(pool);
  return { kept: kept ?? undefined, w, sumHi, sumLo, normalized: false, n };
}

/**
 * top-k (k > 0), top-p and min-p in turn on a list of states in index order (every state of
 * positive weight, or with `pooled` the largest of them, of mass `mass` for a first top-p cut):
 * the kept states, undefined when nothing of the list is cut, SHORT when a pool lacks states the
 * first cut needs. top-p and min-p are raised to the minKeep most probable of their input when
 * they keep fewer; a filter that keeps its whole input leaves the list as it is.
 */
function chain(input: RawList, f: Filters, k: number, mass: number, pooled: boolean): CutResult {
  // A cut may reuse its input's arrays unless a minKeep fallback could need the input again.
  const inPlace = f.minKeep === 1;
  let kept = k > 0 ? (cutByCount(input, k, f.keepTies, true) ?? undefined) : undefined;
  // One filter's cut r of the list, raised; false when a pool proves too short.
  const apply = (list: RawList, r: CutResult): boolean => {
    if (r !== SHORT && (r === undefined ? list.length : r.length) < f.minKeep) {
      r = cutByCount(list, f.minKeep, false);
    }
    if (r === SHORT && pooled && kept === undefined) return false;
    if (r) kept = r;
    return true;
  };
  if (f.topP < 1) {
    const list = kept ?? input;
    const target = f.topP * (kept === undefined ? mass : kept.massHi + kept.massLo) * REACH;
    if (!apply(list, cutByMass(list, target, inPlace))) return SHORT;
  }
  if (f.minP > 0) {
    const list = kept ?? input;
    if (!apply(list, cutByValue(list, f.minP * largest(list), inPlace))) return SHORT;
  }
  return kept;
}

/** The largest listed value. */
function largest(list: RawList): number {
  let m = 0;
  for (let j = 0; j < list.length; j++) {
    const v = list.values[j] as number;
    if (v > m) m = v;
  }
  return m;
}

/**
 * The filters when top-k (k > 0) or, without it and without top-p, min-p comes first, on the
 * candidates only; undefined when the candidates cannot decide (or nothing of positive weight
 * is cut), and every weight is needed.
 */
function onCandidates(S: Spectrum, B: Beta, f: Filters, k: number): StateList | undefined {
  const minPFirst = k === 0 && f.topP === 1 && f.minP > 0;
  const cand =
    k > 0 ? candidatesByCount(S, B, k) : minPFirst ? candidatesByValue(S, B, f.minP) : undefined;
  if (cand === undefined) return undefined;
  const first =
    k > 0 ? cutByCount(cand, k, f.keepTies, true) : cutByValue(cand, f.minP * largest(cand), true);
  if (first === SHORT) return undefined;
  if (minPFirst && (first === undefined ? cand.length : first.length) < f.minKeep) {
    // min-p keeps a prefix of the ranking: raised, it is the minKeep most probable.
    return f.minKeep < S.active
      ? onCandidates(S, B, { ...f, minP: 0, keepTies: false }, f.minKeep)
      : undefined;
  }
  // Nothing of positive weight left out: the result is softmax itself, from every weight.
  if (first === undefined && !positiveLeftOut(S, B, cand.length)) return undefined;
  const kept = first ?? withMass(cand);
  if (minPFirst) return kept;
  return chain(kept, f, 0, kept.massHi + kept.massLo, false) || kept;
}

/** The validated logits: NaN, +Infinity, every state masked and an empty vector are RangeErrors. */
function spectrumOf(fn: string, z: Float64Array | Float32Array): Spectrum {
  const K = active();
  const S = (K && spectrumOnKernel(K, fn, "logits", z, LOGITS)) || scan(fn, "logits", z, LOGITS);
  if (S.n === 0) throw new RangeError(`${fn}: logits is empty; there is nothing to draw`);
  if (S.active === 0) {
    throw new RangeError(
      `${fn}: every logit is -Infinity (every state is masked); there is nothing to draw`,
    );
  }
  return S;
}

/**
 * Every weight wᵢ into `out` and Σw, validating the logits: on the WebAssembly kernel when it
 * takes the call (the same bits), else in JavaScript.
 */
function allWeights(
  fn: string,
  z: Float64Array | Float32Array,
  B: Beta,
  out: Float64Array,
): [number, number] {
  const K = active();
  const S =
    K !== undefined && kernelTakes(B) ? spectrumOnKernel(K, fn, "logits", z, LOGITS) : undefined;
  if (K !== undefined && S !== undefined) {
    return weightsInto(K, z, B, dominant(S, B), out);
  }
  const r = fillWeights(spectrumOf(fn, z), B, out);
  return [r.sumHi, r.sumLo];
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
