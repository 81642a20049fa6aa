/**
 * The check shared by the statistics helpers: a series of finite numbers, long enough.
 * @internal
 */
import { checkVector, describe } from "../internal/validate.js";

/** Copies a series into a Float64Array, refusing non-numbers, NaN and ±∞ by index. */
export function finiteSeries(fn: string, value: unknown, minLength: number): Float64Array {
  const v = checkVector(fn, "series", value);
  const n = v.length;
  if (n < minLength) {
    throw new RangeError(`${fn}: series has ${n} values; it needs at least ${minLength}`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== "number") {
      throw new TypeError(`${fn}: series[${i}] must be a number, got ${describe(x)}`);
    }
    if (!Number.isFinite(x)) throw new RangeError(`${fn}: series[${i}] is ${x}`);
    out[i] = x;
  }
  return out;
}

/** The mean, summed in pairs of blocks so a long series keeps its digits. */
export function mean(x: Float64Array): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    // Kahan–Babuška (Neumaier) summation.
    const v = x[i] as number;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return (s + c) / x.length;
}
