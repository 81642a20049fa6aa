/**
 * The second-round rows of docs/edge-cases.md about types and sizes: what `out` may be, BigInt
 * values, array-likes read once, activators given something that is not a number, the caps
 * that refuse an allocation before it is made, and options a function does not have. One `describe` per row, titled with its id
 * (test/edge-cases-map.test.ts holds the map). Expected values are closed forms; the larger
 * suites behind these rows are test/types.test.ts and test/activators/edges.test.ts.
 */
import { describe, expect, it } from "vitest";
import { calibrationMetrics, reliabilityBins, sweepBatch } from "../src/calibration/index.js";
import {
  crossEntropy,
  crossEntropyRows,
  energiesToLogits,
  entropy,
  fitTemperature,
  gelu,
  gibbs,
  identities,
  klDivergence,
  klDivergenceRows,
  leakyRelu,
  logitsToEnergies,
  logPartitionFunction,
  logSoftmax,
  logSumExp,
  mergeLevels,
  partitionFunction,
  relu,
  sample,
  samplingDistribution,
  sigmoid,
  softmax,
  softmaxRows,
  softplus,
  solveTemperature,
  sweep,
  sweepRows,
  temperatureGrid,
  thermodynamics,
} from "../src/index.js";
import {
  einsteinSolid,
  harmonicOscillator,
  isingChain,
  isingSquare,
  isingSquareKaufman,
  onsagerMagnetization,
  paramagnet,
  rigidRotor,
  twoLevelSystem,
} from "../src/models/index.js";
import { IsingLattice, simulateIsing } from "../src/montecarlo/index.js";
import { sweepParallel } from "../src/parallel/index.js";
import { spectrumFromExpression, toReduced } from "../src/units/index.js";

/** softmax([0, ln 3]) = [1/4, 3/4]: e^{ln 3} is 3 to an ulp, so both are within 1e−16. */
const Z = [0, Math.log(3)];

describe("out-types: out is a plain array, a Float64Array or a Float32Array of the right length", () => {
  it("those three are filled and returned; a Float32Array holds the values rounded to float32", () => {
    for (const out of [[0, 0], new Float64Array(2), new Float32Array(2)]) {
      const p = softmax(Z, { out });
      expect(p).toBe(out);
      expect(Math.abs((p[0] as number) - 0.25)).toBeLessThan(1e-16);
      expect(Math.abs((p[1] as number) - 0.75)).toBeLessThan(1e-15);
    }
    // 0.25 and 0.75 are floats: a value within 1e−15 of them rounds to them exactly
    expect(Array.from(softmax(Z, { out: new Float32Array(2) }))).toEqual([0.25, 0.75]);
  });
  it("any other typed array, a BigInt array, a frozen array or a non-array: a TypeError naming the function", () => {
    const bad: [string, unknown, RegExp][] = [
      ["Int8Array", new Int8Array(2), /got an Int8Array/],
      ["Uint8ClampedArray", new Uint8ClampedArray(2), /got an Uint8ClampedArray/],
      ["Int32Array", new Int32Array(2), /got an Int32Array/],
      ["BigInt64Array", new BigInt64Array(2), /got a BigInt64Array/],
      ["an array-like object", { length: 2 }, /got an object/],
      ["a string", "ab", /got "ab"/],
    ];
    for (const [what, out, got] of bad) {
      for (const [fn, call] of [
        ["softmax", () => softmax(Z, { out: out as number[] })],
        ["logSoftmax", () => logSoftmax(Z, { out: out as number[] })],
        ["gibbs", () => gibbs(Z, { temperature: 1, out: out as number[] })],
        ["softmaxRows", () => softmaxRows(Z, { columns: 2, out: out as number[] })],
      ] as const) {
        expect(call, `${fn} with ${what}`).toThrow(TypeError);
        expect(call, `${fn} with ${what}`).toThrow(
          new RegExp(
            `^${fn}: options\\.out must be a plain array, a Float64Array or a Float32Array, ${got.source}`,
          ),
        );
      }
    }
    expect(() => softmax(Z, { out: Object.freeze([0, 0]) as number[] })).toThrow(
      /^softmax: options\.out is a frozen array; it cannot be written/,
    );
  });
  it("a wrong length is a RangeError naming both lengths; the out is left as it was", () => {
    const out = new Float64Array([7, 7, 7]);
    expect(() => softmax(Z, { out })).toThrow(RangeError);
    expect(() => softmax(Z, { out })).toThrow(
      "softmax: options.out has length 3 but logits has length 2; they must match",
    );
    expect(Array.from(out)).toEqual([7, 7, 7]);
  });
});

