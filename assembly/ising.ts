/**
 * The WebAssembly SIMD kernel of the Monte Carlo module (AssemblyScript, compiled by
 * `npm run build:wasm` into src/internal/wasm/ising.ts): the single-spin sweep of
 * src/montecarlo/singleSpinSweep.ts for L a multiple of 16, sixteen sites per vector, with the
 * same sites, the same draws and the same comparisons as that JavaScript loop, so both leave
 * identical spins, totals and generator states (test/montecarlo/lattice.test.ts). Only integer
 * arithmetic runs here: the same bits on every engine.
 *
 * A half-sweep updates the sites of one colour of the checkerboard ((r + c) even, then odd), row
 * by row. Sixteen consecutive sites of a row are loaded at once with their four neighbour
 * vectors; the eight of the active colour are updated, the others kept. No two sites of one
 * colour are neighbours (L even), so updating eight at once is the same as one after the other.
 *
 * Random numbers: four xoroshiro128+ streams (pure-rand's generator; streams 1–3 are stream 0
 * jumped by 2⁶⁴, 2·2⁶⁴, 3·2⁶⁴), two per i64x2 vector; the t-th site visited in a sweep takes the
 * next draw of stream t mod 4, which is pure-rand's `next()` (the low 32 bits of s0 + s1) plus
 * 2³¹. The flip table is looked up by i8x16.swizzle in five byte planes (the four bytes of
 * ⌊p·2³²⌋ mod 2³², and a plane of 0xFF where p = 1) indexed by q = (n + 4)/2 + 5·(s + 1)/2.
 *
 * Memory: STATE (the four streams: s0 of streams 0–3, then s1 of streams 0–3, as u64), PLANES
 * (5 × 16 bytes), SPINS (L² bytes, row-major); the JavaScript side grows the memory to fit.
 */

const STATE: usize = 128;
const PLANES: usize = 256;
const SPINS: usize = 1024;

let dBonds: i32 = 0;
let dMag: i32 = 0;

export function statePtr(): usize {
  return STATE;
}
export function planesPtr(): usize {
  return PLANES;
}
export function spinsPtr(): usize {
  return SPINS;
}
export function bondChange(): i32 {
  return dBonds;
}
export function magnetizationChange(): i32 {
  return dMag;
}

function rotl(x: v128, k: i32): v128 {
  return v128.or(i64x2.shl(x, k), i64x2.shr_u(x, 64 - k));
}

