/**
 * Argument checks shared by every public function. One policy everywhere (CONTRACT.md,
 * "Edge cases"): wrong types throw `TypeError`, bad values throw `RangeError`, and every
 * message starts with the function's name and names the argument, and for vectors the first
 * offending index, e.g. `softmax: logits[3] is NaN`.
 * @internal
 */

/**
 * A vector the library writes into (`options.out`): a plain array, a Float64Array or a
 * Float32Array, checked at run time (`outputVector`); the type is kept structural for callers.
 */
export interface WritableArrayLike {
  readonly length: number;
  [index: number]: number;
}

/** Render a value briefly for an error message, never dumping a whole vector. */
export function describe(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return `${typeof value} ${String(value)}`;
  }
  if (typeof value === "bigint") return `bigint ${String(value)}n`;
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return article(value.constructor.name);
  if (typeof value === "function") return "a function";
  return "an object";
}

/** "a Float64Array", "an Int8Array". */
function article(name: string): string {
  return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
}

/**
 * The longest vector the library copies or allocates: 2³² − 1 entries, the maximum length of a
 * JavaScript array. A longer array-like (`{ length: 1e12 }`) is a RangeError naming the function
 * and the argument, before anything is allocated.
 */
export const MAX_VECTOR_LENGTH = 2 ** 32 - 1;

/** True for a genuine Float64Array or Float32Array (not a Proxy around one, not a DataView). */
export function isFloatArray(value: unknown): value is Float64Array | Float32Array {
  return (
    ArrayBuffer.isView(value) && (value instanceof Float64Array || value instanceof Float32Array)
  );
}

/** Throws TypeError unless `value` is an array-like of numbers (strings are refused). */
export function checkVector(fn: string, name: string, value: unknown): ArrayLike<number> {
  if (
    value === null ||
    typeof value !== "object" ||
    typeof (value as { length?: unknown }).length !== "number"
  ) {
    throw new TypeError(
      `${fn}: ${name} must be an array or typed array of numbers, got ${describe(value)}`,
    );
  }
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    throw new TypeError(`${fn}: ${name} must hold numbers, got ${article(value.constructor.name)}`);
  }
  return value as ArrayLike<number>;
}

/** Throws TypeError for an element that is not a number, naming the index. */
export function elementTypeError(fn: string, name: string, index: number, value: unknown): never {
  throw new TypeError(`${fn}: ${name}[${index}] must be a number, got ${describe(value)}`);
}

/**
 * True when the elements of `v` may be something other than numbers: anything but a typed array
 * (`checkVector` has already refused BigInt arrays).
 */
export function needsTypeCheck(v: ArrayLike<number>): boolean {
  return !ArrayBuffer.isView(v);
}

/**
 * A new Float64Array of length n for `what`, or a RangeError naming the function when n is beyond
 * {@link MAX_VECTOR_LENGTH} or the engine cannot allocate it (never the engine's bare "Array
 * buffer allocation failed").
 */
export function allocate(fn: string, what: string, n: number): Float64Array {
  if (!(n <= MAX_VECTOR_LENGTH)) {
    throw new RangeError(`${fn}: ${what} of ${n} numbers is beyond ${MAX_VECTOR_LENGTH}`);
  }
  try {
    return new Float64Array(n);
  } catch (error) {
    throw new RangeError(
      `${fn}: cannot allocate ${what} of ${n} numbers: ${(error as Error).message}`,
    );
  }
}

/**
 * An input vector read exactly once, as the numerical code reads it: a genuine Float64Array or
 * Float32Array is returned as it is (its entries cannot change between reads); anything else (a
 * plain array, another typed array, an array-like object, a Proxy) is copied once into a new
 * Float64Array, its length read once, each entry read once and checked to be a number. So an
 * array-like whose getters return a different value on a second read cannot make the checks and
 * the arithmetic see different numbers. TypeError for a non-vector, a BigInt array or a
 * non-number entry (naming the index); RangeError for a length that is not an integer in
 * [0, {@link MAX_VECTOR_LENGTH}].
 */
