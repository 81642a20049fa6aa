import { sigmoid } from "../activators/sigmoid.js";
import { logPartitionFunction } from "../boltzmann/logPartitionFunction.js";
import { thermodynamics } from "../boltzmann/thermodynamics.js";
import { LOGITS, scan } from "../internal/kernel.js";
import { numberOption, optionsOf } from "../internal/validate.js";
import { entropy } from "../softmax/entropy.js";
import { logSumExp } from "../softmax/logSumExp.js";
import { softmax } from "../softmax/softmax.js";
import { logitsToEnergies } from "./logitsToEnergies.js";

/** Options of {@link identities}. */
export interface IdentitiesOptions {
  /** Softmax temperature τ = physical temperature T (kB = 1): finite and nonzero (default 1). */
  temperature?: number;
}

/** One side of an identity: what was computed, and how. */
export interface IdentitySide {
  label: string;
  value: number | Float64Array;
}

/** One identity between the softmax and the Boltzmann pictures, checked numerically. */
export interface Identity {
  /** A stable identifier, e.g. "softmax-is-gibbs". */
  id: string;
  /** The identity in words and symbols. */
  statement: string;
  /** Two or more sides, each computed by its own route. */
  sides: IdentitySide[];
  /** The largest |side − first side| over all sides and entries. */
  difference: number;
  /** The tolerance this identity is held to (tight for exact ones, loose for finite differences). */
  tolerance: number;
  /** difference ≤ tolerance. */
  holds: boolean;
  /** What else was checked or how (for example the perturbations of the variational principle). */
  note: string;
}

/**
 * The identities that make softmax and the Boltzmann–Gibbs distribution one function, each
 * evaluated at the given logits with every side computed by a different route, for teaching:
 *
 * 1. softmax(z/τ) = Gibbs(E = −z, T = τ), the Gibbs side as exp(−Eᵢ/T − ln Z);
 * 2. τ·LSE(z/τ) = −F (log-sum-exp is minus the free energy);
 * 3. H(softmax(z/τ)) = S/kB (Shannon entropy is Gibbs entropy);
 * 4. ∂(τ·LSE(z/τ))/∂zᵢ = pᵢ (the gradient of the free energy is the distribution), by central
 *    differences at up to eight of the most probable states;
 * 5. Var(E)/(kB·T²) = C = dU/dT (fluctuation–response), dU/dT by a five-point difference;
 * 6. sigmoid(x/τ) = softmax([x, 0]/τ)₀ = 1/(e^{(E−μ)/T} + 1) with E − μ = −x (x the first
 *    logit): the logistic function is the two-state softmax and the Fermi–Dirac occupancy;
 * 7. the Gibbs variational principle F = min_p (⟨E⟩_p − T·S(p)), attained at the Gibbs
 *    distribution: the functional at p = Gibbs equals F, and 32 seeded random perturbations of p
 *    all give more (for T < 0 the extremum is a maximum, and they all give less).
 *
 * Reduced units (kB = 1), so T = τ. Edge cases: as {@link softmax} (a −Infinity logit is masked,
 * +Infinity or NaN is a RangeError, every logit masked is a RangeError); the temperature must be
 * finite and nonzero (the limits are limits of these identities, not identities). Every error
 * names `identities`. Extreme inputs stay finite: the sides are formed relative to the dominant
 * logit c (the largest for τ > 0, the smallest for τ < 0), where only differences zᵢ − c enter —
 * the Gibbs side is exp(−(Eᵢ − E₀)/T − ln Z₀) with ln Z₀ = ln Z + E₀/T the log-partition function
 * measured from the ground state, the free energy is c + τ·LSE((z − c)/τ), the gradient is
 * differenced in y = (z − c)/τ (∂(τ·LSE(z/τ))/∂zᵢ = ∂LSE(y)/∂yᵢ), and dU/dT is differenced in
 * ln T on U(T·e^{kh}) − U(T) — so logits of 1e308 or a temperature of 1e−300 give the identities
 * that hold, not NaN or a false failure.
 *
 * @param logits - the zᵢ; never modified.
 * @see E. T. Jaynes, "Information theory and statistical mechanics", Phys. Rev. 106 (1957) 620.
 * @example
 * ```ts
 * identities([1, 2, 3, 4, 1, 2, 3]).every((identity) => identity.holds) // => true
 * identities([1, 2, 3]).map((identity) => identity.id)[0]              // => "softmax-is-gibbs"
 * ```
 */
