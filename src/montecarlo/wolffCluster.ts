/**
 * One Wolff cluster update (U. Wolff, Phys. Rev. Lett. 62, 361 (1989)). A seed spin is chosen
 * uniformly; the cluster grows from it through each bond to an aligned neighbour with
 * probability p = 1 − e^{−2J/T}, each bond tried once from each member (a breadth-first queue);
 * then the whole cluster flips. With p chosen so, the proposal ratio cancels the coupling part
 * of the Boltzmann factor, and the flip is always accepted at h = 0.
 *
 * In a field h ≠ 0 the cluster's field energy changes by ΔE_h = 2h·s₀·|C| (s₀ the cluster's
 * spin); the flip is then accepted with probability min(1, e^{−ΔE_h/T}), which restores
 * detailed balance exactly (Newman & Barkema §4.4, exercise; the "ghost spin" construction of
 * Dotsenko et al. is the equivalent cluster form). A rejected cluster leaves the lattice as it
 * was. Efficient for small h·|C|/T; in a strong field large clusters are mostly rejected.
 * @internal
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { expDD } from "../internal/exp.js";
import { type Generator, TWO_31, threshold } from "./random.js";
import type { Totals } from "./singleSpinSweep.js";

/**
 * Scratch space: the cluster's members in the order they joined, a membership mark, and the four
 * neighbours of the site at hand.
 */
export interface ClusterScratch {
  members: Int32Array;
  inCluster: Uint8Array;
  around: Int32Array;
}

/** The left, right, up and down neighbours of site i on the L×L torus, into `out`. */
function neighboursOf(i: number, L: number, out: Int32Array): void {
  const r = (i / L) | 0;
  const c = i - r * L;
  const row = r * L;
  const last = L - 1;
  out[0] = c === 0 ? row + last : i - 1;
  out[1] = c === last ? row : i + 1;
  out[2] = (r === 0 ? last : r - 1) * L + c;
  out[3] = (r === last ? 0 : r + 1) * L + c;
}

/**
 * Grows and flips one cluster; returns its size (0 when a field rejected the flip), adding the
 * changes of the bond sum and the magnetisation to `totals`. `addThreshold` is ⌊p·2³²⌋.
 */
export function wolffCluster(
  spins: Int8Array,
  L: number,
  addThreshold: number,
  T: number,
  h: number,
  rng: Generator,
  scratch: ClusterScratch,
  totals: Totals,
): number {
  const { members, inCluster, around } = scratch;
  const N = L * L;
  const seed = uniformInt(rng, 0, N - 1);
  const s0 = spins[seed] as number;
  members[0] = seed;
  inCluster[seed] = 1;
  let size = 1;
  for (let head = 0; head < size; head++) {
    neighboursOf(members[head] as number, L, around);
    for (let k = 0; k < 4; k++) {
      const j = around[k] as number;
      if (spins[j] === s0 && inCluster[j] === 0 && rng.next() + TWO_31 < addThreshold) {
        inCluster[j] = 1;
        members[size++] = j;
      }
    }
  }
  // The field's verdict: ΔE_h = 2h·s₀·|C|; one draw, only when the flip costs field energy.
  const dEField = 2 * h * s0 * size;
  const accepted = !(dEField > 0) || rng.next() + TWO_31 < threshold(expDD(-dEField / T, 0));
  // The bond sum changes by −2·s₀·sⱼ over every bond from a member to a non-member j.
  let dBonds = 0;
  if (accepted) {
    for (let m = 0; m < size; m++) {
      neighboursOf(members[m] as number, L, around);
      for (let k = 0; k < 4; k++) {
        const j = around[k] as number;
        if (inCluster[j] === 0) dBonds -= 2 * s0 * (spins[j] as number);
      }
    }
  }
  for (let m = 0; m < size; m++) {
    const i = members[m] as number;
    inCluster[i] = 0;
    if (accepted) spins[i] = -s0;
  }
  if (!accepted) return 0;
  totals.bonds += dBonds;
  totals.magnetization -= 2 * s0 * size;
  return size;
}
