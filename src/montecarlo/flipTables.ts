/**
 * The single-spin updates as tables. A spin s with neighbour sum n = Σⱼ sⱼ ∈ {−4, −2, 0, 2, 4}
 * flips with a probability that depends on (s, n) alone: ten cases, looked up at index
 * k = (n + 4) + 9·(s + 1)/2 (entries at odd n + 4 are unused). Each entry is a threshold
 * ⌊p·2³²⌋ for a draw uniform on [0, 2³²) (random.ts), so a sweep does one lookup, one draw and
 * one comparison per spin, with no exp and no branch.
 * @internal
 */
import { expDD } from "../internal/exp.js";
import { heatBathProbability } from "./heatBathProbability.js";
import { threshold } from "./random.js";

/** Index of the case (s, n) in a flip table. */
export function flipIndex(spin: number, neighbours: number): number {
  return neighbours + 4 + 9 * ((spin + 1) >> 1);
}

/**
 * Metropolis: flip with probability min(1, e^{−ΔE/T}), ΔE = 2s·(J·n + h), the energy cost of
 * the flip. e^{−x} is the library's table-driven exp (pure IEEE arithmetic, within 1 ulp), so
 * the thresholds are the same bits on every engine.
 */
export function metropolisTable(T: number, J: number, h: number): Float64Array {
  const table = new Float64Array(18);
  for (const s of [-1, 1]) {
    for (let n = -4; n <= 4; n += 2) {
      const dE = 2 * s * (J * n + h);
      table[flipIndex(s, n)] = dE <= 0 ? threshold(1) : threshold(expDD(-dE / T, 0));
    }
  }
  return table;
}

/**
 * Heat bath: the spin is redrawn from its two-state Gibbs distribution given the local field
 * J·n + h ({@link heatBathProbability}, the two-state softmax); it flips when the new value
 * differs, with probability P(−s).
 */
export function heatBathTable(T: number, J: number, h: number): Float64Array {
  const table = new Float64Array(18);
  for (let n = -4; n <= 4; n += 2) {
    const { up, down } = heatBathProbability(J * n + h, T);
    table[flipIndex(1, n)] = threshold(down);
    table[flipIndex(-1, n)] = threshold(up);
  }
  return table;
}
