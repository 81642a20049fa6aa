import {
  active,
  kindOf,
  normalizeTyped,
  scanTyped,
  softmaxFloat32Typed,
  weightsTyped,
} from "../internal/accel.js";
import { type Beta, betaOf, LOGITS, type Spectrum, scan } from "../internal/kernel.js";
import {
  numberOption,
  optionsOf,
  outputVector,
  type WritableArrayLike,
} from "../internal/validate.js";

/**
 * The common front of softmax and logSoftmax: reads the options, validates the logits, and
 * prepares the output. Every logit masked is a RangeError (unless the vector is empty).
 * @internal
 */
export function prepareLogits(
  fn: string,
  logits: ArrayLike<number>,
  options: { temperature?: number; out?: WritableArrayLike } | undefined,
): { S: Spectrum; B: Beta; out: WritableArrayLike } {
  const opts = optionsOf(fn, options);
  const temperature = numberOption(fn, "options.temperature", opts.temperature, 1);
  const S = scan(fn, "logits", logits, LOGITS);
  const out = outputVector(fn, opts.out, "logits", S.n);
  if (S.n > 0 && S.active === 0) {
    throw new RangeError(
      `${fn}: every logit is -Infinity (every state is masked); the distribution is not defined`,
    );
  }
  return { S, B: betaOf(LOGITS, 1, temperature), out };
}

/**
 * softmax on the WebAssembly SIMD kernel, when it applies: Float64Array or Float32Array logits,
 * unit temperature, no `out` or a typed `out` of the right length. Returns undefined otherwise
 * (and for every input the JavaScript path must refuse, so its error messages stay the only
 * ones). The result is bit for bit that of the JavaScript path.
 * @internal
 */
export function softmaxOnKernel(
  fn: string,
  logits: ArrayLike<number>,
  options: { temperature?: number; out?: WritableArrayLike } | undefined,
): WritableArrayLike | undefined {
  const K = active();
  if (K === undefined || kindOf(logits) === 0) return undefined;
  const values = logits as Float64Array | Float32Array;
  const n = values.length;
  let out: WritableArrayLike | undefined;
  if (options !== undefined) {
    const opts = optionsOf(fn, options);
    if (opts.temperature !== undefined && opts.temperature !== 1) return undefined;
    out = opts.out;
    if (out !== undefined && (kindOf(out) === 0 || out.length !== n)) return undefined;
  }
  if (n === 0) return undefined;
  const c = kernelMaximum(K, fn, "logits", values);
  if (c === undefined) return undefined;
  if (values instanceof Float32Array && out instanceof Float32Array) {
    // Single precision throughout (src/internal/f32.ts); scanTyped left the input in the buffer.
    softmaxFloat32Typed(K, values, c, out);
    return out;
  }
  const target = (out ?? new Float64Array(n)) as Float64Array | Float32Array;
  const [sumHi, sumLo] = weightsTyped(K, values, c, target, n <= K.chunk);
  normalizeTyped(K, target, sumHi, sumLo);
  return target;
}

/**
 * The largest logit by the kernel's scan. Where the scan saw NaN or ±∞, the JavaScript scan
 * decides: it throws for NaN and +∞ (naming the index), and returns the largest unmasked logit
 * when the only specials are −∞ (masked states). Undefined when every state is masked.
 * @internal
 */
export function kernelMaximum(
  K: NonNullable<ReturnType<typeof active>>,
  fn: string,
  name: string,
  values: Float64Array | Float32Array,
  allowUndefinedInfinity = false,
): number | undefined {
  const scanned = scanTyped(K, values);
  if (!scanned.special) return scanned.hi;
  const S = scan(fn, name, values, LOGITS, undefined, undefined, allowUndefinedInfinity);
  return S.active === 0 || S.infinite > 0 ? undefined : S.hi;
}
