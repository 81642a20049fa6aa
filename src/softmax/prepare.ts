import {
  active,
  distributionTyped,
  type Kernel,
  kernelTakes,
  kindOf,
  softmaxFloat32Typed,
  spectrumOnKernel,
  weightsTyped,
} from "../internal/accel.js";
import {
  type Beta,
  betaOf,
  dominant,
  fillLogProbabilities,
  LOGITS,
  type Spectrum,
  scan,
} from "../internal/kernel.js";
import {
  describe,
  numberOption,
  optionsOf,
  outputVector,
  type WritableArrayLike,
} from "../internal/validate.js";

/** What softmax and logSoftmax do with a vector whose every logit is −Infinity. */
export type OnAllMasked = "error" | "zeros";

/** The options softmax and logSoftmax read. */
const LOGITS_OPTIONS = ["temperature", "out", "onAllMasked"] as const;

interface LogitsOptions {
  temperature?: number;
  out?: WritableArrayLike;
  onAllMasked?: OnAllMasked;
}

/**
 * `options.onAllMasked`: "error" (the default) or "zeros"; TypeError for anything but a string,
 * RangeError for another string.
 * @internal
 */
export function onAllMaskedOption(fn: string, value: unknown): OnAllMasked {
  if (value === undefined || value === "error" || value === "zeros") return value ?? "error";
  const message = `${fn}: options.onAllMasked must be "error" or "zeros", got ${describe(value)}`;
  throw typeof value === "string" ? new RangeError(message) : new TypeError(message);
}

/**
 * The common front of softmax and logSoftmax: reads the options, validates the logits, and
 * prepares the output. Every logit masked is a RangeError (unless the vector is empty), or with
 * `onAllMasked: "zeros"` fills `out` with `masked` (0 for probabilities, −∞ for
 * log-probabilities) and reports `done`.
 * @internal
 */
export function prepareLogits(
  fn: string,
  logits: ArrayLike<number>,
  options: LogitsOptions | undefined,
  masked: number,
): { S: Spectrum; B: Beta; out: WritableArrayLike; done: boolean } {
  const opts = optionsOf(fn, options, LOGITS_OPTIONS);
  const temperature = numberOption(fn, "options.temperature", opts.temperature, 1);
  const onAllMasked = onAllMaskedOption(fn, opts.onAllMasked);
  const S = scan(fn, "logits", logits, LOGITS);
  const out = outputVector(fn, opts.out, "logits", S.n);
  const B = betaOf(LOGITS, 1, temperature);
  if (S.n > 0 && S.active === 0) {
    if (onAllMasked === "error") {
      throw new RangeError(
        `${fn}: every logit is -Infinity (every state is masked); the distribution is not defined (options.onAllMasked: "zeros" gives ${masked === 0 ? "probabilities 0" : "log-probabilities -Infinity"} instead)`,
      );
    }
    for (let i = 0; i < S.n; i++) out[i] = masked;
    return { S, B, out, done: true };
  }
  return { S, B, out, done: S.n === 0 };
}

/** What the kernel needs for one call: the validated input, β, the dominant logit, `out`. */
interface KernelCall {
  readonly K: Kernel;
  readonly values: Float64Array | Float32Array;
  readonly S: Spectrum;
  readonly B: Beta;
  readonly c: number;
  readonly out: Float64Array | Float32Array | undefined;
}

/**
 * The front of softmax and logSoftmax on the WebAssembly SIMD kernel, when it applies:
 * Float64Array or Float32Array logits, a finite nonzero temperature the kernel takes, no `out`
 * or a typed `out` of the right length. Returns undefined otherwise, and for every input the
 * JavaScript path must refuse (so its error messages stay the only ones).
 */
function kernelCall(
  fn: string,
  logits: ArrayLike<number>,
  options: LogitsOptions | undefined,
): KernelCall | undefined {
  const K = active();
  if (K === undefined || kindOf(logits) === 0 || logits.length === 0) return undefined;
  const values = logits as Float64Array | Float32Array;
  let temperature = 1;
  let out: WritableArrayLike | undefined;
  if (options !== undefined) {
    const opts = optionsOf(fn, options, LOGITS_OPTIONS);
    // Checked here too, so a bad value is refused on this path exactly as on the other.
    onAllMaskedOption(fn, opts.onAllMasked);
    const t = opts.temperature;
    if (t !== undefined) {
      if (typeof t !== "number" || Number.isNaN(t)) return undefined;
      temperature = t;
    }
    out = opts.out;
    if (out !== undefined && (kindOf(out) === 0 || out.length !== values.length)) {
      return undefined;
    }
  }
  const B = betaOf(LOGITS, 1, temperature);
  if (!kernelTakes(B)) return undefined;
  const S = spectrumOnKernel(K, fn, "logits", values, LOGITS);
  if (S === undefined) return undefined;
  const typedOut = out as Float64Array | Float32Array | undefined;
  return { K, values, S, B, c: dominant(S, B), out: typedOut };
}

/**
 * softmax on the WebAssembly SIMD kernel (see `kernelCall` for when it applies), bit for bit
 * the JavaScript path's result; undefined when it does not apply.
 * @internal
 */
export function softmaxOnKernel(
  fn: string,
  logits: ArrayLike<number>,
  options: LogitsOptions | undefined,
): WritableArrayLike | undefined {
  const call = kernelCall(fn, logits, options);
  if (call === undefined) return undefined;
  const { K, values, B, c, out } = call;
  if (B.unit && values instanceof Float32Array && out instanceof Float32Array) {
    // Single precision throughout (src/internal/f32.ts); scanTyped left the input in the buffer.
    softmaxFloat32Typed(K, values, c, out);
    return out;
  }
  const target = out ?? new Float64Array(values.length);
  distributionTyped(K, values, B, c, target);
  return target;
}

/**
 * logSoftmax with its normaliser summed on the WebAssembly SIMD kernel and each entry formed by
 * the JavaScript path's `fillLogProbabilities`: the same bits; undefined when it does not apply.
 * @internal
 */
export function logSoftmaxOnKernel(
  fn: string,
  logits: ArrayLike<number>,
  options: LogitsOptions | undefined,
): WritableArrayLike | undefined {
  const call = kernelCall(fn, logits, options);
  if (call === undefined) return undefined;
  const { K, values, S, B, c } = call;
  const out = call.out ?? new Float64Array(values.length);
  const [sumHi, sumLo] = weightsTyped(K, values, B, c, undefined);
  fillLogProbabilities(S, B, { c, shift: 0, sumHi, sumLo, scaleExp: 0 }, undefined, out);
  return out;
}
