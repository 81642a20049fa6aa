import { checkVector, describe, needsTypeCheck } from "../internal/validate.js";
import { apply, energyUnit, over } from "./quantity.js";

/**
 * Converts energies from one unit to another, per particle: a number, or a vector (a new
 * Float64Array). Units as in {@link parseEnergy}: energies, energies per amount (÷ N_A),
 * wavenumbers (× h·c), frequencies (× h), with the exact CODATA 2018 constants.
 *
 * Edge cases: ±Infinity converts to ±Infinity (a masked level stays masked); NaN is a RangeError
 * (naming the index for a vector); a unit that is not an energy is a RangeError naming `from` or
 * `to`.
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
  const factor = over(energyUnit(fn, "from", from), energyUnit(fn, "to", to));
  const same = from.trim() === to.trim();
  const one = (x: number) => (same ? x : apply(x, factor));
  if (typeof energies === "number") {
    if (Number.isNaN(energies)) throw new RangeError(`${fn}: energies is NaN`);
    return one(energies);
  }
  const v = checkVector(fn, "energies", energies);
  const check = needsTypeCheck(v);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (check && typeof x !== "number") {
      throw new TypeError(`${fn}: energies[${i}] must be a number, got ${describe(x)}`);
    }
    if (Number.isNaN(x)) throw new RangeError(`${fn}: energies[${i}] is NaN`);
    out[i] = one(x as number);
  }
  return out;
}
