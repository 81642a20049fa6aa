/**
 * Matrices (batches of logits, one row per example) and class labels for the CLI, from numpy
 * files (`.npy`, `.npz`: see npy.ts) or text: CSV/TSV or whitespace-separated lines, one row per
 * line ('#' comments and one header line allowed), or a JSON array of arrays. A 1-D input is one
 * row. Text is read line by line into a growing Float64Array (no value is held as a JS number
 * array); at most 2²⁸ values.
 *
 * `FILE.npz#NAME` picks an array of an .npz; `--key NAME` sets the default for every .npz of
 * the command; without either, the only array is taken, or the one named after the flag
 * (`logits` for --logits, `labels` for --labels, `test_logits` for --test-logits, …).
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { UsageError } from "./errors.js";
import { isNumberText, toNumber } from "./input.js";
import { asVector, NUMPY_LIMITS, type NumpyArray, readNumpy, shapeOf } from "./npy.js";

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
 * and then reads it does not read it twice.
 */
const loaded = new Map<string, NumpyArray>();
function loadNumpy(path: string, flag: string, key: string | undefined): NumpyArray {
  const id = `${path}\0${key ?? ""}\0${preferredKey(flag)}`;
  let a = loaded.get(id);
  if (a === undefined) {
    a = readNumpy(path, flag, key ?? keyFor(path), preferredKey(flag));
    loaded.set(id, a);
  }
  return a;
}

/** A vector from an .npy/.npz file (the hook of input.ts's readVector). */
export function readNumpyVector(path: string, flag: string, key?: string): Float64Array {
  return asVector(loadNumpy(path, flag, key), `${flag}: ${path}`);
}

function keyFor(path: string): string | undefined {
  return /\.npz$/i.test(path) ? defaultKey : undefined;
}

/** Reads a matrix (rows of numbers) from a numpy file or a text file. */
export async function readMatrix(spec: string, flag: string): Promise<Matrix> {
  const { path, key } = splitSpec(spec);
  if (/\.np[yz]$/i.test(path)) {
    const a = loadNumpy(path, flag, key);
    const source = `${flag}: ${path}${key === undefined ? "" : `#${key}`}`;
    if (a.data.length === 0)
      throw new UsageError(`${source} holds no numbers (shape ${shapeOf(a)})`);
    const columns = a.shape.length === 2 ? (a.shape[1] as number) : a.data.length;
    return { data: a.data, rows: a.data.length / columns, columns, source };
  }
  return readTextMatrix(path, flag);
}

/** A matrix from text: one row per line, or a JSON array of arrays. */
async function readTextMatrix(path: string, flag: string): Promise<Matrix> {
  const source = `${flag}: ${path}`;
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${source} is a directory, not a file`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${flag}: no such file ${JSON.stringify(path)}`);
  }
  let data = new Float64Array(1024);
  let length = 0;
  let columns = -1;
  let rows = 0;
  let lineNo = 0;
  let sawHeader = false;
  let jsonDepth = 0;
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const raw of lines) {
    lineNo++;
    let line = raw.replace(/#.*$/, "");
    // JSON arrays of arrays: brackets mark rows, like the lines of a text file.
    if (/[[\]]/.test(line)) {
      const opens = (line.match(/\[/g) ?? []).length;
      jsonDepth += opens - (line.match(/]/g) ?? []).length;
      line = line.replace(/\]\s*,?\s*\[/g, "\n").replace(/[[\]]/g, " ");
    }
    for (const part of line.split("\n")) {
      const tokens = part.split(/[\s,;]+/).filter((t) => t !== "");
      if (tokens.length === 0) continue;
      if (rows === 0 && !sawHeader && !tokens.every(isNumberText)) {
        sawHeader = true; // a header row of column names
        continue;
      }
      if (columns >= 0 && tokens.length !== columns)
        throw new UsageError(
          `${source}:${lineNo}: has ${tokens.length} values, the rows above have ${columns}`,
        );
      columns = tokens.length;
      if (length + columns > NUMPY_LIMITS.values)
        throw new UsageError(`${source}: more than 2²⁸ values, the reader's limit`);
      while (length + columns > data.length) {
        const bigger = new Float64Array(data.length * 2);
        bigger.set(data);
        data = bigger;
      }
      let col = 1;
      for (const t of tokens) {
        data[length++] = toNumber(t, `${source}:${lineNo}:${col}`);
        col++;
      }
      rows++;
    }
  }
  if (jsonDepth !== 0) throw new UsageError(`${source}: the brackets do not balance`);
  if (rows === 0) throw new UsageError(`${source} holds no numbers`);
  return { data: data.slice(0, length), rows, columns, source };
}

/**
 * Class labels: integers 0 … classes − 1, one per row, from any vector source (an .npy of
 * ints, a CSV column, a list). One-hot rows are refused with a hint.
 */
export async function readLabels(
  spec: string,
  flag: string,
  rows: number,
  classes: number,
  read: (spec: string, flag: string) => Promise<Float64Array>,
): Promise<Float64Array> {
  const { path, key } = splitSpec(spec);
  let labels: Float64Array;
  if (/\.np[yz]$/i.test(path)) {
    const a = loadNumpy(path, flag, key);
    const where = `${flag}: ${path}`;
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
  } else labels = await read(spec, flag);
  if (labels.length !== rows)
    throw new UsageError(
      `${flag}: ${labels.length} labels for ${rows} rows of logits; give one label per row`,
    );
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    if (!Number.isInteger(y) || y < 0 || y >= classes)
      throw new UsageError(
        `${flag}: label ${i} is ${y}; labels are class indices, integers from 0 to ${classes - 1}`,
      );
  }
  return labels;
}
