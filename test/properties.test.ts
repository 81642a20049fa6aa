/**
 * Properties that hold for every input, checked with fast-check on random vectors:
 * normalisation, shift invariance, permutation equivariance, the temperature limits,
 * monotonicity of U and S in T, thermodynamic consistency and the bridge identities.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  entropy,
  gibbs,
  identities,
  logitsToEnergies,
  logPartitionFunction,
  logSoftmax,
  logSumExp,
  softmax,
  thermodynamics,
} from "../src/index.js";

const logit = fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true });
const logits = fc.array(logit, { minLength: 1, maxLength: 40 });
const integerLogits = fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 40 });
const temperature = fc.oneof(
  fc.double({ min: 0.05, max: 20, noNaN: true }),
  fc.double({ min: -20, max: -0.05, noNaN: true }),
);
const spectrum = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
  minLength: 2,
  maxLength: 20,
});

function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s;
}

describe("softmax properties", () => {
  it("is a distribution: entries in [0, 1] summing to 1", () => {
    fc.assert(
      fc.property(logits, temperature, (z, t) => {
        const p = softmax(z, { temperature: t });
        for (const x of p) expect(x >= 0 && x <= 1).toBe(true);
        expect(Math.abs(sum(p) - 1)).toBeLessThanOrEqual(z.length * 2.3e-16);
      }),
    );
  });
  it("is invariant under an exact shift of every logit, bit for bit", () => {
    // Integer logits and shifts: z + c is exact, so the exact answer is unchanged.
    fc.assert(
      fc.property(integerLogits, fc.integer({ min: -1000, max: 1000 }), (z, c) => {
        const a = softmax(z);
        const b = softmax(z.map((x) => x + c));
        expect(b).toEqual(a);
      }),
    );
  });
  it("is invariant under a shift of real logits to rounding", () => {
    fc.assert(
      fc.property(logits, fc.double({ min: -100, max: 100, noNaN: true }), (z, c) => {
        const a = softmax(z);
        const b = softmax(z.map((x) => x + c));
        for (let i = 0; i < z.length; i++) {
          expect(Math.abs((a[i] as number) - (b[i] as number))).toBeLessThanOrEqual(1e-12);
        }
      }),
    );
  });
  it("is permutation-equivariant", () => {
    fc.assert(
      fc.property(logits, fc.integer({ min: 0, max: 1_000_000 }), (z, seed) => {
        const order = z
          .map((_, i) => i)
          .sort((i, j) => ((i * 7919 + seed) % 97) - ((j * 7919 + seed) % 97) || i - j);
        const p = softmax(z);
        const q = softmax(order.map((i) => z[i] as number));
        order.forEach((i, k) => {
          const a = p[i] as number;
          const b = q[k] as number;
          expect(Math.abs(a - b)).toBeLessThanOrEqual(4 * 2.3e-16 * a);
        });
      }),
    );
  });
  it("log(softmax) = logSoftmax wherever softmax is normal", () => {
    fc.assert(
      fc.property(logits, temperature, (z, t) => {
        const p = softmax(z, { temperature: t });
        const lp = logSoftmax(z, { temperature: t });
        for (let i = 0; i < z.length; i++) {
          if ((p[i] as number) > 1e-300) {
            expect(Math.abs(Math.log(p[i] as number) - (lp[i] as number))).toBeLessThanOrEqual(
              1e-13 * Math.max(1, Math.abs(lp[i] as number)),
            );
          }
        }
      }),
    );
  });
  it("approaches the argmax as τ → 0⁺ and the uniform distribution as τ → ∞", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -30, max: 30 }), { minLength: 2, maxLength: 10 }),
        (z) => {
          // Distinct integers are ≥ 1 apart: at τ = 1/800, every non-maximal weight is < e^−800 = 0.
          const cold = softmax(z, { temperature: 1 / 800 });
          const exact = softmax(z, { temperature: 0 });
          expect(cold).toEqual(exact);
          const hot = softmax(z, { temperature: 1e15 });
          for (const x of hot) expect(Math.abs(x - 1 / z.length)).toBeLessThan(1e-12);
        },
      ),
    );
  });
  it("logSumExp shifts exactly with its arguments and bounds the maximum", () => {
    fc.assert(
      fc.property(integerLogits, fc.integer({ min: -500, max: 500 }), (z, c) => {
        const a = logSumExp(z);
        const b = logSumExp(z.map((x) => x + c));
        // a and b are each within 2 ulp, and a + c rounds once more: 5 ulp of the larger of them
        // (|b| alone is too small a scale when a is large: [33, 0] shifted by −32).
        expect(Math.abs(b - (a + c))).toBeLessThanOrEqual(
          5 * Number.EPSILON * Math.max(1, Math.abs(a), Math.abs(b)),
        );
        const max = Math.max(...z);
        expect(a).toBeGreaterThanOrEqual(max);
        expect(a).toBeLessThanOrEqual(max + Math.log(z.length) + 1e-12);
      }),
    );
  });
});

describe("thermodynamic properties", () => {
  it("U and S increase with T on T > 0", () => {
    fc.assert(
      fc.property(spectrum, (E) => {
        let U = Number.NEGATIVE_INFINITY;
        let S = Number.NEGATIVE_INFINITY;
        // Rounding may step back by an ulp or two of the energy scale (for subnormal energies, a
        // few dozen steps of 2^−1074 through the scaled products), never more.
        const slack = 4 * Number.EPSILON * Math.max(...E.map(Math.abs)) + 64 * Number.MIN_VALUE;
        for (let k = -20; k <= 20; k++) {
          const t = thermodynamics(E, { temperature: 1.4 ** k });
          expect(t.internalEnergy).toBeGreaterThanOrEqual(U - slack);
          expect(t.entropy).toBeGreaterThanOrEqual(S - 1e-12);
          U = t.internalEnergy;
          S = t.entropy;
        }
      }),
    );
  });
  it("is consistent: S = (U − F)/T, C ≥ 0, C = dU/dT, 0 ≤ S ≤ ln n", () => {
    fc.assert(
      fc.property(spectrum, temperature, (E, T) => {
        const t = thermodynamics(E, { temperature: T });
        const scale = Math.max(1, Math.abs(t.internalEnergy), Math.abs(t.freeEnergy));
        expect(Math.abs(t.entropy - (t.internalEnergy - t.freeEnergy) / T)).toBeLessThan(
          (1e-12 * scale) / Math.abs(T) + 1e-12,
        );
        expect(t.heatCapacity).toBeGreaterThanOrEqual(0);
        expect(t.entropy).toBeGreaterThanOrEqual(-1e-15);
        expect(t.entropy).toBeLessThanOrEqual(Math.log(E.length) + 1e-12);
        const h = 1e-4 * Math.abs(T);
        const U = (x: number) => thermodynamics(E, { temperature: x }).internalEnergy;
        const dUdT = (U(T - 2 * h) - 8 * U(T - h) + 8 * U(T + h) - U(T + 2 * h)) / (12 * h);
        expect(Math.abs(dUdT - t.heatCapacity)).toBeLessThan(1e-6 * Math.max(1, t.heatCapacity));
      }),
    );
  });
});

describe("the bridge on random inputs", () => {
  it("gibbs(logitsToEnergies(z, τ)) = softmax(z/τ), and ln Z = LSE(z/τ)", () => {
    fc.assert(
      fc.property(
        logits,
        temperature,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-5, max: 10, noNaN: true }),
        (z, tau, energyScale, kB) => {
          const { energies, temperature: T } = logitsToEnergies(z, {
            temperature: tau,
            energyScale,
            kB,
          });
          const p = softmax(z, { temperature: tau });
          const q = gibbs(energies, { temperature: T, kB });
          for (let i = 0; i < z.length; i++) {
            expect(Math.abs((p[i] as number) - (q[i] as number))).toBeLessThan(1e-12);
          }
          const lnZ = logPartitionFunction(energies, { temperature: T, kB });
          const lse = logSumExp(z.map((x) => x / tau));
          expect(Math.abs(lnZ - lse)).toBeLessThan(1e-12 * Math.max(1, Math.abs(lse)));
        },
      ),
    );
  });
  it("H(softmax) = S/kB and every identity holds", () => {
    fc.assert(
      fc.property(logits, temperature, (z, tau) => {
        const list = identities(z, { temperature: tau });
        for (const identity of list) {
          expect({
            id: identity.id,
            holds: identity.holds,
            note: identity.note,
            d: identity.difference,
          }).toMatchObject({
            holds: true,
          });
        }
        const { energies } = logitsToEnergies(z, { temperature: tau });
        const S = thermodynamics(energies, { temperature: tau }).entropy;
        expect(Math.abs(entropy(softmax(z, { temperature: tau })) - S)).toBeLessThan(
          1e-12 * Math.max(1, S),
        );
      }),
      { numRuns: 60 },
    );
  });
});
