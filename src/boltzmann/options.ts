import {
  boltzmannConstant,
  optionsOf,
  requiredNumber,
  type WritableArrayLike,
} from "../internal/validate.js";

/** Options shared by the Boltzmann-side functions. */
export interface GibbsOptions {
  /** Temperature T (required). ±0 is the T → 0⁺ limit, ±Infinity the uniform limit; T < 0 is allowed. */
  temperature: number;
  /** Boltzmann's constant (default 1: reduced units, energies in units of kB·T). */
  kB?: number;
  /** Degeneracies gᵢ ≥ 0 (default all 1), same length as the energies. */
  degeneracies?: ArrayLike<number>;
}

/** {@link GibbsOptions} with a caller-supplied output vector. */
export interface GibbsIntoOptions<O extends WritableArrayLike> extends GibbsOptions {
  /**
   * A plain array, a Float64Array or a Float32Array of the same length, filled and returned; any
   * other typed array, a BigInt array or a frozen array is a TypeError.
   */
  out: O;
}

/** Reads and checks the options every Boltzmann-side function takes. @internal */
/** The options of partitionFunction, logPartitionFunction and thermodynamics. */
const GIBBS_OPTIONS = ["temperature", "kB", "degeneracies"] as const;
/** The options of gibbs, which can write into `out`. */
const GIBBS_INTO_OPTIONS = [...GIBBS_OPTIONS, "out"] as const;

export function gibbsOptions(
  fn: string,
  options: GibbsOptions | undefined,
  withOut = false,
): {
  temperature: number;
  kB: number;
  degeneracies: ArrayLike<number> | undefined;
  out: WritableArrayLike | undefined;
} {
  if (options === undefined) {
    throw new TypeError(`${fn}: options with a temperature are required, e.g. { temperature: 1 }`);
  }
  const opts = optionsOf(
    fn,
    options,
    withOut ? GIBBS_INTO_OPTIONS : GIBBS_OPTIONS,
  ) as Partial<GibbsOptions> & {
    out?: WritableArrayLike;
  };
  return {
    temperature: requiredNumber(fn, "options.temperature", opts.temperature),
    kB: boltzmannConstant(fn, opts.kB),
    degeneracies: opts.degeneracies,
    out: opts.out,
  };
}
