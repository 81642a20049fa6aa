/**
 * Quantities: parsing "300 K" or "4.2 kJ/mol" into a number and a mathjs unit, classifying the
 * unit's dimension, and the exact factors that turn an energy-like unit into joules per particle.
 *
 * Factors are exact (scaled.ts): the powers of ten of SI prefixes and of the CODATA constants
 * (kB = 1.380649·10⁻²³, …) are applied at the end, so "0.1 eV" in meV is 100, not
 * 100.00000000000001.
 * @internal
 */
import type { Unit } from "mathjs";
import { describe } from "../internal/validate.js";
import { mathjs } from "./mathjs.js";
import {
  apply,
  applyFactor,
  applyToDecimal,
  decimalLog10,
  type Factor,
  factorOf,
  over,
  power,
  type Scaled,
  scaled,
  times,
} from "./scaled.js";

export {
  apply,
  applyFactor,
  applyToDecimal,
  decimalLog10,
  type Factor,
  factorOf,
  over,
  type Scaled,
};

// kB = 1.380649·10⁻²³ J/K exactly; the others stay symbolic.
const KB = scaled(1380649, -29);
const NA = scaled(1, 0, { avogadro: 1 });
const H = scaled(1, 0, { planck: 1 });
const HBAR = scaled(1, 0, { planck: 1, twoPi: -1 });
const HC = scaled(1, 0, { planck: 1, speedOfLight: 1 });
const HBAR_C = scaled(1, 0, { planck: 1, speedOfLight: 1, twoPi: -1 });

// Base units whose SI value is a short decimal, so that it stays exact as m·10^k.
const BASES: Record<string, Scaled> = {
  J: scaled(1),
  joule: scaled(1),
  eV: scaled(1602176634, -28),
  electronvolt: scaled(1602176634, -28),
  cal: scaled(4184, -3),
  calorie: scaled(4184, -3),
  erg: scaled(1, -7),
  Wh: scaled(3600),
  Hz: scaled(1),
  hertz: scaled(1),
  m: scaled(1),
  meter: scaled(1),
  s: scaled(1),
  second: scaled(1),
  mol: scaled(1),
  mole: scaled(1),
  K: scaled(1),
  kelvin: scaled(1),
};

/** The SI value of one unit (valueless), as m·10^k. */
export function siValue(unit: Unit): Scaled {
  let total = scaled(1);
  for (const c of unit.units) {
    const base = BASES[c.unit.name] ?? scaled(Number((c.unit as { value?: unknown }).value));
    // mathjs' types call the prefix a string; at run time it is { name, value }.
    const p = Number((c.prefix as unknown as { value: number }).value);
    const k = Math.round(Math.log10(p));
    // An SI prefix is exactly 10^k; mathjs holds it as the double nearest 10^k (1e-24 for yocto,
    // which neither 10 ** -24 nor 1 / 10 ** 24 reproduces), so compare with that literal.
    const decimal = p === Number(`1e${k}`);
    const prefix = decimal ? scaled(1, k) : scaled(p);
    let factor = times(base, prefix);
    if (c.power !== 1) {
      const n = c.power;
      factor = Number.isInteger(n) ? power(factor, n) : scaled(apply(1, factor) ** n);
    }
    total = times(total, factor);
  }
  return total;
}

/** The dimension names used in messages, by the dimension vector of a reference unit. */
const NAMED: [string, string][] = [
  ["a temperature", "K"],
  ["an energy", "J"],
  ["an energy per amount of substance", "J/mol"],
  ["a wavenumber (inverse length)", "m^-1"],
  ["a frequency", "Hz"],
  ["an angular frequency", "rad/s"],
  ["a length", "m"],
  ["a mass", "kg"],
  ["a time", "s"],
  ["a power", "W"],
  ["a force", "N"],
  ["a pressure", "Pa"],
  ["an electric charge", "C"],
  ["an electric current", "A"],
  ["a voltage", "V"],
  ["an amount of substance", "mol"],
  ["an angle", "rad"],
  ["an area", "m^2"],
  ["a volume", "m^3"],
  ["a speed", "m/s"],
  ["an energy per temperature (a heat capacity or kB)", "J/K"],
  ["a magnetic flux density", "T"],
];

let named: { name: string; dims: number[] }[] | undefined;

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] as number)) < 1e-12);
}

