/**
 * Unit conversions are exact for every finite result (issue 11): each conversion is the double
 * nearest the exact product, checked bit for bit against exact rational references
 * (test/fixtures/make_unit_references.py: CODATA 2018 constants as Python fractions, 2π from
 * mpmath at 120 digits, rounded once by exact integer division), over the whole double range,
 * subnormal results included; a result beyond the double range is a RangeError naming it, never
 * NaN or Infinity; a written number that overflows ("1e999 K") is refused unless the user wrote
 * infinity.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  convertEnergy,
  parseEnergy,
  parseTemperature,
  thermalEnergy,
  toReduced,
} from "../../src/units/index.js";
import { applyFactor, factorOf, scaled } from "../../src/units/scaled.js";

type Expected = number | "-0" | "overflow";
interface Fixture {
  convertEnergy: { x: number; from: string; to: string; expected: Expected }[];
  parseEnergy: { text: string; unit: string; expected: Expected }[];
  thermalEnergy: { temperature: string | number; unit: string; expected: Expected }[];
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/units.json", import.meta.url), "utf8"),
) as Fixture;
const decode = (e: Expected): number => (e === "-0" ? -0 : (e as number));

describe("convertEnergy is correctly rounded for every finite result", () => {
  it(`matches ${fixture.convertEnergy.length} exact references bit for bit (random doubles over the whole range, every unit pair, and products within 2⁻⁵¹ ulp of a midpoint)`, () => {
    let checked = 0;
    for (const c of fixture.convertEnergy) {
      const label = `convertEnergy(${c.x}, ${c.from}, ${c.to})`;
      if (c.expected === "overflow") {
        expect(() => convertEnergy(c.x, c.from, c.to), label).toThrow(RangeError);
        expect(() => convertEnergy(c.x, c.from, c.to)).toThrow(/beyond the double range/);
      } else {
        expect(Object.is(convertEnergy(c.x, c.from, c.to), decode(c.expected)), label).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(600);
  });
  it("gives the issue's answers: no NaN from intermediate overflow", () => {
    expect(convertEnergy(1.2e299, "meV", "eV")).toBe(1.2e296);
    expect(convertEnergy(1e305, "eV", "meV")).toBe(1e308);
    expect(convertEnergy([1e305, 1], "eV", "meV")).toEqual(Float64Array.of(1e308, 1000));
  });
  it("refuses overflow with a RangeError naming the value and the index", () => {
    expect(() => convertEnergy(1e299, "J", "eV")).toThrow(
      /^convertEnergy: energies = 1e\+299 J is about 1e318 eV, beyond the double range/,
    );
    expect(() => convertEnergy([0, 1e299], "J", "eV")).toThrow(/energies\[1\] = 1e\+299 J/);
  });
  it("keeps ±Infinity (a masked level) and ±0", () => {
    expect(convertEnergy(Number.POSITIVE_INFINITY, "J", "eV")).toBe(Number.POSITIVE_INFINITY);
    expect(convertEnergy(Number.NEGATIVE_INFINITY, "eV", "J")).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(convertEnergy(-0, "eV", "meV"), -0)).toBe(true);
  });
  it("equals one IEEE operation where the factor is a power of ten (property)", () => {
    // x·1000 and x/1000 as single JavaScript operations are correctly rounded: an independent
    // reference for eV → meV and meV → eV over the whole range, subnormals included.
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(convertEnergy(x, "meV", "eV")).toBe(x / 1000);
        if (Number.isFinite(x * 1000)) expect(convertEnergy(x, "eV", "meV")).toBe(x * 1000);
        else expect(() => convertEnergy(x, "eV", "meV")).toThrow(RangeError);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the exact fallback near rounding boundaries", () => {
  it("rounds exact midpoints to even, as IEEE multiplication does (factor 3/2)", () => {
    // x·1.5 for x = 1 + k·2⁻⁵² is often exactly halfway between two doubles: the double-double
    // cannot decide, the BigInt path must, ties to even. JavaScript's own x * 1.5 is correctly
    // rounded (one IEEE operation), so it is an independent reference.
    const f = factorOf({ ...scaled(3), den: [2] });
    for (let k = 0; k < 2000; k++) {
      const x = 1 + k * 2 ** -52;
      expect(applyFactor(x, f)).toBe(x * 1.5);
      expect(applyFactor(-x * 2 ** -1060, f)).toBe(-x * 2 ** -1060 * 1.5); // subnormal results
      expect(applyFactor(x * 2 ** 1022, f)).toBe(x * 2 ** 1022 * 1.5); // near overflow
    }
  });
});

describe("parseEnergy converts the written decimal exactly", () => {
  it(`matches ${fixture.parseEnergy.length} exact references (random decimals of up to 20 digits, exponents ±330)`, () => {
    for (const c of fixture.parseEnergy) {
      const label = `parseEnergy(${JSON.stringify(c.text)}, ${c.unit})`;
      if (c.expected === "overflow") {
        expect(() => parseEnergy(c.text, c.unit), label).toThrow(/beyond the double range/);
      } else {
        expect(Object.is(parseEnergy(c.text, c.unit), decode(c.expected)), label).toBe(true);
      }
    }
  });
  it("refuses a written energy whose value overflows, unless infinity is written", () => {
    expect(() => parseEnergy("1e308 eV", "meV")).toThrow(
      'parseEnergy: energy "1e308 eV" is about 1e311 meV, beyond the double range',
    );
    expect(() => parseEnergy("1e999 meV", "meV")).toThrow(/write "Infinity meV"/);
    expect(parseEnergy("Infinity meV", "eV")).toBe(Number.POSITIVE_INFINITY);
    expect(parseEnergy("inf eV", "meV")).toBe(Number.POSITIVE_INFINITY);
    expect(parseEnergy("1e309 cm^-1", "J")).toBe(1.986445857148929e286);
  });
});

describe("temperatures", () => {
  it("kB·T matches exact references, the written temperature converted in one rounding", () => {
    for (const c of fixture.thermalEnergy) {
      const label = `thermalEnergy(${JSON.stringify(c.temperature)}, ${c.unit})`;
      if (c.expected === "overflow") {
        expect(() => thermalEnergy(c.temperature, c.unit), label).toThrow(
          /beyond the double range/,
        );
      } else {
        expect(Object.is(thermalEnergy(c.temperature, c.unit), decode(c.expected)), label).toBe(
          true,
        );
      }
    }
  });
  it("refuses a written temperature that overflows; Infinity written is the limit", () => {
    expect(() => parseTemperature("1e999 K")).toThrow(
      'parseTemperature: temperature "1e999 K" is beyond the double range in K',
    );
    expect(() => parseTemperature("1e999 K")).toThrow(/write "Infinity K"/);
    expect(() => parseTemperature("1e999 degC")).toThrow(RangeError);
    expect(() => parseTemperature("1e400 mK")).toThrow(RangeError);
    expect(parseTemperature("1e310 mK")).toBe(1e307);
    expect(parseTemperature("Infinity K")).toBe(Number.POSITIVE_INFINITY);
    expect(parseTemperature("+inf K")).toBe(Number.POSITIVE_INFINITY);
    expect(parseTemperature("-∞ K")).toBe(Number.NEGATIVE_INFINITY);
    expect(parseTemperature("Infinity degC")).toBe(Number.POSITIVE_INFINITY);
    expect(() => parseTemperature("-Infinity degC")).toThrow(/below absolute zero/);
    expect(() => thermalEnergy(1e308, "yJ")).toThrow(/^thermalEnergy: kB·T at 1e\+308 K/);
  });
  it("toReduced refuses a finite level that would become infinite (masked)", () => {
    expect(() => toReduced([0, 1e308], { temperature: "1 K", unit: "J" })).toThrow(
      /^toReduced: energies\[1\] \/ \(kB·T\)/,
    );
    expect(toReduced([Number.POSITIVE_INFINITY], { temperature: "1 K" })).toEqual(
      Float64Array.of(Number.POSITIVE_INFINITY),
    );
  });
});
