import { LOGITS, scan } from "../internal/kernel.js";
import { boltzmannConstant, numberOption, optionsOf } from "../internal/validate.js";

/** Options of {@link logitsToEnergies}. */
export interface LogitsToEnergiesOptions {
  /** The softmax temperature τ (default 1). */
  temperature?: number;
  /** The energy ε of one logit unit, finite and > 0 (default 1). */
  energyScale?: number;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/** A spectrum with the temperature at which its Gibbs distribution is the given softmax. */
export interface EnergiesAtTemperature {
  energies: Float64Array;
  temperature: number;
}

/**
 * The bridge from machine learning to physics: logits z at softmax temperature τ become the
 * energies Eᵢ = −ε·zᵢ at the temperature T = ε·τ/kB, so that
 * `gibbs(energies, { temperature: T, kB })` equals `softmax(logits, { temperature: τ })`.
 *
 * A high logit is a low energy: the most probable class is the ground state. A −Infinity logit
 * (masked) becomes a +Infinity energy (masked). Only the energy differences matter on both sides
 * (adding a constant to every logit changes nothing), which is why any ε and kB give the same
 * distribution.
 *
 * Edge cases: a +Infinity or NaN logit is a RangeError, as in {@link softmax}; ε must be finite
 * and > 0; τ = 0 gives T = 0 and τ = ±Infinity gives T = ±Infinity. A product ε·z or ε·τ/kB that
 * overflows (or a nonzero T that underflows to 0) is a RangeError naming it, never a silent
 * change of distribution.
 *
 * @param logits - the zᵢ; never modified.
 * @example
 * ```ts
 * logitsToEnergies([1, 2, 3]).energies       // => Float64Array [-1, -2, -3]
 * logitsToEnergies([1, 2], { temperature: 2, energyScale: 0.5 }).temperature // => 1
 * ```
 */
export function logitsToEnergies(
  logits: ArrayLike<number>,
  options?: LogitsToEnergiesOptions,
): EnergiesAtTemperature {
  const fn = "logitsToEnergies";
  const opts = optionsOf(fn, options, ["temperature", "energyScale", "kB"]);
  const tau = numberOption(fn, "options.temperature", opts.temperature, 1);
  const scale = numberOption(fn, "options.energyScale", opts.energyScale, 1);
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`${fn}: options.energyScale must be finite and > 0, got ${scale}`);
  }
  const kB = boltzmannConstant(fn, opts.kB);
  const S = scan(fn, "logits", logits, LOGITS);
  const energies = new Float64Array(S.n);
  for (let i = 0; i < S.n; i++) {
    const z = S.values[i] as number;
    const e = -scale * z;
    if (!Number.isFinite(e) && Number.isFinite(z)) {
      throw new RangeError(
        `${fn}: options.energyScale·logits[${i}] = ${scale}·${z} overflows; use a smaller energyScale`,
      );
    }
    energies[i] = e;
  }
  const temperature = Number.isFinite(tau) && tau !== 0 ? (scale * tau) / kB : tau;
  if (Number.isFinite(tau) && tau !== 0 && (!Number.isFinite(temperature) || temperature === 0)) {
    throw new RangeError(
      `${fn}: the temperature energyScale·τ/kB = ${scale}·${tau}/${kB} is outside the double range`,
    );
  }
  return { energies, temperature };
}