export function readVector(fn: string, name: string, value: unknown): Float64Array | Float32Array {
  if (isFloatArray(value)) return value;
  const v = checkVector(fn, name, value);
  const n = v.length;
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${fn}: ${name} has length ${n}; a length is an integer ≥ 0`);
  }
  const copy = allocate(fn, `a copy of ${name}`, n);
  if (ArrayBuffer.isView(v)) {
    // Integer typed arrays (Int8Array, Uint32Array, …) hold numbers by construction.
    copy.set(v as unknown as ArrayLike<number>);
    return copy;
  }
  for (let i = 0; i < n; i++) {
    const x: unknown = v[i];
    if (typeof x !== "number") elementTypeError(fn, name, i, x);
    copy[i] = x;
  }
  return copy;
}

/** Throws RangeError unless `other` has the length `n` of the vector it goes with. */
export function checkSameLength(
  fn: string,
  name: string,
  other: ArrayLike<unknown>,
  mainName: string,
  n: number,
): void {
  if (other.length !== n) {
    throw new RangeError(
      `${fn}: ${name} has length ${other.length} but ${mainName} has length ${n}; they must match`,
    );
  }
}

/**
 * Validates `out` (when given) or allocates a new Float64Array of length n. CONTRACT.md
 * ("Additions"): `out` is a plain array, a Float64Array or a Float32Array of length n; any other
 * typed array (an Int8Array would silently truncate), a BigInt array, a frozen array or another
 * object is a TypeError naming the function, a wrong length a RangeError.
 */
export function outputVector<T extends WritableArrayLike = Float64Array>(
  fn: string,
  out: T | undefined,
  mainName: string,
  n: number,
): T | Float64Array {
  if (out === undefined) return allocate(fn, "the result", n);
  const plain = Array.isArray(out);
  if (!plain && !isFloatArray(out)) {
    throw new TypeError(
      `${fn}: options.out must be a plain array, a Float64Array or a Float32Array, got ${describe(out)}`,
    );
  }
  if (plain && !Object.isExtensible(out) && Object.isFrozen(out)) {
    throw new TypeError(`${fn}: options.out is a frozen array; it cannot be written`);
  }
  checkSameLength(fn, "options.out", out, mainName, n);
  return out;
}

/**
 * The options object, or {} when omitted; TypeError for anything that is not an object, and for
 * an option the function does not know (a misspelt `topk` or a peer's `top_k` would otherwise
 * be ignored in silence and the answer computed without it).
 */
export function optionsOf<T extends object>(
  fn: string,
  options: T | undefined,
  known: readonly string[],
): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  checkKnownOptions(fn, options, known);
  return options;
}

/**
 * The names other libraries (Hugging Face, PyTorch, scipy) and physics texts give some options,
 * for the hint of an unknown option; the hint is given only when the function has that option.
 */
const OTHER_NAMES: Record<string, string> = {
  temp: "temperature",
  tau: "temperature",
  t: "temperature",
  b: "weights",
  weight: "weights",
  degeneracy: "degeneracies",
  g: "degeneracies",
  mintokenstokeep: "minKeep",
  k: "kB",
  boltzmann: "kB",
  seed: "random",
};

/**
 * TypeError for a key of `options` that is not in `known`, with the option meant when the key
 * is a known one spelt in another case or with underscores (`top_k`, `TopK`, `return_sign`,
 * `kb`) or another library's name for it (`temp`, `b`, `degeneracy`).
 */
export function checkKnownOptions(fn: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const plain = key.toLowerCase().replace(/[_\-\s]/g, "");
    const meant =
      known.find((k) => k.toLowerCase() === plain) ?? known.find((k) => k === OTHER_NAMES[plain]);
    const hint = meant === undefined ? "" : `; did you mean ${meant}?`;
    const list = known.length === 0 ? "it takes none" : `the options are ${known.join(", ")}`;
    throw new TypeError(`${fn}: unknown option ${JSON.stringify(key)}${hint} (${list})`);
  }
}

/** A numeric option: TypeError if not a number, RangeError if NaN. */
export function numberOption(fn: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
  }
  if (Number.isNaN(value)) throw new RangeError(`${fn}: ${name} is NaN`);
  return value;
}

/** A numeric option that must be present. */
export function requiredNumber(fn: string, name: string, value: unknown): number {
  if (value === undefined) {
    throw new TypeError(`${fn}: ${name} is required (a number)`);
  }
  return numberOption(fn, name, value, 0);
}

/** Boltzmann's constant: finite and > 0 (default 1, reduced units). */
export function boltzmannConstant(fn: string, value: unknown): number {
  const kB = numberOption(fn, "options.kB", value, 1);
  if (!(kB > 0) || !Number.isFinite(kB)) {
    throw new RangeError(`${fn}: options.kB must be finite and > 0, got ${kB}`);
  }
  return kB;
}

/** An integer option within [min, max]. */
export function integerOption(
  fn: string,
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = requiredNumber(fn, name, value);
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${fn}: ${name} must be an integer ${range}, got ${v}`);
  }
  return v;
}