/** "a length", "an energy", …, or "of dimension kg m^2 / s^3". */
export function dimensionName(unit: Unit): string {
  if (named === undefined) {
    const { math } = mathjs();
    named = NAMED.map(([name, u]) => ({ name, dims: math.unit(u).dimensions }));
  }
  if (unit.dimensions.every((d) => d === 0)) return "a plain number (no unit)";
  const hit = named.find((n) => sameDims(n.dims, unit.dimensions));
  if (hit !== undefined) return hit.name;
  const { math } = mathjs();
  return `of dimension ${math.unit(1, unit.formatUnits()).toSI().formatUnits()}`;
}

/** Typographic variants people type, rewritten for mathjs. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/[\u2212\u2012\u2013]/g, "-")
    .replace(/(?:°|º)\s*C\b|℃/g, "degC")
    .replace(/(?:°|º)\s*F\b|℉/g, "degF")
    .replace(/(?:°|º)\s*R\b/g, "degR")
    .replace(/[µμ]/g, "u")
    .replace(/\b([A-Za-z]+)-1\b/g, "$1^-1")
    .replace(/\s*·\s*/g, " ");
}

const NUMBER = /^([+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|∞))\s*(.*)$/is;
const INFINITY = /^([+-]?)(?:inf(?:inity)?|∞)$/i;

/** The number a quantity's text holds: a decimal, or ±Infinity written as inf, Infinity or ∞. */
function numberOf(text: string): number {
  const inf = INFINITY.exec(text);
  if (inf !== null) return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return Number(text);
}

/** True when the text writes an infinity (so an infinite result is what the user asked for). */
export function writesInfinity(text: string): boolean {
  return INFINITY.test(text);
}

/**
 * A RangeError for a quantity whose finite written number gives a value beyond the double range
 * (about ±1.8e308): "1e999 K" is refused, never silently read as Infinity; "Infinity K" is the
 * way to ask for the limit. `unit` is the unit the value overflowed in, `estimate` its log₁₀.
 */
export function overflowError(
  fn: string,
  name: string,
  text: string,
  unit: string,
  estimate?: number,
): RangeError {
  const about =
    estimate === undefined || !Number.isFinite(estimate)
      ? `beyond the double range in ${unit}`
      : `about 1e${Math.round(estimate)} ${unit}, beyond the double range`;
  const written = NUMBER.exec(normalise(text));
  const unitText = written === null ? "" : ` ${(written[2] as string).trim()}`;
  return new RangeError(
    `${fn}: ${name} ${JSON.stringify(text)} is ${about} (largest magnitude about 1.8e308); write "Infinity${unitText}" if the infinite limit is meant`,
  );
}

/**
 * Parses a unit (no number), e.g. "meV" or "kJ/mol". `whole` is the text the user gave, when the
 * unit is part of a quantity, for the message.
 */
