/** The ulp-distance helper used by the accuracy tests (test/helpers/ulp.ts). */
import { describe, expect, it } from "vitest";
import { ulpDistance } from "../helpers/ulp.js";

describe("ulpDistance", () => {
  it("is 0 for equal values, equal infinities, and 0 against −0", () => {
    expect(ulpDistance(1.5, 1.5)).toBe(0);
    expect(ulpDistance(0, -0)).toBe(0);
    expect(ulpDistance(-0, 0)).toBe(0);
    expect(ulpDistance(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(0);
    expect(ulpDistance(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(0);
  });
  it("is 1 between neighbours, on both sides of a power of two", () => {
    expect(ulpDistance(1, 1 + 2 ** -52)).toBe(1);
    expect(ulpDistance(1, 1 - 2 ** -53)).toBe(1);
    expect(ulpDistance(0.1 + 0.2, 0.3)).toBe(1);
    expect(ulpDistance(-1, -1 - 2 ** -52)).toBe(1);
    expect(ulpDistance(Number.MAX_VALUE, Number.POSITIVE_INFINITY)).toBe(1);
  });
  it("counts subnormal steps and across zero", () => {
    expect(ulpDistance(0, 5e-324)).toBe(1);
    expect(ulpDistance(5e-324, -5e-324)).toBe(2);
    expect(ulpDistance(-0, 1e-323)).toBe(2);
    expect(ulpDistance(2 ** -1022, 2 ** -1022 - 5e-324)).toBe(1);
  });
  it("is symmetric, and Infinity against NaN (0 for NaN against NaN)", () => {
    expect(ulpDistance(2, 1)).toBe(ulpDistance(1, 2));
    expect(ulpDistance(1, 2)).toBe(2 ** 52);
    expect(ulpDistance(Number.NaN, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(ulpDistance(1, Number.NaN)).toBe(Number.POSITIVE_INFINITY);
    expect(ulpDistance(Number.NaN, Number.NaN)).toBe(0);
  });
});
