import { allocate, optionsOf, readVector } from "../internal/validate.js";
import { thermalEnergy } from "./thermalEnergy.js";

/** Options of {@link toReduced}. */
export interface ToReducedOptions {
  /** The temperature: "300 K", "25 degC", or a number in kelvin. */
  temperature: string | number;
  /** The unit of the energies (default "J"). */
  unit?: string;
}

/**
 * Energies in reduced form, xᵢ = Eᵢ/(kB·T): dimensionless numbers the core can use with
 * temperature 1 (and −xᵢ are the logits whose softmax is the Gibbs distribution). This is where
 * units end: the core never sees them.
 *
 * Edge cases: ±Infinity stays ±Infinity (a masked level stays masked); NaN is a RangeError naming
 * the index; a finite energy whose quotient overflows (1e308 J at 1 K) is a RangeError naming the
 * index, never silently a masked level; the temperature and unit follow {@link thermalEnergy};
 * T = 0 K gives ±Infinity for nonzero energies (and NaN is refused: 0/0 is a RangeError).
 *
 * @param energies - the levels in `options.unit`; never modified.
 * @example
 * ```ts
 * toReduced([0, 25], { temperature: "300 K", unit: "meV" }) // => Float64Array [0, 0.9670431767958403]
 * ```
 */
export function toReduced(energies: ArrayLike<number>, options: ToReducedOptions): Float64Array {
  const fn = "toReduced";
  if (options === undefined) {
    throw new TypeError(`${fn}: options { temperature, unit } are required`);
  }
  const opts = optionsOf(fn, options, ["temperature", "unit"]);
  if (opts.temperature === undefined) {
    throw new TypeError(`${fn}: options.temperature is required, e.g. "300 K"`);
  }
  const kT = thermalEnergy(opts.temperature, opts.unit ?? "J");
  const v = readVector(fn, "energies", energies);
  const out = allocate(fn, "the result", v.length);
  for (let i = 0; i < v.length; i++) {
    const e = v[i] as number;
    const x = e / kT;
    if (Number.isNaN(x)) {
      throw new RangeError(
        Number.isNaN(e)
          ? `${fn}: energies[${i}] is NaN`
          : `${fn}: energies[${i}] / (kB·T) is 0/0 at T = 0`,
      );
    }
    if (!Number.isFinite(x) && Number.isFinite(e) && kT !== 0) {
      throw new RangeError(
        `${fn}: energies[${i}] / (kB·T) = ${e} / ${kT} is beyond the double range; a finite level must not become a masked (infinite) one`,
      );
    }
    out[i] = x;
  }
  return out;
}
