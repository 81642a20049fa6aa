import { describe } from "../internal/validate.js";

/**
 * The one thing a scalar activator refuses: an argument that is not a number. Every number,
 * NaN and ±Infinity included, is taken (NaN in, NaN out; the infinities give the limits), so an
 * activator never throws on a number. A string, a boolean, a BigInt, null or an object is a
 * TypeError naming the activator and the argument — where `Math.exp` would coerce `"1"` and
 * `true` to 1 silently (and throw on a BigInt), which in an activator turned `softplus("1")` into
 * the string "10.31…" and `leakyRelu(true)` into `true`. The check is one `typeof` on the hot path;
 * this function, which builds the message, is the cold path.
 * @internal
 */
export function notANumber(fn: string, name: string, value: unknown): never {
  throw new TypeError(`${fn}: ${name} must be a number, got ${describe(value)}`);
}
