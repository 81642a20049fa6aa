import { productError } from "../internal/float.js";
import {
  checkSameLength,
  checkVector,
  describe,
  integerOption,
  needsTypeCheck,
  numberOption,
  optionsOf,
  type WritableArrayLike,
} from "../internal/validate.js";
import { logSoftmax } from "./logSoftmax.js";
import { forEachRow, renamed, rowsOut } from "./rowsOf.js";

/** Options of {@link crossEntropy} and {@link klDivergence}. */
export interface CrossEntropyOptions {
  /** Temperature τ applied to the logits (default 1); τ = 0 and ±Infinity are the limits. */
  temperature?: number;
}

/** Options of {@link crossEntropyRows} and {@link klDivergenceRows}. */
/** The options of crossEntropyRows and klDivergenceRows. */
export const ROWS_OPTIONS = ["temperature", "columns", "out"] as const;

export interface CrossEntropyRowsOptions extends CrossEntropyOptions {
  /** Row length (number of classes); the matrix length must be a multiple of it. */
  columns: number;
  /** Output with one entry per row, filled and returned (default a new Float64Array). */
  out?: WritableArrayLike;
}

/**
 * Cross-entropy of a target against softmax(z/τ), in nats: H(q, p) = −Σᵢ qᵢ·log pᵢ with
 * p = softmax(z/τ); for a class index c it is −log p_c (the negative log-likelihood, PyTorch's
 * `cross_entropy` with class targets).
 *
 * Computed from {@link logSoftmax}, never from log(p): log p_c = −1000 gives 1000, not Infinity,
 * and every term of the sum is ≥ 0, so the result carries the few-ulp accuracy of logSoftmax
 * (products exact, the sum compensated).
 *
 * Physical reading: with E = −z and T = τ, −log p_c = (E_c − F)/T, the energy of the observed
 * state above the free energy, in units of T; averaged over q it is U_q/T − ln Z·… see
 * docs/theory.md ("Cross-entropy and KL divergence").
 *
 * Edge cases: a target class (or a state with qᵢ > 0) whose logit is −Infinity gives +Infinity
 * (the model gives it probability 0); states with qᵢ = 0 contribute nothing whatever their
 * logit; a class index must be an integer in [0, n); a probability target must have the logits'
 * length, entries finite and ≥ 0 and a sum within 1e−9·max(1, n) of 1 (as {@link entropy}).
 * Every logit −Infinity, NaN or +Infinity are RangeErrors as in softmax.
 *
 * @param logits - the vector z; never modified.
 * @param target - a class index, or a probability vector q of the same length.
 * @see PyTorch `torch.nn.functional.cross_entropy`; docs/theory.md for the physics.
 * @example
 * ```ts
 * crossEntropy([0, 0], 1)                        // => 0.6931471805599453
 * crossEntropy([0, -1000], 1)                    // => 1000
 * crossEntropy([1, 2, 3], [0.25, 0.25, 0.5])     // => 1.1576059644443804
 * crossEntropy([2, 0], 0, { temperature: 2 })    // => 0.31326168751822286
 * ```
 */
export function crossEntropy(
  logits: ArrayLike<number>,
  target: number | ArrayLike<number>,
  options?: CrossEntropyOptions,
): number {
  return crossEntropyOf(
    "crossEntropy",
    logits,
    target,
    optionsOf("crossEntropy", options, ["temperature"]),
  );
}

