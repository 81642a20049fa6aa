/**
 * The presets: each is either logits (with optional token labels) or energies (with optional
 * degeneracies), and a starting temperature. The random preset is generated from a fixed seed,
 * so a link with `preset=random` reproduces the same 100 000 logits everywhere. Their names and
 * descriptions, in both languages, are the input panel's strings (panels/input.ts).
 */
import type { SharedKey } from "./i18n.ts";
import { mulberry32, normal } from "./random.ts";

export type PresetId =
  | "seed"
  | "llm"
  | "two-level"
  | "harmonic"
  | "degenerate"
  | "inversion"
  | "random";

export const PRESET_IDS: readonly PresetId[] = [
  "seed",
  "llm",
  "two-level",
  "harmonic",
  "degenerate",
  "inversion",
  "random",
];

export interface Preset {
  id: PresetId;
  mode: "logits" | "energies";
  temperature: number;
  /** Logits mode: the vector z. */
  logits?: readonly number[];
  /** Logits mode: a message key per class (the tokens of the language-model preset). */
  labels?: readonly SharedKey[];
  /** Energies mode: the levels E and their degeneracies g. */
  energies?: readonly number[];
  degeneracies?: readonly number[];
}

/** The number of oscillator levels kept (ħω = 1, Eₙ = n + ½). */
export const HARMONIC_LEVELS = 100;

/** The size of the random preset. */
export const RANDOM_SIZE = 100_000;

/** 100 000 logits ~ 2·N(0, 1), rounded to 3 decimals so the text field shows them exactly. */
export function randomLogits(): number[] {
  const random = mulberry32(20_230_817);
  return Array.from({ length: RANDOM_SIZE }, () => Math.round(2000 * normal(random)) / 1000);
}

const PRESETS: Record<PresetId, Preset> = {
  seed: {
    id: "seed",
    mode: "logits",
    temperature: 1,
    logits: [1, 2, 3, 4, 1, 2, 3],
  },
  llm: {
    id: "llm",
    mode: "logits",
    temperature: 1,
    logits: [6.1, 4.9, 4.6, 4.2, 3.9, 3.3, 3.1, 2.8, 2.4, 1.9, 1.2, -0.8],
    labels: [
      "tokenMat",
      "tokenFloor",
      "tokenSofa",
      "tokenBed",
      "tokenChair",
      "tokenRoof",
      "tokenTable",
      "tokenRug",
      "tokenWindowsill",
      "tokenGrass",
      "tokenKeyboard",
      "tokenMoon",
    ],
  },
  "two-level": {
    id: "two-level",
    mode: "energies",
    temperature: 0.42,
    energies: [0, 1],
  },
  harmonic: {
    id: "harmonic",
    mode: "energies",
    temperature: 1,
    energies: Array.from({ length: HARMONIC_LEVELS }, (_, n) => n + 0.5),
  },
  degenerate: {
    id: "degenerate",
    mode: "energies",
    temperature: 1,
    energies: [0, 1, 2, 3],
    degeneracies: [1, 3, 5, 7],
  },
  inversion: {
    id: "inversion",
    mode: "energies",
    temperature: -1,
    energies: [0, 1, 2],
  },
  random: {
    id: "random",
    mode: "logits",
    temperature: 1,
  },
};

/** The preset with this id (the random preset's logits are generated on first use). */
export function preset(id: PresetId): Preset {
  const p = PRESETS[id];
  if (id === "random" && p.logits === undefined) p.logits = randomLogits();
  return p;
}

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === "string" && (PRESET_IDS as readonly string[]).includes(value);
}

/**
 * The exact thermodynamics of the untruncated oscillator (ħω = kB = 1) at T > 0:
 * Z = 1/(2 sinh(β/2)), F = T·ln(2 sinh(β/2)), U = ½·coth(β/2), S = (U − F)/T,
 * C = (β/2)²/sinh²(β/2).
 */
export function harmonicExact(T: number): { F: number; U: number; S: number; C: number } {
  const h = 1 / (2 * T);
  // ln(2 sinh h) = h + ln(1 − e^(−2h)), which does not overflow for small T.
  const logTwoSinh = h + Math.log1p(-Math.exp(-2 * h));
  const F = T * logTwoSinh;
  const U = 0.5 / Math.tanh(h);
  const S = (U - F) / T;
  const x = h / Math.sinh(h);
  const C = Number.isFinite(x) ? x * x : 0;
  return { F, U, S, C };
}
