/**
 * The two hyperbolic differences behind the paramagnet's closed forms, accurate at every
 * argument: both are differences of terms ~1/y that cancel as y → 0, so small arguments use
 * their Taylor series (coefficients from the Bernoulli numbers), and larger ones the direct
 * formula, whose condition number is below 13 there.
 * @internal
 */

// B₂, B₄, …, B₂₄: the Bernoulli numbers.
const BERNOULLI = [
  1 / 6,
  -1 / 30,
  1 / 42,
  -1 / 30,
  5 / 66,
  -691 / 2730,
  7 / 6,
  -3617 / 510,
  43867 / 798,
  -174611 / 330,
  854513 / 138,
  -236364091 / 2730,
];

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

// coth y − 1/y = Σₖ 2²ᵏ B₂ₖ y²ᵏ⁻¹ / (2k)!
const COTH = BERNOULLI.map((b, i) => (2 ** (2 * i + 2) * b) / factorial(2 * i + 2));
// 1/sinh² y − 1/y² = −Σₖ (2k − 1) 2²ᵏ B₂ₖ y²ᵏ⁻² / (2k)!
const CSCH2 = BERNOULLI.map((b, i) => (-(2 * i + 1) * 2 ** (2 * i + 2) * b) / factorial(2 * i + 2));

/** Below this |y| the series (ratio of terms ≈ (y/π)² ≤ 0.025) converges to an ulp in 12 terms. */
const SERIES = 0.5;

function series(coefficients: number[], y2: number): number {
  let s = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) s = s * y2 + (coefficients[i] as number);
  return s;
}

/** coth y − 1/y (odd; → y/3 as y → 0, → sign(y) as |y| → ∞). */
export function cothMinusInverse(y: number): number {
  const a = Math.abs(y);
  if (a < SERIES) return y * series(COTH, y * y);
  const t = Math.exp(-2 * a);
  const coth = (1 + t) / (1 - t);
  return Math.sign(y) * (coth - 1 / a);
}

/** 1/sinh² y − 1/y² (even; → −1/3 as y → 0, → −1/y² as |y| → ∞). */
export function cschSquaredMinusInverseSquared(y: number): number {
  const a = Math.abs(y);
  if (a < SERIES) return series(CSCH2, a * a);
  const t = Math.exp(-a);
  const csch = (2 * t) / (1 - t * t);
  return csch * csch - 1 / (a * a);
}
