/**
 * Types and ranges (issue 11, CONTRACT.md "Additions: Vectors and out"): `out` is exactly a plain
 * array, a Float64Array or a Float32Array of the right length, anything else a TypeError naming
 * the function; BigInt arrays and non-number options are TypeErrors naming the function and the
 * argument; every function reads each entry of an input array-like once (a getter that answers
 * differently on a second read cannot turn checked numbers into NaN); allocation sizes have caps
 * that name the function and the option.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  energiesToLogits,
  entropy,
  fitTemperature,
  gibbs,
  identities,
  logitsToEnergies,
  logPartitionFunction,
  logSoftmax,
  logSoftmaxRows,
  logSumExp,
  MAX_GRID_POINTS,
  MAX_SWEEP_PROBABILITIES,
  mergeLevels,
  partitionFunction,
  sample,
  setKernelBackend,
  softmax,
  softmaxRows,
  solveTemperature,
  sweep,
  sweepRows,
  temperatureGrid,
  thermodynamics,
} from "../src/index.js";
import { convertEnergy, toReduced } from "../src/units/index.js";

describe("out: a plain array, a Float64Array or a Float32Array, else a TypeError naming the function", () => {
  const writers = {
    softmax: (out: unknown) => softmax([1, 2, 3], { out } as never),
    logSoftmax: (out: unknown) => logSoftmax([1, 2, 3], { out } as never),
    gibbs: (out: unknown) => gibbs([1, 2, 3], { temperature: 1, out } as never),
    softmaxRows: (out: unknown) => softmaxRows([1, 2, 3], { columns: 3, out } as never),
  };
  const refused: [string, unknown][] = [
    ["an Int8Array (it would truncate to [0, 0, 0])", new Int8Array(3)],
    ["a Uint8ClampedArray", new Uint8ClampedArray(3)],
    ["an Int32Array", new Int32Array(3)],
    ["a Float64Array inside a Proxy", new Proxy(new Float64Array(3), {})],
    ["a BigInt64Array", new BigInt64Array(3)],
    ["a frozen array", Object.freeze([0, 0, 0])],
    ["an array-like object", { length: 3 }],
    ["{ length: -1 }", { length: -1 }],
    ["a string", "abc"],
    ["a number", 3],
  ];
  for (const [name, write] of Object.entries(writers)) {
    for (const [what, out] of refused) {
      it(`${name} refuses ${what}`, () => {
        expect(() => write(out)).toThrow(TypeError);
        expect(() => write(out)).toThrow(
          new RegExp(`^${name}: options.out must be|^${name}: options.out is a frozen array`),
        );
      });
    }
    it(`${name} fills a plain array, a Float64Array and a Float32Array, and refuses a wrong length`, () => {
      const reference = write(undefined) as Float64Array;
      const plain = [0, 0, 0];
      expect(write(plain)).toBe(plain);
      expect(plain).toEqual(Array.from(reference));
      const f64 = new Float64Array(3);
      expect(write(f64)).toBe(f64);
      expect(f64).toEqual(reference);
      const f32 = new Float32Array(3);
      expect(write(f32)).toBe(f32);
      expect(() => write(new Float64Array(2))).toThrow(RangeError);
    });
  }
  it("a sealed array (writable entries) is still accepted", () => {
    const sealed = Object.seal([0, 0]);
    expect(softmax([0, 0], { out: sealed })).toEqual([0.5, 0.5]);
  });
});

describe("BigInt and other non-numbers: TypeErrors naming the function and the argument", () => {
  const big = new BigInt64Array([1n, 2n]);
  const cases: [string, () => unknown, RegExp][] = [
    [
      "softmax",
      () => softmax(big as never),
      /^softmax: logits must hold numbers, got a BigInt64Array/,
    ],
    [
      "logSumExp",
      () => logSumExp(new BigUint64Array(2) as never),
      /^logSumExp: values must hold numbers, got a BigUint64Array/,
    ],
    ["gibbs", () => gibbs(big as never, { temperature: 1 }), /^gibbs: energies must hold numbers/],
    [
      "thermodynamics degeneracies",
      () => thermodynamics([0, 1], { temperature: 1, degeneracies: big as never }),
      /^thermodynamics: options.degeneracies must hold numbers/,
    ],
    [
      "sweep temperatures",
      () => sweep([0, 1], { temperatures: big as never }),
      /^sweep: options.temperatures must hold numbers/,
    ],
    ["entropy", () => entropy(big as never), /^entropy: probabilities must hold numbers/],
    [
      "convertEnergy",
      () => convertEnergy(big as never, "eV", "meV"),
      /^convertEnergy: energies must hold numbers/,
    ],
    [
      "a BigInt in a plain array",
      () => softmax([1, 2n] as never),
      /^softmax: logits\[1\] must be a number, got bigint 2n/,
    ],
    [
      "a string in a plain array",
      () => gibbs([0, "1"] as never, { temperature: 1 }),
      /^gibbs: energies\[1\] must be a number, got "1"/,
    ],
    [
      "a BigInt temperature",
      () => softmax([1, 2], { temperature: 1n as never }),
      /^softmax: options.temperature must be a number, got bigint 1n/,
    ],
    [
      "a string temperature",
      () => thermodynamics([0, 1], { temperature: "1" as never }),
      /^thermodynamics: options.temperature must be a number, got "1"/,
    ],
    [
      "a boolean kB",
      () => gibbs([0, 1], { temperature: 1, kB: true as never }),
      /^gibbs: options.kB must be a number, got boolean true/,
    ],
    [
      "a BigInt points",
      () => temperatureGrid({ from: 1, to: 2, points: 3n as never }),
      /^temperatureGrid: options.points must be a number, got bigint 3n/,
    ],
  ];
  for (const [what, f, message] of cases) {
    it(what, () => {
      expect(f).toThrow(TypeError);
      expect(f).toThrow(message);
    });
  }
});

/**
 * An array-like whose getters count their reads and answer NaN from the second read on: a
 * function that checks on one read and computes on another sees NaN (the softmax did).
 */
