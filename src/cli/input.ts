/**
 * Reading vectors for the CLI: inline lists ("0,1,1,2" or "1 2 3"), files (CSV or TSV with or
 * without a header, comma-, semicolon- or tab-separated; a JSON array; whitespace-separated
 * numbers, '#' comments allowed) and standard input ("-"). Files are read as byte streams and
 * numbers go into a growing Float64Array, so 10⁷ values cost linear time and one copy.
 *
 * Every reader has caps (src/cli/limits.ts): characters per value, values per vector, bytes per
 * input, characters per CSV row. Beyond a cap, and for any bad value, the reader stops at once
 * with a UsageError (exit code 2) that names the place. Places follow one convention: in a file,
 * `file:LINE:COLUMN`, both counted from 1 (in a CSV file the column is the field number, as in
 * `file.csv#2`); in a list, `name[INDEX]` with indices counted from 0, as the library counts states.
 */
import { createReadStream, existsSync, fstatSync, statSync } from "node:fs";
import { extname } from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { describeError, UsageError } from "./errors.js";
import { excerpt, LIMITS } from "./limits.js";
import { numpyKeys, readNumpyVector } from "./matrix.js";
import { asVector, parseNumpyBytes, shapeOf, sniffNumpy } from "./npy.js";
import { wasClosed } from "./stdout.js";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?Infinity$/;
const WORD = /^[+-]?(inf|infinity|nan)$/i;

/** True when the text is one number as the CLI reads them (JS literals, ±Infinity/inf, NaN). */
export function isNumberText(text: string): boolean {
  const t = text.trim();
  return NUMBER.test(t) || WORD.test(t);
}

/**
 * Parses one token strictly as a number: JS literals, ±inf/±Infinity and NaN, nothing else. A
 * literal beyond the double range (`1e999`) is refused rather than read as ±Infinity: write `inf`
 * for an infinity.
 */
export function toNumber(token: string, where: string): number {
  const t = token.trim();
  if (NUMBER.test(t) && /\d/.test(t)) {
    const v = Number(t);
    if (!Number.isFinite(v)) {
      throw new UsageError(
        `${where}: ${excerpt(token)} is beyond the range of a double (±1.7976931348623157e308); write inf for an infinity`,
      );
    }
    return v;
  }
  if (NUMBER.test(t) || /^[+-]?(inf|infinity)$/i.test(t))
    return t.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(t)) return Number.NaN;
  const hint = /^[+-]?\d+,\d+$/.test(t)
    ? " (write the decimal mark as a point: 0.5)"
    : lookalikeHint(t);
  throw new UsageError(`${where}: ${excerpt(token)} is not a number${hint}`);
}

/**
 * A hint for characters that look like parts of a number but are not ASCII, as text copied
 * from typeset pages or typed with a Japanese input method brings them: the minus sign −
 * (U+2212) and dashes, full-width digits, signs and points. "" when there are none.
 */
export function lookalikeHint(text: string): string {
  const found: string[] = [];
  if (/[\u2212\u2010-\u2015\uFE63\uFF0D]/.test(text))
    found.push("a typographic minus or dash: type -");
  if (/[\uFF10-\uFF19]/.test(text)) found.push("full-width digits: type 0-9");
  if (/[\uFF0B\uFF0E\uFF0C\u3002\u3001]/.test(text))
    found.push("a full-width sign, point or comma: type + . ,");
  return found.length === 0 ? "" : ` (it holds ${found.join("; ")})`;
}

/**
 * A numeric flag (`--temperature`, `--kB`, `--from`, …): a number as {@link toNumber} reads it,
 * but never NaN, which no flag can use (a NaN in data is the library's to name, by its index).
 */
export function numberFlag(text: string, flag: string): number {
  const v = toNumber(text, flag);
  if (Number.isNaN(v)) throw new UsageError(`${flag}: NaN is not a value this flag can take`);
  return v;
}

/** An integer flag (`--points`, `--count`, …). */
export function integerFlag(text: string, flag: string): number {
  const v = numberFlag(text, flag);
  if (!Number.isInteger(v))
    throw new UsageError(`${flag}: ${JSON.stringify(text)} is not an integer`);
  return v;
}

