/**
 * Second-order jets: a value carried with its first and second derivatives along one variable
 * (here always β = 1/(kB·T)), so that a closed form for ln Z written once also yields
 * U = −∂ln Z/∂β and Var(E) = ∂²ln Z/∂β² exactly (forward-mode differentiation: no step size,
 * no truncation error; every operation applies the chain rule to its exact derivatives).
 * @internal
 */

/** f(β), f′(β), f″(β). */
export interface Jet {
  readonly v: number;
  readonly d: number;
  readonly dd: number;
}

/** A constant (derivatives 0) or a given jet. */
export function jet(v: number, d = 0, dd = 0): Jet {
  return { v, d, dd };
}

export function add(a: Jet, b: Jet): Jet {
  return { v: a.v + b.v, d: a.d + b.d, dd: a.dd + b.dd };
}

export function sub(a: Jet, b: Jet): Jet {
  return { v: a.v - b.v, d: a.d - b.d, dd: a.dd - b.dd };
}

export function scale(a: Jet, k: number): Jet {
  return { v: k * a.v, d: k * a.d, dd: k * a.dd };
}

export function mul(a: Jet, b: Jet): Jet {
  return { v: a.v * b.v, d: a.d * b.v + a.v * b.d, dd: a.dd * b.v + 2 * a.d * b.d + a.v * b.dd };
}

/** f(x) given f, f′, f″ at x.v: the chain rule. */
function apply(x: Jet, f0: number, f1: number, f2: number): Jet {
  return { v: f0, d: f1 * x.d, dd: f2 * x.d * x.d + f1 * x.dd };
}

export function recip(x: Jet): Jet {
  const r = 1 / x.v;
  return apply(x, r, -r * r, 2 * r * r * r);
}

export function div(a: Jet, b: Jet): Jet {
  return mul(a, recip(b));
}

export function exp(x: Jet): Jet {
  const e = Math.exp(x.v);
  return apply(x, e, e, e);
}

export function expm1(x: Jet): Jet {
  const e = Math.exp(x.v);
  return apply(x, Math.expm1(x.v), e, e);
}

export function log(x: Jet): Jet {
  const r = 1 / x.v;
  return apply(x, Math.log(x.v), r, -r * r);
}

export function log1p(x: Jet): Jet {
  const r = 1 / (1 + x.v);
  return apply(x, Math.log1p(x.v), r, -r * r);
}

export function sqrt(x: Jet): Jet {
  const s = Math.sqrt(x.v);
  return apply(x, s, 0.5 / s, -0.25 / (s * x.v));
}

export function cosh(x: Jet): Jet {
  const c = Math.cosh(x.v);
  return apply(x, c, Math.sinh(x.v), c);
}

export function sinh(x: Jet): Jet {
  const s = Math.sinh(x.v);
  return apply(x, s, Math.cosh(x.v), s);
}

/** ln(1 + eˣ), without overflow: σ(x) and σ(x)(1 − σ(x)) as derivatives. */
export function softplus(x: Jet): Jet {
  const t = Math.exp(-Math.abs(x.v));
  const value = Math.max(x.v, 0) + Math.log1p(t);
  const s = x.v >= 0 ? 1 / (1 + t) : t / (1 + t);
  return apply(x, value, s, t / ((1 + t) * (1 + t)));
}

/** ln(1 − eˣ) for x < 0, accurate as x → 0⁻ and as x → −∞. */
export function logOneMinusExp(x: Jet): Jet {
  const e = Math.exp(x.v);
  const om = -Math.expm1(x.v);
  const value = x.v > -Math.LN2 ? Math.log(om) : Math.log1p(-e);
  return apply(x, value, -e / om, -e / (om * om));
}

/** xⁿ for an integer n ≥ 1, by the power rule (no logarithm: exact near x = 0, any sign of x). */
export function powi(x: Jet, n: number): Jet {
  if (n === 1) return x;
  const p2 = x.v ** (n - 2);
  const p1 = p2 * x.v;
  return apply(x, p1 * x.v, n * p1, n * (n - 1) * p2);
}
