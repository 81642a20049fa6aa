/**
 * Kaufman's exact partition function of the L×L Ising torus in zero field (B. Kaufman,
 * Phys. Rev. 76, 1232 (1949)), for m = n = L:
 *
 *     Z = ½·(2 sinh 2K)^{L²/2} · (Z₁ + Z₂ + Z₃ + Z₄),   K = βJ,
 *     Z₁,₂ = Π_{r=0}^{L−1} 2 cosh, 2 sinh (L·γ_{2r+1}/2),   Z₃,₄ = the same with γ_{2r},
 *     cosh γ_l = cosh 2K·coth 2K − cos(πl/L) (l ≥ 1),   γ₀ = 2K + ln tanh K.
 *
 * In doubles it is evaluated shifted by the ground energy (R = ln Z − 2L²K) with every large
 * exponent taken out analytically: γ_l = 2K + δ_l with δ_l = ln(W + √(W² − e^{−4K})),
 * W = (1 + e^{−4K})²/(2(1 − e^{−4K})) − cos(πl/L)·e^{−2K}, and each 2 cosh/2 sinh(Lγ/2) as
 * e^{Lγ/2}·(1 ± e^{−Lγ}); γ₀, which changes sign at the critical point, is taken directly while
 * |Lγ₀/2| ≤ 1. The derivatives in β come from jets, so U and C are exact derivatives of this Z.
 * @internal
 */
import {
  add,
  cosh,
  div,
  exp,
  expm1,
  type Jet,
  jet,
  log,
  logOneMinusExp,
  mul,
  scale,
  sinh,
  softplus,
  sqrt,
  sub,
} from "./jet.js";
import type { ShiftedLogZ } from "./transferMatrix.js";

function neg(x: Jet): Jet {
  return scale(x, -1);
}

/** R = ln Z − 2L²·βJ and the reference (ground) energy −2L²J, for βJ > 0. */
export function kaufmanLogPartition(L: number, J: number, beta: number): ShiftedLogZ {
  const K = jet(beta * J, J);
  const q = exp(scale(K, -4));
  const e2K = exp(scale(K, -2));
  const oneMinusQ = neg(expm1(scale(K, -4)));
  const onePlusQ = add(jet(1), q);
  const base = div(mul(onePlusQ, onePlusQ), scale(oneMinusQ, 2));
  const delta = (l: number): Jet => {
    const W = sub(base, scale(e2K, Math.cos((Math.PI * l) / L)));
    return log(add(W, sqrt(sub(mul(W, W), q))));
  };
  // The factors with l ≥ 1: Σ (L/2)·δ_l, Π (1 + e^{−Lγ_l}), Π (1 − e^{−Lγ_l}).
  const factors = (ls: number[]): { E: Jet; plus: Jet; minus: Jet } => {
    let E = jet(0);
    let plus = jet(1);
    let minus = jet(1);
    for (const l of ls) {
      const d = delta(l);
      const tail = scale(add(scale(K, 2), d), -L); // −L·γ_l
      E = add(E, scale(d, L / 2));
      plus = mul(plus, add(jet(1), exp(tail)));
      minus = mul(minus, neg(expm1(tail)));
    }
    return { E, plus, minus };
  };
  const odd = factors(Array.from({ length: L }, (_, r) => 2 * r + 1));
  const even = factors(Array.from({ length: L - 1 }, (_, r) => 2 * r + 2));
  // γ₀ = 2K + ln tanh K, ln tanh K = ln(1 − e^{−2K}) − ln(1 + e^{−2K}).
  const delta0 = sub(logOneMinusExp(scale(K, -2)), softplus(scale(K, -2)));
  const x0 = scale(add(scale(K, 2), delta0), L / 2);
  let E0: Jet;
  let c0: Jet;
  let s0: Jet;
  if (Math.abs(x0.v) <= 1) {
    E0 = scale(K, -L);
    c0 = scale(cosh(x0), 2);
    s0 = scale(sinh(x0), 2);
  } else if (x0.v > 0) {
    E0 = scale(delta0, L / 2);
    c0 = add(jet(1), exp(scale(x0, -2)));
    s0 = neg(expm1(scale(x0, -2)));
  } else {
    E0 = sub(scale(K, -2 * L), scale(delta0, L / 2));
    c0 = add(jet(1), exp(scale(x0, 2)));
    s0 = expm1(scale(x0, 2));
  }
  const Eodd = odd.E;
  const Eeven = add(even.E, E0);
  const top = Eodd.v >= Eeven.v ? Eodd : Eeven;
  const inner = add(
    mul(exp(sub(Eodd, top)), add(odd.plus, odd.minus)),
    mul(exp(sub(Eeven, top)), add(mul(c0, even.plus), mul(s0, even.minus))),
  );
  const R = add(add(jet(-Math.LN2), scale(log(oneMinusQ), (L * L) / 2)), add(top, log(inner)));
  return { R, reference: -2 * L * L * J };
}
