/**
 * The periodic Ising chain's partition function by its 2×2 transfer matrix
 * T = [[e^{β(J+h)}, e^{−βJ}], [e^{−βJ}, e^{β(J−h)}]]: Z = Tr Tᴺ = λ₊ᴺ + λ₋ᴺ, where
 * λ± = t ± v with t = e^{βJ}·cosh βh (half the trace) and v = √(e^{2βJ} sinh² βh + e^{−2βJ}).
 * @internal
 */
import {
  add,
  cosh,
  div,
  exp,
  type Jet,
  jet,
  log,
  log1p,
  logOneMinusExp,
  mul,
  powi,
  scale,
  sinh,
  softplus,
  sqrt,
  sub,
} from "./jet.js";

/** R = ln Z + β·E* as a jet in β, with E* = −N·c the reference energy. */
export interface ShiftedLogZ {
  R: Jet;
  reference: number;
}

/**
 * ln Σ exp(lₖ) over jets, with the derivatives in two passes: R′ = Σ pₖ lₖ′ and
 * R″ = Σ pₖ lₖ″ + Σ pₖ (lₖ′ − R′)², pₖ = e^{lₖ}/Σ e^{l}, so a variance is never formed as a
 * difference of squares.
 */
export function logSumExpJets(terms: Jet[]): Jet {
  let top = Number.NEGATIVE_INFINITY;
  for (const t of terms) top = Math.max(top, t.v);
  const w = terms.map((t) => Math.exp(t.v - top));
  const sum = w.reduce((s, x) => s + x, 0);
  // ln Σ = top + ln(1 + rest): the rest (every term but one largest) keeps its digits.
  let rest = 0;
  let skipped = false;
  for (const x of w) {
    if (x === 1 && !skipped) skipped = true;
    else rest += x;
  }
  let mean = 0;
  let second = 0;
  terms.forEach((t, k) => {
    const p = (w[k] as number) / sum;
    mean += p * t.d;
    second += p * t.dd;
  });
  let variance = 0;
  terms.forEach((t, k) => {
    const dev = t.d - mean;
    variance += ((w[k] as number) / sum) * dev * dev;
  });
  return { v: top + Math.log1p(rest), d: mean, dd: second + variance };
}

/** ln C(N, k) for even k = 0, 2, …, from exact binomials (each rounded once). */
export function logEvenBinomials(N: number): Float64Array {
  const out = new Float64Array(Math.floor(N / 2) + 1);
  let c = 1n;
  for (let k = 0; k <= N; k++) {
    if (k > 0) c = (c * BigInt(N - k + 1)) / BigInt(k);
    if (k % 2 === 0) out[k / 2] = Math.log(Number(c));
  }
  return out;
}

/**
 * ln Z of the periodic chain at β > 0, in one of two exact forms chosen by the size of
 * |λ₋/λ₊|ᴺ, each free of cancellation where it is used. Every factor is shifted by the leading
 * exponent ℓ = β·c of λ₊, c = max(J + |h|, −J), so that E* = −N·c (the infinite chain's ground
 * energy, a lower bound of the ring's) is the reference, and only exponents ≤ 0 appear:
 * - |λ₋/λ₊|ᴺ ≤ ½ (a unique ground state, or high T): ln Z = Nℓ + N·ln(λ₊e^{−ℓ}) + ln(1 ± |λ₋/λ₊|ᴺ),
 *   with ln(λ₊e^{−ℓ}) = ln(1 + r) for a small r formed without subtraction;
 * - otherwise (near-degenerate ground states: h ≈ 0 at low T, or the frustrated ring of odd N
 *   with J < 0, where λ₋ ≈ ±λ₊ and the eigenvalue form loses every digit): the odd powers of v
 *   cancel exactly in (t + v)ᴺ + (t − v)ᴺ, so Z = 2·Σ_{k even} C(N, k)·t^{N−k}·vᵏ, a sum of
 *   positive terms (t = e^{βJ} cosh βh, v = √(e^{2βJ} sinh² βh + e^{−2βJ})).
 */
