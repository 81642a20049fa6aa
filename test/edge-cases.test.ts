/**
 * The edge-case policy, docs/edge-cases.md: one `describe` per row of its table, titled with the
 * row's id (test/edge-cases-map.test.ts checks that every row has one and every block names a
 * row). Expected values are the policy's own closed forms, never the library's output.
 */
import { describe, expect, it } from "vitest";
import {
  energiesToLogits,
  entropy,
  gibbs,
  logitsToEnergies,
  logPartitionFunction,
  logSoftmax,
  logSumExp,
  partitionFunction,
  relu,
  sample,
  sigmoid,
  softmax,
  softplus,
  step,
  temperatureGrid,
  thermodynamics,
} from "../src/index.js";

const vectorFunctions = {
  softmax: (v: unknown, o?: object) => softmax(v as number[], o),
  logSoftmax: (v: unknown, o?: object) => logSoftmax(v as number[], o),
  logSumExp: (v: unknown) => logSumExp(v as number[]),
  gibbs: (v: unknown, o?: object) => gibbs(v as number[], { temperature: 1, ...o }),
  logPartitionFunction: (v: unknown, o?: object) =>
    logPartitionFunction(v as number[], { temperature: 1, ...o }),
  partitionFunction: (v: unknown, o?: object) =>
    partitionFunction(v as number[], { temperature: 1, ...o }),
  thermodynamics: (v: unknown, o?: object) =>
    thermodynamics(v as number[], { temperature: 1, ...o }),
  sample: (v: unknown, o?: object) => sample(v as number[], { random: () => 0.5, ...o }),
  logitsToEnergies: (v: unknown, o?: object) => logitsToEnergies(v as number[], o),
  energiesToLogits: (v: unknown, o?: object) =>
    energiesToLogits(v as number[], { temperature: 1, ...o }),
};

describe("nan: NaN anywhere in a vector or option is a RangeError naming it", () => {
  for (const [name, f] of Object.entries(vectorFunctions)) {
    it(`${name} names the index of a NaN`, () => {
      expect(() => f([0, 1, Number.NaN, 2])).toThrow(RangeError);
      expect(() => f([0, 1, Number.NaN, 2])).toThrow(/\[2\] is NaN/);
      expect(() => f([0, 1, Number.NaN, 2])).toThrow(new RegExp(`^${name}:`));
    });
  }
  it("a NaN temperature is a RangeError everywhere", () => {
    expect(() => softmax([1, 2], { temperature: Number.NaN })).toThrow(
      /options.temperature is NaN/,
    );
    expect(() => gibbs([1, 2], { temperature: Number.NaN })).toThrow(RangeError);
    expect(() => thermodynamics([1, 2], { temperature: Number.NaN })).toThrow(RangeError);
    expect(() => logPartitionFunction([1], { temperature: Number.NaN })).toThrow(RangeError);
    expect(() => sample([1], { temperature: Number.NaN })).toThrow(RangeError);
  });
  it("NaN in weights, degeneracies and kB", () => {
    expect(() => logSumExp([1, 2], { weights: [1, Number.NaN] })).toThrow(/weights\[1\] is NaN/);
    expect(() => gibbs([1, 2], { temperature: 1, degeneracies: [Number.NaN, 1] })).toThrow(
      /degeneracies\[0\] is NaN/,
    );
    expect(() => gibbs([1, 2], { temperature: 1, kB: Number.NaN })).toThrow(/kB/);
  });
});

