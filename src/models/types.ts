import type { Spectrum } from "../boltzmann/mergeLevels.js";
import type { ThermodynamicState } from "../internal/thermo.js";

/**
 * The exact thermodynamic state of a model at one temperature: the fields of
 * {@link "gibbs-softmax"!thermodynamics} (without the occupations), from the model's closed forms.
 */
export type ExactState = ThermodynamicState;

/** Exact functions of the temperature T (same units as kB·T = energy). */
export interface ClosedForms {
  /** Every quantity at once. */
  exact(temperature: number): ExactState;
  /** ln Z(T). */
  logZ(temperature: number): number;
  /** F(T) = −kB·T·ln Z. */
  freeEnergy(temperature: number): number;
  /** U(T) = ⟨E⟩. */
  internalEnergy(temperature: number): number;
  /** S(T). */
  entropy(temperature: number): number;
  /** C(T) = dU/dT. */
  heatCapacity(temperature: number): number;
}

/**
 * An exactly solvable system: its spectrum (levels and degeneracies, ready for the core's
 * `thermodynamics`, `sweep`, `gibbs`) and its closed forms, so numeric and exact values can be
 * shown side by side.
 */
export interface ExactModel extends Spectrum, ClosedForms {
  /** Boltzmann's constant the closed forms use (the model's `kB` option, default 1). */
  kB: number;
}