/** `--kB`: Boltzmann's constant, finite and > 0. */
export function kBFlag(text: string): number {
  const v = numberFlag(text, "--kB");
  if (!(v > 0 && Number.isFinite(v)))
    throw new UsageError(`--kB must be finite and > 0, got ${text.trim()}`);
  return v;
}

/** A Float64Array that grows by doubling, up to `cap` entries (LIMITS.values by default). */
class Growing {
  private data = new Float64Array(1024);
  length = 0;
  constructor(
    private readonly label: string,
    private readonly cap: number = LIMITS.values,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      if (this.length >= this.cap) {
        throw new UsageError(
          `${this.label}: more than ${this.cap} values; the limit is ${this.cap}`,
        );
      }
      const bigger = new Float64Array(Math.min(this.data.length * 2, this.cap));
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

/** Reads an inline list like "0,1,1,2" or "1 2 3"; a bad item is named by its 0-based index. */
export function inlineVector(spec: string, name: string): Float64Array {
  // Commas and semicolons separate entries, so none may be empty (`1,,2`, `,1`, `1,`): an empty
  // entry is a typing mistake, never skipped. Characters count from 1.
  const entries = spec.split(/[,;]/);
  if (entries.length > 1) {
    let at = 0;
    entries.forEach((entry, k) => {
      if (entry.trim() === "") {
        const place =
          k === 0
            ? "before the first value"
            : k === entries.length - 1
              ? "at the end"
              : "between two separators";
        throw new UsageError(
          `${name}: the list ${excerpt(spec)} has an empty entry ${place} (character ${Math.min(at + entry.length, spec.length - 1) + 1})`,
        );
      }
      at += entry.length + 1;
    });
  }
  const tokens = spec.split(/[\s,;]+/).filter((t) => t !== "");
  if (tokens.length === 0) throw new UsageError(`${name}: the list is empty`);
  if (tokens.length > LIMITS.values)
    throw new UsageError(
      `${name}: more than ${LIMITS.values} values; the limit is ${LIMITS.values}`,
    );
  return Float64Array.from(tokens, (t, i) => {
    if (t.length > LIMITS.tokenCharacters)
      throw new UsageError(
        `${name}[${i}]: a value longer than ${LIMITS.tokenCharacters} characters (indices count from 0)`,
      );
    try {
      return toNumber(t, `${name}[${i}]`);
    } catch (error) {
      if (error instanceof UsageError)
        throw new UsageError(`${error.message} (indices count from 0)`);
      throw error;
    }
  });
}

/** Which flag has read standard input so far: it can be read only once. */
let stdinReader: string | undefined;

/** Records that `name` reads standard input; a second reader is refused, naming the first. */
/**
 * Refuses a standard input that holds no data to read: one closed by the shell (`<&-`, which
 * Node.js replaces with /dev/null) or a folder (`< dir`), which would otherwise read as empty.
 */
export function checkStandardInput(name: string): void {
  let folder = false;
  try {
    folder = fstatSync(0).isDirectory();
  } catch {
    // no descriptor 0 at all: reading reports it
  }
  if (folder) throw new UsageError(`${name}: standard input (-) is a folder, not data (EISDIR)`);
  if (wasClosed(0))
    throw new UsageError(
      `${name}: standard input (-) is closed (<&-); pipe the data in or give a file`,
    );
}

export function claimStdin(name: string): void {
  if (stdinReader !== undefined) {
    throw new UsageError(
      `${name}: standard input (-) was already read by ${stdinReader}; only one flag can read it`,
    );
  }
  stdinReader = name;
}

/**
 * Reads a vector from an inline list, a file or standard input ("-"). A file name may end in
 * `#COLUMN` (a header name or a 1-based field number) to pick a CSV column; the default is the
 * first. A file whose own name contains `#` is read whole when it exists.
 */
export async function readVector(
  spec: string,
  name: string,
  stdin: Readable = process.stdin,
): Promise<Float64Array> {
  if (spec === "-") {
    claimStdin(name);
    if (stdin === process.stdin) checkStandardInput(name);
    return readText(stdin, "<stdin>", name);
  }
  if (looksInline(spec)) return inlineVector(spec, name);
  const { path, column } = fileSpec(spec, name);
  const stat = statSync(path);
  if (stat.isDirectory())
    throw new UsageError(`${name}: ${JSON.stringify(path)} is a directory, not a file`);
  const ext = extname(path).toLowerCase();
  if (ext === ".npy" || ext === ".npz") return readNumpyVector(path, name, column);
  const table = ext === ".csv" || ext === ".tsv";
  if (column !== undefined && !table) {
    throw new UsageError(
      `${name}: a column (#${column}) can be picked only from a .csv or .tsv file (or an array from an .npz file), not ${JSON.stringify(path)}`,
    );
  }
  const stream = createReadStream(path);
  try {
    return table
      ? await readCsv(stream, path, column, ext === ".tsv" ? "\t" : undefined)
      : await readText(stream, path, name);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`${name}: cannot read ${JSON.stringify(path)}: ${describeError(e)}`);
  } finally {
    stream.destroy();
  }
}

/** Splits `file.csv#column`; a path that exists as written wins over the split. */
function fileSpec(spec: string, name: string): { path: string; column: string | undefined } {
  if (existsSync(spec)) return { path: spec, column: undefined };
  const hash = spec.lastIndexOf("#");
  if (hash > 0 && existsSync(spec.slice(0, hash)))
    return { path: spec.slice(0, hash), column: spec.slice(hash + 1) };
  const also =
    hash > 0 ? ` (nor is ${JSON.stringify(spec.slice(0, hash))}, so #… is not a column)` : "";
  throw new UsageError(
    `${name}: no such file ${JSON.stringify(spec)}${also}, and it is not a list of numbers${lookalikeHint(spec)}`,
  );
}

/** The chunks of a stream, refusing more than LIMITS.inputBytes in all. */
export async function* bounded(stream: Readable, label: string): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += b.length;
    if (bytes > LIMITS.inputBytes) {
      throw new UsageError(
        `${label}: more than ${LIMITS.inputBytes} bytes (1 GiB); the limit is ${LIMITS.inputBytes}`,
      );
    }
    yield b;
  }
}

