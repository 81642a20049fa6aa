import { integerOption } from "../internal/validate.js";

/** The density of states of the L×L Ising torus, by bond sum. */
export interface IsingDensityOfStates {
  /** The bond sums e = −Σ_⟨ij⟩ sᵢsⱼ (the energy in units of J), ascending: −2L², …, 2L². */
  energies: Float64Array;
  /** How many of the 2^{L²} states have each bond sum (exact integers). */
  degeneracies: Float64Array;
}

const cache = new Map<number, IsingDensityOfStates>();

function enumerate(L: number): IsingDensityOfStates {
  const n = L * L;
  const neighbours = new Int32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / L);
    const c = i % L;
    neighbours[4 * i] = r * L + ((c + 1) % L);
    neighbours[4 * i + 1] = r * L + ((c + L - 1) % L);
    neighbours[4 * i + 2] = ((r + 1) % L) * L + c;
    neighbours[4 * i + 3] = ((r + L - 1) % L) * L + c;
  }
  const spins = new Int8Array(n).fill(1);
  const counts = new Float64Array(2 * n + 1);
  let unlike = 0;
  counts[0] = 1;
  // Spin 0 stays up (the global flip doubles every count); the others run through a Gray code,
  // one flip per state, updating the number of unlike bonds from the flipped spin's neighbours.
  const states = 2 ** (n - 1);
  for (let step = 1; step < states; step++) {
    const i = 1 + (31 - Math.clz32(step & -step));
    const s = spins[i] as number;
    const k = 4 * i;
    let differ = 0;
    if (spins[neighbours[k] as number] !== s) differ++;
    if (spins[neighbours[k + 1] as number] !== s) differ++;
    if (spins[neighbours[k + 2] as number] !== s) differ++;
    if (spins[neighbours[k + 3] as number] !== s) differ++;
    unlike += 4 - 2 * differ;
    spins[i] = -s;
    counts[unlike] = (counts[unlike] as number) + 1;
  }
  const energies: number[] = [];
  const degeneracies: number[] = [];
  for (let u = 0; u <= 2 * n; u++) {
    const c = counts[u] as number;
    if (c > 0) {
      energies.push(2 * u - 2 * n);
      degeneracies.push(2 * c);
    }
  }
  return { energies: Float64Array.from(energies), degeneracies: Float64Array.from(degeneracies) };
}

/**
 * The exact density of states of the L×L square-lattice Ising model with periodic boundaries
 * (a torus; L = 2 has each neighbour pair bonded twice), for L = 2 … 5, by visiting every state:
 * 2^{L²−1} of them (the global flip gives the other half) in Gray-code order, so each state
 * costs one spin flip and four neighbour comparisons. L = 5 (33.5 million states) takes about a
 * quarter of a second; results are cached per L (a copy is returned).
 *
 * The 4×4 counts are the published ones (2, 32, 64, 424, 1728, 6688, 13568, 20524, … for
 * e = −32, −24, −20, −16, …): P. D. Beale, Phys. Rev. Lett. 76, 78 (1996).
 *
 * Edge cases: L must be an integer in [2, 5] (L = 6 would be 2³⁵ states: use a transfer matrix).
 *
 * @see B. Kaufman, Phys. Rev. 76, 1232 (1949) (the exact partition function of the same torus).
 * @example
 * ```ts
 * const d = isingSquareDensityOfStates(2);
 * d.energies      // => Float64Array [-8, 0, 8]
 * d.degeneracies  // => Float64Array [2, 12, 2]
 * isingSquareDensityOfStates(4).degeneracies[3] // => 424
 * ```
 */
export function isingSquareDensityOfStates(size: number): IsingDensityOfStates {
  const L = integerOption("isingSquareDensityOfStates", "size", size, 2, 5);
  let d = cache.get(L);
  if (d === undefined) {
    d = enumerate(L);
    cache.set(L, d);
  }
  return { energies: d.energies.slice(), degeneracies: d.degeneracies.slice() };
}
