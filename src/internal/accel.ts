/**
 * The WebAssembly SIMD path: loads the kernel compiled from assembly/kernel.ts and drives it
 * over chunks of the caller's arrays.
 *
 * The kernel runs the same arithmetic as the JavaScript path, operation for operation, so the
 * two give identical bits (test/wasm.test.ts); which one runs is a matter of speed only. It
 * serves softmax and logSoftmax at finite nonzero temperatures (τ ≠ −1), log-sum-exp without
 * weights, and gibbs, ln Z and thermodynamics' occupations without degeneracies, on Float64Array and Float32Array input, into
 * Float64Array or Float32Array output, and the moments of the fused temperature sweep; every other call, and every engine without
 * WebAssembly SIMD, takes the JavaScript path (docs/performance.md).
 *
 * Loading: Node and workers compile the ~8 kB module synchronously at import. Browsers refuse
 * synchronous compilation of modules over 4 kB on the main thread, so there it is compiled
 * asynchronously and the JavaScript path serves the calls made before it is ready
 * ({@link whenKernelReady}).
 *
 * Memory: the module holds two chunk buffers of 131 072 elements (1 MB each) whatever the input
 * size; data is copied through them, so peak memory stays input + output + about 2 MB.
 * @internal
 */

import { EXP2_HI, EXP2_LO } from "./expTable.js";
import { EXP2_32 } from "./f32.js";
import {
  type Beta,
  type Direction,
  FINITE,
  finishLanes,
  LOGITS,
  type Spectrum,
  scan,
} from "./kernel.js";
import { KERNEL_WASM } from "./wasm/kernel.js";

/** The part of the WebAssembly API used here (the project's lib settings are DOM-free). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  init(): void;
  chunkSize(): number;
  inPtr(): number;
  outPtr(): number;
  tablePtr(): number;
  scanReset(): void;
  scanF64(len: number): void;
  scanF32(len: number): void;
  scanMin(): number;
  scanMax(): number;
  scanSpecialFound(): number;
  sumReset(): void;
  sumHi(lane: number): number;
  sumLo(lane: number): number;
  weights(len: number, c: number, inKind: number, outKind: number, unit: number): void;
  setBeta(
    pre: number,
    s12: number,
    cs: number,
    bh: number,
    bl: number,
    bhh: number,
    bhl: number,
    mask: number,
  ): void;
  normalizeF64(len: number, total: number, corr: number): void;
  normalizeF32(len: number, total: number, corr: number): void;
  init32(): void;
  table32Ptr(): number;
  sum32Reset(): void;
  sum32Lane(lane: number): number;
  weights32(len: number, c: number): void;
  normalize32(len: number, inv: number): void;
  sweepMoments(
    i0: number,
    i1: number,
    c: number,
    b: number,
    K: number,
    factor: number,
    weighted: number,
  ): void;
  moment(k: number): number;
}

/** The kernel bound to its memory views. */
export interface Kernel {
  readonly x: Exports;
  readonly chunk: number;
  readonly in64: Float64Array;
  readonly in32: Float32Array;
  readonly out64: Float64Array;
  readonly out32: Float32Array;
}

/** Which implementation serves the hot loops. */
export type KernelBackend = "wasm-simd" | "js";

let kernel: Kernel | undefined;
/**
 * The arrays whose contents the kernel's input and output buffers hold now (whole, in one
 * chunk), so a later pass of the same call, or the next temperature of a sweep, skips the copy.
 * Every write to a buffer updates its cell.
 */
let inHolds: Float64Array | Float32Array | undefined;
let outHolds: Float64Array | undefined;
let forcedJs = false;
let pending: Promise<KernelBackend> = Promise.resolve("js");

function bind(instance: { exports: unknown }): Kernel {
  const x = instance.exports as unknown as Exports;
  x.init();
  x.init32();
  const buffer = x.memory.buffer;
  new Float32Array(buffer, x.table32Ptr(), 64).set(EXP2_32);
  const chunk = x.chunkSize();
  const table = new Float64Array(buffer, x.tablePtr(), 512);
  for (let j = 0; j < 256; j++) {
    table[2 * j] = EXP2_HI[j] as number;
    table[2 * j + 1] = EXP2_LO[j] as number;
  }
  return {
    x,
    chunk,
    in64: new Float64Array(buffer, x.inPtr(), chunk),
    in32: new Float32Array(buffer, x.inPtr(), chunk),
    out64: new Float64Array(buffer, x.outPtr(), chunk),
    out32: new Float32Array(buffer, x.outPtr(), chunk),
  };
}

