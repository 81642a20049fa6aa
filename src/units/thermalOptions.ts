import { boltzmannConstant } from "./boltzmannConstant.js";
import { kelvin } from "./quantity.js";

/** The temperature and Boltzmann constant to pass to the core's Boltzmann-side functions. */
export interface ThermalOptions {
  /** T in kelvin. */
  temperature: number;
  /** kB in the energy unit per kelvin. */
  kB: number;
}

/**
 * The core's `{ temperature, kB }` options for a temperature with its unit and energies in
 * `unit`: T in kelvin and kB in `unit` per kelvin, so that `thermodynamics(E, thermalOptions(
 * "300 K", "meV"))` reads E in meV at 300 K and returns U and F in meV, S and C in meV/K.
 * Spread it to add degeneracies: `{ ...thermalOptions("300 K", "meV"), degeneracies }`.
 *
 * Edge cases: as {@link parseTemperature} and {@link boltzmannConstant}.
 *
 * @param temperature - e.g. "300 K", "25 degC", or a number in kelvin.
 * @param unit - the energy unit of the spectrum (default "J").
 * @example
 * ```ts
 * thermalOptions("300 K", "meV")  // => { temperature: 300, kB: 0.08617333262145177 }
 * ```
 */
export function thermalOptions(temperature: string | number, unit = "J"): ThermalOptions {
  return {
    temperature: kelvin("thermalOptions", "temperature", temperature),
    kB: boltzmannConstant(unit),
  };
}
