/**
 * Reading numpy files for the CLI: `.npy` (NEP 1: a magic string, a version, a Python-literal
 * header with `descr`, `fortran_order` and `shape`, then the raw data) and `.npz` (a zip of
 * `.npy` files, as `np.savez` and `np.savez_compressed` write them; the zip is read with fflate).
 *
 * Read: float16/32/64, signed and unsigned integers of 1–8 bytes and booleans, little- or
 * big-endian, C or Fortran order, 0-, 1- and 2-D. Every value becomes a double in one
 * Float64Array in row-major (C) order; a 2-D array is a batch of rows. An `.npy` file is read
 * straight from disk into that array (little-endian float64 in one read, other types in 1 MiB
 * chunks), so a 10⁷-value file costs its 80 MB of doubles and nothing per value; an `.npz` is
 * read whole, then only the chosen entry is decompressed.
 *
 * Refused with a UsageError (exit 2) and a message: a wrong magic string, a header that is not
 * numpy's, a file shorter (truncated) or longer than its header promises, 3-D and higher arrays,
 * and dtypes that are not numbers: object arrays (`dtype=object`, whose data is a pickle),
 * complex numbers, strings, structured arrays, dates. A pickle is never unpickled or executed:
 * this reader has no code that could do it.
 *
 * Limits (so a bad file gets a message, not an out-of-memory abort; limits.ts holds them with
 * every other cap of the CLI): a header of at most 10 000 bytes (numpy's own `max_header_size`),
 * at most 2²⁸ values (2 GiB as float64) per array, and an `.npz` file of at most 2 GiB.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";
import { unzipSync } from "fflate";
import { describeError, UsageError } from "./errors.js";
import { LIMITS } from "./limits.js";

/** A numeric array read from a numpy file. */
export interface NumpyArray {
  /** The values as doubles, row-major. */
  data: Float64Array;
  /** numpy's shape: [] for a scalar, [n] or [rows, columns]. */
  shape: number[];
  /** numpy's dtype string, e.g. "<f4". */
  dtype: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Random access to the bytes of an .npy image (a file on disk or an entry of an .npz). */
interface Bytes {
  size: number;
  /** Copies `length` bytes at `position` into `into` at `offset`. */
  read(into: Uint8Array, offset: number, length: number, position: number): void;
}

/** True for paths the numpy reader handles. */
export function isNumpyPath(path: string): boolean {
  return /\.np[yz]$/i.test(path);
}

/**
 * Reads an .npy or .npz file. `key` picks the array of an .npz (the name given to `np.savez`);
 * without it the only array is taken, or the one named `preferred` (e.g. "logits" for
 * --logits) when there are several.
 */
export function readNumpy(
  path: string,
  label: string,
  key?: string,
  preferred?: string,
): NumpyArray {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UsageError(`${label}: ${path} is a directory, not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${label}: cannot read ${JSON.stringify(path)}: ${describeError(error as NodeJS.ErrnoException)}`,
    );
  }
  if (/\.npz$/i.test(path)) return readNpz(path, size, label, key, preferred);
  if (key !== undefined)
    throw new UsageError(`${label}: ${path} is an .npy file (one array); #${key} picks from .npz`);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new UsageError(
      `${label}: cannot read ${JSON.stringify(path)}: ${describeError(error as NodeJS.ErrnoException)}`,
    );
  }
  try {
    const bytes: Bytes = {
      size: fstatSync(fd).size,
      read(into, offset, length, position) {
        let done = 0;
        while (done < length) {
          const n = readSync(fd, into, offset + done, length - done, position + done);
          if (n === 0) throw new UsageError(`${label}: ${path} ended while being read`);
          done += n;
        }
      },
    };
    return parseNpy(bytes, `${label}: ${path}`);
  } finally {
    closeSync(fd);
  }
}

function readNpz(
  path: string,
  size: number,
  label: string,
  key: string | undefined,
  preferred: string | undefined,
): NumpyArray {
  const where = `${label}: ${path}`;
  if (size > LIMITS.npzBytes)
    throw new UsageError(
      `${where} is ${size} bytes; the limit of an .npz file is ${LIMITS.npzBytes} (2 GiB)`,
    );
  return parseNpz(readFileSync(path), where, basename(path), key, preferred);
}

