import { boltzmannConstant } from "../internal/validate.js";
import { finiteOption, modelOptions, temperatureArgument } from "./closedForms.js";

/**
 * The spontaneous magnetisation per spin of the infinite square-lattice Ising ferromagnet,
 * m₀(T) = (1 − sinh⁻⁴(2J/(kB·T)))^{1/8} below T_c = 2J/(kB·ln(1 + √2)) and 0 above — Onsager's
 * announcement (1949), Yang's proof (1952). Near T_c it vanishes like (T_c − T)^{1/8}; a finite
 * L × L lattice's ⟨|M|⟩/L² approaches it from above and is not zero above T_c (finite size).
 *
 * Edge cases: T = ±0 gives 1; T ≥ T_c, T = ±∞ give 0; T < 0 or J < 0 give 0 (the order there is
 * antiferromagnetic: the staggered magnetisation is m₀ at |T|, |J| on the bipartite lattice);
 * NaN is a RangeError; J and kB as for the models (J ≠ 0 finite, kB > 0).
 *
 * @param temperature - T (units of J/kB with the defaults).
 * @see C. N. Yang, Phys. Rev. 85, 808 (1952); L. Onsager, Nuovo Cimento 6 (Suppl. 2), 261 (1949).
 * @example
 * ```ts
 * onsagerMagnetization(2).toFixed(6)  // => "0.911319"
 * onsagerMagnetization(2.27)          // => 0
 * onsagerMagnetization(0)             // => 1
 * ```
 */
export function onsagerMagnetization(
  temperature: number,
  options: { coupling?: number; kB?: number } = {},
): number {
  const fn = "onsagerMagnetization";
  const T = temperatureArgument(fn, temperature);
  const opts = modelOptions(fn, options, ["coupling", "kB"]);
  const J = finiteOption(fn, "options.coupling", opts.coupling, 1);
  if (J === 0) throw new RangeError(`${fn}: options.coupling must be nonzero, got 0`);
  const kB = boltzmannConstant(fn, opts.kB);
  if (T === 0) return J > 0 ? 1 : 0;
  if (T < 0 || J < 0 || !Number.isFinite(T)) return 0;
  const s = Math.sinh((2 * J) / (kB * T));
  const inside = 1 - 1 / (s * s * s * s);
  return inside > 0 ? inside ** 0.125 : 0;
}
