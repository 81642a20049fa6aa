/**
 * The table-driven exponential behind every kernel (src/internal/exp.ts), measured over the whole
 * double domain of exp: against 50-digit mpmath references (test/fixtures/make_exp_references.py,
 * committed as exp.json), against Math.exp on a million random points, and its table against the
 * mpmath values (test/fixtures/make_exp_table.py → exp-table.json).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expDD, expSweep } from "../src/internal/exp.js";
import { EXP2_HI, EXP2_LO } from "../src/internal/expTable.js";
import { weight32 } from "../src/internal/f32.js";
import { nonEmpty } from "./helpers/lists.js";
import { ulpDistance } from "./helpers/ulp.js";

interface ExpCase {
  h: number;
  l: number;
  expected: number;
}

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures", "exp.json"), "utf8"),
) as {
  cases: ExpCase[];
};
nonEmpty(fixture.cases, "exp.json: cases");

describe("expDD", () => {
  it("is within 1 ulp of the correctly rounded exp(h + l) everywhere, subnormal results included", () => {
    let worst = 0;
    let worstCase: ExpCase | undefined;
    for (const c of fixture.cases) {
      const d = ulpDistance(expDD(c.h, c.l), c.expected);
      if (d > worst) {
        worst = d;
        worstCase = c;
      }
    }
    console.log(`expDD: ${fixture.cases.length} mpmath points, max ${worst} ulp`, worstCase ?? "");
    expect(worst).toBeLessThanOrEqual(1);
  });
  it("agrees with Math.exp to 1 ulp on a million random arguments in [−745, 709.7]", () => {
    let s = 99;
    let worst = 0;
    let differing = 0;
    for (let i = 0; i < 1_000_000; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const x = -745 + (s / 4294967296) * 1454.7;
      const d = ulpDistance(expDD(x, 0), Math.exp(x));
      if (d > 0) differing++;
      if (d > worst) worst = d;
    }
    console.log(`expDD vs Math.exp: ${differing} of 10⁶ differ, by at most ${worst} ulp`);
    expect(worst).toBeLessThanOrEqual(1);
  });
  it("gives the limits: 0 below −745.14, Infinity above 709.79, NaN for NaN, 1 at 0", () => {
    expect(expDD(-746, 0)).toBe(0);
    expect(expDD(Number.NEGATIVE_INFINITY, 0)).toBe(0);
    expect(expDD(710, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(expDD(Number.NaN, 0)).toBeNaN();
    expect(expDD(0, 0)).toBe(1);
    expect(expDD(-0, 0)).toBe(1);
  });
});

describe("the 2^(j/256) table", () => {
  it("equals the 60-digit mpmath table: hi correctly rounded, lo to 1e−30", () => {
    const ref = JSON.parse(
      readFileSync(join(import.meta.dirname, "fixtures", "exp-table.json"), "utf8"),
    ) as {
      hi: number[];
      lo: number[];
    };
    for (let j = 0; j < 256; j++) {
      expect(EXP2_HI[j]).toBe(ref.hi[j]);
      expect(Math.abs((EXP2_LO[j] as number) - (ref.lo[j] as number))).toBeLessThanOrEqual(1e-30);
    }
  });
  it("holds 256 double-double entries that multiply up to 2 across the table", () => {
    expect(EXP2_HI.length).toBe(256);
    expect(EXP2_LO.length).toBe(256);
    expect(EXP2_HI[0]).toBe(1);
    // 2^(128/256) = √2: hi is the correctly rounded √2, and hi + lo is √2 to ~1e−32.
    expect(EXP2_HI[128]).toBe(Math.SQRT2);
    for (let j = 0; j < 256; j++) {
      const hi = EXP2_HI[j] as number;
      const lo = EXP2_LO[j] as number;
      expect(Math.abs(lo)).toBeLessThanOrEqual((Number.EPSILON * hi) / 2);
      // (2^(j/256))·(2^((256−j)/256)) = 2, to the double-double's accuracy.
      if (j > 0) {
        const k = 256 - j;
        const prod =
          hi * (EXP2_HI[k] as number) + (hi * (EXP2_LO[k] as number) + lo * (EXP2_HI[k] as number));
        expect(Math.abs(prod - 2)).toBeLessThanOrEqual(4.5e-16);
      }
    }
  });
});

describe("expSweep (the fused sweep's weight)", () => {
  it("is expDD(h, 0) on [−708, 0] and exactly 0 below", () => {
    for (let i = 0; i <= 20000; i++) {
      const h = -708 * (i / 20000) ** 0.5;
      expect(Object.is(expSweep(h), expDD(h, 0)), `h = ${h}`).toBe(true);
    }
    expect(expSweep(-708)).toBe(expDD(-708, 0));
    expect(expSweep(-708.0000000000001)).toBe(0);
    expect(expSweep(-745)).toBe(0);
    expect(expSweep(Number.NEGATIVE_INFINITY)).toBe(0);
  });
});

describe("the single-precision weight (Float32Array softmax)", () => {
  it("is within 0.6 float32 ulp of exp(x)·2^64 over [−130, 0], subnormal probabilities included", () => {
    // The reference is Math.exp in double precision, whose error (≤ 1 double ulp, ~1e−16) is
    // nine orders of magnitude below a float32 ulp. The error is measured in units of the
    // float32 ulp of the exact value, before any rounding of the comparison.
    let worst = 0;
    let at = 0;
    let s = 7;
    for (let i = 0; i < 1_000_000; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const x = Math.fround(-130 * (s / 4294967296));
      const exact = Math.exp(x) * 2 ** 64;
      const got = weight32(x, 0);
      const ulp = 2 ** (Math.floor(Math.log2(exact)) - 23);
      const err = Math.abs(got - exact) / ulp;
      if (err > worst) {
        worst = err;
        at = x;
      }
    }
    console.log(`weight32: max ${worst.toFixed(3)} float32 ulp (at x = ${at})`);
    expect(worst).toBeLessThanOrEqual(0.6);
    expect(weight32(-130.00001525878906, 0)).toBe(0);
    expect(weight32(Number.NEGATIVE_INFINITY, 0)).toBe(0);
    expect(weight32(0, 0)).toBe(2 ** 64);
  });
});