export function identities(logits: ArrayLike<number>, options?: IdentitiesOptions): Identity[] {
  const fn = "identities";
  const opts = optionsOf(fn, options, ["temperature"]);
  const tau = numberOption(fn, "options.temperature", opts.temperature, 1);
  if (!Number.isFinite(tau) || tau === 0) {
    throw new RangeError(`${fn}: options.temperature must be finite and nonzero, got ${tau}`);
  }
  // One read of the logits, validated here so every message names this function.
  const S = scan(fn, "logits", logits, LOGITS);
  if (S.active === 0) {
    throw new RangeError(
      `${fn}: ${S.n === 0 ? "logits is empty" : "every logit is -Infinity"}; there is no distribution`,
    );
  }
  try {
    return sevenIdentities(S.values, tau, tau > 0 ? S.hi : S.lo);
  } catch (error) {
    // Every input was checked above; anything left is reported under this function's name.
    if (error instanceof Error) error.message = error.message.replace(/^(\w+):/, `${fn}: ($1)`);
    throw error;
  }
}

/** The seven identities for validated logits z at τ; c is the dominant logit. */
function sevenIdentities(z: Float64Array | Float32Array, tau: number, c: number): Identity[] {
  const p = softmax(z, { temperature: tau });
  const n = z.length;
  const { energies: E, temperature: T } = logitsToEnergies(z, { temperature: tau });
  const thermo = thermodynamics(E, { temperature: T });
  const out: Identity[] = [];
  const add = (
    id: string,
    statement: string,
    sides: IdentitySide[],
    tolerance: number,
    note: string,
  ) => {
    const difference = largestDifference(sides);
    out.push({ id, statement, sides, difference, tolerance, holds: difference <= tolerance, note });
  };

  // 1. softmax = Gibbs, the Gibbs side from ln Z₀ = ln Z + E₀/T, the log-partition function of
  // the levels measured from the ground state E₀ = −c (ln Z itself may not hold the digits).
  const E0 = -c;
  const shifted = E.map((e) => e - E0);
  const lnZ0 = logPartitionFunction(shifted, { temperature: T });
  const gibbsSide = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = shifted[i] as number;
    gibbsSide[i] = d === Number.POSITIVE_INFINITY ? 0 : Math.exp(-d / T - lnZ0);
  }
  add(
    "softmax-is-gibbs",
    "softmax(z/τ) = Gibbs distribution of E = −z at T = τ",
    [
      { label: "softmax(z/τ)", value: p },
      { label: "exp(−(Eᵢ − E₀)/T − ln Z₀)", value: gibbsSide },
    ],
    1e-12,
    "The Gibbs side uses ln Z₀ = ln Z + E₀/T from logPartitionFunction, not normalised weights.",
  );

  // 2. τ·LSE(z/τ) = −F, as c + τ·LSE((z − c)/τ) so that nothing overflows.
  const y = z.map((v) => (v - c) / tau);
  add(
    "lse-is-free-energy",
    "τ·LSE(z/τ) = −F = kB·T·ln Z",
    [
      { label: "c + τ·logSumExp((z − c)/τ)", value: c + tau * logSumExp(y) },
      { label: "−F", value: -thermo.freeEnergy },
    ],
    1e-12 * Math.max(1, Math.abs(thermo.freeEnergy)),
    "Log-sum-exp of the scaled logits (c: the dominant logit) against thermodynamics()' free energy.",
  );

  // 3. H = S/kB.
  add(
    "shannon-is-gibbs-entropy",
    "H(softmax(z/τ)) = S/kB",
    [
      { label: "H(p) = −Σ p ln p", value: entropy(p) },
      { label: "S/kB = (U − F)/T", value: thermo.entropy },
    ],
    1e-12 * Math.max(1, thermo.entropy),
    "Shannon entropy of the softmax output against the thermodynamic entropy.",
  );

  // 4. ∂(τ·LSE(z/τ))/∂zᵢ = ∂LSE(y)/∂yᵢ = pᵢ (y = (z − c)/τ ≤ 0) at up to eight of the most
  // probable states, differenced in y so that no value exceeds ln n + a few steps.
  const picked = Array.from({ length: n }, (_, i) => i)
    .filter((i) => (p[i] as number) > 0)
    .sort((a, b) => (p[b] as number) - (p[a] as number) || a - b)
    .slice(0, 8);
  const gradient = new Float64Array(picked.length);
  const exact = new Float64Array(picked.length);
  const work = Float64Array.from(y);
  picked.forEach((i, k) => {
    const yi = y[i] as number;
    const h = 6e-6 * Math.max(1, Math.abs(yi));
    const at = (delta: number) => {
      work[i] = yi + delta;
      const value = logSumExp(work);
      work[i] = yi;
      return value;
    };
    gradient[k] = (at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h);
    exact[k] = p[i] as number;
  });
  add(
    "gradient-is-distribution",
    "∂(τ·LSE(z/τ))/∂zᵢ = pᵢ",
    [
      { label: "pᵢ = softmax(z/τ)ᵢ", value: exact },
      { label: "five-point finite difference of LSE((z − c)/τ)", value: gradient },
    ],
    1e-6,
    `Checked at indices ${picked.join(", ")} (the most probable states).`,
  );

  // 5. Var(E)/(kB T²) = C = dU/dT, dU/dT = (1/T)·dU/d ln T differenced on U(T·e^{kh}) − U(T),
  // so neither T ± h nor U near ±1e308 overflows (a backward stencil where T·e^{2h} would).
  const U = (t: number) => thermodynamics(E, { temperature: t }).internalEnergy;
  const h = 1e-3;
  const U0 = thermo.internalEnergy;
  const d = (k: number) => U(T * Math.exp(k * h)) - U0;
  const dUdlnT = Number.isFinite(T * Math.exp(2 * h))
    ? (d(-2) - 8 * d(-1) + 8 * d(1) - d(2)) / (12 * h)
    : (-48 * d(-1) + 36 * d(-2) - 16 * d(-3) + 3 * d(-4)) / (12 * h);
  const dUdT = dUdlnT / T;
  add(
    "fluctuation-is-response",
    "Var(E)/(kB·T²) = C = dU/dT",
    [
      { label: "Var(E)/(kB·T²)", value: thermo.energyVariance / T / T },
      { label: "C (thermodynamics)", value: thermo.heatCapacity },
      { label: "dU/dT (five-point finite difference in ln T)", value: dUdT },
    ],
    1e-6 * Math.max(1, thermo.heatCapacity),
    "The fluctuation side is the variance of E; the response side differentiates U(T).",
  );

  // 6. sigmoid = two-state softmax = Fermi–Dirac.
  const x = z[0] as number;
  add(
    "sigmoid-is-fermi-dirac",
    "sigmoid(x/τ) = softmax([x, 0]/τ)₀ = 1/(e^{(E−μ)/T} + 1) with E − μ = −x",
    [
      { label: "sigmoid(x, τ)", value: sigmoid(x, tau) },
      { label: "softmax([x, 0]/τ)₀", value: softmax([x, 0], { temperature: tau })[0] as number },
      { label: "Fermi–Dirac 1/(e^{(E−μ)/T} + 1)", value: 1 / (Math.exp(-x / T) + 1) },
    ],
    1e-15,
    `x is the first logit, ${x}.`,
  );

  // 7. The Gibbs variational principle.
  const functional = (q: ArrayLike<number>) => {
    let energy = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const qi = q[i] as number;
      if (qi <= 0) continue;
      energy += qi * (E[i] as number);
      h -= qi * Math.log(qi);
    }
    return energy - T * h;
  };
  const atGibbs = functional(p);
  let seed = 0x9e3779b9;
  const uniform = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  let worst = Number.POSITIVE_INFINITY;
  const q = new Float64Array(n);
  for (let trial = 0; trial < 32; trial++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      q[i] = (p[i] as number) * Math.exp(0.5 * (2 * uniform() - 1));
      total += q[i] as number;
    }
    for (let i = 0; i < n; i++) q[i] = (q[i] as number) / total;
    const excess = (functional(q) - atGibbs) * Math.sign(T);
    if (excess < worst) worst = excess;
  }
  const extremum = T > 0 ? "minimum" : "maximum";
  const identity = {
    sides: [
      { label: "F = −kB·T·ln Z", value: thermo.freeEnergy },
      { label: "⟨E⟩ − T·S(p) at p = Gibbs", value: atGibbs },
    ],
  };
  const difference = largestDifference(identity.sides);
  const tolerance = 1e-12 * Math.max(1, Math.abs(thermo.freeEnergy));
  out.push({
    id: "gibbs-variational-principle",
    statement: `F = ${T > 0 ? "min" : "max"} over p of (⟨E⟩_p − T·S(p)), attained at the Gibbs distribution`,
    sides: identity.sides,
    difference,
    tolerance,
    holds: difference <= tolerance && !(worst < -tolerance),
    note: `32 random perturbations of p all gave a ${T > 0 ? "larger" : "smaller"} value (the Gibbs distribution is the ${extremum}); the closest came within ${Math.abs(worst).toPrecision(3)}.`,
  });
  return out;
}

function largestDifference(sides: IdentitySide[]): number {
  const first = sides[0]?.value;
  let worst = 0;
  for (const side of sides.slice(1)) {
    const a = first;
    const b = side.value;
    if (typeof a === "number" && typeof b === "number") {
      worst = Math.max(worst, a === b ? 0 : Math.abs(a - b));
    } else if (typeof a !== "number" && typeof b !== "number" && a !== undefined) {
      for (let i = 0; i < a.length; i++) {
        const d =
          (a[i] as number) === (b[i] as number) ? 0 : Math.abs((a[i] as number) - (b[i] as number));
        worst = Math.max(worst, d);
      }
    }
  }
  return worst;
}