describe("undefined-infinity: a +Infinity logit or a −Infinity energy is a RangeError", () => {
  it("softmax, logSoftmax, sample and the bridge refuse a +Infinity logit", () => {
    expect(() => softmax([0, Number.POSITIVE_INFINITY])).toThrow(/logits\[1\] is \+Infinity/);
    expect(() => logSoftmax([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => sample([Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => logitsToEnergies([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
  it("the Boltzmann side and the bridge refuse a −Infinity energy", () => {
    const E = [0, Number.NEGATIVE_INFINITY];
    expect(() => gibbs(E, { temperature: 1 })).toThrow(/energies\[1\] is -Infinity/);
    expect(() => logPartitionFunction(E, { temperature: 1 })).toThrow(RangeError);
    expect(() => partitionFunction(E, { temperature: 1 })).toThrow(RangeError);
    expect(() => thermodynamics(E, { temperature: 1 })).toThrow(RangeError);
    expect(() => energiesToLogits(E, { temperature: 1 })).toThrow(RangeError);
  });
});

describe("masked: a −Infinity logit, +Infinity energy, zero degeneracy or zero weight", () => {
  const temperatures = [
    1,
    0.3,
    -1,
    -0.2,
    0,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const t of temperatures) {
    it(`has probability exactly 0 and log-probability −Infinity at T = ${t}`, () => {
      const z = [1, Number.NEGATIVE_INFINITY, 2];
      expect(softmax(z, { temperature: t })[1]).toBe(0);
      expect(logSoftmax(z, { temperature: t })[1]).toBe(Number.NEGATIVE_INFINITY);
      const E = [-1, Number.POSITIVE_INFINITY, -2];
      expect(gibbs(E, { temperature: t })[1]).toBe(0);
      expect(thermodynamics(E, { temperature: t }).probabilities[1]).toBe(0);
      // The masked state contributes nothing: the result equals the two-state spectrum.
      expect(softmax(z, { temperature: t })[2]).toBe(softmax([1, 2], { temperature: t })[1]);
      expect(gibbs(E, { temperature: t })[2]).toBe(gibbs([-1, -2], { temperature: t })[1]);
    });
  }
  it("zero degeneracy and zero weight are masks too", () => {
    expect(gibbs([0, -5, 1], { temperature: -1, degeneracies: [1, 0, 1] })[1]).toBe(0);
    expect(logSumExp([0, 1000], { weights: [1, 0] })).toBe(0);
  });
  it("a masked state contributes nothing to sums", () => {
    expect(logSumExp([0, Number.NEGATIVE_INFINITY])).toBe(0);
    expect(logPartitionFunction([0, Number.POSITIVE_INFINITY], { temperature: 2 })).toBe(0);
  });
});

describe("all-masked: every state masked", () => {
  it("logSumExp and logPartitionFunction give −Infinity", () => {
    expect(logSumExp([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(logPartitionFunction([Number.POSITIVE_INFINITY], { temperature: 1 })).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(logPartitionFunction([0, 1], { temperature: 1, degeneracies: [0, 0] })).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
  it("softmax, logSoftmax, gibbs, thermodynamics and sample throw RangeError", () => {
    const z = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
    expect(() => softmax(z)).toThrow(RangeError);
    expect(() => logSoftmax(z)).toThrow(RangeError);
    expect(() => sample(z)).toThrow(RangeError);
    const E = [Number.POSITIVE_INFINITY];
    expect(() => gibbs(E, { temperature: 1 })).toThrow(/masked/);
    expect(() => thermodynamics(E, { temperature: 1 })).toThrow(RangeError);
    expect(() => gibbs([0, 1], { temperature: 1, degeneracies: [0, 0] })).toThrow(RangeError);
  });
});

describe("empty: an empty vector", () => {
  it("logSumExp([]) is −Infinity; softmax([]) and logSoftmax([]) are empty", () => {
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(softmax([])).toEqual(new Float64Array(0));
    expect(logSoftmax([])).toEqual(new Float64Array(0));
  });
  it("gibbs([]) and thermodynamics([]) throw; ln Z = −Infinity and Z = 0", () => {
    expect(() => gibbs([], { temperature: 1 })).toThrow(RangeError);
    expect(() => thermodynamics([], { temperature: 1 })).toThrow(RangeError);
    expect(logPartitionFunction([], { temperature: 1 })).toBe(Number.NEGATIVE_INFINITY);
    expect(partitionFunction([], { temperature: 1 })).toBe(0);
  });
  it("entropy([]) throws", () => {
    expect(() => entropy([])).toThrow(RangeError);
  });
});

describe("zero-temperature: the limit T → 0⁺", () => {
  it("shares all weight evenly among the maximal logits", () => {
    expect(softmax([1, 3, 2, 3], { temperature: 0 })).toEqual(new Float64Array([0, 0.5, 0, 0.5]));
    expect(softmax([1, 3, 2, 3], { temperature: -0 })).toEqual(new Float64Array([0, 0.5, 0, 0.5]));
    expect(logSoftmax([1, 3, 2, 3], { temperature: 0 })[1]).toBe(-Math.LN2);
  });
  it("weights the ground states by degeneracy", () => {
    expect(gibbs([0, 1, 0], { temperature: 0, degeneracies: [1, 5, 3] })).toEqual(
      new Float64Array([0.25, 0, 0.75]),
    );
  });
  it("thermodynamics: β = ∞, F = U = E₀, S = kB ln g₀, C = Var = 0", () => {
    const t = thermodynamics([2, 5, 2], { temperature: 0, degeneracies: [1, 1, 2], kB: 3 });
    expect(t.beta).toBe(Number.POSITIVE_INFINITY);
    expect(t.freeEnergy).toBe(2);
    expect(t.internalEnergy).toBe(2);
    expect(t.entropy).toBeCloseTo(3 * Math.log(3), 15);
    expect(t.heatCapacity).toBe(0);
    expect(t.energyVariance).toBe(0);
  });
  it("ln Z at T = 0 is ln g₀ for E₀ = 0, +∞ for E₀ < 0, −∞ for E₀ > 0", () => {
    expect(logPartitionFunction([0, 1], { temperature: 0, degeneracies: [4, 1] })).toBe(
      Math.log(4),
    );
    expect(logPartitionFunction([-1, 1], { temperature: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(logPartitionFunction([1, 2], { temperature: 0 })).toBe(Number.NEGATIVE_INFINITY);
    expect(thermodynamics([-1, 1], { temperature: 0 }).logZ).toBe(Number.POSITIVE_INFINITY);
    expect(partitionFunction([1, 2], { temperature: 0 })).toBe(0);
  });
  it("sample at τ = 0 draws the maximal logits evenly", () => {
    expect(sample([1, 3, 2, 3], { temperature: 0, random: () => 0.25 })).toBe(1);
    expect(sample([1, 3, 2, 3], { temperature: 0, random: () => 0.75 })).toBe(3);
  });
});

describe("infinite-temperature: the limit T → ±∞", () => {
  for (const T of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`is uniform (weighted by degeneracy) at T = ${T}`, () => {
      expect(softmax([1, 1000, -5], { temperature: T })).toEqual(
        new Float64Array([1, 1, 1].map((x) => x / 3)),
      );
      expect(gibbs([1, 1000, -5], { temperature: T, degeneracies: [1, 2, 1] })).toEqual(
        new Float64Array([0.25, 0.5, 0.25]),
      );
    });
    it(`thermodynamics at T = ${T}: β = 0, ln Z = ln Σg, U = weighted mean, S = kB ln Σg, C = 0`, () => {
      const t = thermodynamics([0, 1, 3], { temperature: T, degeneracies: [1, 2, 1], kB: 2 });
      expect(t.beta).toBe(0);
      expect(t.logZ).toBe(Math.log(4));
      expect(t.internalEnergy).toBe((0 + 2 + 3) / 4);
      expect(t.entropy).toBe(2 * Math.log(4));
      expect(t.heatCapacity).toBe(0);
      expect(t.freeEnergy).toBe(Number.NEGATIVE_INFINITY);
      expect(t.energyVariance).toBeCloseTo((1 * 1.25 ** 2 + 2 * 0.25 ** 2 + 1.75 ** 2) / 4, 15);
    });
  }
  it("F at T = ∞ is E₀ for a single state of g = 1", () => {
    expect(thermodynamics([7], { temperature: Number.POSITIVE_INFINITY }).freeEnergy).toBe(7);
  });
});

describe("negative-temperature: allowed", () => {
  it("softmax at τ < 0 is softmax(z/τ)", () => {
    // softmax([1, 2]/−1) = softmax([−1, −2]) = [e/(e+1), 1/(e+1)]
    const p = softmax([1, 2], { temperature: -1 });
    expect(p[0]).toBeCloseTo(Math.E / (Math.E + 1), 15);
  });
  it("a spectrum shows population inversion: the top level is the most occupied", () => {
    const p = gibbs([0, 1, 2], { temperature: -0.5 });
    expect(p[2]).toBeGreaterThan(p[1] as number);
    expect(p[1]).toBeGreaterThan(p[0] as number);
    const t = thermodynamics([0, 1, 2], { temperature: -0.5 });
    expect(t.internalEnergy).toBeGreaterThan(1);
    expect(t.heatCapacity).toBeGreaterThan(0);
    expect(t.beta).toBe(-2);
  });
});

describe("magnitudes: huge, tiny and mixed magnitudes give finite, correct results", () => {
  it("±1e308", () => {
    expect(softmax([1e308, -1e308])).toEqual(new Float64Array([1, 0]));
    expect(softmax([1e308, 1e308])).toEqual(new Float64Array([0.5, 0.5]));
    expect(logSumExp([1e308, 1e308])).toBe(1e308);
    // log p₁ = −2e308 is below the double range: −Infinity is its correct rounding.
    expect(logSoftmax([1e308, -1e308])).toEqual(new Float64Array([0, Number.NEGATIVE_INFINITY]));
    const t = thermodynamics([-1e308, 1e308], { temperature: 1 });
    expect(t.internalEnergy).toBe(-1e308);
    expect(t.freeEnergy).toBe(-1e308);
    expect(t.entropy).toBe(0);
    expect(t.heatCapacity).toBe(0);
    expect(Object.values(t).some((v) => typeof v === "number" && Number.isNaN(v))).toBe(false);
  });
  it("a huge temperature on a huge spread is still exact: (1e308 − (−1e308))/1e308 = 2", () => {
    // softmax([1e308, −1e308]/1e308) = softmax([1, −1]) = [1/(1+e^−2), e^−2/(1+e^−2)]
    const p = softmax([1e308, -1e308], { temperature: 1e308 });
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
  });
  it("5e−324 and subnormal temperatures", () => {
    // (5e−324 − 0)/5e−324 = 1 exactly: softmax([1, 0]).
    const p = softmax([5e-324, 0], { temperature: 5e-324 });
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    expect(softmax([5e-324, 0])).toEqual(new Float64Array([0.5, 0.5]));
    expect(logSumExp([5e-324, 5e-324])).toBe(Math.LN2);
    const g = gibbs([0, 5e-324], { temperature: 5e-324, kB: 1 });
    expect(g[1]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 15);
  });
  it("kB·T below the double range is formed exactly: kB = T = 1e−170", () => {
    // kB·T = 1e−300 exactly enough; β·ΔE = 1e−300/(1e−150·1e−150) = 1 to decimal rounding.
    const p = gibbs([0, 1e-300], { temperature: 1e-150, kB: 1e-150 });
    // β·ΔE = 1e−300/1e−300 = 1 (to rounding of the decimal inputs)
    expect(p[1]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 12);
  });
});

describe("lengths: lengths that disagree are a RangeError", () => {
  it("weights, degeneracies and out", () => {
    expect(() => logSumExp([1, 2], { weights: [1] })).toThrow(
      /weights has length 1 but values has length 2/,
    );
    expect(() => gibbs([1, 2], { temperature: 1, degeneracies: [1, 2, 3] })).toThrow(RangeError);
    expect(() => softmax([1, 2], { out: new Float64Array(3) })).toThrow(RangeError);
    expect(() => gibbs([1, 2], { temperature: 1, out: new Float64Array(1) })).toThrow(RangeError);
  });
});

describe("types: wrong types are a TypeError or RangeError", () => {
  it("a string for a vector is a TypeError", () => {
    expect(() => softmax("1,2,3" as unknown as number[])).toThrow(TypeError);
    expect(() => gibbs("1,2" as unknown as number[], { temperature: 1 })).toThrow(TypeError);
    expect(() => logSumExp(42 as unknown as number[])).toThrow(TypeError);
    expect(() => entropy(null as unknown as number[])).toThrow(TypeError);
  });
  it("a non-number element is a TypeError naming the index", () => {
    expect(() => softmax([1, "2"] as unknown as number[])).toThrow(/logits\[1\] must be a number/);
  });
  it("a missing required temperature is a TypeError", () => {
    expect(() => gibbs([1, 2], {} as { temperature: number })).toThrow(/temperature is required/);
    expect(() => gibbs([1, 2], undefined as unknown as { temperature: number })).toThrow(TypeError);
    expect(() => thermodynamics([1], { temperature: "300 K" as unknown as number })).toThrow(
      TypeError,
    );
  });
});

describe("activator-limits: sigmoid and softplus at temperature 0", () => {
  it("are exactly step and relu", () => {
    for (const x of [-3, -5e-324, -0, 0, 5e-324, 0.5, 1e308, Number.NEGATIVE_INFINITY]) {
      expect(Object.is(sigmoid(x, 0), step(x)), `sigmoid(${x}, 0)`).toBe(true);
      expect(Object.is(softplus(x, 0), relu(x)), `softplus(${x}, 0)`).toBe(true);
    }
    // step(x) is 1 for x > 0 and 0 otherwise, as in the seed text.
    expect([step(-1), step(0), step(2)]).toEqual([0, 0, 1]);
  });
});

describe("log-sum-exp: infinite values, zero and negative weights", () => {
  it("+Infinity with positive weight gives +Infinity", () => {
    expect(logSumExp([0, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(logSumExp([0, Number.POSITIVE_INFINITY], { weights: [1, 2] })).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
  it("a term with weight 0 contributes nothing whatever its value", () => {
    expect(logSumExp([0, Number.POSITIVE_INFINITY], { weights: [1, 0] })).toBe(0);
    expect(logSumExp([0, 1e308], { weights: [1, 0] })).toBe(0);
  });
  it("negative weights are a RangeError", () => {
    expect(() => logSumExp([0, 1], { weights: [1, -1] })).toThrow(/weights\[1\] is -1/);
  });
});

describe("entropy-input: entropy() of what is not a distribution", () => {
  it("refuses negative, infinite or non-normalised input", () => {
    expect(() => entropy([0.5, -0.1, 0.6])).toThrow(/probabilities\[1\]/);
    expect(() => entropy([0.5, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => entropy([0.5, 0.4])).toThrow(/sum to/);
  });
  it("accepts sums within 1e−9·max(1, n) of 1 and uses 0·ln 0 = 0", () => {
    expect(entropy([0.5, 0.5 + 5e-10])).toBeCloseTo(Math.LN2, 9);
    // Just outside the tolerance (2e−9 for n = 2): refused.
    expect(() => entropy([0.5, 0.5 + 3e-9])).toThrow(/sum to/);
    expect(() => entropy([0.5, 0.5 - 3e-9])).toThrow(/sum to/);
    expect(entropy([1, 0])).toBe(0);
  });
});

describe("temperature-grid: points, endpoints, direction and scale", () => {
  it("returns the endpoints exactly, ascending or descending", () => {
    const g = temperatureGrid({ from: 0.1, to: 7.3, points: 17 });
    expect(g[0]).toBe(0.1);
    expect(g[16]).toBe(7.3);
    const d = temperatureGrid({ from: 300, to: 0.3, points: 5, scale: "linear" });
    expect(d[0]).toBe(300);
    expect(d[4]).toBe(0.3);
    for (let i = 1; i < 5; i++) expect(d[i]).toBeLessThan(d[i - 1] as number);
  });
  it("refuses bad points, non-positive log endpoints and unknown scales", () => {
    expect(() => temperatureGrid({ from: 1, to: 2, points: 1 })).toThrow(RangeError);
    expect(() => temperatureGrid({ from: 1, to: 2, points: 2.5 })).toThrow(RangeError);
    expect(() => temperatureGrid({ from: 0, to: 2, points: 3 })).toThrow(/log grid needs/);
    expect(temperatureGrid({ from: -1, to: 2, points: 3, scale: "linear" })).toEqual(
      new Float64Array([-1, 0.5, 2]),
    );
    expect(() => temperatureGrid({ from: 1, to: 2, points: 3, scale: "cubic" as "log" })).toThrow(
      RangeError,
    );
  });
});

describe("sample: filters, temperature 0 and bad options", () => {
  const z = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
  it("applies topK, then topP, then minP on the renormalised result", () => {
    // topK 3 keeps [.5,.3,.15] → renormalised [.5263,.3158,.1579]; topP 0.8 keeps the first two
    // (mass .842 ≥ .8); so the draw is between index 0 and 1 in proportion 5:3.
    expect(sample(z, { topK: 3, topP: 0.8, random: () => 0.62 })).toBe(0);
    expect(sample(z, { topK: 3, topP: 0.8, random: () => 0.63 })).toBe(1);
    expect(sample(z, { topK: 3, topP: 0.8, random: () => 0.9999 })).toBe(1);
    // minP 0.5 keeps p ≥ 0.25: only indices 0 and 1.
    expect(sample(z, { minP: 0.5, random: () => 0.99 })).toBe(1);
    expect(sample(z, { topK: 1, random: () => 0.99 })).toBe(0);
  });
  it("never draws a masked or zero-probability state", () => {
    const masked = [0, Number.NEGATIVE_INFINITY, 0];
    for (const u of [0, 0.25, 0.4999999, 0.5, 0.75, 0.9999999999]) {
      expect(sample(masked, { random: () => u })).not.toBe(1);
    }
  });
  it("refuses bad filters and a bad random source", () => {
    // topK: 0 is "no top-k filter" (CONTRACT.md, second round), as in Hugging Face's generate.
    expect(() => sample(z, { topK: -1 })).toThrow(/topK/);
    expect(() => sample(z, { topK: 1.5 })).toThrow(/topK/);
    expect(() => sample(z, { topP: 0 })).toThrow(/topP/);
    expect(() => sample(z, { topP: 1.1 })).toThrow(/topP/);
    expect(() => sample(z, { minP: -0.1 })).toThrow(/minP/);
    expect(() => sample(z, { random: () => 1 })).toThrow(/random/);
    expect(() => sample(z, { random: () => Number.NaN })).toThrow(/random/);
  });
  it("uses Math.random when no random is given", () => {
    const i = sample([0, 0, 0]);
    expect([0, 1, 2]).toContain(i);
  });
});

describe("bridge: the bridge follows the same table", () => {
  it("a +Infinity logit and a −Infinity energy are RangeErrors; masks map to masks", () => {
    expect(() => logitsToEnergies([0, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => energiesToLogits([Number.NEGATIVE_INFINITY], { temperature: 1 })).toThrow(
      RangeError,
    );
    expect(logitsToEnergies([0, Number.NEGATIVE_INFINITY]).energies[1]).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(energiesToLogits([0, Number.POSITIVE_INFINITY], { temperature: 1 })[1]).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });
});

describe("inputs-unmodified: inputs are never modified", () => {
  it("every vector function leaves its input as it was", () => {
    const z = new Float64Array([3, -1, 2, Number.NEGATIVE_INFINITY, 0.5]);
    const copy = Float64Array.from(z);
    const g = [1, 2, 1, 1, 3];
    const gCopy = [...g];
    softmax(z, { temperature: 0.3 });
    logSoftmax(z, { temperature: -2 });
    logSumExp(z, { weights: g });
    sample(z, { topK: 2, topP: 0.9, minP: 0.1, random: () => 0.3 });
    const E = z.map((v) => -v);
    const ECopy = Float64Array.from(E);
    gibbs(E, { temperature: 2, degeneracies: g });
    thermodynamics(E, { temperature: 0.7, degeneracies: g });
    logitsToEnergies(z);
    energiesToLogits(E, { temperature: 3 });
    expect(z).toEqual(copy);
    expect(E).toEqual(ECopy);
    expect(g).toEqual(gCopy);
  });
});