function treacherous(values: readonly number[]): { vector: ArrayLike<number>; reads: number[] } {
  const reads = values.map(() => 0);
  const vector: Record<number, number> & { length: number } = { length: values.length };
  values.forEach((v, i) => {
    Object.defineProperty(vector, i, {
      get() {
        reads[i] = (reads[i] as number) + 1;
        return (reads[i] as number) === 1 ? v : Number.NaN;
      },
    });
  });
  return { vector, reads };
}

/** A call's value, or the message of what it threw (some inputs are refused by both). */
function outcome(f: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The functions that read vectors, each given the vector in one of its arguments. */
const readers: Record<string, (v: ArrayLike<number>, plain: number[]) => unknown> = {
  softmax: (v) => softmax(v),
  "softmax τ = 2": (v) => softmax(v, { temperature: 2 }),
  logSoftmax: (v) => logSoftmax(v),
  logSumExp: (v) => logSumExp(v),
  "logSumExp weights": (v, p) => logSumExp(p, { weights: v.length ? v : [] }),
  gibbs: (v) => gibbs(v, { temperature: 1.5 }),
  "gibbs degeneracies": (v, p) => gibbs(p, { temperature: 1, degeneracies: v }),
  logPartitionFunction: (v) => logPartitionFunction(v, { temperature: 0.7 }),
  partitionFunction: (v) => partitionFunction(v, { temperature: 3 }),
  thermodynamics: (v) => thermodynamics(v, { temperature: 2 }),
  "thermodynamics degeneracies": (v, p) => thermodynamics(p, { temperature: 2, degeneracies: v }),
  sweep: (v) => sweep(v, { temperatures: [0.5, 2] }),
  "sweep temperatures": (v, p) => sweep(p, { temperatures: v }),
  "sweep degeneracies": (v, p) => sweep(p, { temperatures: [1], degeneracies: v }),
  sweepRows: (v) => [...sweepRows(v, { temperatures: [1], probabilities: true })],
  mergeLevels: (v) => mergeLevels(v),
  "mergeLevels degeneracies": (v, p) => mergeLevels(p, { degeneracies: v }),
  logitsToEnergies: (v) => logitsToEnergies(v, { temperature: 2 }),
  energiesToLogits: (v) => energiesToLogits(v, { temperature: 2 }),
  solveTemperature: (v) => solveTemperature(v, { entropy: 0.3 }),
  identities: (v) => identities(v).map((i) => i.difference),
  sample: (v) => sample(v, { random: () => 0.3 }),
  softmaxRows: (v) => softmaxRows(v, { columns: v.length }),
  logSoftmaxRows: (v) => logSoftmaxRows(v, { columns: v.length }),
  "fitTemperature rows": (v, p) => fitTemperature([v, p], [0, 1]),
  "fitTemperature flat": (v) => fitTemperature(v, [0], { columns: v.length }),
  convertEnergy: (v) => convertEnergy(v, "eV", "meV"),
  toReduced: (v) => toReduced(v, { temperature: "300 K", unit: "meV" }),
};

describe("each entry of an input array-like is read once", () => {
  const positive = fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), {
    minLength: 2,
    maxLength: 12,
  });
  for (const [name, read] of Object.entries(readers)) {
    it(`${name}: the same result as on the plain array, every entry read exactly once (property)`, () => {
      fc.assert(
        fc.property(positive, (values) => {
          const plain = [...values];
          const expected = outcome(() => read(plain, plain));
          const { vector, reads } = treacherous(values);
          const got = outcome(() => read(vector, plain));
          expect(got).toEqual(expected);
          expect(
            reads.every((r) => r === 1),
            `reads ${reads.join(",")}`,
          ).toBe(true);
        }),
        { numRuns: 25 },
      );
    });
  }
  it("the issue's case: a getter that answers NaN on the second read", () => {
    let n = 0;
    const tricky = {
      length: 3,
      get 0() {
        n++;
        return n === 1 ? 1 : Number.NaN;
      },
      1: 2,
      2: 3,
    };
    for (const backend of ["auto", "js"] as const) {
      setKernelBackend(backend);
      n = 0;
      expect(softmax(tricky)).toEqual(softmax([1, 2, 3]));
    }
    setKernelBackend("auto");
  });
});