export function chainLogPartition(
  N: number,
  J: number,
  h: number,
  beta: number,
  logBinomials: Float64Array,
): ShiftedLogZ {
  const ah = Math.abs(h);
  const a = jet(beta * J, J); // βJ
  const b = jet(beta * ah, ah); // β|h|
  const ln2 = jet(Math.LN2);
  const lnCoshShift = sub(softplus(scale(b, -2)), ln2); // ln cosh b − |b|
  // ln((1 − e^{−2|b|})/2) = ln(e^{−|b|} sinh |b|); −∞ at h = 0.
  const lnHalf = ah === 0 ? undefined : sub(logOneMinusExp(scale(b, -2)), ln2);
  let lnP: Jet; // ln(t e^{−ℓ})
  let lnQ: Jet; // ln(v e^{−ℓ})
  let lnPQ: Jet; // ln(λ₊ e^{−ℓ}) = ln(P + Q)
  let lnD: Jet; // ln(|λ₊λ₋| e^{−2ℓ}) = ln|2 sinh 2a| − 2ℓ
  let c: number;
  if (2 * J + ah >= 0) {
    c = J + ah;
    lnP = lnCoshShift;
    const cross = sub(scale(a, -4), scale(b, 2)); // ln of e^{−4a−2|b|}, ≤ 0
    lnQ = scale(lnHalf === undefined ? cross : logSumExpJets([scale(lnHalf, 2), cross]), 0.5);
    // P = 1 − half, so P + Q = 1 + (Q − half) = 1 + e^{cross}/(Q + half): no subtraction.
    const half = lnHalf === undefined ? jet(0) : exp(lnHalf);
    lnPQ = log1p(div(exp(cross), add(exp(lnQ), half)));
    lnD =
      J >= 0
        ? add(scale(b, -2), logOneMinusExp(scale(a, -4)))
        : add(cross, logOneMinusExp(scale(a, 4)));
  } else {
    c = -J;
    lnP = add(add(scale(a, 2), b), lnCoshShift);
    // Q² = 1 + e^{4a}·sinh² b = 1 + y, y = e^{4a + 2|b|}·((1 − e^{−2|b|})/2)².
    const lnY =
      lnHalf === undefined ? undefined : add(add(scale(a, 4), scale(b, 2)), scale(lnHalf, 2));
    lnQ = lnY === undefined ? jet(0) : scale(softplus(lnY), 0.5);
    // ln(P + Q) = ln(1 + P + (Q − 1)), with Q − 1 = y/(1 + Q).
    const qMinus1 = lnY === undefined ? jet(0) : div(exp(lnY), add(jet(1), exp(lnQ)));
    lnPQ = log1p(add(exp(lnP), qMinus1));
    lnD = logOneMinusExp(scale(a, 4));
  }
  const reference = -N * c;
  const power = J === 0 ? undefined : scale(sub(lnD, scale(lnPQ, 2)), N); // N·ln|λ₋/λ₊|
  if (power === undefined || power.v <= -Math.LN2) {
    let R = scale(lnPQ, N);
    if (power !== undefined && power.v > -800) {
      const negative = J < 0 && N % 2 === 1; // the sign of λ₋ᴺ
      R = add(R, negative ? logOneMinusExp(power) : softplus(power));
    }
    return { R, reference };
  }
  const terms: Jet[] = [];
  for (let k = 0; k <= N; k += 2) {
    const coefficient = jet(Math.LN2 + (logBinomials[k / 2] as number));
    terms.push(add(coefficient, add(scale(lnP, N - k), scale(lnQ, k))));
  }
  return { R: logSumExpJets(terms), reference };
}

/**
 * ln Z of the periodic chain at small β·(|J| + |h|) (high T), unshifted (E* = 0): the shift by
 * the ground energy would make U = E* − R′ a difference of O(N) terms that leaves O(Nβ). Here
 * λ₊ ≈ 2 and λ₋ = 2 sinh 2βJ/λ₊ ≈ 2βJ are formed with their small parts apart (sinh² βh, no
 * logarithm of a small argument), so nothing overflows or cancels as β → 0.
 */
export function chainLogPartitionHighT(N: number, J: number, h: number, beta: number): ShiftedLogZ {
  const a = jet(beta * J, J);
  const b = jet(beta * h, h);
  // λ₊ = 2 cosh a + eᵃ·(cosh b − 1) + e⁻ᵃ·(W − 1), W = √(1 + e^{4a} sinh² b): the O(1) parts
  // e^{±a} are paired into cosh a, so λ₊′ = 2J sinh a + … has no cancellation as β → 0.
  const halfSinh = sinh(scale(b, 0.5));
  const coshMinus1 = scale(mul(halfSinh, halfSinh), 2);
  const sb = sinh(b);
  const y = mul(exp(scale(a, 4)), mul(sb, sb));
  const wMinus1 = div(y, add(jet(1), sqrt(add(jet(1), y))));
  const plus = add(
    scale(cosh(a), 2),
    add(mul(exp(a), coshMinus1), mul(exp(scale(a, -1)), wMinus1)),
  );
  let R = scale(log(plus), N);
  if (J !== 0 && beta !== 0) {
    // ρ = λ₋/λ₊ ≈ βJ is small here: ρᴺ by the power rule, as ln ρ would bring 1/β² terms that cancel.
    const rho = div(scale(sinh(scale(a, 2)), 2), mul(plus, plus));
    R = add(R, log1p(powi(rho, N)));
  }
  return { R, reference: 0 };
}
