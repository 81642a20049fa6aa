/**
 * Physical units: parsing, conversions and kB·T against exact rational references (CODATA 2018
 * constants in Python fractions, test/fixtures/make_model_references.py), and the error messages
 * for bad units.
 */
import { describe, expect, it } from "vitest";
import { thermodynamics } from "../../src/index.js";
import { twoLevelSystem } from "../../src/models/index.js";
import {
  boltzmannConstant,
  CODATA_2018,
  convertEnergy,
  parseEnergy,
  parseTemperature,
  thermalEnergy,
  thermalOptions,
  toReduced,
} from "../../src/units/index.js";
import { ulpDistance } from "../helpers/ulp.js";
import { loadModelReferences } from "../models/fixtures.js";

const refs = loadModelReferences().units;
const ULPS = 1; // measured: 0 (every conversion is the double nearest the exact value)

describe("CODATA 2018", () => {
  it("holds the exact defining constants", () => {
    expect(CODATA_2018).toEqual({
      boltzmann: 1.380649e-23,
      planck: 6.62607015e-34,
      speedOfLight: 299792458,
      avogadro: 6.02214076e23,
      elementaryCharge: 1.602176634e-19,
    });
    expect(Object.isFrozen(CODATA_2018)).toBe(true);
  });
});

describe("against exact references (≤ 1 ulp; all are 0 today)", () => {
  it("kB·T in meV, eV, J, kJ/mol, cm⁻¹ and THz", () => {
    let worst = 0;
    for (const r of refs.thermalEnergy) {
      const d = ulpDistance(thermalEnergy(r.temperature, r.unit), r.value);
      worst = Math.max(worst, d);
      expect(d, `${r.temperature} K in ${r.unit}`).toBeLessThanOrEqual(ULPS);
    }
    console.log(`thermalEnergy: worst ${worst} ulp over ${refs.thermalEnergy.length} cases`);
  });
  it("kB in every energy unit", () => {
    for (const r of refs.boltzmannConstant) {
      expect(ulpDistance(boltzmannConstant(r.unit), r.value), r.unit).toBeLessThanOrEqual(ULPS);
    }
  });
  it("conversions between energies, molar energies, wavenumbers and frequencies", () => {
    let worst = 0;
    for (const r of refs.conversions) {
      const viaParse = parseEnergy(`${r.value} ${r.from}`, r.to);
      const viaConvert = convertEnergy(r.value, r.from, r.to);
      const d = Math.max(ulpDistance(viaParse, r.result), ulpDistance(viaConvert, r.result));
      worst = Math.max(worst, d);
      expect(d, `${r.value} ${r.from} → ${r.to}`).toBeLessThanOrEqual(ULPS);
    }
    console.log(`conversions: worst ${worst} ulp over ${refs.conversions.length} cases`);
  });
  it("the issue's example: kB·T at 300 K is 25.852 meV", () => {
    expect(thermalEnergy("300 K", "meV")).toBeCloseTo(25.852, 3);
    // 300·1.380649e−23 / 1.602176634e−22 = 25.8519978643553…
    expect(ulpDistance(thermalEnergy("300 K", "meV"), 25.85199978643553)).toBeLessThanOrEqual(1);
  });
});

describe("parseTemperature", () => {
  it("reads kelvin, Celsius, Fahrenheit and prefixes", () => {
    expect(parseTemperature("300 K")).toBe(300);
    expect(parseTemperature("77 K")).toBe(77);
    expect(parseTemperature("25 degC")).toBe(298.15);
    expect(parseTemperature("25 °C")).toBe(298.15);
    expect(parseTemperature("-40 degF")).toBe(233.15);
    expect(parseTemperature("4.2 mK")).toBe(0.0042);
    expect(parseTemperature("300 kelvin")).toBe(300);
    expect(parseTemperature(" 1e3 K ")).toBe(1000);
    expect(parseTemperature(300)).toBe(300);
  });
  it("allows negative absolute temperatures in kelvin only", () => {
    expect(parseTemperature("-300 K")).toBe(-300);
    expect(parseTemperature("−300 K")).toBe(-300);
    expect(() => parseTemperature("-300 degC")).toThrow(/below absolute zero.*"-300 K"/);
  });
  it("names the argument and the expected dimension for bad input", () => {
    expect(() => parseTemperature("300 parsecs")).toThrow(RangeError);
    expect(() => parseTemperature("300 parsecs")).toThrow(
      /parseTemperature: temperature "300 parsecs" has a unit mathjs does not know.*expected a temperature/,
    );
    expect(() => parseTemperature("300 m")).toThrow(
      /temperature "300 m" is a length, expected a temperature/,
    );
    expect(() => parseTemperature("5 meV")).toThrow(/is an energy, expected a temperature/);
    expect(() => parseTemperature("hot")).toThrow(/is not a quantity/);
    expect(() => parseTemperature("300")).toThrow(/has no unit/);
    expect(() => parseTemperature(Number.NaN)).toThrow(/temperature is NaN/);
    expect(() => parseTemperature({} as never)).toThrow(TypeError);
  });
});