describe("bigint: BigInt values are a TypeError naming the function and the argument", () => {
  it("an element, a BigInt array, an option", () => {
    expect(() => softmax([1n, 2n] as never)).toThrow(TypeError);
    expect(() => softmax([1n, 2n] as never)).toThrow(
      /^softmax: logits\[0\] must be a number, got bigint 1n/,
    );
    expect(() => softmax(new BigInt64Array(2) as never)).toThrow(
      /^softmax: logits must hold numbers, got a BigInt64Array/,
    );
    expect(() => logSumExp(new BigUint64Array(1) as never)).toThrow(
      /^logSumExp: values must hold numbers, got a BigUint64Array/,
    );
    expect(() => softmax([1, 2], { temperature: 1n as never })).toThrow(
      /^softmax: options\.temperature must be a number, got bigint 1n/,
    );
    expect(() => gibbs([0, 1], { temperature: 1, degeneracies: [1, 2n] as never })).toThrow(
      /^gibbs: options\.degeneracies\[1\] must be a number, got bigint 2n/,
    );
  });
});

/** An array-like whose every entry answers NaN from its second read on, counting the reads. */
function readOnce(values: number[]): { input: ArrayLike<number>; reads: number[] } {
  const reads = values.map(() => 0);
  const input: { length: number; [i: number]: number } = { length: values.length };
  values.forEach((v, i) => {
    Object.defineProperty(input, i, {
      get() {
        reads[i] = (reads[i] as number) + 1;
        return reads[i] === 1 ? v : Number.NaN;
      },
    });
  });
  return { input, reads };
}

describe("read-once: each entry of an input array-like is read once", () => {
  it("validation and computation see the same values: the result is that of a plain array", () => {
    const z = [1, 2, 3];
    const q = [0.25, 0.25, 0.5];
    const r = [3, 2, 1];
    const cases: [string, (a: ArrayLike<number>) => unknown][] = [
      ["softmax", (a) => softmax(a)],
      ["logSoftmax", (a) => logSoftmax(a)],
      ["logSumExp", (a) => logSumExp(a)],
      ["gibbs energies", (a) => gibbs(a, { temperature: 2 })],
      ["gibbs degeneracies", (a) => gibbs(r, { temperature: 2, degeneracies: a })],
      ["thermodynamics", (a) => thermodynamics(a, { temperature: 2 })],
      ["klDivergence", (a) => klDivergence(a, r)],
      ["sample", (a) => sample(a, { random: () => 0.5 })],
    ];
    for (const [what, call] of cases) {
      const { input, reads } = readOnce(z);
      expect(call(input), what).toEqual(call(z));
      expect(reads, what).toEqual([1, 1, 1]);
    }
    for (const [what, call] of [
      ["crossEntropy target", (a: ArrayLike<number>) => crossEntropy(z, a)],
      ["entropy", (a: ArrayLike<number>) => entropy(a)],
    ] as const) {
      const { input, reads } = readOnce(q);
      expect(call(input), what).toBe(call(q));
      expect(reads, what).toEqual([1, 1, 1]);
    }
  });
  it("a length that is not an integer ≥ 0, or one whose copy is beyond 2³² − 1, is refused first", () => {
    expect(() => softmax({ length: 1e12 } as never)).toThrow(RangeError);
    expect(() => softmax({ length: 1e12 } as never)).toThrow(
      "softmax: a copy of logits of 1000000000000 numbers is beyond 4294967295",
    );
    expect(() => softmax({ length: -1 } as never)).toThrow(
      "softmax: logits has length -1; a length is an integer ≥ 0",
    );
    expect(() => gibbs({ length: 2.5 } as never, { temperature: 1 })).toThrow(
      "gibbs: energies has length 2.5; a length is an integer ≥ 0",
    );
  });
});

