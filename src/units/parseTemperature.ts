import { kelvin } from "./quantity.js";

/**
 * Reads a temperature with its unit and returns it in kelvin: "300 K", "77 K", "4.2 mK",
 * "25 degC" (also "25 °C"), "-40 degF", "500 degR". mathjs parses the unit; offset scales are
 * converted exactly as defined (T/K = t/°C + 273.15).
 *
 * A number is taken as kelvin already and returned unchanged, so the function can sit between
 * a user's input and the core either way.
 *
 * Edge cases: a negative absolute temperature is allowed in kelvin ("-300 K": the population
 * inversion of a spin system) but a Celsius or Fahrenheit value below absolute zero is a
 * RangeError. A string that is not a quantity, has no unit, or has a unit of another dimension
 * ("300 parsecs", "5 meV") is a RangeError naming the argument and the expected dimension; a
 * value that is neither a string nor a number is a TypeError; NaN is a RangeError.
 *
 * @param temperature - e.g. "300 K", or a number in kelvin.
 * @returns the temperature in kelvin.
 * @see https://www.bipm.org/en/publications/si-brochure (the kelvin and the degree Celsius)
 * @example
 * ```ts
 * parseTemperature("300 K")   // => 300
 * parseTemperature("25 degC") // => 298.15
 * parseTemperature("-40 degF") // => 233.15
 * parseTemperature(77)        // => 77
 * ```
 */
export function parseTemperature(temperature: string | number): number {
  return kelvin("parseTemperature", "temperature", temperature);
}
