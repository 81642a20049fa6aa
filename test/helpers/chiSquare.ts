/**
 * Pearson's χ² goodness-of-fit test for the Monte Carlo tests: observed counts against exact
 * probabilities, bins with an expected count below 5 pooled (the usual rule of thumb), and the
 * p-value from the χ² distribution's survival function Q(k/2, x/2), the regularized upper
 * incomplete gamma function (series below a + 1, Lentz's continued fraction above; Numerical
 * Recipes, 3rd ed., §6.2). Checked against scipy.stats.chi2.sf in test/montecarlo/chiSquare.test.ts.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Q(a, x) = Γ(a, x)/Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(lead);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}

/** P(χ²_k ≥ x). */
export function chiSquareSurvival(x: number, k: number): number {
  return gammaQ(k / 2, x / 2);
}

/** The χ² statistic, its degrees of freedom and p-value for counts against probabilities. */
export function chiSquareTest(
  counts: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): { statistic: number; dof: number; p: number; bins: number } {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i] as number;
  // Pool neighbouring bins until each expected count is at least 5.
  const obs: number[] = [];
  const exp: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < probabilities.length; i++) {
    o += counts[i] as number;
    e += n * (probabilities[i] as number);
    if (e >= 5) {
      obs.push(o);
      exp.push(e);
      o = 0;
      e = 0;
    }
  }
  if (e > 0 || o > 0) {
    if (exp.length === 0) {
      obs.push(o);
      exp.push(e);
    } else {
      obs[obs.length - 1] = (obs.at(-1) as number) + o;
      exp[exp.length - 1] = (exp.at(-1) as number) + e;
    }
  }
  let statistic = 0;
  for (let i = 0; i < obs.length; i++) {
    const d = (obs[i] as number) - (exp[i] as number);
    statistic += (d * d) / (exp[i] as number);
  }
  const dof = obs.length - 1;
  return { statistic, dof, p: dof > 0 ? chiSquareSurvival(statistic, dof) : 1, bins: obs.length };
}