describe("allocation caps name the function and the option", () => {
  it(`temperatureGrid: at most ${MAX_GRID_POINTS} points`, () => {
    expect(() => temperatureGrid({ from: 1, to: 2, points: 1e9 })).toThrow(
      "temperatureGrid: options.points must be an integer in [2, 10000000], got 1000000000",
    );
    expect(temperatureGrid({ from: 1, to: 2, points: 3 }).length).toBe(3);
  });
  it(`sweep: at most ${MAX_SWEEP_PROBABILITIES} occupations (stream them with sweepRows)`, () => {
    const energies = new Float64Array(10_001);
    const temperatures = new Float64Array(10_000).fill(1);
    expect(() => sweep(energies, { temperatures, probabilities: true })).toThrow(
      /^sweep: options.probabilities: 10001 states × 10000 temperatures is beyond 100000000 occupations; stream them with sweepRows/,
    );
  });
  it("an array-like longer than 2^32 − 1 is refused before anything is allocated", () => {
    expect(() => softmax({ length: 1e12 } as never)).toThrow(
      "softmax: a copy of logits of 1000000000000 numbers is beyond 4294967295",
    );
    expect(() => gibbs({ length: 1.5 } as never, { temperature: 1 })).toThrow(
      "gibbs: energies has length 1.5; a length is an integer ≥ 0",
    );
  });
});
