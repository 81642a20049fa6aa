/**
 * Shared plumbing of the models' closed forms: temperature checks, the T = 0 and T = ±∞ limits,
 * negative temperatures by mirroring the spectrum, and the assembly of a state from a shifted
 * log-partition function.
 * @internal
 */
import type { Spectrum } from "../boltzmann/mergeLevels.js";
import { thermodynamics } from "../boltzmann/thermodynamics.js";
import { describe, optionsOf } from "../internal/validate.js";
import type { Jet } from "./jet.js";
import type { ClosedForms, ExactState } from "./types.js";

/** A temperature argument: a number (±0, ±Infinity and T < 0 allowed), not NaN. */
export function temperatureArgument(fn: string, temperature: unknown): number {
  if (typeof temperature !== "number") {
    throw new TypeError(`${fn}: temperature must be a number, got ${describe(temperature)}`);
  }
  if (Number.isNaN(temperature)) throw new RangeError(`${fn}: temperature is NaN`);
  return temperature;
}

/**
 * The state from R(β) = ln Z + β·E*, a jet in β, where E* is a reference energy below every level
 * (β > 0), so that R ≥ 0 and −R′ = ⟨E − E*⟩ ≥ 0:
 * ln Z = R − βE*, U = E* − R′, S = kB·(R − βR′) (two non-negative terms: no cancellation),
 * F = E* − kB·T·R, Var(E) = max(R″, 0), C = kB·(β·√Var)².
 */
export function shiftedState(
  temperature: number,
  kB: number,
  reference: number,
  R: Jet,
): ExactState {
  const beta = 1 / (kB * temperature);
  // A variance is ≥ 0; where it is ~0 to rounding (T → ∞) a −1e−300 must not become NaN.
  const variance = Math.max(R.dd, 0);
  const root = beta * Math.sqrt(variance);
  return {
    temperature,
    beta,
    logZ: R.v - beta * reference,
    freeEnergy: reference - kB * temperature * R.v,
    internalEnergy: reference - R.d,
    entropy: kB * (R.v - beta * R.d),
    heatCapacity: kB * root * root,
    energyVariance: variance,
  };
}

/**
 * A state computed for the mirrored spectrum (−E) at |T|, turned into the state at T < 0:
 * Z(β; E) = Z(−β; −E), so ln Z, S, C and Var(E) are unchanged and U, F change sign.
 */
export function unmirror(state: ExactState, temperature: number, kB: number): ExactState {
  return {
    ...state,
    temperature,
    beta: 1 / (kB * temperature),
    internalEnergy: -state.internalEnergy,
    freeEnergy: -state.freeEnergy,
  };
}

/** The limits T = ±0 and T = ±∞ of a finite spectrum: exactly the core's (CONTRACT.md). */
export function spectrumLimit(spectrum: Spectrum, temperature: number, kB: number): ExactState {
  const { probabilities: _, ...state } = thermodynamics(spectrum.energies, {
    temperature,
    kB,
    degeneracies: spectrum.degeneracies,
  });
  return state;
}

/** True at T = ±0 and T = ±∞, where the closed forms give way to the limits. */
export function isLimit(temperature: number): boolean {
  return temperature === 0 || !Number.isFinite(temperature);
}

/**
 * Refuses a parameter whose spectrum leaves the double range: `largest` is the largest |E| the
 * spectrum reaches (computed by the caller, e.g. N·(|J| + |h|)); when it is not finite, a level
 * would be ±Infinity — a masked state or an undefined distribution, never the model asked for —
 * so the parameter is a RangeError naming it (the CLI maps `options.coupling` to `--coupling`).
 */
export function finiteSpectrum(fn: string, parameters: string, largest: number, how: string): void {
  if (!Number.isFinite(largest)) {
    throw new RangeError(
      `${fn}: ${parameters} make${/ and /.test(parameters) ? "" : "s"} the energies overflow the double range (${how} is beyond 1.8e308); use a smaller value`,
    );
  }
}

/**
 * True when a closed-form state cannot be right for a finite spectrum: a NaN anywhere (an
 * intermediate overflowed: βJ beyond the double range, J² in Var(E) for J ~ 1e300, a field of
 * 5e−324), or an entropy, heat capacity or internal energy that is not finite (each is finite for
 * a finite spectrum at any temperature).
 */
function broken(state: ExactState): boolean {
  for (const v of Object.values(state)) if (Number.isNaN(v)) return true;
  return (
    !Number.isFinite(state.entropy) ||
    !Number.isFinite(state.heatCapacity) ||
    !Number.isFinite(state.internalEnergy)
  );
}

/**
 * The closed-form methods of a model, each checking its temperature. For a model with a finite
 * spectrum (`exactSpectrum`), a closed-form state that overflowed on the way (see `broken`) is
 * replaced by the core's sum over that exact spectrum at the same T, which is the exact answer
 * to a few ulp: extreme parameters give the right finite numbers, never NaN.
 */
export function closedForms(
  model: string,
  evaluate: (temperature: number) => ExactState,
  exactSpectrum?: { spectrum: Spectrum; kB: number },
): ClosedForms {
  const safe =
    exactSpectrum === undefined
      ? evaluate
      : (T: number) => {
          const state = evaluate(T);
          return broken(state) ? spectrumLimit(exactSpectrum.spectrum, T, exactSpectrum.kB) : state;
        };
  const at = (method: string, temperature: number) =>
    safe(temperatureArgument(`${model}.${method}`, temperature));
  return {
    exact: (T) => at("exact", T),
    logZ: (T) => at("logZ", T).logZ,
    freeEnergy: (T) => at("freeEnergy", T).freeEnergy,
    internalEnergy: (T) => at("internalEnergy", T).internalEnergy,
    entropy: (T) => at("entropy", T).entropy,
    heatCapacity: (T) => at("heatCapacity", T).heatCapacity,
  };
}

/** A finite, positive number option (with a default when given). */
export function positiveOption(
  fn: string,
  name: string,
  value: unknown,
  fallback?: number,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined) throw new TypeError(`${fn}: ${name} is required (a number > 0)`);
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  }
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be finite and > 0, got ${value}`);
  }
  return value;
}

/**
 * An energy scale of a model (a gap, a quantum, a coupling, a field): 0 or a normal double. A
 * subnormal one (below 2.2e−308) is a RangeError naming it: its multiples, the levels, would be
 * rounded to a few bits (ε·m for ε = 5e−324 is not ε times m), a silently wrong spectrum.
 */
export function normalEnergy(fn: string, name: string, value: number): number {
  if (value !== 0 && Math.abs(value) < 2 ** -1022) {
    throw new RangeError(
      `${fn}: ${name} = ${value} is subnormal, so its multiples (the levels) would lose their precision; use a larger energy unit`,
    );
  }
  return value;
}

/** A finite number option (any sign). */
export function finiteOption(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${name} must be finite, got ${value}`);
  return value;
}

/** A boolean option. */
export function booleanOption(
  fn: string,
  name: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new TypeError(`${fn}: ${name} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** The options object of a model (TypeError when it is not an object, or names an option the model does not have). */
export function modelOptions<T extends object>(
  fn: string,
  options: T | undefined,
  known: readonly string[],
): Partial<T> {
  return optionsOf(fn, options, known);
}
