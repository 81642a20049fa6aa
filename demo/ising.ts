/**
 * The exact results the Monte Carlo panel draws its samples over, all from the library:
 * - the energy distribution of the 4 × 4 torus, P(E) = g(E)·e^(−E/T)/Z, from its exact density
 *   of states (`isingSquareDensityOfStates`, every one of the 2¹⁶ states counted) and `gibbs`;
 * - the energy and heat capacity per spin of the finite L × L torus at any L, from Kaufman's
 *   exact partition function (1949): `isingSquareKaufman`;
 * - the spontaneous magnetisation of the infinite lattice (Onsager 1949, Yang 1952),
 *   (1 − sinh⁻⁴(2J/T))^{1/8} below T_c and 0 above: `onsagerMagnetization`.
 */
import { gibbs } from "gibbs-softmax";
import {
  isingSquareDensityOfStates,
  isingSquareKaufman,
  onsagerMagnetization as yang,
} from "gibbs-softmax/models";

/** Onsager's critical temperature of the square lattice, T_c = 2J/ln(1 + √2) (kB = 1). */
export const CRITICAL_TEMPERATURE = 2 / Math.log(1 + Math.SQRT2);

/** The largest lattice side whose energy distribution is drawn exactly (2¹⁶ states). */
export const EXACT_SIZE = 4;

/** The energies E (J = 1) of the L × L torus, L ≤ 4, and P(E) at temperature T. */
export function exactEnergyDistribution(
  size: number,
  temperature: number,
): { energies: Float64Array; probabilities: Float64Array } {
  const { energies, degeneracies } = isingSquareDensityOfStates(size);
  return { energies, probabilities: gibbs(energies, { temperature, degeneracies }) };
}

/** Energy and heat capacity per spin of the L × L torus (J = kB = 1), exactly, at 0 < T < ∞. */
export function exactPerSpin(size: number): (temperature: number) => { u: number; c: number } {
  const torus = isingSquareKaufman({ size });
  const N = size * size;
  return (temperature) => {
    const exact = torus.exact(temperature);
    return { u: exact.internalEnergy / N, c: exact.heatCapacity / N };
  };
}

/** |M| per spin of the infinite lattice: (1 − sinh⁻⁴(2/T))^{1/8} below T_c, 0 above. */
export function onsagerMagnetization(temperature: number): number {
  return yang(temperature);
}

/** 2^(L²) written out in full when it has at most 40 digits (L ≤ 11), else null. */
export function stateCount(size: number): { exact: string | null } {
  const bits = size * size;
  if (bits * Math.log10(2) >= 40) return { exact: null };
  return { exact: (2n ** BigInt(bits)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ") };
}
