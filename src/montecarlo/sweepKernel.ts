/**
 * The WebAssembly SIMD twin of the single-spin sweep (assembly/ising.ts), for L a multiple of
 * 16: the same sites in the same order, the same draws of pure-rand's xoroshiro128+ (four
 * streams, two per vector) and the same comparisons, sixteen sites per vector. The module is
 * under 4 kB (test/montecarlo/lattice.test.ts), small enough for synchronous compilation everywhere (browsers refuse it above 4 kB on
 * the main thread), so it is ready at import in Node, workers and pages alike; an engine without
 * WebAssembly SIMD, another L, or `setKernelBackend("js")` takes the JavaScript loop, with
 * identical results.
 * @internal
 */
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { javaScriptForced, wasmBytes } from "../internal/accel.js";
import { ISING_WASM } from "../internal/wasm/ising.js";
import { type Generator, TWO_32 } from "./random.js";
import type { Totals } from "./singleSpinSweep.js";

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  statePtr(): number;
  planesPtr(): number;
  spinsPtr(): number;
  bondChange(): number;
  magnetizationChange(): number;
  sweep(L: number): void;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

function load(): Exports | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return undefined;
  try {
    const bytes = wasmBytes(ISING_WASM);
    // An engine without WebAssembly SIMD rejects the module: the JavaScript loop serves.
    if (!wasm.validate(bytes)) return undefined;
    return new wasm.Instance(new wasm.Module(bytes), {}).exports as Exports;
  } catch {
    return undefined;
  }
}

const kernel = load();
/** The flip table the kernel's planes hold now, and the buffer they were written to. */
let tableHeld: Float64Array | undefined;
let heldIn: ArrayBuffer | undefined;

/** Whether the WebAssembly sweep serves an L×L lattice now (L a multiple of 16). */
export function sweepKernelServes(L: number): boolean {
  return kernel !== undefined && !javaScriptForced() && L % 16 === 0;
}

/** Writes the table as the kernel's five byte planes, indexed by q = (n + 4)/2 + 5·(s + 1)/2. */
function writePlanes(K: Exports, table: Float64Array): void {
  const planes = new Uint8Array(K.memory.buffer, K.planesPtr(), 80);
  planes.fill(0);
  for (let sigma = 0; sigma < 2; sigma++) {
    for (let h = 0; h < 5; h++) {
      const q = h + 5 * sigma;
      const t = table[2 * h + 9 * sigma] as number;
      const word = t >= TWO_32 ? 0 : t;
      planes[q] = word & 0xff;
      planes[16 + q] = (word >>> 8) & 0xff;
      planes[32 + q] = (word >>> 16) & 0xff;
      planes[48 + q] = (word >>> 24) & 0xff;
      planes[64 + q] = t >= TWO_32 ? 0xff : 0;
    }
  }
}

/**
 * Sweeps on the kernel: copies the spins (and the table, when it changed) in, runs, copies the
 * spins out, adds the totals' changes and returns the four streams advanced exactly as the
 * JavaScript loop would have advanced them. Undefined when the kernel does not serve this L
 * (the caller then runs the JavaScript loop).
 */
export function sweepOnKernel(
  spins: Int8Array,
  L: number,
  table: Float64Array,
  streams: readonly Generator[],
  totals: Totals,
): Generator[] | undefined {
  if (kernel === undefined || javaScriptForced() || L % 16 !== 0) return undefined;
  const K = kernel;
  const n = L * L;
  const base = K.spinsPtr();
  const need = base + n + 16; // the kernel may read (and ignore) one vector past the lattice
  const have = K.memory.buffer.byteLength;
  if (need > have) K.memory.grow(Math.ceil((need - have) / 65536));
  const buffer = K.memory.buffer;
  if (tableHeld !== table || heldIn !== buffer) {
    writePlanes(K, table);
    tableHeld = table;
    heldIn = buffer;
  }
  // The state as u32 words: s0 of streams 0–3 (low word s00, high s01), then s1 (s10, s11).
  const words = new Int32Array(buffer, K.statePtr(), 16);
  for (let k = 0; k < 4; k++) {
    const [s01, s00, s11, s10] = (streams[k] as Generator).getState() as number[];
    words[2 * k] = s00 as number;
    words[2 * k + 1] = s01 as number;
    words[8 + 2 * k] = s10 as number;
    words[8 + 2 * k + 1] = s11 as number;
  }
  const lattice = new Int8Array(buffer, base, n);
  lattice.set(spins);
  K.sweep(L);
  spins.set(lattice);
  totals.bonds += K.bondChange();
  totals.magnetization += K.magnetizationChange();
  const advanced: Generator[] = [];
  for (let k = 0; k < 4; k++) {
    advanced.push(
      xoroshiro128plusFromState([
        words[2 * k + 1] as number,
        words[2 * k] as number,
        words[8 + 2 * k + 1] as number,
        words[8 + 2 * k] as number,
      ]),
    );
  }
  return advanced;
}
