/**
 * Reading vectors for the CLI: inline lists ("0,1,1,2" or "1 2 3"), files (CSV with or without a
 * header, a JSON array, or whitespace-separated numbers, '#' comments allowed) and standard input
 * ("-"). Files are read as streams and numbers go into a growing Float64Array, so 10⁷ values cost
 * linear time and one copy. A bad value is reported with its place, `energies.csv:14:2: "abc" is
 * not a number`, as a UsageError (exit code 2).
 */
import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { UsageError } from "./errors.js";
import { readNumpyVector } from "./matrix.js";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?Infinity$/;

/** True when the text is one number as the CLI reads them (JS literals, ±Infinity/inf, NaN). */
export function isNumberText(text: string): boolean {
  const t = text.trim();
  return NUMBER.test(t) || /^[+-]?(inf|infinity|nan)$/i.test(t);
}

/** Parses one token strictly as a number: JS literals and ±Infinity, nothing else. */
export function toNumber(token: string, where: string): number {
  const t = token.trim();
  if (NUMBER.test(t)) return Number(t);
  if (/^[+-]?(inf|infinity)$/i.test(t))
    return t.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(t)) return Number.NaN;
  throw new UsageError(
    `${where}: ${JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token)} is not a number`,
  );
}

/** A Float64Array that grows by doubling. */
class Growing {
  private data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  result(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** True when the text is an inline list of numbers rather than a file name. */
export function looksInline(spec: string): boolean {
  return (
    /^[\s,;]*[+-]?(\d|\.\d|inf|nan)/i.test(spec) && !/\.(csv|json|txt|dat|tsv|npy|npz)$/i.test(spec)
  );
}

/** Reads an inline list like "0,1,1,2" or "1 2 3". */
export function inlineVector(spec: string, name: string): Float64Array {
  const tokens = spec.split(/[\s,;]+/).filter((t) => t !== "");
  if (tokens.length === 0) throw new UsageError(`${name}: the list is empty`);
  return Float64Array.from(tokens, (t, i) => toNumber(t, `${name}: item ${i + 1}`));
}

/**
 * Reads a vector from an inline list, a file or standard input ("-"). A file name may end in
 * `#COLUMN` (a header name or a 1-based index) to pick a CSV column; the default is the first.
 */
export async function readVector(
  spec: string,
  name: string,
  stdin: Readable = process.stdin,
): Promise<Float64Array> {
  if (spec === "-") return readText(stdin, "<stdin>");
  if (looksInline(spec)) return inlineVector(spec, name);
  const hash = spec.lastIndexOf("#");
  const path = hash > 0 ? spec.slice(0, hash) : spec;
  const column = hash > 0 ? spec.slice(hash + 1) : undefined;
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(
      `${name}: no such file ${JSON.stringify(path)} (and it is not a list of numbers)`,
    );
  }
  if (stat.isDirectory())
    throw new UsageError(`${name}: ${JSON.stringify(path)} is a directory, not a file`);
  const ext = extname(path).toLowerCase();
  if (ext === ".npy" || ext === ".npz") return readNumpyVector(path, name, column);
  const stream = createReadStream(path);
  const values =
    ext === ".csv" || ext === ".tsv"
      ? await readCsv(stream, path, column, ext === ".tsv" ? "\t" : ",")
      : await readText(stream, path);
  if (values.length === 0) throw new UsageError(`${name}: ${path} holds no numbers`);
  return values;
}

/** Whitespace/comma-separated numbers, JSON arrays included (brackets are separators). */
async function readText(stream: Readable, label: string): Promise<Float64Array> {
  const out = new Growing();
  let line = 1;
  let col = 1;
  let token = "";
  let tokenLine = 1;
  let tokenCol = 1;
  let comment = false;
  let depth = 0;
  const flush = () => {
    if (token !== "") {
      out.push(toNumber(token, `${label}:${tokenLine}:${tokenCol}`));
      token = "";
    }
  };
  for await (const chunk of stream) {
    const text = typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8");
    for (let k = 0; k < text.length; k++) {
      const ch = text[k] as string;
      if (ch === "\n") {
        flush();
        comment = false;
        line++;
        col = 1;
        continue;
      }
      if (!comment) {
        if (ch === "#") {
          flush();
          comment = true;
        } else if (ch === "[") {
          flush();
          depth++;
          if (depth > 1)
            throw new UsageError(`${label}:${line}:${col}: nested arrays are not a vector`);
        } else if (ch === "]") {
          flush();
          depth--;
        } else if (ch === " " || ch === "\t" || ch === "," || ch === "\r" || ch === ";") {
          flush();
        } else {
          if (token === "") {
            tokenLine = line;
            tokenCol = col;
          }
          token += ch;
        }
      }
      col++;
    }
  }
  flush();
  if (out.length === 0) throw new UsageError(`${label}: no numbers found`);
  return out.result();
}

/** One column of a CSV file, with or without a header row. */
async function readCsv(
  stream: Readable,
  label: string,
  column: string | undefined,
  delimiter: string,
): Promise<Float64Array> {
  const out = new Growing();
  const parser = stream.pipe(
    parse({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      comment: "#",
      trim: true,
      info: true,
    }),
  );
  let index: number | undefined =
    column !== undefined && /^\d+$/.test(column) ? Number(column) - 1 : undefined;
  let first = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (first) {
        first = false;
        const numeric = record.every(
          (f) => f === "" || NUMBER.test(f) || /^[+-]?(inf|infinity|nan)$/i.test(f),
        );
        if (!numeric) {
          // A header row: pick the named column (or the first).
          if (index === undefined) {
            index =
              column === undefined
                ? 0
                : record.findIndex((h) => h.toLowerCase() === column.toLowerCase());
            if (index < 0) {
              throw new UsageError(
                `${label}: no column named ${JSON.stringify(column)} (the header has ${record.map((h) => JSON.stringify(h)).join(", ")})`,
              );
            }
          }
          continue;
        }
        if (index === undefined && column !== undefined) {
          throw new UsageError(
            `${label}: has no header row, so pick the column by number (#1, #2, …), not ${JSON.stringify(column)}`,
          );
        }
      }
      const i = index ?? 0;
      const field = record[i];
      if (field === undefined)
        throw new UsageError(`${label}:${info.lines}: has no column ${i + 1}`);
      out.push(toNumber(field, `${label}:${info.lines}:${i + 1}`));
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${label}: ${(error as Error).message}`);
  }
  if (out.length === 0) throw new UsageError(`${label}: no numbers found`);
  return out.result();
}