const decoder = new TextDecoder();

/**
 * Whitespace-, comma- or semicolon-separated numbers, JSON arrays included (brackets are
 * separators), '#' comments to the end of the line. Scans bytes, so a huge input costs no
 * strings beyond one token.
 */
async function readText(stream: Readable, label: string, flag: string): Promise<Float64Array> {
  return (await scanText(stream, label, numpyKeys(flag))).data;
}

/**
 * Numpy data that came through {@link scanText} (its first bytes are numpy's magic string or a
 * zip's): a matrix keeps the array's rows (a 1-D array is one row); a vector takes a 1-D array.
 */
function numpyScanned(
  bytes: Uint8Array,
  label: string,
  options: {
    matrix?: boolean;
    cap?: number;
    key?: string | undefined;
    preferred?: string | undefined;
  },
): Scanned {
  const a = parseNumpyBytes(bytes, label, undefined, options.key, options.preferred);
  const cap = options.cap ?? LIMITS.values;
  if (a.data.length > cap)
    throw new UsageError(`${label}: more than ${cap} values; the limit is ${cap}`);
  if (a.data.length === 0) throw new UsageError(`${label} holds no numbers (shape ${shapeOf(a)})`);
  if (options.matrix !== true) {
    const data = asVector(a, label);
    return { data, rows: 1, columns: data.length };
  }
  const columns = a.shape.length === 2 ? (a.shape[1] as number) : a.data.length;
  return { data: a.data, rows: a.data.length / columns, columns };
}

/** What {@link scanText} read: the values, row-major, and the shape of a matrix. */
export interface Scanned {
  data: Float64Array;
  rows: number;
  columns: number;
}

