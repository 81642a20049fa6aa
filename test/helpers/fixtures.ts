/**
 * Loading the generated reference values (test/fixtures/references.json, written by
 * test/fixtures/make_references.py) and measuring errors against them.
 *
 * Every double in the JSON is exact: a JSON number that round-trips, or one of the strings
 * "Infinity", "-Infinity", "-0".
 */

import { readFileSync } from "node:fs";
import { requireLists } from "./lists.js";
import { ulpDistance } from "./ulp.js";

/** The six quantities of a thermodynamic state, as `thermodynamics()` and `sweep()` name them. */
export const THERMO_FIELDS = [
  "logZ",
  "freeEnergy",
  "internalEnergy",
  "entropy",
  "heatCapacity",
  "energyVariance",
] as const;

/** A double as stored in the JSON. */
export type Encoded = number | "Infinity" | "-Infinity" | "-0";

/** The double an encoded JSON value stands for. */
export function decode(value: Encoded): number {
  if (typeof value === "number") return value;
  switch (value) {
    case "Infinity":
      return Number.POSITIVE_INFINITY;
    case "-Infinity":
      return Number.NEGATIVE_INFINITY;
    case "-0":
      return -0;
    default:
      throw new TypeError(`references.json: ${JSON.stringify(value)} is not an encoded double`);
  }
}

/** A vector of encoded doubles, decoded. */
export function decodeVector(values: readonly Encoded[]): number[] {
  return values.map(decode);
}

/** softmax(logits, τ) and logSoftmax(logits, τ). */
export interface SoftmaxReference {
  name: string;
  logits: number[];
  temperature: number;
  p: number[];
  logp: number[];
}

/** logSumExp(values, { weights }). */
export interface LogSumExpReference {
  name: string;
  values: number[];
  weights: number[] | undefined;
  expected: number;
}

/** gibbs, logPartitionFunction and thermodynamics of one spectrum at one temperature. */
export interface GibbsReference {
  name: string;
  energies: number[];
  temperature: number;
  kB: number;
  degeneracies: number[] | undefined;
  p: number[];
  logZ: number;
  internalEnergy: number;
  freeEnergy: number;
  entropy: number;
  heatCapacity: number;
  energyVariance: number;
  /** The size of the terms whose sum is U, F and ln Z (≫ the value where they cancel). */
  scale: { internalEnergy: number; freeEnergy: number; logZ: number };
}

/** entropy(p) of a probability vector given as doubles. */
export interface EntropyReference {
  name: string;
  p: number[];
  expected: number;
}

/** A state of the quantum harmonic oscillator (ħω = 1, kB = 1) from its closed forms. */
export interface OscillatorReference {
  temperature: number;
  logZ: number;
  internalEnergy: number;
  entropy: number;
  heatCapacity: number;
  freeEnergy: number;
}

/** Everything in references.json, decoded. */
export interface References {
  meta: { generator: string; mpmath: string; dps: number; checkDps: number; seed: number };
  softmax: SoftmaxReference[];
  logSumExp: LogSumExpReference[];
  gibbs: GibbsReference[];
  entropy: EntropyReference[];
  physics: {
    /** Two levels 0 and 1: the maximum of C(T), its position T* and C''(T*). */
    schottky: { temperature: number; heatCapacity: number; curvature: number };
    oscillator: { levels: number; states: OscillatorReference[] };
  };
}

type Raw = Record<string, unknown>;

function rawVector(raw: Raw, key: string): number[] {
  return decodeVector(raw[key] as Encoded[]);
}

function rawNumber(raw: Raw, key: string): number {
  return decode(raw[key] as Encoded);
}

function optionalVector(raw: Raw, key: string): number[] | undefined {
  return raw[key] === undefined ? undefined : rawVector(raw, key);
}

