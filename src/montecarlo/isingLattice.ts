import { expDD } from "../internal/exp.js";
import { heatBathTable, metropolisTable } from "./flipTables.js";
import {
  algorithmOption,
  finiteOption,
  type IsingAlgorithm,
  optionsObject,
  seedOption,
  sizeOption,
  startOption,
  temperatureOption,
} from "./options.js";
import { type Generator, seededGenerator, threshold } from "./random.js";
import { singleSpinSweep, type Totals } from "./singleSpinSweep.js";
import { sweepOnKernel } from "./sweepKernel.js";
import { type ClusterScratch, wolffCluster } from "./wolffCluster.js";

/** Options of the {@link IsingLattice} constructor. */
export interface IsingLatticeOptions {
  /** The side L of the L×L periodic lattice, an integer from 2 to 4096. */
  size: number;
  /** The seed of the random stream, an integer from 0 to 2³² − 1. */
  seed: number;
  /** The coupling J (default 1; J > 0 ferromagnet, J < 0 antiferromagnet). */
  coupling?: number;
  /** The field h (default 0). */
  field?: number;
  /** "cold": every spin +1 (the default); "hot": independent fair coins from the seed. */
  start?: "cold" | "hot";
}

const KNOWN = ["size", "seed", "coupling", "field", "start"] as const;

/**
 * A two-dimensional Ising model on an L×L square lattice with periodic boundaries (a torus),
 * E = −J·Σ⟨ij⟩ sᵢsⱼ − h·Σᵢ sᵢ over the 2L² nearest-neighbour bonds (kB = 1, T in units of J),
 * that a Markov chain moves one sweep at a time: the stateful form a live picture drives frame
 * by frame ({@link simulateIsing} is the same chain with the results collected).
 *
 * Its Z is a sum over 2^{L²} states (10⁷⁷ for L = 16), which nobody sums: the chain samples the
 * Gibbs distribution instead. `sweep(T, algorithm)` does one sweep of
 * - `"metropolis"`: each spin in turn (checkerboard order, below) flips with probability
 *   min(1, e^{−ΔE/T});
 * - `"heatBath"`: each spin in turn is redrawn from its two-state Gibbs distribution,
 *   P(+1) = σ(2hᵢ/T) with hᵢ = J·Σⱼ sⱼ + h — a two-state softmax ({@link heatBathProbability});
 * - `"wolff"`: ONE Wolff cluster is grown and flipped (so a Wolff "sweep" moves anywhere from
 *   one spin, far above T_c, to nearly all of them, below; {@link IsingLattice.lastClusterSize}
 *   says how many, so time can be rescaled to lattice sweeps by Σ|C|/L²). One cluster, not
 *   "clusters until L² spins have flipped", because that stopping rule depends on the state and
 *   biases the samples; a fixed count per sweep does not. In a field h ≠ 0 the grown cluster
 *   flips with probability min(1, e^{−ΔE_h/T}), ΔE_h = 2h·s·|C|, which keeps detailed balance
 *   exact (a refused flip leaves the lattice unchanged and lastClusterSize 0).
 *
 * The totals are tracked incrementally in exact integers (the bond sum and Σs), so `energy` and
 * `magnetization` cost nothing to read and never drift. `spins` is the lattice itself (±1,
 * row-major, index r·L + c): read it to draw the picture, never write it.
 *
 * Randomness: pure-rand's xoroshiro128+, its state filled from pure-rand's Mersenne Twister
 * seeded with `seed`, and three copies of it jumped ahead by 2⁶⁴, 2·2⁶⁴ and 3·2⁶⁴ steps; the
 * single-spin sweeps visit the checkerboard (sites with r + c even, then odd, row by row) and
 * the t-th site visited takes one 32-bit draw from stream t mod 4, compared with ⌊p·2³²⌋, so
 * probabilities are exact to 2⁻³² and a seed gives the same chain on every platform. For L a
 * multiple of 16 a WebAssembly SIMD kernel runs the sweep, sixteen sites per vector, with
 * identical results.
 *
 * Edge cases: size an integer in [2, 4096] (L = 2 bonds each neighbour pair twice, as a 2×2
 * torus does); seed an integer in [0, 2³² − 1]; coupling and field finite; an unknown option is
 * a TypeError. `sweep` needs 0 < T < ∞ (T = 0, ±∞ and T < 0 are RangeErrors saying what to do
 * instead) and refuses `"wolff"` with J < 0 (its clusters are built for ferromagnetic bonds).
 *
 * @see N. Metropolis et al., J. Chem. Phys. 21, 1087 (1953); R. J. Glauber, J. Math. Phys. 4,
 *   294 (1963); U. Wolff, Phys. Rev. Lett. 62, 361 (1989); M. E. J. Newman, G. T. Barkema,
 *   Monte Carlo Methods in Statistical Physics (Oxford, 1999), ch. 3–4.
 * @example
 * ```ts
 * const lattice = new IsingLattice({ size: 8, seed: 1 });
 * lattice.energy         // => -128
 * lattice.magnetization  // => 64
 * lattice.sweep(2.269, "heatBath");
 * lattice.spins.length   // => 64
 * lattice.energy === -lattice.bondSum // => true
 * ```
 */
