/**
 * Loading test/fixtures/models.json, written by test/fixtures/make_model_references.py (mpmath,
 * 50 digits, re-checked at 80; 25 significant digits written, so JSON.parse rounds correctly).
 */
import { readFileSync } from "node:fs";
import { THERMO_FIELDS } from "../helpers/fixtures.js";
import { requireLists } from "../helpers/lists.js";

/** The six quantities of a state, as in `thermodynamics()`. */
export const FIELDS = THERMO_FIELDS;
export type Field = (typeof FIELDS)[number];
export type State = Record<Field, number>;

export interface ModelReferences {
  twoLevel: {
    gap: number;
    g0: number;
    g1: number;
    kB: number;
    temperature: number;
    state: State;
  }[];
  oscillator: { quantum: number; zeroPoint: boolean; temperature: number; state: State }[];
  einstein: { atoms: number; quantum: number; temperature: number; state: State }[];
  rotor: {
    exact: { rotationalConstant: number; temperature: number; state: State }[];
    series: { rotationalConstant: number; temperature: number; state: State }[];
    exactAtSeriesTemperatures: { rotationalConstant: number; temperature: number; state: State }[];
  };
  paramagnet: {
    spin: number;
    splitting: number;
    temperature: number;
    state: State & { magnetization: number };
  }[];
  brillouin: { spin: number; x: number; value: number }[];
  isingChain: {
    spins: number;
    coupling: number;
    field: number;
    temperature: number;
    state: State;
  }[];
  isingSquare: {
    densityOfStates: Record<string, { energies: number[]; counts: number[] }>;
    cases: { size: number; coupling: number; temperature: number; state: State }[];
  };
  units: {
    thermalEnergy: { temperature: number; unit: string; value: number }[];
    boltzmannConstant: { unit: string; value: number }[];
    conversions: { value: number; from: string; to: string; result: number }[];
  };
}

/** Every list of models.json that a test loops over. */
export const MODEL_LISTS = [
  "twoLevel",
  "oscillator",
  "einstein",
  "rotor.exact",
  "rotor.series",
  "rotor.exactAtSeriesTemperatures",
  "paramagnet",
  "brillouin",
  "isingChain",
  "isingSquare.cases",
  "units.thermalEnergy",
  "units.boltzmannConstant",
  "units.conversions",
] as const;

export function loadModelReferences(): ModelReferences {
  const url = new URL("../fixtures/models.json", import.meta.url);
  const refs = JSON.parse(readFileSync(url, "utf8"), (_key, value) => {
    if (value === "Infinity") return Number.POSITIVE_INFINITY;
    if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
    return value;
  }) as ModelReferences;
  requireLists(refs, "models.json", MODEL_LISTS);
  if (Object.keys(refs.isingSquare?.densityOfStates ?? {}).length === 0)
    throw new Error(
      "models.json: isingSquare.densityOfStates is empty in the fixture: regenerate it",
    );
  return refs;
}

/** |got − expected| / |expected| (0 when equal; Infinity for NaN or a missed infinity). */
export function relative(got: number, expected: number): number {
  if (got === expected) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(expected)) return Number.POSITIVE_INFINITY;
  if (Math.abs(got - expected) <= 4 * Number.MIN_VALUE) return 0;
  return Math.abs(got - expected) / Math.abs(expected);
}

/** The worst relative error per model and side, printed at the end of a suite. */
export class ErrorLog {
  private readonly worst = new Map<string, { rel: number; where: string }>();

  /** Records the errors of every field and returns the largest with its field. */
  state(
    key: string,
    where: string,
    got: Record<Field, number>,
    expected: State,
    scales: Partial<Record<Field, number>> = {},
  ): { rel: number; field: Field } {
    let rel = 0;
    let field: Field = "logZ";
    for (const f of FIELDS) {
      // With a scale, the error is measured against max(|expected|, scale).
      const scale = scales[f];
      const e =
        scale !== undefined && Number.isFinite(got[f]) && Math.abs(expected[f]) < scale
          ? Math.abs(got[f] - expected[f]) / scale
          : relative(got[f], expected[f]);
      if (!(e <= rel)) {
        rel = e;
        field = f;
      }
    }
    this.note(key, `${where} (${field})`, rel);
    return { rel, field };
  }

  note(key: string, where: string, rel: number): void {
    const w = this.worst.get(key);
    if (w === undefined || !(rel <= w.rel)) this.worst.set(key, { rel, where });
  }

  print(title: string): void {
    const rows = [...this.worst.entries()].map(
      ([k, w]) => `  ${k.padEnd(34)} ${w.rel.toExponential(2).padStart(9)}  at ${w.where}`,
    );
    console.log(`${title}\n${rows.join("\n")}`);
  }
}