/** An .npz image in memory: the chosen array (see {@link readNumpy}) parsed. */
function parseNpz(
  zip: Uint8Array,
  where: string,
  name: string | undefined,
  key: string | undefined,
  preferred: string | undefined,
): NumpyArray {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b)
    throw new UsageError(`${where} is not an .npz file (not a zip archive)`);
  const entries: string[] = [];
  try {
    unzipSync(zip, {
      filter: (f) => {
        entries.push(f.name);
        return false;
      },
    });
  } catch (error) {
    throw new UsageError(`${where} is not a readable .npz file: ${(error as Error).message}`);
  }
  const arrays = entries.filter((n) => n.endsWith(".npy")).map((n) => n.slice(0, -4));
  const others = entries.filter((n) => !n.endsWith(".npy"));
  const listed = arrays.map((a) => JSON.stringify(a)).join(", ");
  let chosen: string;
  if (key !== undefined) {
    if (!arrays.includes(key)) {
      const other = others.find((n) => n === key || n.startsWith(`${key}.`));
      if (other !== undefined)
        throw new UsageError(
          `${where}: ${JSON.stringify(other)} is not a numpy array (.npy); gibbs-softmax reads only numeric arrays and never unpickles`,
        );
      throw new UsageError(
        `${where} has no array ${JSON.stringify(key)}${arrays.length > 0 ? ` (it has ${listed})` : ""}`,
      );
    }
    chosen = key;
  } else if (arrays.length === 1) chosen = arrays[0] as string;
  else if (preferred !== undefined && arrays.includes(preferred)) chosen = preferred;
  else if (arrays.length === 0)
    throw new UsageError(
      `${where} holds no numpy arrays${others.length > 0 ? ` (only ${others.map((o) => JSON.stringify(o)).join(", ")}, which gibbs-softmax does not read)` : ""}`,
    );
  else
    throw new UsageError(
      `${where} holds ${arrays.length} arrays (${listed}): pick one with ${name === undefined ? "" : `${name}#NAME or `}--key NAME`,
    );
  let entry: Uint8Array | undefined;
  try {
    entry = unzipSync(zip, {
      filter: (f) => {
        if (f.name !== `${chosen}.npy`) return false;
        if (f.originalSize > LIMITS.arrayValues * 8 + LIMITS.npyHeaderBytes + 16)
          throw new UsageError(
            `${where}: ${JSON.stringify(chosen)} unpacks to ${f.originalSize} bytes, more than the limit of ${LIMITS.arrayValues} values`,
          );
        return true;
      },
    })[`${chosen}.npy`];
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${where}: cannot unpack ${chosen}.npy: ${(error as Error).message}`);
  }
  if (entry === undefined) throw new UsageError(`${where}: cannot unpack ${chosen}.npy`);
  return parseNpy(inMemory(entry), `${where}#${chosen}`);
}

function inMemory(data: Uint8Array): Bytes {
  return {
    size: data.length,
    read(into, offset, length, position) {
      into.set(data.subarray(position, position + length), offset);
    },
  };
}

/**
 * What the first bytes of a stream say it holds: "npy" (numpy's magic string \x93NUMPY),
 * "npz" (a zip archive, PK) or "text". \x93 never starts UTF-8 text, and no number starts
 * with "PK", so numbers in text are never taken for numpy data.
 */
export function sniffNumpy(head: Uint8Array): "npy" | "npz" | "text" {
  // Every byte at hand must agree (a first chunk may be shorter than the magic string), so
  // random binary data that starts with \x93 is not read whole before it is refused.
  const n = Math.min(head.length, MAGIC.length);
  if (n > 0 && MAGIC.slice(0, n).every((b, i) => head[i] === b)) return "npy";
  // A zip starts with a local file header (PK\x03\x04) or, empty, an end record (PK\x05\x06).
  if (head[0] === 0x50 && head[1] === 0x4b) {
    if (head.length < 4) return "npz";
    if ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6)) return "npz";
  }
  return "text";
}

/** The most bytes a numpy image read from a stream may have: an .npz file's limit. */
export const NUMPY_STREAM_BYTES = LIMITS.npzBytes;

/**
 * Numpy data that arrived whole from a stream (standard input, a FIFO, a pipe such as bash's
 * `<(…)`), told apart by its first bytes: an .npy image, or an .npz whose array is picked as
 * {@link readNumpy} picks it. `name` stands for the file in hints (`name#NAME`); without it
 * (standard input) the hint is `--key NAME`.
 */
