import { describe } from "../internal/validate.js";
import {
  applyFactor,
  applyToDecimal,
  decimalLog10,
  dimensionName,
  ENERGY_UNITS,
  energyUnit,
  factorOf,
  joulesPerUnit,
  over,
  overflowError,
  parseQuantity,
  writesInfinity,
} from "./quantity.js";

/**
 * Reads an energy with its unit and returns it as a plain number in `unit` (default "J"), per
 * particle. Accepted: energies ("25 meV", "0.1 eV", "2.5e-21 J", "1 kcal", "1 hartree"),
 * energies per amount of substance, divided by Avogadro's number ("4.2 kJ/mol",
 * "1 kcal/mol"), wavenumbers through E = h·c·ν̃ ("1200 cm^-1", also "1200 cm-1"), and
 * frequencies through E = h·ν ("2 THz"; angular ones through ħ: "1e13 rad/s").
 * Constants are the exact CODATA 2018 ones ({@link CODATA_2018}); the calorie is the
 * thermochemical one, 4.184 J.
 *
 * Conversions are exact: the written decimal times the exact factor, rounded once to the nearest
 * double, so "0.1 eV" in meV is 100, "25 meV" in eV 0.025, and "1e309 cm^-1" in J is finite and
 * right although 1e309 itself is not a double. "Infinity meV" (also "inf", "∞") is +Infinity, a
 * masked level.
 *
 * Edge cases: a number is taken as already in `unit` and returned unchanged. A string that is
 * not a quantity, a unit of another dimension ("5 K": use {@link thermalEnergy} for kB·T), or a
 * target unit that is not an energy is a RangeError naming the argument and the expected
 * dimension; a wrong type is a TypeError. A finite written energy whose value in `unit` is beyond
 * the double range ("1e308 eV" in meV is 1e311) is a RangeError, never Infinity or NaN.
 *
 * @param energy - e.g. "25 meV", "1200 cm^-1", "4.2 kJ/mol".
 * @param unit - the energy unit of the result, e.g. "meV", "eV", "J", "kJ/mol", "cm^-1".
 * @see https://physics.nist.gov/cuu/Constants/energy.html (energy equivalents)
 * @example
 * ```ts
 * parseEnergy("25 meV", "meV")      // => 25
 * parseEnergy("0.1 eV", "meV")      // => 100
 * parseEnergy("1200 cm^-1", "meV")  // => 148.7810381198403
 * parseEnergy("4.2 kJ/mol", "meV")  // => 43.52993255630113
 * parseEnergy("2.5e-21 J")          // => 2.5e-21
 * ```
 */
export function parseEnergy(energy: string | number, unit = "J"): number {
  const fn = "parseEnergy";
  const target = energyUnit(fn, "unit", unit);
  if (typeof energy === "number") {
    if (Number.isNaN(energy)) throw new RangeError(`${fn}: energy is NaN`);
    return energy;
  }
  if (typeof energy !== "string") {
    throw new TypeError(
      `${fn}: energy must be a string such as "25 meV" or a number in ${JSON.stringify(unit)}, got ${describe(energy)}`,
    );
  }
  const expected = `an energy such as "25 meV", "4.2 kJ/mol" or "1200 cm^-1"`;
  const q = parseQuantity(fn, "energy", energy, expected);
  const J = joulesPerUnit(q.unit);
  if (J === undefined) {
    const hint =
      dimensionName(q.unit) === "a temperature"
        ? `; for kB·T use thermalEnergy(${JSON.stringify(energy)}, unit)`
        : "";
    throw new RangeError(
      `${fn}: energy ${JSON.stringify(energy)} is ${dimensionName(q.unit)}, expected ${expected} (units: ${ENERGY_UNITS})${hint}`,
    );
  }
  const f = factorOf(over(J, target));
  const value =
    q.unitText === unit ? q.value : (applyToDecimal(q.text, f) ?? applyFactor(q.value, f));
  if (!Number.isFinite(value) && !writesInfinity(q.text)) {
    throw overflowError(fn, "energy", energy, unit, decimalLog10(q.text) + f.log10);
  }
  return value;
}