/**
 * The one text reader of the CLI, for vectors and for matrices (batches of logits). It scans
 * bytes: whitespace, commas and semicolons separate numbers, `#` starts a comment to the end of
 * the line, a UTF-8 BOM is skipped, and every cap of LIMITS holds (token length, bytes, values; a
 * NUL byte is binary data), so `/dev/zero` or a runaway line ends at once with a message.
 *
 * A vector (the default) ignores lines; brackets are separators, and nested arrays are refused.
 * A matrix (`matrix: true`) has one row per line, or one per innermost bracket pair (a JSON array
 * of arrays, over any number of lines); rows must have equal lengths; a first row of words (no
 * number, nor a mistyped one such as `O.5`) is a header and skipped. Places are
 * `label:LINE:COLUMN` from 1, the column a character column, or with `fields: true` the field
 * number in the row (as in CSV files).
 *
 * Numpy data on a stream (standard input, a FIFO, bash's `<(…)`) is told by its first bytes
 * (npy.ts's sniffNumpy) and read whole within the byte cap, then parsed as the file would be;
 * `key` and `preferred` pick an .npz's array.
 */
export async function scanText(
  stream: Readable,
  label: string,
  options: {
    matrix?: boolean;
    fields?: boolean;
    cap?: number;
    /** The array of numpy .npz data to take, and the one preferred without a key. */
    key?: string | undefined;
    preferred?: string | undefined;
  } = {},
): Promise<Scanned> {
  const matrix = options.matrix === true;
  const out = new Growing(label, options.cap);
  const token = new Uint8Array(LIMITS.tokenCharacters * 4);
  let len = 0;
  let chars = 0;
  let line = 1;
  let col = 0;
  let tokenLine = 1;
  let tokenCol = 1;
  let comment = false;
  let depth = 0;
  let first = true;
  let ascii = true;
  // Matrix state: values in the current row, the row length, rows done, the header.
  let inRow = 0;
  let columns = -1;
  let rows = 0;
  let rowLine = 1;
  let headerOpen = matrix;
  // Separators: an empty entry (`1,,2`), a separator before the first value (`,1` or `[,1]`)
  // or after the last (`1,]`, a trailing `1,` at the end, or at a row's end in a matrix) is a
  // mistake, never skipped: the state is "start" (nothing yet), "value" or "sep".
  let sep: "start" | "value" | "sep" = "start";
  let sepLine = 1;
  let sepCol = 0;
  const noSeparatorAfter = (what: string) => {
    if (sep === "sep")
      throw new UsageError(
        `${label}:${sepLine}:${sepCol}: a separator with no value after it (${what})`,
      );
  };
  const header: { text: string; where: string }[] = [];
  let headerChars = 0;
  const where = () =>
    `${label}:${tokenLine}:${options.fields === true ? inRow + header.length + 1 : tokenCol}`;
  const flush = () => {
    if (len === 0) return;
    // Plain ASCII tokens (all numbers are) skip the UTF-8 decoder: a third of the time per value.
    const text = ascii
      ? String.fromCharCode.apply(null, token.subarray(0, len) as unknown as number[])
      : decoder.decode(token.subarray(0, len));
    len = 0;
    chars = 0;
    ascii = true;
    if (headerOpen) {
      if (!isNumberText(text) && !mistypedNumber(text)) {
        // Still a candidate header: a row of words, kept until the row ends.
        headerChars += text.length + 1;
        if (headerChars > LIMITS.csvRowCharacters)
          throw new UsageError(
            `${label}:${tokenLine}: a header row longer than ${LIMITS.csvRowCharacters} characters; the limit is ${LIMITS.csvRowCharacters}`,
          );
        if (header.length === 0) rowLine = tokenLine;
        header.push({ text, where: where() });
        return;
      }
      // A number (or a mistyped one) in the first row: it is data, and any word before it is bad.
      headerOpen = false;
      for (const h of header) toNumber(h.text, h.where);
    }
    if (matrix && inRow === 0) rowLine = tokenLine;
    out.push(toNumber(text, where()));
    inRow++;
  };
  const endRow = () => {
    if (headerOpen && header.length > 0) {
      headerOpen = false; // the header row: skipped
      header.length = 0;
      return;
    }
    if (inRow === 0) return;
    headerOpen = false;
    if (columns < 0) columns = inRow;
    else if (inRow !== columns)
      throw new UsageError(
        `${label}:${rowLine}: has ${inRow} value${inRow === 1 ? "" : "s"}, the rows above have ${columns}`,
      );
    rows++;
    inRow = 0;
  };
  const chunks = bounded(stream, label);
  for await (const chunk of chunks) {
    let k = 0;
    if (first) {
      first = false;
      // Numpy data through a pipe, a FIFO or standard input: read whole, then parsed.
      if (sniffNumpy(chunk) !== "text") {
        const parts = [chunk];
        for await (const more of chunks) parts.push(more);
        return numpyScanned(Buffer.concat(parts), label, options);
      }
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) k = 3; // a UTF-8 BOM
    }
    for (; k < chunk.length; k++) {
      const b = chunk[k] as number;
      if (b === 10) {
        flush();
        if (matrix && depth === 0 && !comment) {
          noSeparatorAfter("at the end of the row");
          sep = "start";
        }
        if (matrix && depth === 0) endRow();
        comment = false;
        line++;
        col = 0;
        continue;
      }
      if ((b & 0xc0) !== 0x80) col++;
      if (comment) continue;
      switch (b) {
        case 0:
          throw new UsageError(
            `${label}:${line}:${col}: a NUL byte: this is binary data, not text`,
          );
        case 35: // #
          flush();
          comment = true;
          break;
        case 91: // [
          flush();
          sep = "start";
          if (++depth > (matrix ? 2 : 1))
            throw new UsageError(
              `${label}:${line}:${col}: nested arrays are not a ${matrix ? "matrix (rows of numbers)" : "vector"}`,
            );
          if (matrix && depth === 2 && inRow > 0)
            throw new UsageError(
              `${label}:${line}:${col}: numbers and rows side by side; give rows only, e.g. [[1, 2], [3, 4]]`,
            );
          break;
        case 93: // ]
          flush();
          noSeparatorAfter("before the ]");
          sep = "value";
          if (matrix && depth <= 0)
            throw new UsageError(`${label}:${line}:${col}: a ] without its [`);
          depth--;
          if (matrix) endRow();
          break;
        case 32:
        case 9:
        case 13:
          flush();
          break;
        case 44: // ,
        case 59: // ;
          flush();
          if (sep !== "value")
            throw new UsageError(
              sep === "sep"
                ? `${label}:${line}:${col}: an empty entry: two separators with no value between them`
                : `${label}:${line}:${col}: a separator before the first value`,
            );
          sep = "sep";
          sepLine = line;
          sepCol = col;
          break;
        default:
          if (len === 0) {
            tokenLine = line;
            tokenCol = col;
            sep = "value";
          }
          if ((b & 0xc0) !== 0x80 && ++chars > LIMITS.tokenCharacters) {
            throw new UsageError(
              `${label}:${tokenLine}:${tokenCol}: a value longer than ${LIMITS.tokenCharacters} characters (${excerpt(decoder.decode(token.subarray(0, Math.min(len, 40))))})`,
            );
          }
          if (b >= 0x80) ascii = false;
          token[len++] = b;
      }
    }
  }
  flush();
  noSeparatorAfter("at the end");
  if (matrix) {
    endRow();
    if (depth !== 0) throw new UsageError(`${label}: the brackets do not balance`);
  }
  if (out.length === 0) throw new UsageError(`${label}: no numbers found`);
  return matrix
    ? { data: out.result(), rows, columns }
    : { data: out.result(), rows: 1, columns: out.length };
}

