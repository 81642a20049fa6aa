/**
 * Edge cases of the scalar activators: on numbers they behave like Math.exp (NaN in, NaN out;
 * ±Infinity give the limits; they never throw), an argument that is not a number is a TypeError
 * naming the activator and the argument, τ = ±0 is exactly step / relu, and the tails are exact.
 */
import { describe, expect, it } from "vitest";
import {
  gelu,
  leakyRelu,
  relu,
  sigmoid,
  silu,
  softplus,
  step,
  tanh,
} from "../../src/activators/index.js";
import { ulpDistance } from "../helpers/ulp.js";

const INF = Number.POSITIVE_INFINITY;
const NAN = Number.NaN;
const SPECIAL = [
  0,
  -0,
  5e-324,
  -5e-324,
  1e-300,
  -1e-300,
  0.5,
  -0.5,
  1,
  -1,
  1e308,
  -1e308,
  INF,
  -INF,
  NAN,
];

describe("step", () => {
  it("is 1 for x > 0 and 0 otherwise, step(0) = 0", () => {
    expect(step(2)).toBe(1);
    expect(step(5e-324)).toBe(1);
    expect(step(INF)).toBe(1);
    expect(step(0)).toBe(0);
    expect(step(-0)).toBe(0);
    expect(step(-5e-324)).toBe(0);
    expect(step(-INF)).toBe(0);
  });
  it("gives NaN for NaN", () => {
    expect(step(NAN)).toBeNaN();
  });
});

describe("relu", () => {
  it("is max(0, x), relu(−0) = 0", () => {
    expect(relu(3.5)).toBe(3.5);
    expect(relu(-2)).toBe(0);
    expect(relu(-0)).toBe(0);
    expect(relu(5e-324)).toBe(5e-324);
    expect(relu(INF)).toBe(INF);
    expect(relu(-INF)).toBe(0);
    expect(relu(NAN)).toBeNaN();
  });
});

describe("leakyRelu", () => {
  it("is x for x > 0 and slope·x otherwise (slope 0.01 by default)", () => {
    expect(leakyRelu(2)).toBe(2);
    expect(leakyRelu(-2)).toBe(-0.02);
    expect(leakyRelu(-2, 0.5)).toBe(-1);
    expect(leakyRelu(-2, -0.5)).toBe(1);
    expect(leakyRelu(INF)).toBe(INF);
    expect(leakyRelu(-INF)).toBe(-INF);
    expect(leakyRelu(-INF, -0.1)).toBe(INF);
  });
  it("with slope 0 is exactly relu, limits included", () => {
    for (const x of SPECIAL) expect(leakyRelu(x, 0)).toBe(relu(x));
  });
  it("gives NaN for a NaN input or slope", () => {
    expect(leakyRelu(NAN)).toBeNaN();
    expect(leakyRelu(1, NAN)).toBeNaN();
    expect(leakyRelu(-1, NAN)).toBeNaN();
  });
});

describe("tanh", () => {
  it("is Math.tanh, with the limits ±1 and tanh(−0) = −0", () => {
    for (const x of SPECIAL) expect(tanh(x)).toBe(Math.tanh(x));
    expect(tanh(INF)).toBe(1);
    expect(tanh(-INF)).toBe(-1);
    expect(tanh(-0)).toBe(-0);
    expect(tanh(NAN)).toBeNaN();
  });
  it("is the magnetisation of a spin-½: ⟨σ⟩ = (e^{βh} − e^{−βh})/(e^{βh} + e^{−βh})", () => {
    const bh = 0.75;
    const up = Math.exp(bh);
    const down = Math.exp(-bh);
    expect(tanh(bh)).toBeCloseTo((up - down) / (up + down), 15);
  });
});

