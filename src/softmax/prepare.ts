import { type Beta, betaOf, LOGITS, type Spectrum, scan } from "../internal/kernel.js";
import {
  numberOption,
  optionsOf,
  outputVector,
  type WritableArrayLike,
} from "../internal/validate.js";

/**
 * The common front of softmax and logSoftmax: reads the options, validates the logits, and
 * prepares the output. Every logit masked is a RangeError (unless the vector is empty).
 * @internal
 */
export function prepareLogits(
  fn: string,
  logits: ArrayLike<number>,
  options: { temperature?: number; out?: WritableArrayLike } | undefined,
): { S: Spectrum; B: Beta; out: WritableArrayLike } {
  const opts = optionsOf(fn, options);
  const temperature = numberOption(fn, "options.temperature", opts.temperature, 1);
  const S = scan(fn, "logits", logits, LOGITS);
  const out = outputVector(fn, opts.out, "logits", S.n);
  if (S.n > 0 && S.active === 0) {
    throw new RangeError(
      `${fn}: every logit is -Infinity (every state is masked); the distribution is not defined`,
    );
  }
  return { S, B: betaOf(LOGITS, 1, temperature), out };
}
