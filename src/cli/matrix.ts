/**
 * Matrices (batches of logits, one row per example) and class labels for the CLI, from numpy
 * files (`.npy`, `.npz`: see npy.ts) or text: CSV/TSV or whitespace-separated lines, one row per
 * line ('#' comments and one header line allowed), or a JSON array of arrays; standard input
 * (`-`) and an inline list (one row) too. A 1-D input is one row. Text goes through the CLI's one
 * text reader (input.ts's scanText) with its caps; a matrix holds at most LIMITS.arrayValues
 * values.
 *
 * `FILE.npz#NAME` picks an array of an .npz; `--key NAME` sets the default for every .npz of
 * the command; without either, the only array is taken, or the one named after the flag
 * (`logits` for --logits, `labels` for --labels, `test_logits` for --test-logits, …).
 */
import { createReadStream, type Stats, statSync } from "node:fs";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import type { Command } from "commander";
import { describeError, UsageError } from "./errors.js";
import { checkKeyFlag, isStream } from "./flags.js";
import {
  bounded,
  checkStandardInput,
  claimStdin,
  inlineVector,
  looksInline,
  scanText,
} from "./input.js";
import { LIMITS } from "./limits.js";
import { asVector, type NumpyArray, parseNumpyBytes, readNumpy, shapeOf } from "./npy.js";

/** A matrix read by the CLI. */
export interface Matrix {
  /** Row-major values. */
  data: Float64Array;
  rows: number;
  columns: number;
  /** Where it came from, for messages: "--logits val.npy". */
  source: string;
}

let defaultKey: string | undefined;

/**
 * Adds `--key NAME` (the array to read from .npz files) to every command that reads numbers.
 * Called once from main.ts.
 */
export function registerNumpyKey(cli: Command): void {
  for (const command of cli.commands) {
    command.option(
      "--key <name>",
      "the array to read from .npz files (default: the one named after the flag, or the only one)",
    );
  }
  cli.hook("preAction", (_, action) => {
    checkKeyFlag(action);
    const key = action.opts().key;
    defaultKey = typeof key === "string" ? key : undefined;
  });
}

/** The array an .npz flag prefers: --test-logits → "test_logits". */
function preferredKey(flag: string): string {
  return flag.replace(/^-+/, "").replace(/-/g, "_");
}

function splitSpec(spec: string): { path: string; key: string | undefined } {
  const m = /^(.*\.npz)#(.+)$/i.exec(spec);
  return m === null ? { path: spec, key: undefined } : { path: m[1] as string, key: m[2] };
}

/**
 * Reads a numpy file once per run: a command that first looks at a file's shape (is it a batch?)
 * and then reads it does not read it twice (a FIFO could not be read twice).
 */
const loaded = new Map<string, NumpyArray>();
async function loadNumpy(path: string, flag: string, key: string | undefined): Promise<NumpyArray> {
  const id = `${path}\0${key ?? ""}\0${preferredKey(flag)}`;
  let a = loaded.get(id);
  if (a === undefined) {
    a = isStream(path)
      ? await readNumpyStream(path, flag, key ?? keyFor(path), preferredKey(flag))
      : readNumpy(path, flag, key ?? keyFor(path), preferredKey(flag));
    loaded.set(id, a);
  }
  return a;
}

/** A numpy file that is a stream (a FIFO named x.npy): read whole (within the input cap), then parsed. */
async function readNumpyStream(
  path: string,
  flag: string,
  key: string | undefined,
  preferred: string,
): Promise<NumpyArray> {
  const where = `${flag}: ${path}`;
  return fromStream(path, flag, async (stream) => {
    const parts: Buffer[] = [];
    for await (const chunk of bounded(stream, where)) parts.push(chunk);
    return parseNumpyBytes(Buffer.concat(parts), where, basename(path), key, preferred);
  });
}

