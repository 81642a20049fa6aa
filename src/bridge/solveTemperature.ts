import { scaleByPow2 } from "../internal/float.js";
import { ENERGIES, type Spectrum, scan } from "../internal/kernel.js";
import { thermodynamicState } from "../internal/thermo.js";
import { boltzmannConstant, describe, numberOption, optionsOf } from "../internal/validate.js";

/** Options of {@link solveTemperature}: exactly one target, plus the spectrum's options. */
export interface SolveTemperatureOptions {
  /** Target entropy S (in units of kB; nats when kB = 1). */
  entropy?: number;
  /** Target internal energy U = ⟨E⟩. */
  internalEnergy?: number;
  /** Boltzmann's constant (default 1). */
  kB?: number;
  /** Degeneracies gᵢ ≥ 0 (default all 1). */
  degeneracies?: ArrayLike<number>;
  /**
   * For an entropy target, which branch: "positive" (default, T > 0) or "negative" (T < 0, the
   * population-inverted state with the same entropy). An energy target picks its own branch.
   */
  branch?: "positive" | "negative";
}

const MAX_ITERATIONS = 400;

/**
 * The temperature at which a spectrum reaches a target entropy or internal energy: the inverse
 * of the thermodynamic curves S(T) and U(T).
 *
 * U(T) rises from the ground state E₀ (T = 0⁺) to the g-weighted mean (T = ±∞) and on to the top
 * level (T = 0⁻), so an energy target fixes T uniquely, negative above the mean. S(T) rises from
 * kB·ln g₀ to kB·ln Σg on each branch. The solver works in v = ln|β|, where both curves are
 * smooth and monotone: it brackets the root by doubling steps, then runs Newton with the exact
 * derivatives dU/dβ = −Var(E) and dS/dβ = −kB·β·Var(E) (that is, dU/dT = C), falling back to
 * bisection whenever a step leaves the bracket. It converges to within an ulp or two in a few
 * dozen evaluations of {@link thermodynamics}.
 *
 * For logits z at softmax temperature τ, pass the energies −z (kB = 1): the entropy of
 * softmax(z/τ) is the entropy of the spectrum at T = τ (see {@link identities}).
 *
 * Edge cases: the target at an end of its range gives that end (0 or Infinity); a target outside
 * the reachable range is a RangeError that names the range (an entropy above kB·ln Σg, the
 * maximum, at T = ∞); U equal to the top level is only reached as T → 0⁻ and is a RangeError; a
 * spectrum with a single energy (U and S do not depend on T) is a RangeError; exactly one of
 * `entropy` and `internalEnergy` must be given.
 *
 * @param energies - the levels Eᵢ; never modified.
 * @returns the temperature T.
 * @example
 * ```ts
 * solveTemperature([0, 1], { internalEnergy: 0.25 })       // => 0.9102392266268373
 * // (exactly 1/ln 3 = 0.91023922662683739…: U = 1/(1 + e^{1/T}) = 1/4)
 * solveTemperature([0, 1, 2, 3], { entropy: Math.log(4) })          // => Infinity
 * ```
 */
