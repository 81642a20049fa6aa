/**
 * Writing `--format npz`: one numpy array per column, named as in the CSV header, in a zip that
 * `np.load` opens as a dict (`np.load("sweep.npz")["entropy"]`). Numbers are little-endian
 * float64 (`<f8`), text columns numpy's fixed-width unicode (`<U…`), so no reader ever needs
 * pickle. The zip is written by fflate (stored, not compressed: doubles barely compress), streamed
 * to the output; the columns are held in growing Float64Arrays until the table ends.
 */
import { Zip, ZipPassThrough } from "fflate";
import { UsageError } from "./errors.js";
import { checkFormat, type Format, Sink, TableWriter } from "./output.js";

/** The bytes of an .npy file (format 1.0) holding `values` with the given shape. */
export function npyBytes(values: Float64Array | string[], shape: number[]): Uint8Array {
  let descr: string;
  let data: Uint8Array;
  if (values instanceof Float64Array) {
    descr = "<f8";
    data = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  } else {
    const points = values.map((s) => Array.from(s, (ch) => ch.codePointAt(0) as number));
    const width = Math.max(1, ...points.map((p) => p.length));
    descr = `<U${width}`;
    const u32 = new Uint32Array(values.length * width);
    points.forEach((p, i) => {
      u32.set(p, i * width);
    });
    data = new Uint8Array(u32.buffer);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Pad with spaces so that the data starts on a 64-byte boundary (NEP 1), ending in "\n".
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64);
  header += "\n";
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

/** Writes named arrays as an .npz through the sink (streamed, stored entries). */
export async function writeNpz(
  sink: Sink,
  arrays: { name: string; values: Float64Array | string[]; shape?: number[] }[],
): Promise<void> {
  const chunks: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const flush = async () => {
    if (failure !== undefined) throw failure;
    while (chunks.length > 0) await sink.write(chunks.shift() as Uint8Array);
  };
  for (const { name, values, shape } of arrays) {
    const entry = new ZipPassThrough(`${name}.npy`);
    zip.add(entry);
    entry.push(npyBytes(values, shape ?? [values.length]), true);
    await flush();
  }
  zip.end();
  await flush();
}

/**
 * Checks `--format` and, for npz, that the binary data does not go to a terminal: called before
 * any work, so a long run is not wasted on an output it cannot write.
 */
export function checkOutput(format: string, out: string | undefined): Format {
  const f = checkFormat(format);
  if (f === "npz") checkBinaryTarget(out);
  return f;
}

/** Refuses binary output to a terminal. */
export function checkBinaryTarget(out: string | undefined): void {
  if ((out === undefined || out === "-") && process.stdout.isTTY)
    throw new UsageError(
      "--format npz writes binary data: give --out FILE.npz, or redirect standard output to a file",
    );
}

/** The table writer of `--format npz`: buffers each column, writes the .npz at the end. */
export class NpzTable {
  private readonly numbers: (Float64Array | undefined)[];
  private readonly texts: (string[] | undefined)[];
  private rows = 0;

  constructor(
    private readonly sink: Sink,
    private readonly columns: string[],
    out: string | undefined,
  ) {
    checkBinaryTarget(out);
    this.numbers = columns.map(() => undefined);
    this.texts = columns.map(() => undefined);
  }

  async row(values: (number | string)[]): Promise<void> {
    values.forEach((v, i) => {
      if (typeof v === "string" || this.texts[i] !== undefined) {
        let t = this.texts[i];
        if (t === undefined) {
          // A text column: earlier rows (if any were numbers) become text too.
          const earlier = this.numbers[i];
          t = earlier === undefined ? [] : Array.from(earlier.subarray(0, this.rows), String);
          this.texts[i] = t;
          this.numbers[i] = undefined;
        }
        t.push(String(v));
        return;
      }
      let a = this.numbers[i];
      if (a === undefined) a = new Float64Array(64);
      else if (this.rows === a.length) {
        const bigger = new Float64Array(a.length * 2);
        bigger.set(a);
        a = bigger;
      }
      a[this.rows] = v;
      this.numbers[i] = a;
    });
    this.rows++;
  }

  async end(): Promise<void> {
    await writeNpz(
      this.sink,
      this.columns.map((name, i) => ({
        name,
        values: this.texts[i] ?? (this.numbers[i] ?? new Float64Array(0)).slice(0, this.rows),
      })),
    );
  }
}

/**
 * Writes a table to `out` (or standard output) in `format`, npz included: the one way every
 * command emits its rows (atomically when `out` is a file; a failure leaves no partial file).
 */
export async function emitTable(
  output: { format: string; out?: string | undefined },
  columns: string[],
  rows: Iterable<(number | string)[]> | AsyncIterable<(number | string)[]>,
  commit = true,
): Promise<Sink> {
  const format = checkFormat(output.format);
  const sink = new Sink(output.out, "--out");
  try {
    const table =
      format === "npz"
        ? new NpzTable(sink, columns, output.out)
        : new TableWriter(sink, format, columns);
    for await (const row of rows) await table.row(row);
    await table.end();
    if (commit) await sink.commit();
    return sink;
  } catch (error) {
    sink.abort();
    throw error;
  }
}
