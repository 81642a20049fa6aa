/**
 * The WebAssembly kernel of the Monte Carlo module (AssemblyScript, compiled by
 * `npm run build:wasm` into src/internal/wasm/ising.ts): the single-spin sweep of
 * src/montecarlo/singleSpinSweep.ts, operation for operation, with pure-rand's xoroshiro128+
 * step done in native 64-bit integers instead of four 32-bit halves. Same site order, same
 * draws, same comparisons: the JavaScript path and this kernel leave identical spins, totals and
 * generator states (test/montecarlo/kernel.test.ts). Only integer arithmetic and comparisons of
 * integers run here, so the results are the same bits on every engine.
 *
 * Memory: the flip table (18 thresholds as i64) at TABLE, the spins (one i8 each, row-major) at
 * SPINS; the JavaScript side grows the memory to fit L² bytes.
 */

const TABLE: usize = 64;
const SPINS: usize = 1024;

/** xoroshiro128+ state: s0 = (s01 << 32) | s00, s1 = (s11 << 32) | s10 in pure-rand's names. */
let s0: u64 = 0;
let s1: u64 = 0;
let dBonds: i32 = 0;
let dMag: i32 = 0;

export function tablePtr(): usize {
  return TABLE;
}
export function spinsPtr(): usize {
  return SPINS;
}

/** Loads the generator state from pure-rand's four words (s01, s00, s11, s10). */
export function setState(s01: i32, s00: i32, s11: i32, s10: i32): void {
  s0 = ((<u64>(<u32>s01)) << 32) | <u64>(<u32>s00);
  s1 = ((<u64>(<u32>s11)) << 32) | <u64>(<u32>s10);
}

/** One of pure-rand's four state words: 0 → s01, 1 → s00, 2 → s11, 3 → s10. */
export function stateWord(k: i32): i32 {
  const w = k < 2 ? s0 : s1;
  return (k & 1) === 0 ? <i32>(w >> 32) : <i32>w;
}

export function bondChange(): i32 {
  return dBonds;
}
export function magnetizationChange(): i32 {
  return dMag;
}

/** One checkerboard sweep of the L×L lattice at SPINS with the flip table at TABLE. */
export function sweep(L: i32): void {
  let a = s0;
  let b = s1;
  let bonds: i32 = 0;
  let mag: i32 = 0;
  const last = L - 1;
  for (let parity = 0; parity < 2; parity++) {
    for (let r = 0; r < L; r++) {
      const row = r * L;
      const up = (r === 0 ? last : r - 1) * L;
      const down = (r === last ? 0 : r + 1) * L;
      for (let c = (r + parity) & 1; c < L; c += 2) {
        const i = row + c;
        const s = <i32>load<i8>(SPINS + <usize>i);
        const n =
          <i32>load<i8>(SPINS + <usize>(c === 0 ? row + last : i - 1)) +
          <i32>load<i8>(SPINS + <usize>(c === last ? row : i + 1)) +
          <i32>load<i8>(SPINS + <usize>(up + c)) +
          <i32>load<i8>(SPINS + <usize>(down + c));
        // pure-rand's next() is the low word of a + b as a signed int; next() + 2³¹ is that word
        // with its top bit flipped.
        const u = <u64>(<u32>(a + b) ^ 0x80000000);
        const t = b ^ a;
        a = rotl<u64>(a, 24) ^ t ^ (t << 16);
        b = rotl<u64>(t, 37);
        // The mask keeps the index visibly in [0, 31]: without it Binaryen folds the + 4 into the
        // load's constant offset, and for n < 0 the remaining base is negative, so the address
        // wraps out of bounds (-O3 only).
        const k = (n + 4 + 9 * ((s + 1) >> 1)) & 31;
        const flip = <i32>(u < load<u64>(TABLE + ((<usize>k) << 3)));
        const change = -2 * s * flip;
        store<i8>(SPINS + <usize>i, <i8>(s + change));
        mag += change;
        bonds += change * n;
      }
    }
  }
  s0 = a;
  s1 = b;
  dBonds = bonds;
  dMag = mag;
}
