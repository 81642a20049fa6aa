/**
 * Properties of the activators, checked on random inputs with fast-check.
 *
 * Tolerances are stated in ulps or multiples of ε = 2⁻⁵² and follow from the measured accuracy
 * (≤ 2 ulp per activator, see references.test.ts) plus the rounding of the identity itself.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gelu, relu, sigmoid, silu, softplus, step, tanh } from "../../src/activators/index.js";
import { ulpDistance } from "../helpers/ulp.js";

const EPS = 2 ** -52;
/** The spacing of the subnormals, 2⁻¹⁰⁷⁴: the absolute floor of any rounding error. */
const TINY = 5e-324;
const RUNS = { numRuns: 2000 };

const anyDouble = fc.double(); // NaN, ±∞, ±0 and subnormals included
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const moderate = fc.double({ min: -800, max: 800, noNaN: true });
const positiveTemperature = fc.oneof(
  fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  fc.constantFrom(1, 0.5, 3, 1e-300, 1e300),
);
const anyTemperature = fc.oneof(
  positiveTemperature,
  positiveTemperature.map((t) => -t),
);

/** a ≤ b, or a above b by at most `ulps` (monotonicity in floating point holds up to rounding). */
function nearlyBelow(a: number, b: number, ulps: number): boolean {
  return a <= b || ulpDistance(a, b) <= ulps;
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

describe("sigmoid", () => {
  it("σ(x) + σ(−x) = 1 within 1 ulp of 1, at any temperature", () => {
    fc.assert(
      fc.property(moderate, anyTemperature, (x, t) => {
        expect(Math.abs(sigmoid(x) + sigmoid(-x) - 1)).toBeLessThanOrEqual(EPS);
        expect(
          Math.abs(sigmoid(x * Math.abs(t), t) + sigmoid(-x * Math.abs(t), t) - 1),
        ).toBeLessThanOrEqual(EPS);
      }),
      RUNS,
    );
  });
  it("is nondecreasing in x for τ > 0 (up to 2 ulp of rounding noise)", () => {
    // Measured: adjacent doubles can be out of order by 1 ulp, as for any composition of
    // correctly rounded steps (eˣ and 1 + eˣ round independently).
    fc.assert(
      fc.property(moderate, moderate, positiveTemperature, (a, b, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(nearlyBelow(sigmoid(lo * t, t), sigmoid(hi * t, t), 2)).toBe(true);
        expect(nearlyBelow(sigmoid(lo), sigmoid(hi), 2)).toBe(true);
      }),
      RUNS,
    );
  });
  it("σ(x, −τ) = σ(−x, τ) exactly (the formula as written for negative temperature)", () => {
    fc.assert(
      fc.property(anyDouble, anyTemperature, (x, t) => {
        expect(same(sigmoid(x, -t), sigmoid(-x, t))).toBe(true);
      }),
      RUNS,
    );
  });
  it("stays in [0, 1] and never gives NaN for non-NaN input (except ∞/∞)", () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, (x, t) => {
        const s = sigmoid(x, t);
        const nan =
          Number.isNaN(x) || Number.isNaN(t) || (!Number.isFinite(x) && !Number.isFinite(t));
        if (nan) expect(s).toBeNaN();
        else expect(s >= 0 && s <= 1).toBe(true);
      }),
      RUNS,
    );
  });
  it("is exactly step(x) at τ = ±0, for every double", () => {
    fc.assert(
      fc.property(anyDouble, (x) => {
        expect(Object.is(sigmoid(x, 0), step(x))).toBe(true);
        expect(Object.is(sigmoid(x, -0), step(x))).toBe(true);
      }),
      RUNS,
    );
  });
  it("tends to step(x) as τ → 0⁺: |σ(x, τ) − step(x)| ≤ e^{−|x|/τ}, equal once |x|/τ > 746", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }).filter((x) => x !== 0),
        fc.constantFrom(1, 0.1, 1e-2, 1e-3, 1e-6, 1e-12, 1e-100, 1e-300, 5e-324),
        (x, t) => {
          const gap = Math.abs(sigmoid(x, t) - step(x));
          // + ε: 1 − σ is formed here from the rounded σ.
          expect(gap).toBeLessThanOrEqual(Math.exp(-Math.abs(x) / t) * (1 + 4 * EPS) + EPS);
          if (Math.abs(x) / t > 746) expect(sigmoid(x, t)).toBe(step(x));
        },
      ),
      RUNS,
    );
  });
  it("2σ(2x) − 1 = tanh(x) (within 3ε absolute)", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        expect(Math.abs(2 * sigmoid(2 * x) - 1 - tanh(x))).toBeLessThanOrEqual(3 * EPS);
      }),
      RUNS,
    );
  });
});

