/**
 * test/fixtures/montecarlo.json (make_montecarlo_references.py: Kaufman's finite-lattice
 * partition function and Onsager–Yang's magnetisation in mpmath at 60 digits), loaded once for the
 * tests of the exact curves (test/models/isingSquareKaufman.test.ts) and of the Monte Carlo
 * estimates against them (test/montecarlo/thermodynamics.test.ts). Its lists must be there and
 * hold something (test/helpers/lists.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { requireLists } from "./lists.js";

export interface MonteCarloReferences {
  kaufman: {
    size: number;
    temperature: number;
    energyPerSpin: number;
    heatCapacityPerSpin: number;
  }[];
  onsager: { temperature: number; magnetization: number }[];
}

/** The critical temperature of the square lattice, T_c = 2/ln(1 + √2) (kB = J = 1). */
export const TC = 2 / Math.log(1 + Math.SQRT2);

export function loadMonteCarloReferences(): MonteCarloReferences {
  const fixture = JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "fixtures", "montecarlo.json"), "utf8"),
  ) as MonteCarloReferences;
  requireLists(fixture, "montecarlo.json", ["kaufman", "onsager"]);
  return fixture;
}
