import {
  checkVector,
  integerOption,
  outputVector,
  type WritableArrayLike,
} from "../internal/validate.js";

/**
 * The output of a Rows reduction: `out` when given (one entry per row), else a new Float64Array.
 * @internal
 */
export function rowsOut(fn: string, out: WritableArrayLike | undefined, rows: number) {
  if (out !== undefined && typeof (out as { length?: unknown }).length === "number") {
    if (out.length !== rows) {
      throw new RangeError(
        `${fn}: options.out has length ${out.length}; it must have one entry per row (${rows})`,
      );
    }
  }
  return outputVector(fn, out, "rows", rows);
}

/**
 * Runs `f` (a call of softmax, logSoftmax or one of the reductions on one vector) so that its
 * errors name `fn`, the function the user called.
 * @internal
 */
export function renamed<T>(fn: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replace(/^\w+:/, `${fn}:`);
    throw error;
  }
}

/** What a Rows reduction sets up once its shape is known: the output and the per-row work. */
export interface RowWork {
  readonly out: WritableArrayLike;
  readonly row: (r: number, row: ArrayLike<number>, start: number) => number;
}

/**
 * The loop behind the Rows forms of the reductions (crossEntropyRows, klDivergenceRows): checks
 * the matrix and `columns`, hands each row to `work` as a view (typed arrays) or a copy (plain
 * arrays, each entry read once), writes one number per row, and renames errors to the matrix
 * position, e.g. `matrix[13] (row 2, column 1) is NaN`. `names` maps the single-vector argument
 * names to the matrix arguments they come from.
 * @internal
 */
export function forEachRow(
  fn: string,
  input: unknown,
  opts: { columns?: number },
  setup: (rows: number, columns: number) => RowWork,
  names: Record<string, string> = { logits: "matrix", target: "targets" },
  matrixName = "matrix",
): WritableArrayLike {
  const matrix = checkVector(fn, matrixName, input);
  const columns = integerOption(fn, "options.columns", opts.columns, 1);
  if (matrix.length % columns !== 0) {
    throw new RangeError(
      `${fn}: ${matrixName} has length ${matrix.length}, which is not a multiple of options.columns = ${columns}`,
    );
  }
  const rows = matrix.length / columns;
  const { out, row } = setup(rows, columns);
  const typed = ArrayBuffer.isView(matrix);
  for (let r = 0; r < rows; r++) {
    const start = r * columns;
    const view = typed
      ? (matrix as unknown as Float64Array).subarray(start, start + columns)
      : Array.prototype.slice.call(matrix, start, start + columns);
    try {
      out[r] = row(r, view, start);
    } catch (error) {
      if (error instanceof Error) {
        let message = error.message.replace(/^\w+:/, `${fn}:`);
        for (const [single, many] of Object.entries(names)) {
          message = message.replace(
            new RegExp(`\\b${single}\\[(\\d+)\\]`),
            (_, j) => `${many}[${start + Number(j)}] (row ${r}, column ${j})`,
          );
        }
        error.message = message
          .replace(/every logit/, `row ${r}: every logit`)
          .replace(/\btarget sums to/, `targets row ${r} sums to`);
      }
      throw error;
    }
  }
  return out;
}
