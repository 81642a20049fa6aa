import { gibbs } from "../boltzmann/gibbs.js";
import { requiredNumber } from "../internal/validate.js";

const energies = new Float64Array(2);
const occupations = new Float64Array(2);

/**
 * The heat-bath rule for one Ising spin: the probability that spin i is +1 given its
 * neighbours, P(sᵢ = +1) = e^{hᵢ/T} / (e^{hᵢ/T} + e^{−hᵢ/T}) = σ(2hᵢ/T), where
 * hᵢ = J·Σⱼ sⱼ + h is the local field (the sum over the four neighbours). It is the Gibbs
 * distribution of a two-state system with energies ∓hᵢ — a two-state softmax over the logits
 * (hᵢ, −hᵢ) at temperature T — and it is computed exactly so, by {@link gibbs}, with the
 * library's exact kernel. The heat-bath sweep of {@link IsingLattice} builds its table from
 * this function: that one line is the bridge between softmax and Monte Carlo.
 *
 * Returns both probabilities, each accurate to a few ulp even where one is tiny (σ(−40) is
 * 4.2e−18, not 0 from 1 − σ(40)).
 *
 * Edge cases: T must be finite and > 0 and hᵢ finite (RangeError naming the argument); NaN is a
 * RangeError.
 *
 * @param localField - hᵢ = J·Σ neighbours + h, in units of J.
 * @param temperature - T in units of J/kB.
 * @returns `{ up, down }`: P(sᵢ = +1) and P(sᵢ = −1), summing to 1.
 * @see R. J. Glauber, J. Math. Phys. 4, 294 (1963) (the heat-bath, or Glauber, dynamics);
 *   M. E. J. Newman, G. T. Barkema, Monte Carlo Methods in Statistical Physics (1999), §4.5.1.
 * @example
 * ```ts
 * heatBathProbability(2, 2.5)  // => { up: 0.8320183851339245, down: 0.16798161486607552 }
 * heatBathProbability(2, 2.5).up === softmax([2, -2], { temperature: 2.5 })[0] // => true
 * heatBathProbability(0, 1)    // => { up: 0.5, down: 0.5 }
 * ```
 */
export function heatBathProbability(
  localField: number,
  temperature: number,
): { up: number; down: number } {
  const fn = "heatBathProbability";
  const h = requiredNumber(fn, "localField", localField);
  const T = requiredNumber(fn, "temperature", temperature);
  if (!Number.isFinite(h)) throw new RangeError(`${fn}: localField must be finite, got ${h}`);
  if (!(T > 0) || !Number.isFinite(T)) {
    throw new RangeError(`${fn}: temperature must be finite and > 0, got ${T}`);
  }
  // The two states sᵢ = +1, −1 have energies −hᵢ and +hᵢ.
  energies[0] = -h;
  energies[1] = h;
  gibbs(energies, { temperature: T, out: occupations });
  return { up: occupations[0] as number, down: occupations[1] as number };
}