export class IsingLattice {
  /** The side L. */
  readonly size: number;
  /** The spins, ±1, row-major (index r·L + c), length L². Read only. */
  readonly spins: Int8Array;
  /** The coupling J. */
  readonly coupling: number;
  /** The field h. */
  readonly field: number;
  /** Four streams: 0 is the seeded one (hot start, Wolff), 1–3 are it jumped by k·2⁶⁴. */
  #streams: Generator[];
  readonly #totals: Totals = { bonds: 0, magnetization: 0 };
  #scratch: ClusterScratch | undefined;
  #tableFor = "";
  #table: Float64Array = new Float64Array(18);
  #lastCluster = 0;

  constructor(options: IsingLatticeOptions) {
    const fn = "IsingLattice";
    const o = optionsObject(fn, options, KNOWN, "size, seed");
    this.size = sizeOption(fn, o.size);
    const seed = seedOption(fn, o.seed);
    this.coupling = finiteOption(fn, "options.coupling", o.coupling, 1);
    this.field = finiteOption(fn, "options.field", o.field, 0);
    const start = startOption(fn, o.start);
    const L = this.size;
    const first = seededGenerator(seed);
    this.#streams = [first];
    for (let k = 1; k < 4; k++) {
      const g = (this.#streams[k - 1] as Generator).clone();
      g.jump();
      this.#streams.push(g);
    }
    this.spins = new Int8Array(L * L).fill(1);
    if (start === "hot") {
      for (let i = 0; i < L * L; i++) this.spins[i] = first.next() < 0 ? -1 : 1;
    }
    this.#recount();
  }

  /** The total energy E = −J·Σ⟨ij⟩ sᵢsⱼ − h·Σᵢ sᵢ. */
  get energy(): number {
    return 0 - this.coupling * this.#totals.bonds - this.field * this.#totals.magnetization;
  }

  /** The total magnetisation M = Σᵢ sᵢ (an integer from −L² to L²). */
  get magnetization(): number {
    return this.#totals.magnetization;
  }

  /** The bond sum Σ⟨ij⟩ sᵢsⱼ over the 2L² bonds (an integer; E = −J·bondSum − h·M). */
  get bondSum(): number {
    return this.#totals.bonds;
  }

  /** How many spins the last Wolff sweep flipped (0 before any, or when a field refused it). */
  get lastClusterSize(): number {
    return this.#lastCluster;
  }

  /**
   * One sweep at temperature T (units of J/kB) with the algorithm (default "metropolis"): L²
   * single-spin updates in row order, or one Wolff cluster.
   */
  sweep(temperature: number, algorithm: IsingAlgorithm = "metropolis"): void {
    const fn = "IsingLattice.sweep";
    const T = temperatureOption(fn, "temperature", temperature);
    const alg = algorithmOption(fn, "algorithm", algorithm);
    const L = this.size;
    if (alg === "wolff") {
      if (this.coupling < 0) {
        throw new RangeError(
          `${fn}: "wolff" needs coupling ≥ 0 (its clusters grow along ferromagnetic bonds), got ${this.coupling}: use "metropolis" or "heatBath"`,
        );
      }
      if (this.#scratch === undefined) {
        this.#scratch = {
          members: new Int32Array(L * L),
          inCluster: new Uint8Array(L * L),
          around: new Int32Array(4),
        };
      }
      const add = threshold(1 - expDD((-2 * this.coupling) / T, 0));
      this.#lastCluster = wolffCluster(
        this.spins,
        L,
        add,
        T,
        this.field,
        this.#streams[0] as Generator,
        this.#scratch,
        this.#totals,
      );
      return;
    }
    const key = `${alg} ${T}`;
    if (key !== this.#tableFor) {
      this.#table =
        alg === "metropolis"
          ? metropolisTable(T, this.coupling, this.field)
          : heatBathTable(T, this.coupling, this.field);
      this.#tableFor = key;
    }
    const advanced = sweepOnKernel(this.spins, L, this.#table, this.#streams, this.#totals);
    if (advanced !== undefined) this.#streams = advanced;
    else singleSpinSweep(this.spins, L, this.#table, this.#streams, this.#totals);
  }

  /** Recomputes the totals from the spins. */
  #recount(): void {
    const L = this.size;
    const s = this.spins;
    let bonds = 0;
    let mag = 0;
    for (let r = 0; r < L; r++) {
      for (let c = 0; c < L; c++) {
        const v = s[r * L + c] as number;
        mag += v;
        bonds += v * ((s[r * L + ((c + 1) % L)] as number) + (s[((r + 1) % L) * L + c] as number));
      }
    }
    this.#totals.bonds = bonds;
    this.#totals.magnetization = mag;
  }
}
