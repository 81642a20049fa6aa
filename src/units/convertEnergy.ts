import { allocate, describe, readVector } from "../internal/validate.js";
import { applyFactor, energyUnit, factorOf, over } from "./quantity.js";

/**
 * Converts energies from one unit to another, per particle: a number, or a vector (a new
 * Float64Array). Units as in {@link parseEnergy}: energies, energies per amount (÷ N_A),
 * wavenumbers (× h·c), frequencies (× h), with the exact CODATA 2018 constants.
 *
 * Exact: each result is the double nearest the exact product of the given double and the exact
 * factor (CODATA constants and powers of ten kept symbolic, applied in double-double with a
 * BigInt fallback near rounding boundaries), for every finite result, subnormal ones included,
 * and nothing overflows on the way: 1.2e299 meV is 1.2e296 eV, 1e305 eV is 1e308 meV.
 *
 * Edge cases: ±Infinity converts to ±Infinity (a masked level stays masked); NaN is a RangeError
 * (naming the index for a vector); a finite energy whose value in `to` is beyond the double range
 * (1e299 J is about 6e317 eV) is a RangeError naming it (and the index), never Infinity or NaN;
 * a unit that is not an energy is a RangeError naming `from` or `to`. Each entry of a vector is
 * read once.
 *
 * @param energies - a number or an array-like of numbers in `from`; never modified.
 * @example
 * ```ts
 * convertEnergy(1, "eV", "meV")                 // => 1000
 * convertEnergy([0, 1, 2], "kcal/mol", "kJ/mol") // => Float64Array [0, 4.184, 8.368]
 * convertEnergy(1, "meV", "cm^-1")              // => 8.065543937349211
 * ```
 */
export function convertEnergy(energies: number, from: string, to: string): number;
export function convertEnergy(energies: ArrayLike<number>, from: string, to: string): Float64Array;
export function convertEnergy(
  energies: number | ArrayLike<number>,
  from: string,
  to: string,
): number | Float64Array {
  const fn = "convertEnergy";
  const factor = factorOf(over(energyUnit(fn, "from", from), energyUnit(fn, "to", to)));
  const same = from.trim() === to.trim();
  const one = (x: number, name: string) => {
    const y = same ? x : applyFactor(x, factor);
    if (!Number.isFinite(y) && Number.isFinite(x)) {
      throw new RangeError(
        `${fn}: ${name} = ${x} ${from} is about 1e${Math.round(Math.log10(Math.abs(x)) + factor.log10)} ${to}, beyond the double range (largest magnitude about 1.8e308)`,
      );
    }
    return y;
  };
  if (typeof energies === "number") {
    if (Number.isNaN(energies)) throw new RangeError(`${fn}: energies is NaN`);
    return one(energies, "energies");
  }
  if (energies === null || typeof energies !== "object") {
    throw new TypeError(
      `${fn}: energies must be a number or an array of numbers, got ${describe(energies)}`,
    );
  }
  const v = readVector(fn, "energies", energies);
  const out = allocate(fn, "the result", v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (Number.isNaN(x)) throw new RangeError(`${fn}: energies[${i}] is NaN`);
    out[i] = one(x, `energies[${i}]`);
  }
  return out;
}
