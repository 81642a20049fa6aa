import { describe as describeValue, numberOption, optionsOf } from "../internal/validate.js";
import { softmax } from "./softmax.js";

/** Options of {@link sample}. */
export interface SampleOptions {
  /** Temperature τ (default 1), applied first. τ = 0 draws evenly among the maximal logits. */
  temperature?: number;
  /** Keep the k most probable states (an integer ≥ 1; ties broken by lower index). */
  topK?: number;
  /** Keep the smallest set of most probable states whose mass reaches topP (0 < topP ≤ 1). */
  topP?: number;
  /** Keep the states with p ≥ minP·p_max (0 ≤ minP ≤ 1). */
  minP?: number;
  /** A source of uniform numbers in [0, 1), for reproducible draws (default Math.random). */
  random?: () => number;
}

/**
 * Draws one index from softmax(z/τ), after the usual LLM decoding filters.
 *
 * Order: the temperature first, then `topK`, then `topP`, then `minP`, each acting on the
 * renormalised result of the one before. The draw is by inverse CDF: one uniform u from
 * `random`, then the first kept index i (in index order) whose cumulative mass exceeds u·(kept
 * mass). So one call consumes exactly one random number, and a seeded `random` reproduces a
 * sequence of draws exactly. A state of probability 0 (masked, underflowed, or filtered out) is
 * never drawn.
 *
 * In physical terms this draws a microstate from the Gibbs distribution of E = −z at T = τ;
 * repeated draws are a Monte Carlo estimate of it.
 *
 * Edge cases: every state masked is a RangeError (as softmax); bad filters (topK not an integer
 * ≥ 1, topP outside (0, 1], minP outside [0, 1]) and a `random` that returns anything outside
 * [0, 1) are RangeErrors naming the option. Cost: O(n) without topK/topP, O(n log n) with them
 * (a sort by probability); the `topP` test allows a relative slack of 1e−12 in the cumulative sum.
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
 * ```
 */
export function sample(logits: ArrayLike<number>, options?: SampleOptions): number {
  const fn = "sample";
  const opts = optionsOf(fn, options);
  const random = opts.random ?? Math.random;
  if (typeof random !== "function") {
    throw new TypeError(`${fn}: options.random must be a function, got ${describeValue(random)}`);
  }
  const { p, mass } = filtered(fn, logits, opts);
  const u = random();
  if (typeof u !== "number" || !(u >= 0 && u < 1)) {
    throw new RangeError(
      `${fn}: options.random() returned ${describeValue(u)}; it must return a number in [0, 1)`,
    );
  }
  const target = u * mass;
  let cumulative = 0;
  let last = -1;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi === 0) continue;
    cumulative += pi;
    last = i;
    if (cumulative > target) return i;
  }
  return last; // rounding left u·mass at the very top: the last state with weight
}

/**
 * The distribution {@link sample} draws from: softmax(z/τ) after the `topK`, `topP` and `minP`
 * filters (in that order, each on the renormalised result of the one before), renormalised to
 * sum to 1. States removed by a filter (or masked, or underflowed) have probability exactly 0.
 * Use it to show what a decoder will actually draw, or to compare a histogram of draws with it.
 *
 * Edge cases and options as {@link sample} (`random` is ignored).
 *
 * @param logits - the vector z; never modified.
 * @returns a new Float64Array summing to 1.
 * @example
 * ```ts
 * samplingDistribution([Math.log(3), 0, -Infinity], { topK: 1 }) // => Float64Array [1, 0, 0]
 * samplingDistribution([0, 0, 0, 0], { topP: 0.5 })               // => Float64Array [0.5, 0.5, 0, 0]
 * ```
 */
export function samplingDistribution(
  logits: ArrayLike<number>,
  options?: Omit<SampleOptions, "random">,
): Float64Array {
  const { p, mass } = filtered(
    "samplingDistribution",
    logits,
    optionsOf("samplingDistribution", options),
  );
  if (mass !== 1) for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / mass;
  return p;
}

/** softmax(z/τ) with the filters applied in place; `mass` is what remains (1 without filters). */
function filtered(
  fn: string,
  logits: ArrayLike<number>,
  opts: Partial<SampleOptions>,
): { p: Float64Array; mass: number } {
  const topK = opts.topK === undefined ? undefined : numberOption(fn, "options.topK", opts.topK, 1);
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) {
    throw new RangeError(`${fn}: options.topK must be an integer ≥ 1, got ${topK}`);
  }
  const topP = opts.topP === undefined ? undefined : numberOption(fn, "options.topP", opts.topP, 1);
  if (topP !== undefined && !(topP > 0 && topP <= 1)) {
    throw new RangeError(`${fn}: options.topP must be in (0, 1], got ${topP}`);
  }
  const minP = opts.minP === undefined ? undefined : numberOption(fn, "options.minP", opts.minP, 0);
  if (minP !== undefined && !(minP >= 0 && minP <= 1)) {
    throw new RangeError(`${fn}: options.minP must be in [0, 1], got ${minP}`);
  }
  const temperature = numberOption(fn, "options.temperature", opts.temperature, 1);
  let p: Float64Array;
  try {
    p = softmax(logits, { temperature });
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^softmax:/, `${fn}:`);
    throw error;
  }
  const n = p.length;
  if (n === 0) throw new RangeError(`${fn}: logits is empty; there is nothing to draw`);
  let mass = 1;
  if (topK !== undefined || topP !== undefined) {
    const order = byProbability(p);
    if (topK !== undefined && topK < order.length) {
      for (let j = topK; j < order.length; j++) p[order[j] as number] = 0;
      order.length = topK;
    }
    mass = sumOf(p);
    if (topP !== undefined) {
      const target = topP * mass * (1 - 1e-12);
      let cumulative = 0;
      let keep = order.length;
      for (let j = 0; j < order.length; j++) {
        cumulative += p[order[j] as number] as number;
        if (cumulative >= target) {
          keep = j + 1;
          break;
        }
      }
      for (let j = keep; j < order.length; j++) p[order[j] as number] = 0;
      mass = sumOf(p);
    }
  }
  if (minP !== undefined && minP > 0) {
    let pmax = 0;
    for (let i = 0; i < n; i++) if ((p[i] as number) > pmax) pmax = p[i] as number;
    const threshold = minP * pmax;
    for (let i = 0; i < n; i++) if ((p[i] as number) < threshold) p[i] = 0;
    mass = sumOf(p);
  }
  return { p, mass };
}

/** Indices of the states with p > 0, most probable first, ties by lower index. */
function byProbability(p: Float64Array): number[] {
  const order: number[] = [];
  for (let i = 0; i < p.length; i++) if ((p[i] as number) > 0) order.push(i);
  order.sort((a, b) => (p[b] as number) - (p[a] as number) || a - b);
  return order;
}

function sumOf(p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] as number;
  return s;
}