const imports = { env: { exp: Math.exp } };

/** The bytes of a module embedded in hexadecimal (assembly/build.mjs). */
export function wasmBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  // '0'–'9' are 0x30–0x39 and 'a'–'f' 0x61–0x66: the low four bits, plus 9 for a letter.
  const digit = (i: number) => {
    const c = hex.charCodeAt(i);
    return (c & 15) + 9 * (c >> 6);
  };
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digit(2 * i) << 4) | digit(2 * i + 1);
  return bytes;
}

function load(): void {
  if (wasm === undefined) return;
  let bytes: Uint8Array;
  try {
    bytes = wasmBytes(KERNEL_WASM);
    // An engine without SIMD rejects the module here: the JavaScript path serves everything.
    if (!wasm.validate(bytes)) return;
  } catch {
    return;
  }
  try {
    kernel = bind(new wasm.Instance(new wasm.Module(bytes), imports));
    pending = Promise.resolve("wasm-simd");
  } catch {
    // Synchronous compilation refused (a browser's main thread): compile in the background.
    pending = wasm.instantiate(bytes, imports).then(
      (result) => {
        kernel = bind(result.instance);
        return kernelBackend();
      },
      () => kernelBackend(),
    );
  }
}
load();

/**
 * The implementation that serves the hot loops now (softmax, log-sum-exp, gibbs, the partition
 * function, sweeps; docs/performance.md): `"wasm-simd"` where WebAssembly SIMD is available (and not switched off by {@link setKernelBackend}), `"js"` otherwise. Both
 * give identical results; only speed differs.
 * @example
 * ```ts
 * kernelBackend() // => "wasm-simd"
 * ```
 */
export function kernelBackend(): KernelBackend {
  return kernel !== undefined && !forcedJs ? "wasm-simd" : "js";
}

/**
 * Resolves once the WebAssembly kernel has loaded (at once in Node; after an asynchronous
 * compilation in a browser's main thread), with the backend then in use. Awaiting it is never
 * needed for correct results, only to time the fast path from the first call.
 * @example
 * ```ts
 * const ready = await whenKernelReady();
 * ready // => "wasm-simd"
 * ```
 */
export function whenKernelReady(): Promise<KernelBackend> {
  return pending.then(() => kernelBackend());
}

/**
 * Chooses the implementation: `"auto"` (the default: WebAssembly SIMD where available) or
 * `"js"` (the portable JavaScript path, for comparison or debugging). Results are identical.
 * @example
 * ```ts
 * const z = Float64Array.of(1, 2, 3, 4, 1, 2, 3);
 * setKernelBackend("js");
 * const slow = softmax(z);
 * setKernelBackend("auto");
 * softmax(z).every((p, i) => Object.is(p, slow[i])) // => true
 * ```
 */
export function setKernelBackend(choice: "auto" | "js"): void {
  if (choice !== "auto" && choice !== "js") {
    throw new RangeError(`setKernelBackend: choice must be "auto" or "js", got ${String(choice)}`);
  }
  forcedJs = choice === "js";
}

/** True when {@link setKernelBackend} chose "js": every WebAssembly path stands aside. */
export function javaScriptForced(): boolean {
  return forcedJs;
}

/** The loaded kernel when it should serve this call, else undefined. */
export function active(): Kernel | undefined {
  return forcedJs ? undefined : kernel;
}

/**
 * Elements per chunk: the whole input when it fits the buffers (one copy in, one out), else
 * STREAM, small enough that a chunk's input and output stay in the core's L2 cache while each
 * pass streams through them.
 */
const STREAM = 32768;
function stepOf(K: Kernel, n: number): number {
  return n <= K.chunk ? K.chunk : STREAM;
}

/**
 * Input and output element types the kernel takes: 1 = Float64Array, 2 = Float32Array; 0 for
 * anything else, a Proxy around a typed array included (the JavaScript path copies it once).
 */
export function kindOf(v: unknown): 0 | 1 | 2 {
  if (!ArrayBuffer.isView(v)) return 0;
  if (v instanceof Float64Array) return 1;
  if (v instanceof Float32Array) return 2;
  return 0;
}

/** Copies elements [i, i + len) of a typed input into the kernel's input buffer. */
function copyIn(K: Kernel, values: Float64Array | Float32Array, i: number, len: number): void {
  const src = values.subarray(i, i + len);
  inHolds = i === 0 && len === values.length ? values : undefined;
  if (values instanceof Float64Array) K.in64.set(src);
  else K.in32.set(src);
}

