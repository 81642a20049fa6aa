/**
 * Physical units, models and typed-in spectra for the CLI, through `gibbs-softmax/units` and
 * `gibbs-softmax/models` (loaded only when a flag needs them, so plain runs stay fast).
 */
import { UsageError } from "./errors.js";
import { isNumberText, kBFlag, lookalikeHint, numberFlag } from "./input.js";

/** A temperature ready for the library: the number, kB in matching units, and its unit. */
export interface Physical {
  value: number;
  kB: number;
  /** "K" when the temperature was given with units; undefined in reduced units. */
  unit: string | undefined;
}

/**
 * Reads a temperature flag: a plain number (reduced units, kB from --kB or 1) or a quantity such
 * as "300 K" or "25 degC", which needs --energy-unit for the energies (kB is then taken in that
 * unit per kelvin, from CODATA).
 */
export async function physicalTemperature(
  text: string,
  opts: { energyUnit?: string; kB?: string },
  flag = "--temperature",
): Promise<Physical> {
  const t = text.trim();
  if (isNumberText(t)) {
    const kB = opts.kB === undefined ? 1 : kBFlag(opts.kB);
    if (opts.energyUnit !== undefined) {
      throw new UsageError(
        `${flag}: give the temperature with its unit (e.g. "${t} K") when --energy-unit is set`,
      );
    }
    return { value: numberFlag(t, flag), kB, unit: undefined };
  }
  if (!/^[+-]?(\d|\.\d|inf|∞)/i.test(t)) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(text)} is not a number or a quantity like "300 K"${lookalikeHint(text)}`,
    );
  }
  if (opts.energyUnit === undefined) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(text)} has units, so give the unit of the energies with --energy-unit (e.g. meV)`,
    );
  }
  if (opts.kB !== undefined)
    throw new UsageError(
      "--kB: not needed with units (it is taken from CODATA in --energy-unit per kelvin)",
    );
  const units = await import("../units/index.js");
  let kelvin: number;
  let kB: number;
  try {
    kelvin = units.parseTemperature(t);
  } catch (error) {
    throw new UsageError(asFlag(error, flag, /^parseTemperature: temperature /));
  }
  try {
    kB = units.boltzmannConstant(opts.energyUnit);
  } catch (error) {
    throw new UsageError(asFlag(error, "--energy-unit", /^boltzmannConstant: unit /));
  }
  return { value: kelvin, kB, unit: "K" };
}

/**
 * A library message as the CLI says it: the function and argument it names (`prefix`, e.g.
 * "parseTemperature: temperature ") replaced by the flag, so the user reads about `--temperature`,
 * not an internal option path.
 */
function asFlag(error: unknown, flag: string, prefix: RegExp): string {
  const message = (error as Error).message;
  return prefix.test(message) ? `${flag}: ${message.replace(prefix, "")}` : `${flag}: ${message}`;
}

/** The numeric flags models read. */
export interface ModelFlags {
  gap?: string;
  levels?: string;
  quantum?: string;
  spin?: string;
  field?: string;
  coupling?: string;
}

