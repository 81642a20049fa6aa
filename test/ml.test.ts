/**
 * The machine-learning reductions of issue 12 against 80-digit mpmath references
 * (test/fixtures/make_ml_references.py → ml-references.json): signed log-sum-exp (with scipy's
 * and JAX's own cases, cited in the fixture), cross-entropy and KL divergence; then their
 * properties (fast-check), the batch forms, and the physics identities of docs/theory.md.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  crossEntropy,
  crossEntropyRows,
  entropy,
  klDivergence,
  klDivergenceRows,
  logSoftmax,
  logSumExp,
  type SignedLogSumExp,
  softmax,
  thermodynamics,
} from "../src/index.js";
import { decode, decodeVector, type Encoded, ulpError } from "./helpers/fixtures.js";

interface Raw {
  [key: string]: unknown;
}
const raw = JSON.parse(
  readFileSync(new URL("./fixtures/ml-references.json", import.meta.url), "utf8"),
) as { signedLogSumExp: Raw[]; crossEntropy: Raw[]; klDivergence: Raw[] };

const vec = (v: unknown) => decodeVector(v as Encoded[]);

describe("signed log-sum-exp against mpmath", () => {
  for (const c of raw.signedLogSumExp) {
    it(`${c.name as string} (${c.source as string})`, () => {
      const values = vec(c.values);
      const weights = c.weights === null ? undefined : vec(c.weights);
      const got = logSumExp(values, { ...(weights ? { weights } : {}), returnSign: true });
      expect(got.sign).toBe(c.sign);
      const expected = decode(c.value as Encoded);
      expect(ulpError(got.value, expected), `${got.value} vs ${expected}`).toBeLessThanOrEqual(2);
    });
  }

  it("equals the unsigned logSumExp bit for bit when no weight is negative", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -700, max: 700, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1e10, noNaN: true }), { minLength: 30, maxLength: 30 }),
        (x, w) => {
          const weights = w.slice(0, x.length);
          const plain = logSumExp(x, { weights });
          const signed = logSumExp(x, { weights, returnSign: true });
          expect(Object.is(signed.value, plain)).toBe(true);
          expect(signed.sign).toBe(plain === Number.NEGATIVE_INFINITY ? 0 : 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is odd in the weights and cancels exactly: LSE(x ∪ x, w ∪ −w) is zero (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 20, maxLength: 20 }),
        (x, w0) => {
          const w = w0.slice(0, x.length);
          const a = logSumExp(x, { weights: w, returnSign: true });
          const b = logSumExp(x, { weights: w.map((v) => -v), returnSign: true });
          expect(b.sign + a.sign).toBe(0);
          expect(Object.is(a.value, b.value)).toBe(true);
          const both = logSumExp([...x, ...x], {
            weights: [...w, ...w.map((v) => -v)],
            returnSign: true,
          });
          expect(both).toEqual({ value: Number.NEGATIVE_INFINITY, sign: 0 });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a term at −∞ is zero whatever the sign of its weight (as scipy's logsumexp)", () => {
    // Closed forms: ln e¹ = 1; ln(2·e⁰ + e²) = 2.239544766221884504868922893154186055099
    // (mpmath, 40 digits); scipy.special.logsumexp gives the same values and signs.
    expect(logSumExp([-Infinity, 1], { weights: [-1, 1], returnSign: true })).toEqual({
      value: 1,
      sign: 1,
    });
    expect(logSumExp([1, -Infinity], { weights: [-1, 1], returnSign: true })).toEqual({
      value: 1,
      sign: -1,
    });
    expect(logSumExp([0, -Infinity, 2], { weights: [-2, 5, -1], returnSign: true })).toEqual({
      value: 2.2395447662218846,
      sign: -1,
    });
    expect(logSumExp([-Infinity, -Infinity], { weights: [-1, 1], returnSign: true })).toEqual({
      value: Number.NEGATIVE_INFINITY,
      sign: 0,
    });
  });

  it("masked terms change nothing: LSE(x ∪ {−∞}, w ∪ {any weight}) is LSE(x, w), bit for bit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -50, max: 50, noNaN: true }),
            fc.double({ min: -5, max: 5, noNaN: true }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        fc.array(
          fc.tuple(fc.nat({ max: 20 }), fc.double({ min: -1e300, max: 1e300, noNaN: true })),
          { minLength: 1, maxLength: 5 },
        ),
        (terms, masked) => {
          const x = terms.map(([v]) => v);
          const w = terms.map(([, c]) => c);
          const mx = [...x];
          const mw = [...w];
          for (const [at, c] of masked) {
            const k = at % (mx.length + 1);
            mx.splice(k, 0, Number.NEGATIVE_INFINITY);
            mw.splice(k, 0, c);
          }
          const plain = logSumExp(x, { weights: w, returnSign: true });
          const withMasked = logSumExp(mx, { weights: mw, returnSign: true });
          expect(withMasked.sign).toBe(plain.sign);
          expect(Object.is(withMasked.value, plain.value)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("types its result by returnSign (TypeScript overloads)", () => {
    expectTypeOf(logSumExp([1, 2])).toEqualTypeOf<number>();
    expectTypeOf(logSumExp([1, 2], { weights: [1, 1] })).toEqualTypeOf<number>();
    expectTypeOf(logSumExp([1, 2], { returnSign: false })).toEqualTypeOf<number>();
    const signed = logSumExp([1, 2], { weights: [1, -1], returnSign: true });
    expectTypeOf(signed).toEqualTypeOf<SignedLogSumExp>();
    expectTypeOf(signed.sign).toEqualTypeOf<-1 | 0 | 1>();
    const flag: boolean = Math.random() > 2;
    expectTypeOf(logSumExp([1], { returnSign: flag })).toEqualTypeOf<number | SignedLogSumExp>();
    expect(signed.sign).toBe(-1);
  });

  it("keeps RangeError for negative weights without returnSign, and names the problems", () => {
    expect(() => logSumExp([1, 2], { weights: [1, -1] })).toThrow(
      /^logSumExp: options.weights\[1\] is -1; it must be finite and ≥ 0 \(with options.returnSign: true/,
    );
    expect(() =>
      logSumExp([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], {
        weights: [1, -1],
        returnSign: true,
      }),
    ).toThrow(/Infinity − Infinity/);
    expect(() => logSumExp([1, 2], { weights: [1, Number.NaN], returnSign: true })).toThrow(
      /options.weights\[1\] is NaN/,
    );
    expect(() =>
      logSumExp([1, 2], { weights: [1, Number.POSITIVE_INFINITY], returnSign: true }),
    ).toThrow(/options.weights\[1\] is Infinity; it must be finite/);
    expect(() => logSumExp([1, "2" as unknown as number], { returnSign: true })).toThrow(TypeError);
    expect(() => logSumExp([1], { returnSign: 1 as unknown as boolean })).toThrow(
      /options.returnSign must be a boolean/,
    );
    expect(logSumExp([], { returnSign: true })).toEqual({
      value: Number.NEGATIVE_INFINITY,
      sign: 0,
    });
  });
});

describe("cross-entropy against mpmath", () => {
  for (const c of raw.crossEntropy) {
    it(c.name as string, () => {
      const target = typeof c.target === "number" ? c.target : vec(c.target);
      const got = crossEntropy(vec(c.logits), target, { temperature: c.temperature as number });
      const expected = decode(c.expected as Encoded);
      expect(ulpError(got, expected), `${got} vs ${expected}`).toBeLessThanOrEqual(2);
    });
  }
});

describe("KL divergence against mpmath", () => {
  for (const c of raw.klDivergence) {
    it(c.name as string, () => {
      const got = klDivergence(vec(c.logitsP), vec(c.logitsQ), {
        temperature: c.temperature as number,
      });
      const expected = decode(c.expected as Encoded);
      expect(ulpError(got, expected), `${got} vs ${expected}`).toBeLessThanOrEqual(2);
    });
  }
});

describe("cross-entropy and KL: properties", () => {
  const logit = fc.double({ min: -40, max: 40, noNaN: true });
  const pair = fc
    .integer({ min: 1, max: 25 })
    .chain((n) =>
      fc.tuple(
        fc.array(logit, { minLength: n, maxLength: n }),
        fc.array(logit, { minLength: n, maxLength: n }),
      ),
    );
  const temperature = fc.constantFrom(1, 0.3, 2.5, 40);

  it("KL ≥ 0, KL(p‖p) = 0, and CE(z, q) = H(q) + KL(q‖p) (property)", () => {
    fc.assert(
      fc.property(pair, temperature, ([zp, zq], t) => {
        const kl = klDivergence(zp, zq, { temperature: t });
        expect(kl).toBeGreaterThanOrEqual(0);
        expect(klDivergence(zp, zp, { temperature: t })).toBe(0);
        const q = softmax(zq, { temperature: t });
        const ce = crossEntropy(zp, q, { temperature: t });
        const decomposed = entropy(q) + klDivergence(zq, zp, { temperature: t });
        expect(Math.abs(ce - decomposed)).toBeLessThanOrEqual(1e-12 * Math.max(1, ce));
      }),
      { numRuns: 400 },
    );
  });

  it("an exact shift of every logit changes nothing: KL is exactly 0", () => {
    const z = [3, -1, 4, 1, -5, 9, 2, -6];
    expect(
      klDivergence(
        z,
        z.map((v) => v + 1000),
      ),
    ).toBe(0);
    expect(
      klDivergence(
        z,
        z.map((v) => v - 7),
        { temperature: 0.1 },
      ),
    ).toBe(0);
  });

  it("cross-entropy with a class index is −logSoftmax at that class", () => {
    fc.assert(
      fc.property(fc.array(logit, { minLength: 1, maxLength: 30 }), temperature, (z, t) => {
        const lp = logSoftmax(z, { temperature: t });
        for (let c = 0; c < z.length; c++) {
          expect(crossEntropy(z, c, { temperature: t })).toBe(-(lp[c] as number));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("takes the temperature limits: τ = 0 compares the argmax states, τ = ∞ the supports", () => {
    expect(klDivergence([1, 3, 2], [0, 5, 1], { temperature: 0 })).toBe(0);
    expect(klDivergence([1, 3, 2], [9, 5, 1], { temperature: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(klDivergence([1, 3, 2], [9, 5, 1], { temperature: Number.POSITIVE_INFINITY })).toBe(0);
    // Uniform on 2 states against uniform on 3: ln(3/2), to 2 ulp (rounded logarithms).
    const kl = klDivergence([1, 3, Number.NEGATIVE_INFINITY], [9, 5, 1], {
      temperature: Number.POSITIVE_INFINITY,
    });
    expect(ulpError(kl, Math.log(1.5))).toBeLessThanOrEqual(2);
    expect(crossEntropy([1, 3, 3], 1, { temperature: 0 })).toBe(Math.LN2);
  });

  it("refuses bad input by name", () => {
    expect(() => klDivergence([0, 1], [0])).toThrow(
      /klDivergence: logitsQ has length 1 but logitsP has length 2/,
    );
    expect(() => klDivergence([0, Number.NaN], [0, 1])).toThrow(
      /klDivergence: logitsP\[1\] is NaN/,
    );
    expect(() => klDivergence([Number.NEGATIVE_INFINITY], [0])).toThrow(/every logit of logitsP/);
    expect(() => klDivergence([0, "1" as unknown as number], [0, 1])).toThrow(TypeError);
    expect(() => crossEntropy([0, 1], 1.5)).toThrow(/crossEntropy: target must be an integer/);
    expect(() => crossEntropy([0, 1], [0.5, Number.NaN])).toThrow(/target\[1\] is NaN/);
    expect(() => crossEntropy([0, 1], [1])).toThrow(/target has length 1 but logits has length 2/);
    expect(() => crossEntropy([0, Number.POSITIVE_INFINITY], 0)).toThrow(
      /crossEntropy: logits\[1\] is \+Infinity/,
    );
  });
});

describe("the Rows forms", () => {
  const rows = 5;
  const columns = 7;
  const m = Float64Array.from({ length: rows * columns }, (_, i) => Math.sin(i * 1.3) * 6);
  const m2 = Float64Array.from({ length: rows * columns }, (_, i) => Math.cos(i * 0.7) * 6);

  it("give each row's crossEntropy and klDivergence, bit for bit, for typed and plain input", () => {
    const classes = [0, 6, 3, 3, 1];
    const probabilities = softmaxRowsOf(m2, columns);
    const byIndex = crossEntropyRows(m, classes, { columns, temperature: 0.8 });
    const byProbabilities = crossEntropyRows(Array.from(m), probabilities, {
      columns,
      temperature: 0.8,
    });
    // Every pairing of typed and plain matrices: each row of p against its own row of q.
    const forms = (v: Float64Array) => [v, Array.from(v)];
    const byTypedProbabilities = crossEntropyRows(m, probabilities, { columns, temperature: 0.8 });
    const kls = forms(m).flatMap((p) =>
      forms(m2).map((q) => klDivergenceRows(p, q, { columns, temperature: 0.8 })),
    );
    expect(kls.length).toBe(4);
    for (let r = 0; r < rows; r++) {
      const row = m.subarray(r * columns, (r + 1) * columns);
      const row2 = m2.subarray(r * columns, (r + 1) * columns);
      const q = probabilities.subarray(r * columns, (r + 1) * columns);
      expect(byIndex[r]).toBe(crossEntropy(row, classes[r] as number, { temperature: 0.8 }));
      expect(byProbabilities[r]).toBe(crossEntropy(row, q, { temperature: 0.8 }));
      expect(byTypedProbabilities[r]).toBe(crossEntropy(row, q, { temperature: 0.8 }));
      const expected = klDivergence(row, row2, { temperature: 0.8 });
      for (const kl of kls) expect(kl[r]).toBe(expected);
    }
    // The rows differ, so a row read at the wrong place cannot give the same numbers.
    expect(new Set(Array.from(kls[0] as Float64Array)).size).toBe(rows);
    const out = [0, 0, 0, 0, 0];
    expect(klDivergenceRows(m, m2, { columns, temperature: 0.8, out })).toBe(out);
    expect(out).toEqual(Array.from(kls[0] as Float64Array));
  });

  it("name the row and column of a bad entry, and check the shapes", () => {
    const bad = Array.from(m);
    bad[9] = Number.NaN;
    expect(() => crossEntropyRows(bad, [0, 0, 0, 0, 0], { columns })).toThrow(
      /crossEntropyRows: matrix\[9\] \(row 1, column 2\) is NaN/,
    );
    expect(() => klDivergenceRows(m, bad, { columns })).toThrow(
      /klDivergenceRows: logitsQ\[9\] \(row 1, column 2\) is NaN/,
    );
    expect(() => crossEntropyRows(m, [0, 0, 0, 0, 7], { columns })).toThrow(
      /targets\[4\] is 7; a class index must be an integer in \[0, 7\)/,
    );
    expect(() => crossEntropyRows(m, [0, 0], { columns })).toThrow(/targets has length 2/);
    expect(() => klDivergenceRows(m, m2.subarray(1), { columns })).toThrow(RangeError);
    expect(() => crossEntropyRows(m, [0, 0, 0, 0, 0], { columns, out: [0] })).toThrow(
      /options.out has length 1; it must have one entry per row \(5\)/,
    );
    const probabilities = softmaxRowsOf(m2, columns);
    probabilities[8] = (probabilities[8] as number) + 0.5;
    expect(() => crossEntropyRows(m, probabilities, { columns })).toThrow(/targets row 1 sums to/);
  });
});

function softmaxRowsOf(m: Float64Array, columns: number): Float64Array {
  const out = new Float64Array(m.length);
  for (let s = 0; s < m.length; s += columns) out.set(softmax(m.subarray(s, s + columns)), s);
  return out;
}

describe("the physics of docs/theory.md, checked", () => {
  // One spectrum at two temperatures: KL(p_T‖p_T′) = (U_T − F_T′)/T′ − S_T (kB = 1).
  const E = [0, 0.3, 1, 1.7, 2.2, 4];
  for (const [T, T2] of [
    [1, 2],
    [2, 1],
    [0.5, 3],
    [1, -1],
  ] as const) {
    it(`KL(p_T‖p_T′) is the free-energy excess at T′ (T = ${T}, T′ = ${T2})`, () => {
      const at = thermodynamics(E, { temperature: T });
      const other = thermodynamics(E, { temperature: T2 });
      const kl = klDivergence(
        E.map((e) => -e / T),
        E.map((e) => -e / T2),
      );
      const identity = (at.internalEnergy - other.freeEnergy) / T2 - at.entropy;
      expect(Math.abs(kl - identity)).toBeLessThanOrEqual(1e-13 * Math.max(1, kl));
    });
  }

  it("between two spectra at one temperature it is the Gibbs–Bogoliubov gap", () => {
    const E2 = [0.5, 0.1, 1.2, 1, 3, 3.5];
    const T = 0.8;
    const a = thermodynamics(E, { temperature: T });
    const b = thermodynamics(E2, { temperature: T });
    const meanGap = a.probabilities.reduce(
      (s, p, i) => s + p * ((E2[i] as number) - (E[i] as number)),
      0,
    );
    const gibbsBogoliubov = (meanGap - (b.freeEnergy - a.freeEnergy)) / T;
    const kl = klDivergence(
      E.map((e) => -e),
      E2.map((e) => -e),
      { temperature: T },
    );
    expect(Math.abs(kl - gibbsBogoliubov)).toBeLessThanOrEqual(1e-14);
  });

  it("distillation: ∂CE/∂zᵢ = (pᵢ − qᵢ)/T, and T²·gradient → (zᵢ − vᵢ)/N for large T", () => {
    const v = [2, -1, 0.5, -1.5]; // teacher logits, mean 0
    const z = [1, 0.5, -0.5, -1]; // student logits, mean 0
    for (const T of [1, 4, 100]) {
      const q = softmax(v, { temperature: T });
      const p = softmax(z, { temperature: T });
      for (let i = 0; i < 4; i++) {
        const h = 1e-5 * T;
        const plus = z.map((x, j) => (j === i ? x + h : x));
        const minus = z.map((x, j) => (j === i ? x - h : x));
        const numeric =
          (crossEntropy(plus, q, { temperature: T }) - crossEntropy(minus, q, { temperature: T })) /
          (2 * h);
        const analytic = ((p[i] as number) - (q[i] as number)) / T;
        expect(Math.abs(numeric - analytic)).toBeLessThanOrEqual(1e-9 / T);
        if (T === 100) {
          // (zᵢ − vᵢ)/N up to O(1/T): the relative gap is below 3/T here.
          const limit = ((z[i] as number) - (v[i] as number)) / 4;
          expect(Math.abs(T * T * analytic - limit)).toBeLessThanOrEqual((3 / T) * Math.abs(limit));
        }
      }
    }
  });
});