export function solveTemperature(
  energies: ArrayLike<number>,
  options: SolveTemperatureOptions,
): number {
  const fn = "solveTemperature";
  if (options === undefined) {
    throw new TypeError(`${fn}: options with a target are required, e.g. { entropy: 0.5 }`);
  }
  const opts = optionsOf(fn, options, [
    "entropy",
    "internalEnergy",
    "kB",
    "degeneracies",
    "branch",
  ]);
  const hasS = opts.entropy !== undefined;
  const hasU = opts.internalEnergy !== undefined;
  if (hasS === hasU) {
    throw new TypeError(
      `${fn}: give exactly one target, options.entropy or options.internalEnergy (got ${hasS ? "both" : "neither"})`,
    );
  }
  const kB = boltzmannConstant(fn, opts.kB);
  const branch = opts.branch ?? "positive";
  if (branch !== "positive" && branch !== "negative") {
    throw new RangeError(
      `${fn}: options.branch must be "positive" or "negative", got ${describe(branch)}`,
    );
  }
  const S = scan(fn, "energies", energies, ENERGIES, "options.degeneracies", opts.degeneracies);
  if (S.active === 0) {
    throw new RangeError(`${fn}: energies has no unmasked level; there is no temperature to find`);
  }
  if (S.lo === S.hi) {
    throw new RangeError(
      `${fn}: every level has the same energy ${S.lo}; U and S do not depend on the temperature`,
    );
  }
  const p = new Float64Array(S.n);
  const at = (T: number) => thermodynamicState(S, kB, T, p);
  const quantity = hasU ? "internalEnergy" : "entropy";
  const target = numberOption(
    fn,
    `options.${quantity}`,
    hasU ? opts.internalEnergy : opts.entropy,
    0,
  );
  const hot = at(Number.POSITIVE_INFINITY)[quantity];
  let sign: 1 | -1;
  if (hasU) {
    if (!(target >= S.lo && target < S.hi)) {
      throw new RangeError(
        target === S.hi
          ? `${fn}: internalEnergy ${target} is the top level, reached only in the limit T → 0⁻`
          : `${fn}: internalEnergy ${target} is outside the reachable range [${S.lo}, ${S.hi}) from the ground state to the top level`,
      );
    }
    if (target === S.lo) return 0;
    if (target === hot) return Number.POSITIVE_INFINITY;
    sign = target < hot ? 1 : -1;
  } else {
    sign = branch === "positive" ? 1 : -1;
    const cold = sign > 0 ? at(0).entropy : kB * Math.log(levelWeight(S, S.hi));
    if (!(target >= cold && target <= hot)) {
      throw new RangeError(
        `${fn}: entropy ${target} is outside the reachable range [${cold}, ${hot}] on the ${branch} branch, from kB·ln g at T → 0${sign > 0 ? "⁺" : "⁻"} to kB·ln Σg at T = ∞`,
      );
    }
    if (target === hot) return Number.POSITIVE_INFINITY;
    if (target === cold) {
      if (sign > 0) return 0;
      throw new RangeError(`${fn}: entropy ${target} is reached only in the limit T → 0⁻`);
    }
  }

  // Work in v = ln|β|, β = sign·e^v. On either branch the quantity falls as |β| grows when
  // sign > 0 and rises when sign < 0 (U), or falls on both (S): f(v)·dir decreases through 0.
  const dir = hasU ? sign : 1;
  const temperatureAt = (v: number) => sign / (kB * Math.exp(v));
  const f = (v: number) => at(temperatureAt(v))[quantity] - target;
  let lo = -Math.log((S.hi - S.lo) / kB);
  if (!Number.isFinite(lo)) lo = 0;
  let hi = lo;
  // Bracket: f(lo)·dir > 0 ≥ f(hi)·dir, doubling the step outwards.
  for (let step = 1; f(hi) * dir > 0; step *= 2) {
    lo = hi;
    hi += step;
    if (hi > 1500) return sign > 0 ? 0 : -Number.MIN_VALUE;
  }
  for (let step = 1; f(lo) * dir <= 0; step *= 2) {
    hi = lo;
    lo -= step;
    if (lo < -1500) return Number.POSITIVE_INFINITY;
  }
  // Safeguarded Newton with dU/dv = −β·Var(E) and dS/dv = −kB·β²·Var(E).
  let v = (lo + hi) / 2;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const state = at(temperatureAt(v));
    const fv = state[quantity] - target;
    if (fv === 0) break;
    if (fv * dir > 0) lo = v;
    else hi = v;
    const beta = state.beta;
    const slope = hasU ? -beta * state.energyVariance : -kB * beta * beta * state.energyVariance;
    let next = slope !== 0 && Number.isFinite(slope) ? v - fv / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    const done =
      Math.abs(next - v) <= 2e-16 * Math.max(1, Math.abs(v)) ||
      hi - lo <= 2e-16 * Math.max(1, Math.abs(v));
    v = next;
    if (done) break;
  }
  return temperatureAt(v);
}

/** Σ g over the levels at energy e. */
function levelWeight(S: Spectrum, e: number): number {
  let g = 0;
  for (let i = 0; i < S.n; i++) {
    if (S.values[i] !== e) continue;
    g +=
      S.mant === undefined || S.expo === undefined
        ? 1
        : scaleByPow2(S.mant[i] as number, S.expo[i] as number);
  }
  return g;
}
