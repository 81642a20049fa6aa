/**
 * Accuracy of the activators against independent 50-digit references.
 *
 * test/fixtures/activators.json is made by test/fixtures/make_activator_references.py (mpmath at
 * 50 digits from the exact double inputs, written with 40 digits so JSON.parse rounds each value
 * correctly, subnormals included; ±Infinity as strings). To regenerate:
 * `python3 test/fixtures/make_activator_references.py > test/fixtures/activators.json`.
 *
 * Bounds, in ulps of the expected double (ulpDistance: the number of doubles between the two, so
 * in the subnormal range a step is 2⁻¹⁰⁷⁴ and an underflow to 0 must be exact or that close; an
 * infinite expected value must be matched exactly):
 * - at τ = 1: sigmoid, softplus, silu and tanh ≤ 2 ulp on every case (measured: 1, 1, 2, 1 on
 *   this grid; 2, 1, 2, 2 on a 10 000-point random sample);
 * - at τ ≠ 1 (0.5, 3, −2): sigmoid and softplus ≤ 4 ulp (measured ≤ 1 here; ≤ 2 and ≤ 3 on a
 *   random sample over seven temperatures) — one more rounding, the product by τ, and the carried
 *   remainder of x/τ;
 * - gelu ≤ 4 ulp on every case, the far tail down to underflow included (measured 2; the values
 *   between −37.6 and −38.6 that are subnormal within 1 step).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gelu, sigmoid, silu, softplus, tanh } from "../../src/activators/index.js";
import { ulpDistance } from "../helpers/ulp.js";

type Raw = number | string;
interface Row {
  x: Raw;
  temperature?: Raw;
  expected: Raw;
}
interface Fixture {
  sigmoid: Row[];
  softplus: Row[];
  gelu: Row[];
  silu: Row[];
  tanh: Row[];
}

const path = join(import.meta.dirname, "..", "fixtures", "activators.json");
const fixture = JSON.parse(readFileSync(path, "utf8")) as Fixture;

/** A fixture number: JSON numbers as they are, "Infinity" / "-Infinity" decoded. */
function decode(v: Raw): number {
  if (typeof v === "number") return v;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  throw new Error(`unexpected fixture value ${v}`);
}

/** ulps between got and expected, with infinities (and NaN) held to exact equality. */
function ulpError(got: number, expected: number): number {
  if (!Number.isFinite(expected) || !Number.isFinite(got)) {
    return got === expected ? 0 : Number.POSITIVE_INFINITY;
  }
  return ulpDistance(got, expected);
}

const worst: Record<string, { ulps: number; x: number; got: number; expected: number }> = {};

function check(
  label: string,
  rows: Row[],
  f: (x: number, t?: number) => number,
  bound: number,
): void {
  expect(rows.length).toBeGreaterThan(0);
  const failures: string[] = [];
  for (const row of rows) {
    const x = decode(row.x);
    const expected = decode(row.expected);
    const got = row.temperature === undefined ? f(x) : f(x, decode(row.temperature));
    const ulps = ulpError(got, expected);
    const w = worst[label];
    if (w === undefined || ulps > w.ulps) worst[label] = { ulps, x, got, expected };
    if (ulps > bound) failures.push(`x = ${x}: got ${got}, expected ${expected} (${ulps} ulp)`);
  }
  expect(failures).toEqual([]);
}

function at(rows: Row[], t: number): Row[] {
  return rows.filter((r) => r.temperature !== undefined && decode(r.temperature) === t);
}

describe("activators against 50-digit mpmath references", () => {
  it("covers the required grid for every function and temperature", () => {
    const grid = [1e-300, 1e-8, 0.5, 1, 5, 20, 30, 40, 700, 745, 800].flatMap((v) => [v, -v]);
    const has = (rows: Row[]) => {
      const xs = new Set(rows.map((r) => decode(r.x)));
      return grid.filter((x) => !xs.has(x));
    };
    for (const t of [1, 0.5, 3, -2]) {
      expect(has(at(fixture.sigmoid, t))).toEqual([]);
      expect(has(at(fixture.softplus, t))).toEqual([]);
    }
    expect(has(fixture.gelu)).toEqual([]);
    expect(has(fixture.silu)).toEqual([]);
    expect(has(fixture.tanh)).toEqual([]);
  });

  it("sigmoid at τ = 1: ≤ 2 ulp", () => {
    check("sigmoid τ=1", at(fixture.sigmoid, 1), sigmoid, 2);
  });
  for (const t of [0.5, 3, -2]) {
    it(`sigmoid at τ = ${t}: ≤ 4 ulp`, () => {
      check(`sigmoid τ=${t}`, at(fixture.sigmoid, t), sigmoid, 4);
    });
  }
  it("softplus at τ = 1: ≤ 2 ulp", () => {
    check("softplus τ=1", at(fixture.softplus, 1), softplus, 2);
  });
  for (const t of [0.5, 3, -2]) {
    it(`softplus at τ = ${t}: ≤ 4 ulp`, () => {
      check(`softplus τ=${t}`, at(fixture.softplus, t), softplus, 4);
    });
  }
  it("tanh: ≤ 2 ulp", () => {
    check("tanh", fixture.tanh, tanh, 2);
  });
  it("silu: ≤ 2 ulp", () => {
    check("silu", fixture.silu, silu, 2);
  });
  it("gelu: ≤ 4 ulp, the tail down to underflow included", () => {
    check("gelu", fixture.gelu, gelu, 4);
  });

  afterAll(() => {
    const lines = Object.entries(worst).map(
      ([k, w]) => `  ${k.padEnd(14)} max ${w.ulps} ulp (x = ${w.x}: ${w.got} vs ${w.expected})`,
    );
    console.log(`activator accuracy (ulp, vs mpmath):\n${lines.join("\n")}`);
  });
});