function flagNumber(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`${flag} is required for this model`);
    return fallback;
  }
  if (!isNumberText(value))
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not a number${lookalikeHint(value)}`,
    );
  return numberFlag(value, flag);
}

/** A spectrum from `gibbs-softmax/models`. */
export async function resolveModel(
  name: string,
  opts: ModelFlags,
): Promise<{ energies: Float64Array; degeneracies: Float64Array | undefined }> {
  const models = await import("../models/index.js");
  const build = MODELS[name];
  if (build === undefined) {
    throw new UsageError(
      `--model: unknown model ${JSON.stringify(name)}; known: ${Object.keys(MODELS).join(", ")}`,
    );
  }
  try {
    const m = build(models, opts);
    return {
      energies: Float64Array.from(m.energies),
      degeneracies: m.degeneracies === undefined ? undefined : Float64Array.from(m.degeneracies),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(modelMessage(name, (error as Error).message));
  }
}

/** Which flag sets each option of each model's library function (see MODELS). */
const FLAGS: Record<string, Record<string, string>> = {
  "two-level": { gap: "--gap" },
  oscillator: { quantum: "--quantum", levels: "--levels" },
  rotor: { rotationalConstant: "--quantum", maxJ: "--levels" },
  paramagnet: { spin: "--spin", field: "--field" },
  "ising-chain": { spins: "--levels", coupling: "--coupling", field: "--field" },
  "ising-2d": { size: "--levels", coupling: "--coupling" },
};

/**
 * A model's error in the CLI's words: "isingChain: options.coupling makes the energies overflow
 * …" becomes "--coupling makes the energies overflow … (--model ising-chain)", every
 * `options.<name>` the flag that sets it; a message that names no option keeps the model.
 */
export function modelMessage(model: string, message: string): string {
  const flags = FLAGS[model] ?? {};
  let named = false;
  const text = message.replace(/^\w+: /, "").replace(/options\.(\w+)/g, (whole, option: string) => {
    const flag = flags[option];
    if (flag === undefined) return whole;
    named = true;
    return flag;
  });
  return named ? `${text} (--model ${model})` : `--model ${model}: ${text}`;
}

type ModelsModule = typeof import("../models/index.js");
type Built = { energies: ArrayLike<number>; degeneracies?: ArrayLike<number> | undefined };

const MODELS: Record<string, (m: ModelsModule, o: ModelFlags) => Built> = {
  "two-level": (m, o) => m.twoLevelSystem({ gap: flagNumber(o.gap, "--gap", 1) }),
  oscillator: (m, o) =>
    m.harmonicOscillator({
      quantum: flagNumber(o.quantum, "--quantum", 1),
      levels: flagNumber(o.levels, "--levels", 200),
    }),
  rotor: (m, o) =>
    m.rigidRotor({
      rotationalConstant: flagNumber(o.quantum, "--quantum", 1),
      maxJ: flagNumber(o.levels, "--levels", 100),
    }),
  paramagnet: (m, o) =>
    m.paramagnet({
      spin: flagNumber(o.spin, "--spin", 0.5),
      field: flagNumber(o.field, "--field", 1),
    }),
  "ising-chain": (m, o) =>
    m.isingChain({
      spins: flagNumber(o.levels, "--levels", 10),
      coupling: flagNumber(o.coupling, "--coupling", 1),
      field: flagNumber(o.field, "--field", 0),
    }),
  "ising-2d": (m, o) =>
    m.isingSquare({
      size: flagNumber(o.levels, "--levels", 4),
      coupling: flagNumber(o.coupling, "--coupling", 1),
    }),
};

/** A spectrum typed as a formula, through the restricted expression evaluator of the units module. */
export async function resolveExpression(opts: {
  expression?: string;
  degeneracyExpression?: string;
  index: string;
  count: string;
}): Promise<{ energies: Float64Array; degeneracies: Float64Array | undefined }> {
  const units = await import("../units/index.js");
  const count = flagNumber(opts.count, "--count");
  if (!Number.isInteger(count) || count < 1)
    throw new UsageError(`--count must be an integer ≥ 1, got ${opts.count}`);
  try {
    const s = units.spectrumFromExpression({
      energy: opts.expression as string,
      ...(opts.degeneracyExpression === undefined ? {} : { degeneracy: opts.degeneracyExpression }),
      index: opts.index,
      from: 0,
      to: count - 1,
    });
    return {
      energies: Float64Array.from(s.energies),
      degeneracies: s.degeneracies === undefined ? undefined : Float64Array.from(s.degeneracies),
    };
  } catch (error) {
    throw new UsageError(expressionMessage((error as Error).message));
  }
}

/**
 * An expression error in the CLI's words: the flags that set each option (`--expression`,
 * `--degeneracy-expression`, `--index`, `--count`) instead of spectrumFromExpression's options.
 */
export function expressionMessage(message: string): string {
  const text = message
    .replace(/^spectrumFromExpression: /, "")
    .replace(/options\.energy/g, "--expression")
    .replace(/options\.degeneracy/g, "--degeneracy-expression")
    .replace(/options\.index/g, "--index")
    .replace(/ask for at most (\d+) levels/, "ask for at most --count $1");
  return text.startsWith("--") ? text : `--expression: ${text}`;
}