describe("parseEnergy, convertEnergy", () => {
  it("reads the issue's list", () => {
    expect(parseEnergy("25 meV", "meV")).toBe(25);
    expect(parseEnergy("25 meV", "eV")).toBe(0.025);
    expect(parseEnergy("0.1 eV", "meV")).toBe(100);
    expect(parseEnergy("2.5e-21 J", "J")).toBe(2.5e-21);
    expect(parseEnergy("4.2 kJ/mol", "kJ/mol")).toBe(4.2);
    expect(parseEnergy("1200 cm^-1", "cm^-1")).toBe(1200);
    expect(parseEnergy("1200 cm-1", "meV")).toBe(parseEnergy("1200 cm^-1", "meV"));
    expect(parseEnergy("1 kcal/mol", "kJ/mol")).toBe(4.184);
  });
  it("uses h for frequencies and ħ for angular ones", () => {
    const hz = parseEnergy("1 THz", "J");
    expect(ulpDistance(hz, 6.62607015e-22)).toBeLessThanOrEqual(1);
    const w = parseEnergy(`${2 * Math.PI} THz`, "J");
    expect(parseEnergy(`${2 * Math.PI}e12 rad/s`, "J")).toBeCloseTo(hz, 35);
    expect(w / hz).toBeCloseTo(2 * Math.PI, 14);
  });
  it("is consistent both ways", () => {
    for (const unit of ["meV", "eV", "J", "kJ/mol", "kcal/mol", "cm^-1", "THz", "hartree"]) {
      const x = convertEnergy(1.2345, unit, "eV");
      expect(convertEnergy(x, "eV", unit)).toBeCloseTo(1.2345, 14);
    }
  });
  it("names the argument and the expected dimension for bad units", () => {
    expect(() => parseEnergy("5 K", "meV")).toThrow(
      /parseEnergy: energy "5 K" is a temperature, expected an energy.*thermalEnergy\("5 K", unit\)/,
    );
    expect(() => parseEnergy("1 eV", "K")).toThrow(
      /parseEnergy: unit "K" is a temperature, expected an energy unit/,
    );
    expect(() => parseEnergy("1 eV", "furlongs")).toThrow(/unit mathjs does not know/);
    expect(() => parseEnergy("3 W", "eV")).toThrow(/is a power, expected an energy/);
    expect(() => parseEnergy("twelve meV", "eV")).toThrow(/not a quantity/);
    expect(() => parseEnergy(12 as unknown as string, 5 as unknown as string)).toThrow(TypeError);
    expect(() => convertEnergy([1, Number.NaN], "eV", "meV")).toThrow(/energies\[1\] is NaN/);
    expect(() => convertEnergy(1, "eV", "m")).toThrow(/convertEnergy: to "m" is a length/);
  });
  it("keeps masked levels masked", () => {
    expect(convertEnergy([0, Number.POSITIVE_INFINITY], "eV", "meV")).toEqual(
      Float64Array.of(0, Number.POSITIVE_INFINITY),
    );
  });
});

describe("kB·T with the core", () => {
  it("thermalOptions plugs into thermodynamics: a 25 meV gap at 300 K", () => {
    const opts = thermalOptions("300 K", "meV");
    const t = thermodynamics([0, 25], opts);
    const m = twoLevelSystem({ gap: 25, kB: boltzmannConstant("meV") });
    expect(t.probabilities[1]).toBeCloseTo(
      1 / (1 + Math.exp(25 / thermalEnergy("300 K", "meV"))),
      15,
    );
    expect(Math.abs(t.heatCapacity / m.heatCapacity(300) - 1)).toBeLessThan(1e-14);
  });
  it("toReduced divides by kB·T and keeps masks", () => {
    const x = toReduced([0, 25, Number.POSITIVE_INFINITY], { temperature: "300 K", unit: "meV" });
    expect(x[1]).toBe(25 / thermalEnergy(300, "meV"));
    expect(x[2]).toBe(Number.POSITIVE_INFINITY);
    expect(() => toReduced([0, Number.NaN], { temperature: "300 K", unit: "meV" })).toThrow(
      /energies\[1\] is NaN/,
    );
    expect(() => toReduced([1], { temperature: "300 m", unit: "meV" })).toThrow(/is a length/);
  });
});
