/**
 * Flags checked by the CLI before the library sees them, so every refusal names the flag the
 * user typed (never an internal option path): flags that do not apply to what was asked, and the
 * sweep's grid (`--from`, `--to`, `--points`, `--scale`) with its cap.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "./errors.js";
import { checkSize, LIMITS } from "./limits.js";

/** The flags the user gave (on the command line), by attribute name → long flag. */
export function givenFlags(command: Command): Map<string, string> {
  const given = new Map<string, string>();
  for (const option of command.options) {
    const key = option.attributeName();
    const source = command.getOptionValueSource(key);
    if (source === "cli" || source === "env") given.set(key, option.long ?? option.flags);
  }
  return given;
}

/** The model flags each `--model` reads (src/cli/physics.ts builds the models from them). */
export const MODEL_FLAGS: Record<string, readonly string[]> = {
  "two-level": ["gap"],
  oscillator: ["quantum", "levels"],
  rotor: ["quantum", "levels"],
  paramagnet: ["spin", "field"],
  "ising-chain": ["levels", "coupling", "field"],
  "ising-2d": ["levels", "coupling"],
};

/** Flags of every sweep (`--key` is checked on its own: it needs an .npz file). */
const SWEEP_COMMON = [
  "from",
  "to",
  "points",
  "scale",
  "probabilities",
  "energyUnit",
  "kB",
  "html",
  "format",
  "out",
  "key",
];

/** The flags of a sweep over a batch of logits (`sweep --logits batch.npy [--labels y.npy]`). */
const BATCH_FLAGS = ["from", "to", "points", "scale", "format", "out", "key", "logits", "labels"];

const long = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Refuses a sweep flag that does not apply to the chosen spectrum source (`--energies`,
 * `--logits`, `--model NAME`, `--expression`, or a batch of logits), naming the flag and what it
 * belongs to.
 */
export function checkSweepFlags(
  command: Command,
  source: "energies" | "logits" | "model" | "expression" | "batch",
  model?: string,
): void {
  if (source === "batch") {
    checkBatchFlags(command);
    return;
  }
  const models = model === undefined ? undefined : MODEL_FLAGS[model];
  if (source === "model" && models === undefined) return; // the unknown model is reported itself
  const allowed = new Set([...SWEEP_COMMON, source]);
  if (source === "energies" || source === "logits") allowed.add("degeneracies");
  if (source === "expression")
    for (const k of ["degeneracyExpression", "index", "count"]) allowed.add(k);
  for (const k of models ?? []) allowed.add(k);
  const here = source === "model" ? `--model ${model}` : long(source);
  for (const [key, flag] of givenFlags(command)) {
    if (allowed.has(key)) continue;
    const owners = Object.entries(MODEL_FLAGS)
      .filter(([, flags]) => flags.includes(key))
      .map(([name]) => `--model ${name}`);
    const belongs =
      owners.length > 0
        ? `it is a flag of ${owners.join(", ")}`
        : key === "degeneracies"
          ? "it goes with --energies or --logits"
          : ["degeneracyExpression", "index", "count"].includes(key)
            ? "it goes with --expression"
            : "";
    const takes =
      models === undefined
        ? ""
        : models.length === 0
          ? "; that model takes no flags"
          : `; that model takes ${models.map(long).join(", ")}`;
    throw new UsageError(
      `${flag} does not apply to a spectrum from ${here}${belongs ? ` (${belongs})` : ""}${takes}`,
    );
  }
}

/**
 * Refuses a flag that does not apply to a sweep over a batch of logits: the batch means are of
 * softmax(z/τ) in reduced units, one spectrum per row, so spectrum, model, unit and report flags
 * have nothing to act on.
 */
function checkBatchFlags(command: Command): void {
  for (const [key, flag] of givenFlags(command)) {
    if (BATCH_FLAGS.includes(key)) continue;
    if (key === "html")
      throw new UsageError(
        "--html: the report draws one spectrum's sweep; for a batch of logits use --format npz or csv and plot the columns (or calibrate --html)",
      );
    const why =
      key === "energyUnit" || key === "kB"
        ? "the batch is softmax(z/τ): τ is a plain number, without units or kB"
        : key === "probabilities"
          ? "a batch gives means over its rows; softmax --logits FILE gives each row's probabilities"
          : "the batch's rows are the spectra";
    throw new UsageError(`${flag} does not apply to a sweep over a batch of logits (${why})`);
  }
}

/**
 * Refuses `--key` when no .npz file is read by the command: it picks an array of an .npz, and
 * anywhere else it would be ignored.
 */
export function checkKeyFlag(command: Command): void {
  if (command.getOptionValueSource("key") !== "cli") return;
  const values = [
    ...command.args,
    ...Object.entries(command.opts())
      .filter(([k, v]) => k !== "key" && typeof v === "string")
      .map(([, v]) => v as string),
  ];
  // Standard input and streams (a FIFO, bash's <(…)) may carry .npz data: known only once read.
  if (!values.some((v) => /\.npz(#.*)?$/i.test(v) || v === "-" || isStream(v)))
    throw new UsageError("--key picks an array of an .npz file, and no .npz file is given");
}

/** A FIFO, a character device or a socket: read in order, to its end, never by position. */
export function isStream(path: string): boolean {
  try {
    const stat = statSync(path);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks the sweep's grid as flags: `--points` an integer from 2 to LIMITS.points (to
 * LIMITS.reportPoints with `--html`), finite ends, and a log grid with both ends > 0.
 */
export function checkGrid(
  from: number,
  to: number,
  points: number,
  scale: string,
  report: boolean,
): void {
  if (scale !== "log" && scale !== "linear")
    throw new UsageError(`--scale must be log or linear, got ${JSON.stringify(scale)}`);
  checkSize("--points", points, 2, LIMITS.points);
  if (report && points > LIMITS.reportPoints) {
    throw new UsageError(
      `--points is ${points}, but a --html report draws every point and is limited to ${LIMITS.reportPoints}; sweep without --html for more`,
    );
  }
  if (!Number.isFinite(from)) throw new UsageError(`--from must be finite, got ${from}`);
  if (!Number.isFinite(to)) throw new UsageError(`--to must be finite, got ${to}`);
  if (scale === "log" && !(from > 0 && to > 0)) {
    throw new UsageError(
      `--scale log needs --from and --to > 0, got ${from} and ${to} (use --scale linear)`,
    );
  }
}

/** Refuses `--out` and `--html` naming one file (the same path, or the same existing file). */
export function checkDistinctOutputs(out: string | undefined, html: string | undefined): void {
  if (out === undefined || html === undefined) return;
  let same = resolve(out) === resolve(html);
  if (!same) {
    try {
      const x = statSync(out);
      const y = statSync(html);
      same = x.ino === y.ino && x.dev === y.dev;
    } catch {
      // one of them does not exist yet: two different files
    }
  }
  if (same) throw new UsageError("--out and --html name the same file");
}