/** Min, max and whether any value is NaN or ±∞, over the whole input. */
export function scanTyped(
  K: Kernel,
  values: Float64Array | Float32Array,
): { lo: number; hi: number; special: boolean } {
  const n = values.length;
  const f64 = values instanceof Float64Array;
  K.x.scanReset();
  const step = stepOf(K, n);
  for (let i = 0; i < n; i += step) {
    const len = Math.min(step, n - i);
    copyIn(K, values, i, len);
    if (f64) K.x.scanF64(len);
    else K.x.scanF32(len);
  }
  return { lo: K.x.scanMin(), hi: K.x.scanMax(), special: K.x.scanSpecialFound() !== 0 };
}

/**
 * The spectrum of a typed vector with no multipliers, as `scan` in kernel.ts describes it, from
 * the kernel's scan: min, max and nothing masked. Where the scan saw NaN or ±∞, the JavaScript
 * `scan` decides: it throws for NaN and the undefined infinity (+∞ logit, −∞ energy), naming the
 * index, and sets masked states aside. Undefined when every state is masked, or (with
 * `allowUndefinedInfinity`) some value is the undefined infinity: the caller's JavaScript path
 * then gives the answer.
 */
export function spectrumOnKernel(
  K: Kernel,
  fn: string,
  name: string,
  values: Float64Array | Float32Array,
  direction: Direction,
  allowUndefinedInfinity = false,
): Spectrum | undefined {
  const scanned = scanTyped(K, values);
  const n = values.length;
  const S: Spectrum = scanned.special
    ? scan(fn, name, values, direction, undefined, undefined, allowUndefinedInfinity)
    : {
        values,
        n,
        direction,
        mant: undefined,
        expo: undefined,
        active: n,
        infinite: 0,
        lo: scanned.lo,
        hi: scanned.hi,
      };
  return S.active === 0 || S.infinite > 0 ? undefined : S;
}

/**
 * True when the kernel can take this temperature for logits or energies: finite and nonzero,
 * τ = 1 for logits, or b ≠ ±1 with
 * the power of two 2^−k representable in one double (the JavaScript path's `twoStep` is
 * false), which holds for every |τ| between about 1e−300 and 1e300.
 */
export function kernelTakes(B: Beta, direction: Direction = LOGITS): boolean {
  if (B.kind !== FINITE) return false;
  const s12 = B.s1 * B.s2;
  // "Unit" b = ±1 runs the kernel's unit loop only for logits at τ = 1 (sign +1, masked at −∞).
  if (B.unit) return B.sign > 0 && direction === LOGITS;
  return s12 > 0 && Number.isFinite(s12);
}

/**
 * Weights wᵢ = exp(b·(xᵢ − c)) and their sum (the two lanes finished by `finishLanes`), for a
 * temperature the kernel takes ({@link kernelTakes}). With `out`, a multi-chunk input's weights
 * are copied into it; a single-chunk input's stay in the kernel's buffer for
 * {@link normalizeTyped}, which copies the result out once. A single-chunk input that
 * {@link scanTyped} left in the input buffer is not copied again.
 */
export function weightsTyped(
  K: Kernel,
  values: Float64Array | Float32Array,
  B: Beta,
  c: number,
  out: Float64Array | Float32Array | undefined,
  direction: Direction = LOGITS,
): [number, number] {
  const n = values.length;
  const inKind = values instanceof Float64Array ? 1 : 2;
  const outKind = out === undefined ? 0 : kindOf(out);
  const x = K.x;
  if (!B.unit) {
    // The same products as `fillWeights`: cs = c·s1·s2 and s12 = s1·s2.
    const mask = direction === LOGITS ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    x.setBeta(B.pre ? 1 : 0, B.s1 * B.s2, c * B.s1 * B.s2, B.bh, B.bl, B.bhh, B.bhl, mask);
  }
  const unit = B.unit ? 1 : 0;
  const loaded = inHolds === values;
  if (out !== undefined) outHolds = undefined;
  x.sumReset();
  const step = stepOf(K, n);
  for (let i = 0; i < n; i += step) {
    const len = Math.min(step, n - i);
    if (!loaded) copyIn(K, values, i, len);
    x.weights(len, c, inKind, outKind, unit);
    if (out !== undefined && n > K.chunk) copyOut(K, out, i, len);
  }
  return finishLanes(x.sumHi(0), x.sumLo(0), x.sumHi(1), x.sumLo(1));
}

