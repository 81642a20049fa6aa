import { apply, BOLTZMANN_SCALED, energyUnit, over } from "./quantity.js";

/**
 * Boltzmann's constant in `unit` per kelvin: kB = 1.380649e−23 J/K exactly (CODATA 2018),
 * e.g. 8.617333262e−5 eV/K, 0.0083144626 kJ/(mol·K) (the gas constant R), 0.695034800 cm⁻¹/K.
 * Pass it as the core's `kB` option to work with energies in that unit and temperatures in
 * kelvin: `gibbs(energiesInMeV, { temperature: 300, kB: boltzmannConstant("meV") })`.
 *
 * Edge cases: a unit that is not an energy ("K", "m") is a RangeError naming `unit` and the
 * expected dimension; a non-string is a TypeError.
 *
 * @param unit - an energy unit (default "J"): "meV", "eV", "J", "kJ/mol", "kcal/mol", "cm^-1", "THz", …
 * @see https://physics.nist.gov/cgi-bin/cuu/Value?k
 * @example
 * ```ts
 * boltzmannConstant()          // => 1.380649e-23
 * boltzmannConstant("eV")      // => 0.00008617333262145177
 * boltzmannConstant("kJ/mol")  // => 0.00831446261815324
 * ```
 */
export function boltzmannConstant(unit = "J"): number {
  return apply(1, over(BOLTZMANN_SCALED, energyUnit("boltzmannConstant", "unit", unit)));
}
