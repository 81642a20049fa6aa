/**
 * The WebAssembly twin of the single-spin sweep (assembly/ising.ts): the same sites in the same
 * order, the same draws of pure-rand's xoroshiro128+ and the same comparisons, in native 64-bit
 * integers, about three times faster than the JavaScript loop. The module is 0.6 kB, small enough
 * for synchronous compilation everywhere (browsers refuse it above 4 kB on the main thread), so
 * it is ready at import in Node, workers and pages alike; an engine without WebAssembly, or
 * `setKernelBackend("js")`, takes the JavaScript loop, with identical results.
 * @internal
 */
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { javaScriptForced } from "../internal/accel.js";
import { ISING_WASM } from "../internal/wasm/ising.js";
import type { Generator } from "./random.js";
import type { Totals } from "./singleSpinSweep.js";

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  tablePtr(): number;
  spinsPtr(): number;
  setState(s01: number, s00: number, s11: number, s10: number): void;
  stateWord(k: number): number;
  bondChange(): number;
  magnetizationChange(): number;
  sweep(L: number): void;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

function load(): Exports | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined || typeof atob !== "function") return undefined;
  try {
    const text = atob(ISING_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new wasm.Instance(new wasm.Module(bytes), {}).exports as Exports;
  } catch {
    return undefined;
  }
}

const kernel = load();
/** The flip table the kernel's memory holds now, and the buffer it was written to. */
let tableHeld: Float64Array | undefined;
let heldIn: ArrayBuffer | undefined;

/** Whether the WebAssembly sweep serves calls now. */
export function sweepKernelActive(): boolean {
  return kernel !== undefined && !javaScriptForced();
}

/**
 * Sweeps on the kernel: copies the spins and the table in, runs, copies the spins out, adds the
 * totals' changes and returns the generator advanced exactly as the JavaScript loop would have
 * advanced it. Undefined when the kernel does not serve (the caller then runs the JS loop).
 */
export function sweepOnKernel(
  spins: Int8Array,
  L: number,
  table: Float64Array,
  rng: Generator,
  totals: Totals,
): Generator | undefined {
  if (kernel === undefined || javaScriptForced()) return undefined;
  const K = kernel;
  const n = L * L;
  const base = K.spinsPtr();
  const need = base + n;
  const have = K.memory.buffer.byteLength;
  if (need > have) K.memory.grow(Math.ceil((need - have) / 65536));
  const buffer = K.memory.buffer;
  // The table is copied in only when another one was there (tables are rebuilt, never edited).
  if (tableHeld !== table || heldIn !== buffer) {
    const thresholds = new BigInt64Array(buffer, K.tablePtr(), 18);
    for (let k = 0; k < 18; k++) thresholds[k] = BigInt(table[k] as number);
    tableHeld = table;
    heldIn = buffer;
  }
  const lattice = new Int8Array(buffer, base, n);
  lattice.set(spins);
  const [s01, s00, s11, s10] = rng.getState() as [number, number, number, number];
  K.setState(s01, s00, s11, s10);
  K.sweep(L);
  spins.set(lattice);
  totals.bonds += K.bondChange();
  totals.magnetization += K.magnetizationChange();
  return xoroshiro128plusFromState([
    K.stateWord(0),
    K.stateWord(1),
    K.stateWord(2),
    K.stateWord(3),
  ]);
}
