/**
 * One sweep of single-spin updates (Metropolis or heat bath: they differ only in their flip
 * table, flipTables.ts) over an L×L periodic lattice, in checkerboard order: first every site
 * with r + c even, row by row, then every site with r + c odd; each spin once, each seeing the
 * current values of its neighbours. Every update leaves the Gibbs distribution invariant, so the
 * sweep does (global balance; Newman & Barkema §3.1), for any L. The order matters for speed:
 * in row order each update waits for its left neighbour's (a chain of ~20 cycles through memory),
 * while the sites of one colour do not touch each other (for even L) and overlap in the pipeline.
 *
 * The loop is branch-free where the physics is random: every spin takes exactly one draw (the
 * t-th site visited from stream t mod 4), and
 * the flip is arithmetic on the comparison (a mispredicted branch per accepted flip would cost
 * more than the rest of the update). The totals change by exact integers: the bond sum
 * Σ⟨ij⟩ sᵢsⱼ by −2·sᵢ·n and the magnetisation by −2·sᵢ per flip.
 * @internal
 */
import type { Generator } from "./random.js";
import { TWO_31 } from "./random.js";

/** Changes of the bond sum and the magnetisation over the last sweep (written by the sweep). */
export interface Totals {
  bonds: number;
  magnetization: number;
}

/**
 * Sweeps `spins` once with the flip table, adding the changes to `totals`. The t-th site visited
 * takes its draw from `streams[t mod 4]`: four streams, so the WebAssembly kernel can draw for
 * four sites at once and still match this loop bit for bit.
 */
export function singleSpinSweep(
  spins: Int8Array,
  L: number,
  table: Float64Array,
  streams: readonly Generator[],
  totals: Totals,
): void {
  const g0 = streams[0] as Generator;
  const g1 = streams[1] as Generator;
  const g2 = streams[2] as Generator;
  const g3 = streams[3] as Generator;
  let t = 0;
  let dBonds = 0;
  let dMag = 0;
  const last = L - 1;
  for (let parity = 0; parity < 2; parity++) {
    for (let r = 0; r < L; r++) {
      const row = r * L;
      const up = (r === 0 ? last : r - 1) * L;
      const down = (r === last ? 0 : r + 1) * L;
      for (let c = (r + parity) & 1; c < L; c += 2) {
        const i = row + c;
        const s = spins[i] as number;
        const n =
          (spins[c === 0 ? row + last : i - 1] as number) +
          (spins[c === last ? row : i + 1] as number) +
          (spins[up + c] as number) +
          (spins[down + c] as number);
        const k = t & 3;
        const draw = (k === 0 ? g0 : k === 1 ? g1 : k === 2 ? g2 : g3).next() + TWO_31;
        t++;
        const flip = +(draw < (table[n + 4 + 9 * ((s + 1) >> 1)] as number));
        const change = -2 * s * flip;
        spins[i] = s + change;
        dMag += change;
        dBonds += change * n;
      }
    }
  }
  totals.bonds += dBonds;
  totals.magnetization += dMag;
}