/** Reads and decodes test/fixtures/references.json. */
export function loadReferences(): References {
  const url = new URL("../fixtures/references.json", import.meta.url);
  const raw = JSON.parse(readFileSync(url, "utf8")) as Raw;
  requireLists(raw, "references.json", [
    "softmax",
    "logSumExp",
    "gibbs",
    "entropy",
    "physics.oscillator.states",
  ]);
  const list = (key: string) => raw[key] as Raw[];
  const physics = raw.physics as {
    schottky: References["physics"]["schottky"];
    oscillator: References["physics"]["oscillator"];
  };
  return {
    meta: raw.meta as References["meta"],
    softmax: list("softmax").map((c) => ({
      name: c.name as string,
      logits: rawVector(c, "logits"),
      temperature: rawNumber(c, "temperature"),
      p: rawVector(c, "p"),
      logp: rawVector(c, "logp"),
    })),
    logSumExp: list("logSumExp").map((c) => ({
      name: c.name as string,
      values: rawVector(c, "values"),
      weights: optionalVector(c, "weights"),
      expected: rawNumber(c, "expected"),
    })),
    gibbs: list("gibbs").map((c) => {
      const scale = c.scale as Raw;
      return {
        name: c.name as string,
        energies: rawVector(c, "energies"),
        temperature: rawNumber(c, "temperature"),
        kB: rawNumber(c, "kB"),
        degeneracies: optionalVector(c, "degeneracies"),
        p: rawVector(c, "p"),
        logZ: rawNumber(c, "logZ"),
        internalEnergy: rawNumber(c, "internalEnergy"),
        freeEnergy: rawNumber(c, "freeEnergy"),
        entropy: rawNumber(c, "entropy"),
        heatCapacity: rawNumber(c, "heatCapacity"),
        energyVariance: rawNumber(c, "energyVariance"),
        scale: {
          internalEnergy: rawNumber(scale, "internalEnergy"),
          freeEnergy: rawNumber(scale, "freeEnergy"),
          logZ: rawNumber(scale, "logZ"),
        },
      };
    }),
    entropy: list("entropy").map((c) => ({
      name: c.name as string,
      p: rawVector(c, "p"),
      expected: rawNumber(c, "expected"),
    })),
    physics,
  };
}

/**
 * ulp distance with infinities held exactly: an infinite value matches only the same infinity
 * (ulpDistance would put Number.MAX_VALUE one step from Infinity).
 */
export function ulpError(got: number, expected: number): number {
  if (!Number.isFinite(got) || !Number.isFinite(expected)) {
    return got === expected ? 0 : Number.POSITIVE_INFINITY;
  }
  return ulpDistance(got, expected);
}

/** The largest {@link ulpError} over two vectors, and where it is (index −1: lengths differ). */
export function maxUlp(
  got: ArrayLike<number>,
  expected: ArrayLike<number>,
): { ulps: number; index: number } {
  if (got.length !== expected.length) return { ulps: Number.POSITIVE_INFINITY, index: -1 };
  let ulps = 0;
  let index = 0;
  for (let i = 0; i < got.length; i++) {
    const d = ulpError(got[i] as number, expected[i] as number);
    if (d > ulps) {
      ulps = d;
      index = i;
    }
  }
  return { ulps, index };
}

/** Smallest positive subnormal, 2^−1074. */
export const MIN_SUBNORMAL = 5e-324;

/**
 * |got − expected| / |expected|, 0 when equal (infinities included), Infinity when an infinity
 * or NaN is not matched. Below the normal range, where a relative bound is finer than the
 * spacing of doubles, the difference is measured against 4 subnormal steps instead
 * (so 4·2^−1074 of absolute error counts as within any relative bound).
 */
export function relativeError(got: number, expected: number): number {
  if (got === expected) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(expected)) return Number.POSITIVE_INFINITY;
  const diff = Math.abs(got - expected);
  if (diff <= 4 * MIN_SUBNORMAL) return 0;
  return expected === 0 ? Number.POSITIVE_INFINITY : diff / Math.abs(expected);
}