/** One checkerboard sweep of the L×L lattice at SPINS (L a multiple of 16). */
export function sweep(L: i32): void {
  let a01 = v128.load(STATE);
  let a23 = v128.load(STATE, 16);
  let b01 = v128.load(STATE, 32);
  let b23 = v128.load(STATE, 48);
  const p0 = v128.load(PLANES);
  const p1 = v128.load(PLANES, 16);
  const p2 = v128.load(PLANES, 32);
  const p3 = v128.load(PLANES, 48);
  const pa = v128.load(PLANES, 64);
  const zero = i32x4.splat(0);
  const four = i8x16.splat(4);
  const one = i8x16.splat(1);
  const top = i32x4.splat(0x80000000);
  let accM = i32x4.splat(0);
  let accB = i32x4.splat(0);
  const last = L - 1;
  for (let parity = 0; parity < 2; parity++) {
    for (let r = 0; r < L; r++) {
      const row = SPINS + <usize>(r * L);
      const up = SPINS + <usize>((r === 0 ? last : r - 1) * L);
      const down = SPINS + <usize>((r === last ? 0 : r + 1) * L);
      const odd = ((r + parity) & 1) === 1;
      // The left and right neighbour vectors are built from registers, not loaded at offsets
      // ±1: a load that half overlaps the block just stored cannot be forwarded from the store
      // buffer and stalls. Wrap-around: the row's last byte for the first block, its first byte
      // for the last (neither changes during this half-sweep where it matters: it is of the
      // other colour whenever the lane that reads it is active).
      const wrapLeft = load<i8>(row + <usize>last);
      const wrapRight = load<i8>(row);
      let s = v128.load(row);
      let previous = s;
      for (let c = 0; c < L; c += 16) {
        const at = <usize>c;
        const following = c + 16 < L ? v128.load(row + at + 16) : s;
        const left =
          c === 0
            ? i8x16.replace_lane(
                i8x16.shuffle(s, s, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
                0,
                wrapLeft,
              )
            : i8x16.shuffle(
                previous,
                s,
                15,
                16,
                17,
                18,
                19,
                20,
                21,
                22,
                23,
                24,
                25,
                26,
                27,
                28,
                29,
                30,
              );
        const right =
          c === L - 16
            ? i8x16.replace_lane(
                i8x16.shuffle(s, s, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15),
                15,
                wrapRight,
              )
            : i8x16.shuffle(s, following, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        const n = i8x16.add(
          i8x16.add(left, right),
          i8x16.add(v128.load(up + at), v128.load(down + at)),
        );
        // q = (n + 4)/2 + 5·(s + 1)/2, in [0, 9]
        const sigma = i8x16.shr_s(i8x16.add(s, one), 1);
        const q = i8x16.add(
          i8x16.shr_s(i8x16.add(n, four), 1),
          i8x16.add(i8x16.shl(sigma, 2), sigma),
        );
        // The eight active lanes' indices, in order, in lanes 0–7.
        const qa = odd
          ? i8x16.shuffle(q, q, 1, 3, 5, 7, 9, 11, 13, 15, 1, 1, 1, 1, 1, 1, 1, 1)
          : i8x16.shuffle(q, q, 0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0);
        const t0 = i8x16.swizzle(p0, qa);
        const t1 = i8x16.swizzle(p1, qa);
        const t2 = i8x16.swizzle(p2, qa);
        const t3 = i8x16.swizzle(p3, qa);
        const always = i16x8.extend_low_i8x16_s(i8x16.swizzle(pa, qa));
        const lo = i8x16.shuffle(t0, t1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        const hi = i8x16.shuffle(t2, t3, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        const thrA = i8x16.shuffle(lo, hi, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
        const thrB = i8x16.shuffle(
          lo,
          hi,
          8,
          9,
          24,
          25,
          10,
          11,
          26,
          27,
          12,
          13,
          28,
          29,
          14,
          15,
          30,
          31,
        );
        // Two steps of the four streams: draws for active sites 0–3 (uA), then 4–7 (uB).
        let uA = zero;
        let uB = zero;
        for (let step = 0; step < 2; step++) {
          const o01 = i64x2.add(a01, b01);
          const o23 = i64x2.add(a23, b23);
          const x01 = v128.xor(b01, a01);
          const x23 = v128.xor(b23, a23);
          a01 = v128.xor(v128.xor(rotl(a01, 24), x01), i64x2.shl(x01, 16));
          a23 = v128.xor(v128.xor(rotl(a23, 24), x23), i64x2.shl(x23, 16));
          b01 = rotl(x01, 37);
          b23 = rotl(x23, 37);
          // The low words of the four sums, with the top bit flipped: pure-rand's next() + 2³¹.
          const u = v128.xor(
            i8x16.shuffle(o01, o23, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27),
            top,
          );
          if (step === 0) uA = u;
          else uB = u;
        }
        const fA = v128.or(i32x4.lt_u(uA, thrA), i32x4.extend_low_i16x8_s(always));
        const fB = v128.or(i32x4.lt_u(uB, thrB), i32x4.extend_high_i16x8_s(always));
        const f8 = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(fA, fB), zero);
        const flip = odd
          ? i8x16.shuffle(f8, zero, 16, 0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7)
          : i8x16.shuffle(f8, zero, 0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7, 16);
        const next = v128.bitselect(i8x16.neg(s), s, flip);
        v128.store(row + at, next);
        const change = i8x16.sub(next, s);
        previous = next;
        accM = i32x4.add(
          accM,
          i32x4.extadd_pairwise_i16x8_s(i16x8.extadd_pairwise_i8x16_s(change)),
        );
        accB = i32x4.add(
          accB,
          i32x4.extadd_pairwise_i16x8_s(
            i16x8.add(i16x8.extmul_low_i8x16_s(change, n), i16x8.extmul_high_i8x16_s(change, n)),
          ),
        );
        s = following;
      }
    }
  }
  v128.store(STATE, a01);
  v128.store(STATE, a23, 16);
  v128.store(STATE, b01, 32);
  v128.store(STATE, b23, 48);
  dMag =
    i32x4.extract_lane(accM, 0) +
    i32x4.extract_lane(accM, 1) +
    i32x4.extract_lane(accM, 2) +
    i32x4.extract_lane(accM, 3);
  dBonds =
    i32x4.extract_lane(accB, 0) +
    i32x4.extract_lane(accB, 1) +
    i32x4.extract_lane(accB, 2) +
    i32x4.extract_lane(accB, 3);
}