/** Reads a file as a stream; an error that is not yet a message names the flag and the file. */
async function fromStream<T>(
  path: string,
  flag: string,
  read: (stream: Readable) => Promise<T>,
): Promise<T> {
  const stream = createReadStream(path);
  try {
    return await read(stream);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${flag}: cannot read ${JSON.stringify(path)}: ${describeError(error as NodeJS.ErrnoException)}`,
    );
  } finally {
    stream.destroy();
  }
}

/** The .npz array a flag reads from numpy data on a stream: `--key`, or the flag's own name. */
export function numpyKeys(flag: string): { key: string | undefined; preferred: string } {
  return { key: defaultKey, preferred: preferredKey(flag) };
}

/** A vector from an .npy/.npz file (the hook of input.ts's readVector). */
export async function readNumpyVector(
  path: string,
  flag: string,
  key?: string,
): Promise<Float64Array> {
  return asVector(await loadNumpy(path, flag, key), `${flag}: ${path}`);
}

function keyFor(path: string): string | undefined {
  return /\.npz$/i.test(path) ? defaultKey : undefined;
}

/**
 * Reads a matrix (rows of numbers): a numpy file, standard input (`-`), an inline list (one
 * row), or a text file (CSV, TSV, text lines, a JSON array of arrays) through the CLI's one text
 * reader (input.ts's scanText), with its caps.
 */
export async function readMatrix(spec: string, flag: string): Promise<Matrix> {
  const { path, key } = splitSpec(spec);
  if (/\.np[yz]$/i.test(path)) {
    const a = await loadNumpy(path, flag, key);
    const source = `${flag}: ${path}${key === undefined ? "" : `#${key}`}`;
    if (a.data.length === 0)
      throw new UsageError(`${source} holds no numbers (shape ${shapeOf(a)})`);
    const columns = a.shape.length === 2 ? (a.shape[1] as number) : a.data.length;
    return { data: a.data, rows: a.data.length / columns, columns, source };
  }
  if (spec === "-") {
    claimStdin(flag);
    checkStandardInput(flag);
    const m = await scanText(process.stdin, `${flag}: <stdin>`, { ...MATRIX, ...numpyKeys(flag) });
    return { ...m, source: `${flag}: <stdin>` };
  }
  if (looksInline(spec)) {
    const data = inlineVector(spec, flag);
    return { data, rows: 1, columns: data.length, source: flag };
  }
  const source = `${flag}: ${path}`;
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new UsageError(
      `${flag}: cannot read ${JSON.stringify(path)}: ${describeError(error as NodeJS.ErrnoException)}`,
    );
  }
  if (stat.isDirectory()) throw new UsageError(`${source} is a directory, not a file`);
  const m = await fromStream(path, flag, (stream) =>
    scanText(stream, source, {
      ...MATRIX,
      ...numpyKeys(flag),
      fields: /\.(csv|tsv)$/i.test(path),
    }),
  );
  return { ...m, source };
}

/** The text reader's settings for a matrix: rows, and the cap of a numpy array. */
const MATRIX = { matrix: true, cap: LIMITS.arrayValues } as const;

/**
 * Class labels: integers 0 … classes − 1, one per row of `logits`, from any vector source (an
 * .npy of ints, a CSV column, a list). One-hot rows are refused with a hint; a bad label is named
 * by its 0-based index, numpy-style.
 */
export async function readLabels(
  spec: string,
  flag: string,
  logits: Matrix,
  read: (spec: string, flag: string) => Promise<Float64Array>,
): Promise<Float64Array> {
  const { rows, columns: classes } = logits;
  const { path, key } = splitSpec(spec);
  let labels: Float64Array;
  let where = flag;
  if (/\.np[yz]$/i.test(path)) {
    const a = await loadNumpy(path, flag, key);
    where = `${flag}: ${path}${key === undefined ? "" : `#${key}`}`;
    if (
      a.shape.length === 2 &&
      a.shape[0] === rows &&
      a.shape[1] === classes &&
      classes > 1 &&
      rows > 1
    )
      throw new UsageError(
        `${where} is a ${rows}×${classes} matrix, like one-hot labels; give class indices, e.g. np.save(path, y.argmax(axis=1))`,
      );
    labels = asVector(a, where);
  } else {
    labels = await read(spec, flag);
    if (spec !== "-" && !looksInline(spec)) where = `${flag}: ${path}`;
  }
  if (labels.length !== rows)
    throw new UsageError(
      `${flag}: ${labels.length} label${labels.length === 1 ? "" : "s"} for ${rows} row${rows === 1 ? "" : "s"} of ${logits.source.replace(": ", " ")}; give one label per row`,
    );
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    if (!Number.isInteger(y) || y < 0 || y >= classes)
      throw new UsageError(
        `${where}[${i}] is ${y}; labels are class indices, integers from 0 to ${classes - 1} (indices count from 0)`,
      );
  }
  return labels;
}