/** The field separator of a CSV file, from its first line of data: ';', tab or ','. */
function sniffDelimiter(head: string): string {
  const line = head.split("\n").find((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  if (line === undefined) return ",";
  if (line.includes(";")) return ";";
  if (line.includes("\t") && !line.includes(",")) return "\t";
  return ",";
}

/**
 * A mistyped number (O for 0, l or I for 1, a decimal comma, two points) is data, never a column
 * name, so a first row such as `O.5` is reported instead of being taken for a header.
 */
function mistypedNumber(field: string): boolean {
  return /^[+-]?[\dOoIl.,]+(?:[eE][+-]?[\dOoIl]+)?$/.test(field) && /[\d.,]/.test(field);
}

/** A first row is a header when it holds at least one field and no number, mistyped or not. */
function isHeader(record: string[]): boolean {
  const fields = record.filter((f) => f !== "");
  return fields.length > 0 && fields.every((f) => !isNumberText(f) && !mistypedNumber(f));
}

/** One column of a CSV file, with or without a header row. */
async function readCsv(
  stream: Readable,
  label: string,
  column: string | undefined,
  fixedDelimiter: string | undefined,
): Promise<Float64Array> {
  const chunks = bounded(stream, label);
  // Read up to the first full line (or one row's worth) to tell the separator.
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (!done) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (next.value.includes(10) || headBytes > LIMITS.csvRowCharacters) break;
  }
  const delimiter = fixedDelimiter ?? sniffDelimiter(Buffer.concat(head).toString("utf8"));
  async function* all(): AsyncGenerator<Buffer> {
    for (const b of head) yield b;
    if (!done) yield* chunks;
  }
  async function* checked(): AsyncGenerator<Buffer> {
    for await (const b of all()) {
      if (b.includes(0))
        throw new UsageError(`${label}: a NUL byte: this is binary data, not text`);
      yield b;
    }
  }
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    comment: "#",
    trim: true,
    bom: true,
    info: true,
    max_record_size: LIMITS.csvRowCharacters,
  });
  // pipe() does not pass a source's error on; a refused chunk must end the parse.
  const source = Readable.from(checked());
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  const out = new Growing(label);
  let index: number | undefined =
    column !== undefined && /^\d+$/.test(column) ? Number(column) - 1 : undefined;
  if (index !== undefined && index < 0)
    throw new UsageError(`${label}#${column}: columns are numbered from 1`);
  let first = true;
  let header = false;
  let dataRows = 0;
  let firstRow: { record: string[]; line: number } | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (first) {
        first = false;
        if (isHeader(record)) {
          header = true;
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
      if (++dataRows === 1) firstRow = { record, line: info.lines };
      const i = index ?? 0;
      const field = record[i];
      if (field === undefined) {
        throw new UsageError(
          `${label}:${info.lines}: has no column ${i + 1} (this row has ${record.length})`,
        );
      }
      const where = `${label}:${info.lines}:${i + 1}`;
      if (field.length > LIMITS.tokenCharacters)
        throw new UsageError(`${where}: a value longer than ${LIMITS.tokenCharacters} characters`);
      out.push(toNumber(field, where));
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof UsageError) throw error;
    const e = error as Error & { code?: string; lines?: number };
    if (e.code === "CSV_MAX_RECORD_SIZE") {
      throw new UsageError(
        `${label}:${e.lines ?? 1}: a row longer than ${LIMITS.csvRowCharacters} characters; the limit is ${LIMITS.csvRowCharacters}`,
      );
    }
    if (typeof e.code === "string" && e.code.startsWith("CSV_")) {
      throw new UsageError(`${label}: ${e.message.replace(/^[^:]*: /, "")}`);
    }
    throw error;
  }
  if (out.length === 0) throw new UsageError(`${label}: no numbers found`);
  // One row of several fields, no header and no column asked for: a row vector (as
  // np.savetxt(f, a[None], delimiter=",") writes one), read across rather than cut to its first
  // field.
  if (dataRows === 1 && !header && column === undefined && firstRow !== undefined) {
    const { record, line } = firstRow;
    if (record.length > 1) {
      return Float64Array.from(record, (field, i) => {
        const where = `${label}:${line}:${i + 1}`;
        if (field.length > LIMITS.tokenCharacters)
          throw new UsageError(
            `${where}: a value longer than ${LIMITS.tokenCharacters} characters`,
          );
        return toNumber(field, where);
      });
    }
  }
  return out.result();
}