export function parseNumpyBytes(
  data: Uint8Array,
  where: string,
  name: string | undefined,
  key?: string,
  preferred?: string,
): NumpyArray {
  const kind = sniffNumpy(data);
  if (kind === "npz") return parseNpz(data, where, name, key, preferred);
  if (key !== undefined)
    throw new UsageError(`${where} is an .npy image (one array); #${key} picks from .npz`);
  if (kind === "text")
    throw new UsageError(`${where} is not numpy data (it does not start with \\x93NUMPY or PK)`);
  return parseNpy(inMemory(data), where);
}

/** The parsed header: dtype parts, order and shape. */
interface Header {
  order: "<" | ">";
  kind: "f" | "i" | "u" | "b";
  itemsize: number;
  descr: string;
  fortran: boolean;
  shape: number[];
  dataOffset: number;
}

function parseHeader(bytes: Bytes, where: string): Header {
  if (bytes.size < 10) throw new UsageError(`${where} is not an .npy file (too short)`);
  const head = new Uint8Array(12);
  bytes.read(head, 0, Math.min(12, bytes.size), 0);
  if (!MAGIC.every((b, i) => head[i] === b))
    throw new UsageError(`${where} is not an .npy file (no \\x93NUMPY magic string)`);
  const major = head[6] as number;
  if (major < 1 || major > 3)
    throw new UsageError(`${where}: .npy format version ${major}.${head[7]} is not known`);
  const view = new DataView(head.buffer);
  const start = major === 1 ? 10 : 12;
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (length > LIMITS.npyHeaderBytes)
    throw new UsageError(
      `${where}: the header is ${length} bytes, over the limit of ${LIMITS.npyHeaderBytes} (numpy's own)`,
    );
  if (start + length > bytes.size)
    throw new UsageError(`${where} is truncated: it ends inside its header`);
  const raw = new Uint8Array(length);
  bytes.read(raw, 0, length, start);
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(raw).trim();
  if (!text.startsWith("{") || !text.endsWith("}"))
    throw new UsageError(`${where}: the header is not numpy's dictionary: ${clip(text)}`);
  const descrList = /['"]descr['"]\s*:\s*\[/.test(text);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1];
  const fortranText = /['"]fortran_order['"]\s*:\s*(True|False)\b/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descrList)
    throw new UsageError(
      `${where} holds a structured array (named fields); save one numeric field, e.g. np.save(path, a["logits"])`,
    );
  if (descr === undefined || fortranText === undefined || shapeText === undefined)
    throw new UsageError(`${where}: the header lacks descr, fortran_order or shape: ${clip(text)}`);
  const parts = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (!parts.every((s) => /^\d+L?$/.test(s)))
    throw new UsageError(`${where}: the shape (${shapeText}) is not a tuple of sizes`);
  const shape = parts.map((s) => Number.parseInt(s, 10));
  const dtype = /^([<>|=])([a-zA-Z])(\d+)$/.exec(descr);
  if (descr.includes("O"))
    throw new UsageError(
      `${where} holds Python objects (dtype=object), stored as a pickle: gibbs-softmax never unpickles; save a numeric array, e.g. np.save(path, np.asarray(x, dtype=np.float64))`,
    );
  if (dtype === null) throw new UsageError(`${where}: dtype ${JSON.stringify(descr)} is not read`);
  const [, orderChar, kind, sizeText] = dtype as unknown as [string, string, string, string];
  const itemsize = Number(sizeText);
  const known =
    (kind === "f" && [2, 4, 8].includes(itemsize)) ||
    ((kind === "i" || kind === "u") && [1, 2, 4, 8].includes(itemsize)) ||
    (kind === "b" && itemsize === 1);
  if (!known) {
    const what: Record<string, string> = {
      c: "complex numbers",
      U: "text",
      S: "bytes",
      V: "raw records",
      M: "dates",
      m: "time spans",
      f: `float${itemsize * 8}`,
    };
    throw new UsageError(
      `${where} holds ${what[kind] ?? `dtype ${descr}`} (dtype ${descr}); gibbs-softmax reads float16/32/64, integers and booleans`,
    );
  }
  return {
    order: orderChar === ">" ? ">" : "<",
    kind: kind as Header["kind"],
    itemsize,
    descr,
    fortran: fortranText === "True",
    shape,
    dataOffset: start + length,
  };
}

function clip(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

const CHUNK = 1 << 20;

/** Parses a whole .npy image into doubles, row-major. */
function parseNpy(bytes: Bytes, where: string): NumpyArray {
  const h = parseHeader(bytes, where);
  if (h.shape.length > 2)
    throw new UsageError(
      `${where} is ${h.shape.length}-D (${h.shape.join("×")}); give a vector or a matrix (rows of logits), e.g. a.reshape(-1, a.shape[-1])`,
    );
  const count = h.shape.reduce((a, b) => a * b, 1);
  if (count > LIMITS.arrayValues)
    throw new UsageError(
      `${where} holds ${count} values, more than the limit of ${LIMITS.arrayValues}`,
    );
  const need = count * h.itemsize;
  const have = bytes.size - h.dataOffset;
  const typeName = `${h.kind === "f" ? "float" : h.kind === "i" ? "int" : h.kind === "u" ? "uint" : "bool"}${h.kind === "b" ? "" : h.itemsize * 8}`;
  if (have < need)
    throw new UsageError(
      `${where} is truncated: its header promises ${h.shape.join("×") || "1"} ${typeName} values (${need} bytes) but ${have} bytes follow`,
    );
  if (have > need)
    throw new UsageError(
      `${where} has ${have - need} bytes after the ${need} bytes of data its header announces; is it really an .npy file?`,
    );
  const out = new Float64Array(count);
  const little = h.order === "<";
  if (h.kind === "f" && h.itemsize === 8 && little) {
    bytes.read(new Uint8Array(out.buffer), 0, need, h.dataOffset);
  } else {
    const per = Math.max(1, Math.floor(CHUNK / h.itemsize));
    const buffer = new Uint8Array(per * h.itemsize);
    const view = new DataView(buffer.buffer);
    const get = getter(h, view, little);
    for (let k = 0; k < count; k += per) {
      const n = Math.min(per, count - k);
      bytes.read(buffer, 0, n * h.itemsize, h.dataOffset + k * h.itemsize);
      for (let i = 0; i < n; i++) out[k + i] = get(i * h.itemsize);
    }
  }
  if (h.fortran && h.shape.length === 2) {
    const [rows, cols] = h.shape as [number, number];
    const c = new Float64Array(count);
    for (let j = 0; j < cols; j++)
      for (let i = 0; i < rows; i++) c[i * cols + j] = out[j * rows + i] as number;
    return { data: c, shape: h.shape, dtype: h.descr };
  }
  return { data: out, shape: h.shape, dtype: h.descr };
}

function getter(h: Header, view: DataView, little: boolean): (offset: number) => number {
  switch (`${h.kind}${h.itemsize}`) {
    case "f2":
      return (o) => half(view.getUint16(o, little));
    case "f4":
      return (o) => view.getFloat32(o, little);
    case "f8":
      return (o) => view.getFloat64(o, little);
    case "i1":
      return (o) => view.getInt8(o);
    case "u1":
      return (o) => view.getUint8(o);
    case "b1":
      return (o) => (view.getUint8(o) === 0 ? 0 : 1);
    case "i2":
      return (o) => view.getInt16(o, little);
    case "u2":
      return (o) => view.getUint16(o, little);
    case "i4":
      return (o) => view.getInt32(o, little);
    case "u4":
      return (o) => view.getUint32(o, little);
    case "i8":
      return (o) => Number(view.getBigInt64(o, little));
    default:
      return (o) => Number(view.getBigUint64(o, little));
  }
}

/** An IEEE half-precision bit pattern as the double it denotes (exactly). */
export function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/**
 * The values as one vector: a scalar, a 1-D array, or a 2-D array with a single row or column.
 * A true matrix is refused, naming its shape.
 */
export function asVector(a: NumpyArray, where: string): Float64Array {
  const big = a.shape.filter((d) => d !== 1);
  if (big.length > 1)
    throw new UsageError(
      `${where} is a ${a.shape.join("×")} matrix; this flag takes one vector (a 1-D array)`,
    );
  if (a.data.length === 0) throw new UsageError(`${where} holds no numbers (shape ${shapeOf(a)})`);
  return a.data;
}

/** numpy's spelling of a shape: (3,) or (2, 5). */
export function shapeOf(a: { shape: number[] }): string {
  return a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(", ")})`;
}