function crossEntropyOf(
  fn: string,
  logits: ArrayLike<number>,
  target: unknown,
  opts: Partial<CrossEntropyOptions>,
): number {
  const temperature = numberOption(fn, "options.temperature", opts.temperature, 1);
  checkVector(fn, "logits", logits);
  if (typeof target === "number") {
    const c = integerOption(fn, "target", target, 0, Math.max(0, logits.length - 1));
    const lp = renamed(fn, () => logSoftmax(logits, { temperature }));
    return -(lp[c] as number);
  }
  const q = checkVector(fn, "target", target);
  checkSameLength(fn, "target", q, "logits", logits.length);
  const lp = renamed(fn, () => logSoftmax(logits, { temperature }));
  const n = lp.length;
  const check = needsTypeCheck(q);
  let total = 0;
  let h = 0;
  let l = 0;
  let infinite = false;
  for (let i = 0; i < n; i++) {
    const qi = q[i] as number;
    if (check && typeof qi !== "number") {
      throw new TypeError(`${fn}: target[${i}] must be a number, got ${describe(qi)}`);
    }
    if (!(qi >= 0) || qi === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `${fn}: target[${i}] is ${qi}; every probability must be finite and ≥ 0`,
      );
    }
    total += qi;
    if (qi === 0) continue;
    const li = -(lp[i] as number);
    if (li === Number.POSITIVE_INFINITY) {
      infinite = true;
      continue;
    }
    // qᵢ·(−log pᵢ) exactly (Dekker), added with TwoSum.
    const p = qi * li;
    const e = productError(qi, li, p);
    const s = h + p;
    const bb = s - h;
    l += h - (s - bb) + (p - bb) + e;
    h = s;
  }
  if (Math.abs(total - 1) > 1e-9 * Math.max(1, n)) {
    throw new RangeError(
      `${fn}: target sums to ${total}, not 1 (tolerance ${1e-9 * Math.max(1, n)})`,
    );
  }
  return infinite ? Number.POSITIVE_INFINITY : h + l;
}

/**
 * {@link crossEntropy} of each row of a flat row-major matrix of logits (as {@link softmaxRows}
 * reads it): `targets` holds one class index per row, or a probability row per row (a matrix of
 * the same length). Returns one loss per row; average them for the usual batch loss. With one
 * column the targets are read as class indices.
 *
 * @param matrix - rows·columns logits, row after row; never modified.
 * @param targets - rows class indices, or rows·columns probabilities.
 * @example
 * ```ts
 * crossEntropyRows([0, 0, 0, -1000], [1, 1], { columns: 2 }) // => Float64Array [0.6931471805599453, 1000]
 * crossEntropyRows([0, 0, 5, 5], [1, 0, 0.5, 0.5], { columns: 2 })
 * // => Float64Array [0.6931471805599453, 0.6931471805599453]
 * ```
 */
export function crossEntropyRows(
  matrix: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: CrossEntropyRowsOptions,
): Float64Array;
export function crossEntropyRows<O extends WritableArrayLike>(
  matrix: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: CrossEntropyRowsOptions & { out: O },
): O;
export function crossEntropyRows(
  matrix: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: CrossEntropyRowsOptions,
): WritableArrayLike {
  const fn = "crossEntropyRows";
  const opts = optionsOf(fn, options, ROWS_OPTIONS);
  const t = checkVector(fn, "targets", targets);
  return forEachRow(fn, matrix, opts, (rows, columns) => {
    let indices: boolean;
    if (t.length === rows) indices = true;
    else if (t.length === rows * columns) indices = false;
    else {
      throw new RangeError(
        `${fn}: targets has length ${t.length}; it must be one class index per row (${rows}) or one probability row per row (${rows * columns})`,
      );
    }
    const out = rowsOut(fn, opts.out, rows);
    const check = indices && needsTypeCheck(t);
    return {
      out,
      row: (r, row, start) => {
        if (indices) {
          const c = t[r] as number;
          if (check && typeof c !== "number") {
            throw new TypeError(`${fn}: targets[${r}] must be a number, got ${describe(c)}`);
          }
          if (!Number.isInteger(c) || c < 0 || c >= columns) {
            throw new RangeError(
              `${fn}: targets[${r}] is ${c}; a class index must be an integer in [0, ${columns})`,
            );
          }
          return crossEntropyOf(fn, row, c, opts);
        }
        const q = ArrayBuffer.isView(t)
          ? (t as unknown as Float64Array).subarray(start, start + columns)
          : Array.prototype.slice.call(t, start, start + columns);
        return crossEntropyOf(fn, row, q, opts);
      },
    };
  });
}