describe("sigmoid", () => {
  it("has σ(0) = 1/2 and the limits 0 and 1", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-0)).toBe(0.5);
    expect(sigmoid(INF)).toBe(1);
    expect(sigmoid(-INF)).toBe(0);
  });
  it("is exact in the tails", () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(40)).toBe(1);
    expect(sigmoid(1e308)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(-1e308)).toBe(0);
    expect(sigmoid(-745)).toBe(5e-324);
    // e^−40/(1 + e^−40) = e^−40 to double precision, and e^−40 is computed to within an ulp.
    expect(ulpDistance(sigmoid(-40), Math.exp(-40))).toBe(0);
    expect(ulpDistance(sigmoid(-700), Math.exp(-700))).toBe(0);
  });
  it("gives NaN for NaN in x or τ", () => {
    expect(sigmoid(NAN)).toBeNaN();
    expect(sigmoid(NAN, 2)).toBeNaN();
    expect(sigmoid(NAN, 0)).toBeNaN();
    expect(sigmoid(1, NAN)).toBeNaN();
    expect(sigmoid(INF, NAN)).toBeNaN();
  });
  it("is exactly step(x) at τ = ±0", () => {
    for (const x of SPECIAL) {
      expect(Object.is(sigmoid(x, 0), step(x))).toBe(true);
      expect(Object.is(sigmoid(x, -0), step(x))).toBe(true);
    }
    expect(sigmoid(0, 0)).toBe(0);
  });
  it("is 1/2 at τ = ±∞ for finite x, and NaN for ∞/∞", () => {
    for (const x of [0, 1, -1, 1e308, -1e308, 5e-324]) {
      expect(sigmoid(x, INF)).toBe(0.5);
      expect(sigmoid(x, -INF)).toBe(0.5);
    }
    expect(sigmoid(INF, INF)).toBeNaN();
    expect(sigmoid(-INF, INF)).toBeNaN();
    expect(sigmoid(INF, -INF)).toBeNaN();
  });
  it("follows the formula for negative τ: σ(x, −τ) = σ(−x, τ), limits swapped", () => {
    expect(sigmoid(INF, -1)).toBe(0);
    expect(sigmoid(-INF, -1)).toBe(1);
    expect(sigmoid(-1, -2)).toBe(sigmoid(1, 2));
    expect(sigmoid(700, -3)).toBe(sigmoid(-700, 3));
    expect(sigmoid(1, -2)).toBeCloseTo(1 / (1 + Math.exp(0.5)), 15);
  });
  it("keeps tiny, subnormal and huge temperatures finite and correct", () => {
    // x and τ scaled by the same power of two have the same x/τ, and the same σ to the last bit
    // (the remainder of x/τ is carried without underflow or overflow).
    for (const s of [2 ** -1000, 2 ** -1074, 2 ** 1000]) {
      expect(sigmoid(7 * s, 3 * s)).toBe(sigmoid(7, 3));
      expect(sigmoid(-7 * s, 3 * s)).toBe(sigmoid(-7, 3));
      expect(sigmoid(-700 * s, 3 * s)).toBe(sigmoid(-700, 3));
    }
    expect(sigmoid(1e308, 1e308)).toBe(0.7310585786300049);
    expect(sigmoid(1, 1e-300)).toBe(1);
    expect(sigmoid(-1, 1e-300)).toBe(0);
    expect(sigmoid(1e308, 1e-10)).toBe(1);
  });
  it("is the Fermi–Dirac occupancy 1/(e^{(E−μ)/kT} + 1) of a level E at x = −(E − μ)", () => {
    const E = 1.3;
    const mu = 1;
    const kT = 0.025;
    const occupancy = 1 / (Math.exp((E - mu) / kT) + 1);
    expect(Math.abs(sigmoid(-(E - mu), kT) / occupancy - 1)).toBeLessThan(1e-14);
  });
  it("is softmax([x, 0])₀ written out", () => {
    const x = 1.7;
    const t = 0.8;
    const a = Math.exp(x / t);
    expect(ulpDistance(sigmoid(x, t), a / (a + 1))).toBeLessThanOrEqual(2);
  });
});

