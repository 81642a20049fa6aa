import {
  checkVector,
  integerOption,
  optionsOf,
  outputVector,
  type WritableArrayLike,
} from "../internal/validate.js";
import { logSoftmax } from "./logSoftmax.js";
import { type OnAllMasked, onAllMaskedOption } from "./prepare.js";
import { softmax } from "./softmax.js";

/** Options of {@link softmaxRows} and {@link logSoftmaxRows}. */
export interface RowsOptions {
  /** Row length (number of classes); the matrix length must be a multiple of it. */
  columns: number;
  /** Temperature τ applied to every row (default 1). */
  temperature?: number;
  /**
   * A row whose every logit is −Infinity (a padded position): `"error"` (the default) throws
   * RangeError naming the row; `"zeros"` gives that row probabilities 0 (log-probabilities
   * −Infinity) and computes the others.
   */
  onAllMasked?: OnAllMasked;
}

/** {@link RowsOptions} with a caller-supplied output of the matrix's length. */
export interface RowsIntoOptions<O extends WritableArrayLike> extends RowsOptions {
  /** Output of the same length as the matrix, filled and returned. */
  out: O;
}

/**
 * Softmax of each row of a row-major matrix stored flat, as LLM logits come in batches:
 * row r occupies entries [r·columns, (r+1)·columns). Each row is exactly {@link softmax} of that
 * row (same accuracy and edge cases; a row with every logit −Infinity is a RangeError naming
 * the row, or with `onAllMasked: "zeros"` a row of zeros, as attention masks need). Typed arrays
 * are processed through views, without copying.
 *
 * @param matrix - rows·columns values, row after row; never modified.
 * @returns a new Float64Array, or `options.out`, with each row normalised.
 * @example
 * ```ts
 * softmaxRows([0, 0, 7, 7, 0, -Infinity], { columns: 2 })
 * // => Float64Array [0.5, 0.5, 0.5, 0.5, 1, 0]
 * softmaxRows([0, 0, -Infinity, -Infinity], { columns: 2, onAllMasked: "zeros" })
 * // => Float64Array [0.5, 0.5, 0, 0]
 * ```
 */
export function softmaxRows(matrix: ArrayLike<number>, options: RowsOptions): Float64Array;
export function softmaxRows<O extends WritableArrayLike>(
  matrix: ArrayLike<number>,
  options: RowsIntoOptions<O>,
): O;
export function softmaxRows(
  matrix: ArrayLike<number>,
  options: RowsOptions & { out?: WritableArrayLike },
): WritableArrayLike {
  return rowWise("softmaxRows", matrix, options, softmax);
}

/**
 * Log-softmax of each row of a flat row-major matrix; see {@link softmaxRows} and
 * {@link logSoftmax}.
 *
 * @example
 * ```ts
 * logSoftmaxRows([0, 0, 0, -1000], { columns: 2 })
 * // => Float64Array [-0.6931471805599453, -0.6931471805599453, 0, -1000]
 * ```
 */
export function logSoftmaxRows(matrix: ArrayLike<number>, options: RowsOptions): Float64Array;
export function logSoftmaxRows<O extends WritableArrayLike>(
  matrix: ArrayLike<number>,
  options: RowsIntoOptions<O>,
): O;
export function logSoftmaxRows(
  matrix: ArrayLike<number>,
  options: RowsOptions & { out?: WritableArrayLike },
): WritableArrayLike {
  return rowWise("logSoftmaxRows", matrix, options, logSoftmax);
}

type RowFunction = (
  row: ArrayLike<number>,
  options: { temperature: number; out: WritableArrayLike; onAllMasked: OnAllMasked },
) => WritableArrayLike;

function rowWise(
  fn: string,
  input: ArrayLike<number>,
  options: RowsOptions & { out?: WritableArrayLike },
  kernel: RowFunction,
): WritableArrayLike {
  const opts = optionsOf(fn, options, ["columns", "temperature", "onAllMasked", "out"]);
  const matrix = checkVector(fn, "matrix", input);
  const columns = integerOption(fn, "options.columns", opts.columns, 1);
  if (matrix.length % columns !== 0) {
    throw new RangeError(
      `${fn}: matrix has length ${matrix.length}, which is not a multiple of options.columns = ${columns}`,
    );
  }
  const temperature = opts.temperature ?? 1;
  const onAllMasked = onAllMaskedOption(fn, opts.onAllMasked);
  const out = outputVector(fn, opts.out, "matrix", matrix.length);
  const rows = matrix.length / columns;
  const typedIn = ArrayBuffer.isView(matrix);
  const typedOut = ArrayBuffer.isView(out);
  const scratch = typedOut ? undefined : new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    const start = r * columns;
    const row = typedIn
      ? (matrix as unknown as Float64Array).subarray(start, start + columns)
      : Array.prototype.slice.call(matrix, start, start + columns);
    const target = typedOut
      ? (out as unknown as Float64Array).subarray(start, start + columns)
      : (scratch as Float64Array);
    try {
      kernel(row, { temperature, out: target, onAllMasked });
    } catch (error) {
      if (error instanceof Error) {
        error.message = error.message
          .replace(/^\w+:/, `${fn}:`)
          .replace(
            /logits\[(\d+)\]/,
            (_, j) => `matrix[${start + Number(j)}] (row ${r}, column ${j})`,
          )
          .replace(/every logit/, `row ${r}: every logit`);
      }
      throw error;
    }
    if (!typedOut) for (let j = 0; j < columns; j++) out[start + j] = target[j] as number;
  }
  return out;
}
