/**
 * The defining constants of the SI (2019), exact by definition, as adopted in CODATA 2018:
 * `boltzmann` kB = 1.380649e−23 J/K, `planck` h = 6.62607015e−34 J·s, `speedOfLight`
 * c = 299 792 458 m/s, `avogadro` N_A = 6.02214076e23 /mol and `elementaryCharge`
 * e = 1.602176634e−19 C (so 1 eV = 1.602176634e−19 J exactly).
 *
 * The units module uses these numbers itself rather than mathjs' built-in ones: mathjs 15's
 * physical constants are the CODATA 2018 values, but its `eV` unit is still CODATA 2010's
 * 1.602176565e−19 J (4·10⁻⁸ off), so this module redefines the electronvolt from `elementaryCharge`.
 *
 * @see E. Tiesinga et al., CODATA Recommended Values of the Fundamental Physical Constants: 2018,
 *   Rev. Mod. Phys. 93, 025010 (2021); https://physics.nist.gov/cuu/Constants/
 * @example
 * ```ts
 * CODATA_2018.boltzmann                                  // => 1.380649e-23
 * CODATA_2018.avogadro * CODATA_2018.boltzmann           // => 8.31446261815324
 * ```
 */
export const CODATA_2018 = Object.freeze({
  /** Boltzmann constant kB, J/K (exact). */
  boltzmann: 1.380649e-23,
  /** Planck constant h, J·s (exact). */
  planck: 6.62607015e-34,
  /** Speed of light in vacuum c, m/s (exact). */
  speedOfLight: 299792458,
  /** Avogadro constant N_A, 1/mol (exact). */
  avogadro: 6.02214076e23,
  /** Elementary charge e, C (exact). */
  elementaryCharge: 1.602176634e-19,
});
