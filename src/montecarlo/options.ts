/**
 * Argument checks of the Monte Carlo module: one message shape everywhere, naming the function
 * and the option (CONTRACT.md, "Edge cases").
 * @internal
 */
import {
  checkKnownOptions,
  describe,
  integerOption,
  requiredNumber,
} from "../internal/validate.js";

/** The single-spin and cluster updates. */
export type IsingAlgorithm = "metropolis" | "heatBath" | "wolff";

/** The algorithms, in the order the docs list them. */
export const ALGORITHMS: readonly IsingAlgorithm[] = ["metropolis", "heatBath", "wolff"];

/**
 * Largest side L: an L×L lattice of 4096² spins is 16 MB of spins plus 64 MB of cluster stack,
 * so memory stays bounded whatever a caller passes.
 */
export const MAX_SIZE = 4096;

/** Most sweeps one {@link simulateIsing} call records: the two Float64Array results take 256 MB. */
export const MAX_SWEEPS = 2 ** 24;

/** An options object; TypeError for anything else, and for a key the function does not know. */
export function optionsObject(
  fn: string,
  options: unknown,
  known: readonly string[],
  required: string,
): Record<string, unknown> {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${fn}: options { ${required} } are required, got ${describe(options)}`);
  }
  checkKnownOptions(fn, options, known);
  return options as Record<string, unknown>;
}

/** The side L: an integer in [2, MAX_SIZE]. */
export function sizeOption(fn: string, value: unknown): number {
  return integerOption(fn, "options.size", value, 2, MAX_SIZE);
}

/** The seed: an integer in [0, 2³² − 1]. */
export function seedOption(fn: string, value: unknown): number {
  return integerOption(fn, "options.seed", value, 0, 2 ** 32 - 1);
}

/** A finite number (coupling J, field h), with its default. */
export function finiteOption(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const v = requiredNumber(fn, name, value);
  if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name} must be finite, got ${v}`);
  return v;
}

/**
 * The temperature T (units of J/kB): finite and > 0. The three limits are refused with what
 * they mean, because a Markov chain has nothing to do there (or is not defined).
 */
export function temperatureOption(fn: string, name: string, value: unknown): number {
  const T = requiredNumber(fn, name, value);
  if (T > 0 && Number.isFinite(T)) return T;
  if (T === 0) {
    throw new RangeError(
      `${fn}: ${name} is 0; at T = 0 the Gibbs distribution sits on the ground states (all spins aligned), so there is nothing to sample: use a small T > 0`,
    );
  }
  if (T === Number.POSITIVE_INFINITY) {
    throw new RangeError(
      `${fn}: ${name} is +Infinity; at T = ∞ every state is equally likely (independent fair coins: start "hot" gives one), so there is nothing to sample: use a large finite T`,
    );
  }
  if (T === Number.NEGATIVE_INFINITY) {
    throw new RangeError(`${fn}: ${name} is -Infinity; it must be finite and > 0`);
  }
  throw new RangeError(
    `${fn}: ${name} is ${T}; it must be > 0 (a negative temperature has the Gibbs weights of |T| with coupling −J and field −h: simulate that)`,
  );
}

/** The algorithm name. */
export function algorithmOption(fn: string, name: string, value: unknown): IsingAlgorithm {
  if (value === undefined) return "metropolis";
  if (typeof value === "string" && (ALGORITHMS as readonly string[]).includes(value)) {
    return value as IsingAlgorithm;
  }
  throw new RangeError(
    `${fn}: ${name} must be "metropolis", "heatBath" or "wolff", got ${describe(value)}`,
  );
}

/** The starting state: "cold" (every spin +1, the default) or "hot" (independent fair coins). */
export function startOption(fn: string, value: unknown): "cold" | "hot" {
  if (value === undefined) return "cold";
  if (value === "cold" || value === "hot") return value;
  throw new RangeError(`${fn}: options.start must be "cold" or "hot", got ${describe(value)}`);
}