describe("softplus", () => {
  it("has softplus(0) = ln 2 and the limits", () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(INF)).toBe(INF);
    expect(softplus(-INF)).toBe(0);
  });
  it("is exact in the tails", () => {
    expect(softplus(800)).toBe(800);
    expect(softplus(40)).toBe(40);
    expect(softplus(1e308)).toBe(1e308);
    expect(softplus(-800)).toBe(Math.exp(-800));
    expect(softplus(-800)).toBe(0);
    expect(softplus(-745)).toBe(5e-324);
    expect(softplus(-1e308)).toBe(0);
    // log1p(e^−30) = e^−30·(1 − e^−30/2 + …): e^−30 to the accuracy of log1p.
    expect(softplus(-30)).toBe(Math.log1p(Math.exp(-30)));
    expect(Math.abs(softplus(-30) / Math.exp(-30) - 1)).toBeLessThan(1e-13);
  });
  it("gives NaN for NaN in x or τ", () => {
    expect(softplus(NAN)).toBeNaN();
    expect(softplus(NAN, 3)).toBeNaN();
    expect(softplus(NAN, 0)).toBeNaN();
    expect(softplus(1, NAN)).toBeNaN();
    expect(softplus(-INF, NAN)).toBeNaN();
  });
  it("is exactly relu(x) at τ = ±0", () => {
    for (const x of SPECIAL) {
      expect(Object.is(softplus(x, 0), relu(x))).toBe(true);
      expect(Object.is(softplus(x, -0), relu(x))).toBe(true);
    }
  });
  it("is τ·ln 2 = ±∞ at τ = ±∞ for finite x, and NaN for ∞/∞", () => {
    expect(softplus(1, INF)).toBe(INF);
    expect(softplus(-1e308, INF)).toBe(INF);
    expect(softplus(1, -INF)).toBe(-INF);
    expect(softplus(INF, INF)).toBeNaN();
    expect(softplus(-INF, -INF)).toBeNaN();
  });
  it("follows the formula for negative τ: softplus(x, −τ) = −softplus(−x, τ)", () => {
    expect(softplus(INF, -1)).toBe(-0);
    expect(softplus(-INF, -1)).toBe(-INF);
    expect(softplus(-800, -1)).toBe(-800);
    expect(softplus(800, -1)).toBe(-0);
    expect(softplus(2.5, -2)).toBe(-softplus(-2.5, 2));
    expect(softplus(0, -2)).toBe(-2 * Math.LN2);
  });
  it("keeps tiny and huge temperatures finite and correct", () => {
    // softplus(s·x, s·τ) = s·softplus(x, τ) exactly for a power of two s (no subnormal result).
    for (const s of [2 ** -1000, 2 ** 1000]) {
      expect(softplus(7 * s, 3 * s)).toBe(s * softplus(7, 3));
      expect(softplus(-7 * s, 3 * s)).toBe(s * softplus(-7, 3));
      expect(softplus(-700 * s, 3 * s)).toBe(s * softplus(-700, 3));
    }
    expect(softplus(1e308, 1e-10)).toBe(1e308);
    expect(softplus(-1e308, 1e-10)).toBe(0);
    expect(softplus(1.5e308, 1e308)).toBeLessThan(Number.MAX_VALUE); // 1.7014…e308
    expect(softplus(1.7e308, 1e308)).toBe(INF); // 1.867…e308 overflows, as it should
  });
  it("is −F = τ·ln Z of a two-state system {0, −x} at temperature τ", () => {
    const x = 0.3;
    const T = 0.7;
    const Z = Math.exp(-0 / T) + Math.exp(x / T);
    expect(softplus(x, T)).toBeCloseTo(T * Math.log(Z), 15);
  });
});

describe("gelu", () => {
  it("has the limits gelu(+∞) = +∞ and gelu(−∞) = 0 (not −∞·0 = NaN)", () => {
    expect(gelu(INF)).toBe(INF);
    expect(gelu(-INF)).toBe(0);
    expect(gelu(NAN)).toBeNaN();
  });
  it("is 0 at 0 and x/2 near 0", () => {
    expect(gelu(0)).toBe(0);
    expect(gelu(-0)).toBe(-0);
    expect(gelu(1e-300)).toBe(5e-301);
    expect(gelu(-1e-300)).toBe(-5e-301);
  });
  it("is accurate in the negative tail: gelu(−10) = −7.619853024160526e-23", () => {
    const expected = -7.619853024160526e-23; // mpmath, 50 digits: −7.6198530241605260659…e-23
    expect(Math.abs(gelu(-10) / expected - 1)).toBeLessThan(1e-15);
    expect(gelu(-10)).toBeLessThan(0);
  });
  it("underflows to −0 or a tiny negative far out, never NaN", () => {
    for (const x of [-38, -38.5, -39, -40, -100, -1e308]) {
      const g = gelu(x);
      expect(g <= 0 && g > -1e-300).toBe(true);
    }
    expect(gelu(-40)).toBe(-0);
    expect(gelu(-1e308)).toBe(-0);
  });
  it("is x where Φ(x) rounds to 1", () => {
    for (const x of [9, 10, 40, 800, 1e308]) expect(gelu(x)).toBe(x);
  });
});