/** {@link weightsTyped} into a Float64Array `out` that is filled whatever the length. */
export function weightsInto(
  K: Kernel,
  values: Float64Array | Float32Array,
  B: Beta,
  c: number,
  out: Float64Array,
): [number, number] {
  const sum = weightsTyped(K, values, B, c, out);
  if (values.length <= K.chunk) out.set(K.out64.subarray(0, values.length));
  return sum;
}

function copyOut(K: Kernel, out: Float64Array | Float32Array, i: number, len: number): void {
  if (out instanceof Float64Array) out.set(K.out64.subarray(0, len), i);
  else out.set(K.out32.subarray(0, len), i);
}

/**
 * Divides the weights by Σw = sumHi + sumLo exactly as `normalize` in kernel.ts. A single-chunk
 * input is normalised where `weightsTyped` left it and copied out once.
 */
export function normalizeTyped(
  K: Kernel,
  out: Float64Array | Float32Array,
  sumHi: number,
  sumLo: number,
): void {
  const n = out.length;
  const corr = -sumLo / sumHi;
  const f64 = out instanceof Float64Array;
  outHolds = undefined;
  const step = stepOf(K, n);
  for (let i = 0; i < n; i += step) {
    const len = Math.min(step, n - i);
    if (n > K.chunk) {
      if (f64) K.out64.set(out.subarray(i, i + len));
      else K.out32.set(out.subarray(i, i + len));
    }
    if (f64) K.x.normalizeF64(len, sumHi, corr);
    else K.x.normalizeF32(len, sumHi, corr);
    copyOut(K, out, i, len);
  }
}

/**
 * The normalised distribution wᵢ/Σw into `out` (the kernel's `fillWeights` then `normalize`),
 * returning Σw as hi + lo for the callers that also need the normaliser.
 */
export function distributionTyped(
  K: Kernel,
  values: Float64Array | Float32Array,
  B: Beta,
  c: number,
  out: Float64Array | Float32Array,
  direction: Direction = LOGITS,
): [number, number] {
  const [sumHi, sumLo] = weightsTyped(K, values, B, c, out, direction);
  normalizeTyped(K, out, sumHi, sumLo);
  return [sumHi, sumLo];
}

/**
 * softmax of a Float32Array into a Float32Array in single precision: src/internal/f32.ts
 * `softmaxFloat32` on the kernel (identical bits). `c` is the largest unmasked logit.
 */
export function softmaxFloat32Typed(
  K: Kernel,
  values: Float32Array,
  c: number,
  out: Float32Array,
): void {
  const n = values.length;
  const single = n <= K.chunk;
  const loaded = inHolds === values;
  outHolds = undefined;
  K.x.sum32Reset();
  const step = stepOf(K, n);
  for (let i = 0; i < n; i += step) {
    const len = Math.min(step, n - i);
    if (!loaded) copyIn(K, values, i, len);
    K.x.weights32(len, c);
    if (!single) out.set(K.out32.subarray(0, len), i);
  }
  const inv = 1 / (K.x.sum32Lane(0) + K.x.sum32Lane(1));
  for (let i = 0; i < n; i += step) {
    const len = Math.min(step, n - i);
    if (!single) K.out32.set(out.subarray(i, i + len));
    K.x.normalize32(len, inv);
    out.set(K.out32.subarray(0, len), i);
  }
}

/**
 * The fused sweep's moments at one temperature (src/sweep/fused.ts, identical bits): Σw, Σw·d,
 * Σw·d² over levels [i0, i1), each as hi + lo. The levels (and degeneracies) are loaded into the
 * kernel's buffers once and stay there for the following temperatures. Undefined when the
 * levels do not fit one chunk.
 */
export function sweepMomentsTyped(
  K: Kernel,
  levels: Float64Array,
  weights: Float64Array | undefined,
  i0: number,
  i1: number,
  c: number,
  b: number,
  mean: number,
  factor: number,
): Float64Array | undefined {
  if (levels.length > K.chunk) return undefined;
  if (inHolds !== levels) copyIn(K, levels, 0, levels.length);
  if (weights !== undefined && outHolds !== weights) {
    K.out64.set(weights);
    outHolds = weights;
  }
  K.x.sweepMoments(i0, i1, c, b, mean, factor, weights === undefined ? 0 : 1);
  for (let k = 0; k < 6; k++) MOMENTS[k] = K.x.moment(k);
  return MOMENTS;
}
const MOMENTS = new Float64Array(6);
