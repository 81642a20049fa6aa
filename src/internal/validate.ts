/**
 * Argument checks shared by every public function. One policy everywhere (CONTRACT.md,
 * "Edge cases"): wrong types throw `TypeError`, bad values throw `RangeError`, and every
 * message starts with the function's name and names the argument, and for vectors the first
 * offending index, e.g. `softmax: logits[3] is NaN`.
 * @internal
 */

/** A vector the library writes into: a plain array or any typed array of numbers. */
export interface WritableArrayLike {
  readonly length: number;
  [index: number]: number;
}

/** Render a value briefly for an error message, never dumping a whole vector. */
export function describe(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `${typeof value} ${String(value)}`;
  }
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "function") return "a function";
  return "an object";
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
  return value as ArrayLike<number>;
}

/**
 * Throws TypeError for an element that is not a number. Typed arrays hold numbers by
 * construction, so callers only need this for plain arrays (see `needsTypeCheck`).
 */
export function elementTypeError(fn: string, name: string, index: number, value: unknown): never {
  throw new TypeError(`${fn}: ${name}[${index}] must be a number, got ${describe(value)}`);
}

/** True when the elements of `v` may be something other than numbers (plain arrays). */
export function needsTypeCheck(v: ArrayLike<number>): boolean {
  return !(v instanceof Float64Array || v instanceof Float32Array) && !ArrayBuffer.isView(v);
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

/** Validates `out` (when given) or allocates a new Float64Array of length n. */
export function outputVector<T extends WritableArrayLike = Float64Array>(
  fn: string,
  out: T | undefined,
  mainName: string,
  n: number,
): T | Float64Array {
  if (out === undefined) return new Float64Array(n);
  checkVector(fn, "options.out", out);
  checkSameLength(fn, "options.out", out, mainName, n);
  return out;
}

/** The options object, or {} when omitted; TypeError for anything that is not an object. */
export function optionsOf<T extends object>(fn: string, options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  return options;
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