describe("silu", () => {
  it("has the limits silu(+∞) = +∞ and silu(−∞) = 0 (not −∞·0 = NaN)", () => {
    expect(silu(INF)).toBe(INF);
    expect(silu(-INF)).toBe(0);
    expect(silu(NAN)).toBeNaN();
  });
  it("is exact in the tails and at 0", () => {
    expect(silu(0)).toBe(0);
    expect(silu(800)).toBe(800);
    expect(silu(1e308)).toBe(1e308);
    expect(silu(-800)).toBe(-0);
    expect(silu(-1e308)).toBe(-0);
    expect(silu(1e-300)).toBe(5e-301);
  });
  it("stays normal and accurate where eˣ alone is subnormal (−745 < x < −708)", () => {
    // mpmath: −712·e^−712/(1 + e^−712) = −4.3132921851032289909…e-307, normal, while e^−712 is
    // subnormal; the plain x·eˣ/(1 + eˣ) gives −4.3132921851032454e-307, 21 ulp off.
    expect(ulpDistance(silu(-712), -4.313292185103229e-307)).toBeLessThanOrEqual(1);
    // −740·e^−740 = −3.0996675112355562…e-319, subnormal: within a step of 2⁻¹⁰⁷⁴.
    expect(ulpDistance(silu(-740), -3.09967e-319)).toBeLessThanOrEqual(1);
  });
});

describe("never throw", () => {
  it("for any double, in x and in the temperature or slope", () => {
    for (const x of SPECIAL) {
      for (const f of [step, relu, tanh, gelu, silu]) expect(() => f(x)).not.toThrow();
      for (const t of SPECIAL) {
        expect(() => sigmoid(x, t)).not.toThrow();
        expect(() => softplus(x, t)).not.toThrow();
        expect(() => leakyRelu(x, t)).not.toThrow();
      }
    }
  });
  it("and never give NaN from non-NaN input, except ∞/∞ in x/τ", () => {
    for (const x of SPECIAL.filter((v) => !Number.isNaN(v))) {
      for (const f of [step, relu, tanh, gelu, silu]) expect(f(x)).not.toBeNaN();
      for (const t of SPECIAL.filter((v) => !Number.isNaN(v))) {
        const indeterminate = !Number.isFinite(x) && !Number.isFinite(t);
        if (indeterminate) continue;
        expect(sigmoid(x, t)).not.toBeNaN();
        expect(softplus(x, t)).not.toBeNaN();
      }
    }
  });
});

describe("arguments that are not numbers: a TypeError naming the activator and the argument", () => {
  // Math.exp would coerce "1" and true to 1 (and throw on 1n); an activator refuses all three.
  const notNumbers: unknown[] = ["1", "", true, false, 1n, null, {}, [1], () => 1];
  const one = { step, relu, tanh, gelu, silu } as Record<string, (x: unknown) => number>;
  const two = { sigmoid, softplus, leakyRelu } as Record<
    string,
    (x: unknown, t?: unknown) => number
  >;
  it("in x, for every activator", () => {
    for (const v of notNumbers) {
      for (const [name, f] of Object.entries(one)) {
        expect(() => f(v), `${name}(${String(v)})`).toThrow(TypeError);
        expect(() => f(v)).toThrow(new RegExp(`^${name}: x must be a number`));
      }
      for (const [name, f] of Object.entries(two)) {
        expect(() => f(v, 1), `${name}(${String(v)})`).toThrow(TypeError);
        expect(() => f(v, 1)).toThrow(new RegExp(`^${name}: x must be a number`));
      }
    }
  });
  it("in the temperature or slope (undefined is the default)", () => {
    for (const v of notNumbers) {
      expect(() => sigmoid(1, v as number)).toThrow(/^sigmoid: temperature must be a number/);
      expect(() => softplus(1, v as number)).toThrow(/^softplus: temperature must be a number/);
      expect(() => leakyRelu(-1, v as number)).toThrow(/^leakyRelu: slope must be a number/);
    }
    expect(sigmoid(0, undefined)).toBe(0.5);
    expect(leakyRelu(-2, undefined)).toBe(-0.02);
  });
  it("names the value: the issue's examples", () => {
    expect(() => softplus("1" as unknown as number)).toThrow(
      'softplus: x must be a number, got "1"',
    );
    expect(() => leakyRelu(true as unknown as number)).toThrow(
      "leakyRelu: x must be a number, got boolean true",
    );
    expect(() => gelu(1n as unknown as number)).toThrow("gelu: x must be a number, got bigint 1n");
  });
});