describe("activator-arguments: an argument that is not a number is a TypeError naming the activator and the argument", () => {
  it("strings, booleans, BigInts and null, in x and in the temperature", () => {
    const cases: [() => unknown, string][] = [
      [() => softplus("1" as never), 'softplus: x must be a number, got "1"'],
      [() => leakyRelu(true as never), "leakyRelu: x must be a number, got boolean true"],
      [() => gelu(1n as never), "gelu: x must be a number, got bigint 1n"],
      [() => relu(null as never), "relu: x must be a number, got null"],
      [() => sigmoid(1, "1" as never), 'sigmoid: temperature must be a number, got "1"'],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    }
  });
  it("numbers never throw: NaN in gives NaN out, as Math.exp", () => {
    expect(softplus(Number.NaN)).toBeNaN();
    expect(sigmoid(1, Number.NaN)).toBeNaN();
    expect(gelu(Number.NEGATIVE_INFINITY)).toBe(0); // the limit of x·Φ(x)
  });
});

describe("allocation-caps: a size beyond its cap is a RangeError naming the function and the option, before any allocation", () => {
  it("temperatureGrid's points and sweep's occupations", () => {
    expect(() => temperatureGrid({ from: 1, to: 2, points: 1e9 })).toThrow(
      "temperatureGrid: options.points must be an integer in [2, 10000000], got 1000000000",
    );
    expect(() => temperatureGrid({ from: 1, to: 2, points: 10_000_001 })).toThrow(RangeError);
    // 10⁵ states × 10⁴ temperatures would be 8 GB of occupations; the thermodynamics alone are fine
    const energies = new Float64Array(100_000);
    const temperatures = new Float64Array(10_000).fill(1);
    expect(() => sweep(energies, { temperatures, probabilities: true })).toThrow(
      /^sweep: options\.probabilities: 100000 states × 10000 temperatures is beyond 100000000 occupations; stream them with sweepRows/,
    );
    // every state of a zero spectrum has the same energy: U = 0, S = ln n exactly to an ulp
    const s = sweep(energies.subarray(0, 10), { temperatures: temperatures.subarray(0, 3) });
    expect(Array.from(s.internalEnergy)).toEqual([0, 0, 0]);
    expect(Math.abs((s.entropy[0] as number) - Math.log(10))).toBeLessThan(1e-15);
  });
});