export function parseUnit(
  fn: string,
  name: string,
  text: unknown,
  expected: string,
  whole?: string,
): Unit {
  if (typeof text !== "string") {
    throw new TypeError(
      `${fn}: ${name} must be a string such as ${expected}, got ${describe(text)}`,
    );
  }
  const t = normalise(text);
  if (t === "") throw new RangeError(`${fn}: ${name} is empty; expected ${expected}`);
  let unit: Unit;
  const given = whole === undefined ? "" : ` ${JSON.stringify(whole)}`;
  try {
    unit = mathjs().math.unit(t);
  } catch (error) {
    const why = (error as Error).message.replace(/\.$/, "");
    throw new RangeError(
      `${fn}: ${name}${given} has a unit mathjs does not know, ${JSON.stringify(text)} (${why}); expected ${expected}`,
    );
  }
  if (unit.value !== null && unit.value !== undefined) {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(text)} holds a number; give the unit alone, e.g. ${expected}`,
    );
  }
  return unit;
}

/** A quantity as typed: its number (and the decimal text it was written as) and its unit. */
export interface Quantity {
  value: number;
  text: string;
  unit: Unit;
  unitText: string;
}

/** Parses "300 K", "4.2 kJ/mol", "1200 cm^-1" into the number and the unit. */
export function parseQuantity(fn: string, name: string, text: string, expected: string): Quantity {
  const t = normalise(text);
  const m = NUMBER.exec(t);
  if (m === null) {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(text)} is not a quantity (a number followed by a unit); expected ${expected}`,
    );
  }
  const value = numberOf(m[1] as string);
  const unitText = (m[2] as string).trim();
  if (unitText === "") {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(text)} has no unit; expected ${expected}`,
    );
  }
  const unit = parseUnit(fn, name, unitText, expected, text);
  return { value, text: m[1] as string, unit, unitText };
}

const ENERGY = [1, 2, -2, 0, 0, 0, 0];
const MOLAR = [1, 2, -2, 0, 0, 0, -1];
const WAVENUMBER = [0, -1, 0, 0, 0, 0, 0];
const FREQUENCY = [0, 0, -1, 0, 0, 0, 0];

/**
 * Joules per particle in one `unit`, as m·10^k, or undefined when the unit is not energy-like:
 * an energy (J, eV, cal, …), an energy per amount (÷ N_A), a wavenumber (× h·c; × ħ·c with a
 * radian, rad/m), a frequency (× h; × ħ for rad/s).
 */
export function joulesPerUnit(unit: Unit): Scaled | undefined {
  const perSI = joulesPerSI(unit.dimensions);
  return perSI === undefined ? undefined : times(siValue(unit), perSI);
}

/**
 * Joules per particle in one SI unit of the dimension `d` (mathjs' dimension vector): 1 for an
 * energy, 1/N_A for an energy per amount, h·c for a wavenumber, h for a frequency (ħ·c and ħ with
 * a radian: a radian is 1 in the SI, so J·rad is an energy, ħ·ω with ω in rad/s); undefined for
 * anything else.
 */
export function joulesPerSI(d: readonly number[]): Scaled | undefined {
  const core = d.slice(0, 7);
  const angle = d[7] ?? 0;
  const bits = d[8] ?? 0;
  if (bits !== 0) return undefined;
  if (sameDims(core, ENERGY)) return scaled(1);
  if (sameDims(core, MOLAR)) return over(scaled(1), NA);
  if (sameDims(core, WAVENUMBER) && (angle === 0 || angle === 1)) {
    return angle === 0 ? HC : HBAR_C;
  }
  if (sameDims(core, FREQUENCY) && (angle === 0 || angle === 1)) {
    return angle === 0 ? H : HBAR;
  }
  return undefined;
}

export const ENERGY_UNITS = `"meV", "eV", "J", "kJ/mol", "kcal/mol", "cm^-1" or "THz"`;

/** Joules per particle in one `unit`, with a message naming `name` when it is not an energy. */
export function energyUnit(fn: string, name: string, text: unknown): Scaled {
  const unit = parseUnit(fn, name, text, `an energy unit such as ${ENERGY_UNITS}`);
  const J = joulesPerUnit(unit);
  if (J === undefined) {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(text)} is ${dimensionName(unit)}, expected an energy unit such as ${ENERGY_UNITS}`,
    );
  }
  return J;
}

/**
 * Kelvin from a temperature quantity ("300 K", "25 degC", "-40 degF", "4.2 mK"), times an
 * optional exact factor (thermalEnergy's kB/unit): without an offset the written decimal is
 * converted in one exact rounding; an offset scale (°C, °F) goes through mathjs. A finite written
 * number whose value is beyond the double range is a RangeError; "Infinity K" is +Infinity.
 */
export function kelvin(
  fn: string,
  name: string,
  text: unknown,
  factor?: Scaled,
  unitName = "the requested unit",
): number {
  const expected = `a temperature such as "300 K", "25 degC" or "77 K"`;
  const f = factor === undefined ? undefined : factorOf(factor);
  if (typeof text === "number") {
    if (Number.isNaN(text)) throw new RangeError(`${fn}: ${name} is NaN`);
    return f === undefined ? text : applyFactor(text, f);
  }
  if (typeof text !== "string") {
    throw new TypeError(
      `${fn}: ${name} must be a string such as "300 K" or a number in kelvin, got ${describe(text)}`,
    );
  }
  const q = parseQuantity(fn, name, text, expected);
  const { math } = mathjs();
  const K = math.unit("K");
  if (!q.unit.equalBase(K)) {
    throw new RangeError(
      `${fn}: ${name} ${JSON.stringify(text)} is ${dimensionName(q.unit)}, expected ${expected}`,
    );
  }
  const offset = q.unit.units.some((c) => Number(c.unit.offset) !== 0);
  let value: number;
  if (offset) {
    value = math.unit(q.value, q.unitText).toNumber("K");
    if (value < 0) {
      throw new RangeError(
        `${fn}: ${name} ${JSON.stringify(text)} is below absolute zero (${value} K); a negative absolute temperature must be given in kelvin, e.g. "-300 K"`,
      );
    }
    if (f !== undefined) value = applyFactor(value, f);
  } else {
    const g = factorOf(factor === undefined ? siValue(q.unit) : times(siValue(q.unit), factor));
    value = applyToDecimal(q.text, g) ?? applyFactor(q.value, g);
  }
  if (!Number.isFinite(value) && !writesInfinity(q.text)) {
    throw overflowError(fn, name, text, factor === undefined ? "K" : unitName);
  }
  return value;
}

/** kB = 1380649·10⁻²⁹ J/K, exactly. */
export const BOLTZMANN_SCALED = KB;