describe("softplus", () => {
  it("softplus(x, τ) − softplus(−x, τ) = x (within 4ε of the terms)", () => {
    fc.assert(
      fc.property(moderate, fc.oneof(fc.constant(1), positiveTemperature), (x, t) => {
        const a = softplus(x * t, t);
        const b = softplus(-x * t, t);
        const xt = x * t;
        if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(xt)) return;
        expect(Math.abs(a - b - xt)).toBeLessThanOrEqual(4 * EPS * (Math.abs(a) + Math.abs(b)));
      }),
      RUNS,
    );
  });
  it("d softplus/dx = sigmoid (central difference, relative 1e−8)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -30, max: 30, noNaN: true }),
        fc.constantFrom(1, 0.5, 3, -2, 0.01, 100),
        (x0, t) => {
          const x = x0 * Math.abs(t);
          const h = 1e-5 * Math.abs(t);
          const xp = x + h;
          const xm = x - h;
          const slope = (softplus(xp, t) - softplus(xm, t)) / (xp - xm);
          const s = sigmoid(x, t);
          expect(Math.abs(slope - s)).toBeLessThanOrEqual(1e-8 * s);
        },
      ),
      RUNS,
    );
  });
  it("softplus(x, −τ) = −softplus(−x, τ) exactly", () => {
    fc.assert(
      fc.property(anyDouble, anyTemperature, (x, t) => {
        expect(same(softplus(x, -t), -softplus(-x, t))).toBe(true);
      }),
      RUNS,
    );
  });
  it("is exactly relu(x) at τ = ±0, for every double", () => {
    fc.assert(
      fc.property(anyDouble, (x) => {
        expect(Object.is(softplus(x, 0), relu(x))).toBe(true);
        expect(Object.is(softplus(x, -0), relu(x))).toBe(true);
      }),
      RUNS,
    );
  });
  it("relu(x) ≤ softplus(x, τ) ≤ relu(x) + τ·ln 2 for τ > 0, so it tends to relu as τ → 0⁺", () => {
    fc.assert(
      fc.property(
        finite,
        fc.oneof(positiveTemperature, fc.constantFrom(1e-12, 1e-100, 5e-324)),
        (x, t) => {
          const y = softplus(x, t);
          if (!Number.isFinite(y)) return; // x + τ·ln 2 beyond the largest double
          expect(y).toBeGreaterThanOrEqual(relu(x));
          expect(y - relu(x)).toBeLessThanOrEqual(t * Math.LN2 * (1 + 4 * EPS) + EPS * Math.abs(x));
          if (Math.abs(x) / t > 746) expect(y).toBe(relu(x));
        },
      ),
      RUNS,
    );
  });
  it("is nondecreasing in x (up to 2 ulp of rounding noise), for either sign of τ", () => {
    fc.assert(
      fc.property(moderate, moderate, anyTemperature, (a, b, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const s = Math.abs(t);
        expect(nearlyBelow(softplus(lo * s, t), softplus(hi * s, t), 2)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("gelu and silu", () => {
  it("gelu(x) − gelu(−x) = x, since Φ(x) + Φ(−x) = 1 (within 4ε of the terms)", () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 60, noNaN: true }), (x) => {
        const a = gelu(x);
        const b = gelu(-x);
        // + 2 subnormal steps: for subnormal x each term is rounded to the 2⁻¹⁰⁷⁴ grid.
        expect(Math.abs(a - b - x)).toBeLessThanOrEqual(
          4 * EPS * (Math.abs(a) + Math.abs(b)) + 2 * TINY,
        );
      }),
      RUNS,
    );
  });
  it("silu(x) = x·σ(x) (within 4 ulp where the product is normal)", () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 800, noNaN: true }), (x) => {
        const product = x * sigmoid(x);
        if (Math.abs(product) < 2.2250738585072014e-308) return;
        expect(ulpDistance(silu(x), product)).toBeLessThanOrEqual(4);
      }),
      RUNS,
    );
  });
  it("silu(x) − silu(−x) = x (within 4ε of the terms)", () => {
    fc.assert(
      fc.property(fc.double({ min: -800, max: 800, noNaN: true }), (x) => {
        const a = silu(x);
        const b = silu(-x);
        // + 2 subnormal steps: for subnormal x each term is rounded to the 2⁻¹⁰⁷⁴ grid.
        expect(Math.abs(a - b - x)).toBeLessThanOrEqual(
          4 * EPS * (Math.abs(a) + Math.abs(b)) + 2 * TINY,
        );
      }),
      RUNS,
    );
  });
  it("gelu, silu never give NaN for non-NaN input, and keep the sign of x", () => {
    fc.assert(
      fc.property(anyDouble, (x) => {
        for (const f of [gelu, silu]) {
          const y = f(x);
          if (Number.isNaN(x)) expect(y).toBeNaN();
          else {
            expect(y).not.toBeNaN();
            expect(x > 0 ? y >= 0 : y <= 0).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});
