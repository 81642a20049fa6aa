import { betaOf, ENERGIES, FINITE, INFINITE, scaleByBeta, scan } from "../internal/kernel.js";
import { boltzmannConstant, optionsOf, requiredNumber } from "../internal/validate.js";

/** Options of {@link energiesToLogits}. */
export interface EnergiesToLogitsOptions {
  /** Temperature T (required), nonzero. */
  temperature: number;
  /** Boltzmann's constant (default 1). */
  kB?: number;
}

/**
 * The bridge from physics to machine learning: zᵢ = −Eᵢ/(kB·T), the logits whose softmax at
 * τ = 1 is the Gibbs distribution of the energies at temperature T.
 *
 * Each logit is −Eᵢ·β with β = 1/(kB·T) held in double-double and kB·T formed exactly, so each
 * zᵢ is correctly rounded but for one last rounding.
 *
 * Edge cases: a +Infinity energy (masked) gives a −Infinity logit (masked); −Infinity or NaN is
 * a RangeError. T = ±0 is a RangeError (the logits would be infinite: use {@link gibbs}); at
 * T = ±Infinity every unmasked logit is 0. A quotient that overflows the double range is a
 * RangeError naming the index (shift the energies by the ground state: the distribution does
 * not change).
 *
 * @param energies - the Eᵢ; never modified.
 * @example
 * ```ts
 * energiesToLogits([-1, -2], { temperature: 1 })   // => Float64Array [1, 2]
 * energiesToLogits([0, 2], { temperature: 4 })     // => Float64Array [0, -0.5]
 * ```
 */
export function energiesToLogits(
  energies: ArrayLike<number>,
  options: EnergiesToLogitsOptions,
): Float64Array {
  const fn = "energiesToLogits";
  if (options === undefined) {
    throw new TypeError(`${fn}: options with a temperature are required, e.g. { temperature: 1 }`);
  }
  const opts = optionsOf(fn, options, ["temperature", "kB"]);
  const temperature = requiredNumber(fn, "options.temperature", opts.temperature);
  const kB = boltzmannConstant(fn, opts.kB);
  if (temperature === 0) {
    throw new RangeError(
      `${fn}: options.temperature is 0; the logits −E/(kB·T) would be infinite (use gibbs at T = 0)`,
    );
  }
  const S = scan(fn, "energies", energies, ENERGIES);
  const z = new Float64Array(S.n);
  const B = betaOf(ENERGIES, kB, temperature);
  for (let i = 0; i < S.n; i++) {
    const e = S.values[i] as number;
    if (e === Number.POSITIVE_INFINITY) {
      z[i] = Number.NEGATIVE_INFINITY;
      continue;
    }
    if (B.kind === INFINITE || e === 0) {
      z[i] = 0;
      continue;
    }
    // kB·T so small that β overflows: every nonzero energy gives an infinite logit.
    const zi = B.kind === FINITE ? scaleByBeta(e, B) + 0 : Number.NaN;
    if (!Number.isFinite(zi)) {
      throw new RangeError(
        `${fn}: −energies[${i}]/(kB·T) = ${-e}/${kB * temperature} overflows the double range; shift the energies by the ground state first (the distribution does not change)`,
      );
    }
    z[i] = zi;
  }
  return z;
}
