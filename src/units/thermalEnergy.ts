import { BOLTZMANN_SCALED, energyUnit, kelvin, over } from "./quantity.js";

/**
 * The thermal energy kB·T in `unit`, for a temperature with its unit ("300 K", "25 degC") or in
 * kelvin: the energy scale against which a spectrum is measured (β·E = E/(kB·T)). At room
 * temperature kB·T ≈ 25.85 meV ≈ 2.494 kJ/mol ≈ 208.5 cm⁻¹.
 *
 * Computed as T·kB/unit with kB = 1.380649e−23 J/K exactly and the unit's exact factor, rounded
 * once: the result is the double nearest the exact value of the written temperature times the
 * exact factor (25.85199978643553 meV at 300 K; plain doubles give 25.851999786435535). A kB·T
 * beyond the double range (1e308 K in yJ) is a RangeError, never Infinity.
 *
 * Edge cases: as {@link parseTemperature} for the temperature (negative kelvin allowed, below
 * absolute zero in °C a RangeError) and {@link boltzmannConstant} for the unit.
 *
 * @param temperature - e.g. "300 K", or a number in kelvin.
 * @param unit - an energy unit (default "J").
 * @example
 * ```ts
 * thermalEnergy("300 K", "meV")    // => 25.85199978643553
 * thermalEnergy("25 degC", "kJ/mol") // => 2.4789570296023884
 * thermalEnergy(300, "cm^-1")      // => 208.51044014583823
 * ```
 */
export function thermalEnergy(temperature: string | number, unit = "J"): number {
  const fn = "thermalEnergy";
  const factor = over(BOLTZMANN_SCALED, energyUnit(fn, "unit", unit));
  const kT = kelvin(fn, "temperature", temperature, factor, `${unit} (as kB·T)`);
  if (!Number.isFinite(kT) && typeof temperature === "number" && Number.isFinite(temperature)) {
    throw new RangeError(
      `${fn}: kB·T at ${temperature} K is beyond the double range in ${JSON.stringify(unit)}`,
    );
  }
  return kT;
}