describe("unknown-options: an option the function does not have is a TypeError naming it, never ignored", () => {
  const T = { temperature: 1 };
  const L = [1, 2, 3];
  /** Each function with valid options plus one it does not have (`bogus`), in every entry point. */
  const calls: [string, (extra: object) => unknown][] = [
    ["softmax", (x) => softmax(L, x)],
    ["logSoftmax", (x) => logSoftmax(L, x)],
    ["softmaxRows", (x) => softmaxRows(L, { columns: 3, ...x })],
    ["logSumExp", (x) => logSumExp(L, x)],
    ["sample", (x) => sample(L, { random: () => 0.5, ...x })],
    ["samplingDistribution", (x) => samplingDistribution(L, x)],
    ["crossEntropy", (x) => crossEntropy(L, 0, x)],
    ["crossEntropyRows", (x) => crossEntropyRows(L, [0], { columns: 3, ...x })],
    ["klDivergence", (x) => klDivergence(L, L, x)],
    ["klDivergenceRows", (x) => klDivergenceRows(L, L, { columns: 3, ...x })],
    ["gibbs", (x) => gibbs(L, { ...T, ...x })],
    ["thermodynamics", (x) => thermodynamics(L, { ...T, ...x })],
    ["partitionFunction", (x) => partitionFunction(L, { ...T, ...x })],
    ["logPartitionFunction", (x) => logPartitionFunction(L, { ...T, ...x })],
    ["mergeLevels", (x) => mergeLevels(L, x)],
    ["sweep", (x) => sweep(L, { temperatures: [1], ...x })],
    ["sweepRows", (x) => [...sweepRows(L, { temperatures: [1], ...x })]],
    ["sweepBatch", (x) => sweepBatch(L, { temperatures: [1], columns: 3, ...x })],
    ["temperatureGrid", (x) => temperatureGrid({ from: 1, to: 2, points: 2, ...x })],
    ["identities", (x) => identities(L, x)],
    ["fitTemperature", (x) => fitTemperature([L], [0], x)],
    ["energiesToLogits", (x) => energiesToLogits(L, { ...T, ...x })],
    ["logitsToEnergies", (x) => logitsToEnergies(L, x)],
    ["solveTemperature", (x) => solveTemperature(L, { entropy: 0.5, ...x })],
    ["calibrationMetrics", (x) => calibrationMetrics([L], [0], x)],
    ["reliabilityBins", (x) => reliabilityBins([0.5], [1], x)],
    ["spectrumFromExpression", (x) => spectrumFromExpression({ energy: "n", to: 2, ...x })],
    ["toReduced", (x) => toReduced([1], { temperature: "300 K", unit: "meV", ...x })],
    ["twoLevelSystem", (x) => twoLevelSystem(x)],
    ["harmonicOscillator", (x) => harmonicOscillator(x)],
    ["einsteinSolid", (x) => einsteinSolid(x)],
    ["paramagnet", (x) => paramagnet(x)],
    ["rigidRotor", (x) => rigidRotor(x)],
    ["isingChain", (x) => isingChain({ spins: 4, ...x })],
    ["isingSquare", (x) => isingSquare({ size: 2, ...x })],
    ["isingSquareKaufman", (x) => isingSquareKaufman({ size: 2, ...x })],
    ["onsagerMagnetization", (x) => onsagerMagnetization(1, x)],
    ["IsingLattice", (x) => new IsingLattice({ size: 4, seed: 1, ...x })],
    ["simulateIsing", (x) => simulateIsing({ size: 4, temperature: 2, sweeps: 1, seed: 1, ...x })],
  ];

  it("every function that takes options refuses one it does not have, naming it", () => {
    for (const [fn, call] of calls) {
      expect(() => call({}), `${fn} with its valid options`).not.toThrow();
      expect(() => call({ bogus: 1 }), fn).toThrow(TypeError);
      expect(() => call({ bogus: 1 }), fn).toThrow(
        new RegExp(`^${fn}: unknown option "bogus" \\(the options are [a-zA-Z0-9, ]+\\)$`),
      );
    }
  });

  it("sweepParallel (a promise) refuses one too", async () => {
    await expect(
      sweepParallel(L, { temperatures: [1], workers: 1, bogus: 1 } as never),
    ).rejects.toThrow(
      /^sweepParallel: unknown option "bogus" \(the options are temperatures, kB, degeneracies, probabilities, workers, minimumWork\)$/,
    );
  });

  it("names the option meant: another case, underscores, or another library's name for it", () => {
    const cases: [() => unknown, string][] = [
      [
        () => samplingDistribution(L, { top_k: 2 } as never),
        'samplingDistribution: unknown option "top_k"; did you mean topK?',
      ],
      [
        () => sample(L, { top_p: 0.5 } as never),
        'sample: unknown option "top_p"; did you mean topP?',
      ],
      [
        () => sample(L, { min_tokens_to_keep: 2 } as never),
        'sample: unknown option "min_tokens_to_keep"; did you mean minKeep?',
      ],
      [
        () => sample(L, { seed: 1 } as never),
        'sample: unknown option "seed"; did you mean random?',
      ],
      [
        () => softmax(L, { Temperature: 2 } as never),
        'softmax: unknown option "Temperature"; did you mean temperature?',
      ],
      [
        () => softmax(L, { temp: 2 } as never),
        'softmax: unknown option "temp"; did you mean temperature?',
      ],
      [
        () => logSumExp(L, { b: [1, 1, 1] } as never),
        'logSumExp: unknown option "b"; did you mean weights?',
      ],
      [
        () => logSumExp(L, { return_sign: true } as never),
        'logSumExp: unknown option "return_sign"; did you mean returnSign?',
      ],
      [
        () => gibbs(L, { temperature: 1, kb: 2 } as never),
        'gibbs: unknown option "kb"; did you mean kB?',
      ],
      [
        () => thermodynamics(L, { temperature: 1, degeneracy: [1, 1, 1] } as never),
        'thermodynamics: unknown option "degeneracy"; did you mean degeneracies?',
      ],
    ];
    for (const [call, message] of cases) expect(call).toThrow(`${message} (the options are`);
    // An option of another function gets no guess: thermodynamics writes no `out`.
    expect(() => thermodynamics(L, { temperature: 1, out: [0, 0, 0] } as never)).toThrow(
      'thermodynamics: unknown option "out" (the options are temperature, kB, degeneracies)',
    );
  });
});
