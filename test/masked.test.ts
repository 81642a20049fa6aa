/**
 * Fully masked rows (issue 12): `onAllMasked: "zeros"` for softmax, logSoftmax, softmaxRows and
 * logSoftmaxRows. Attention code pads with −∞, and a row that is padding only is normal there;
 * JAX's `jax.nn.softmax(where=…)` and PyTorch's safe softmax give it probabilities 0. The expected
 * values are those closed forms (0 and −∞) and, for the other rows, the per-row softmax.
 */
import { describe, expect, it } from "vitest";
import { logSoftmax, logSoftmaxRows, softmax, softmaxRows } from "../src/index.js";

const M = Number.NEGATIVE_INFINITY;

describe("onAllMasked", () => {
  it('"error" (the default) keeps today\'s RangeError, and says what "zeros" would give', () => {
    expect(() => softmax([M, M])).toThrow(/softmax: every logit is -Infinity/);
    expect(() => softmax([M, M], { onAllMasked: "error" })).toThrow(RangeError);
    expect(() => logSoftmax([M])).toThrow(/log-probabilities -Infinity/);
    expect(() => softmaxRows([0, 1, M, M], { columns: 2 })).toThrow(
      /softmaxRows: row 1: every logit is -Infinity/,
    );
  });

  it('"zeros" gives probabilities 0 and log-probabilities −Infinity for an all-masked vector', () => {
    expect(softmax([M, M, M], { onAllMasked: "zeros" })).toEqual(new Float64Array(3));
    expect(Array.from(logSoftmax([M, M], { onAllMasked: "zeros" }))).toEqual([M, M]);
    for (const temperature of [0, 0.5, -2, Number.POSITIVE_INFINITY]) {
      expect(softmax(Float64Array.of(M, M), { onAllMasked: "zeros", temperature })).toEqual(
        new Float64Array(2),
      );
    }
    const out = [7, 7];
    expect(softmax([M, M], { onAllMasked: "zeros", out })).toBe(out);
    expect(out).toEqual([0, 0]);
    const out32 = softmax(Float32Array.of(M, M), {
      onAllMasked: "zeros",
      out: new Float32Array(2),
    });
    expect(Array.from(out32)).toEqual([0, 0]);
    // Anything with one unmasked state is unaffected.
    expect(softmax([M, 3], { onAllMasked: "zeros" })).toEqual(Float64Array.of(0, 1));
    expect(softmax([], { onAllMasked: "zeros" })).toEqual(new Float64Array(0));
  });

  it("computes the other rows of a batch exactly as softmax of each row", () => {
    const matrix = Float64Array.of(1, 2, 3, M, M, M, 0, M, 5, 4, 4, 4);
    const p = softmaxRows(matrix, { columns: 3, onAllMasked: "zeros", temperature: 0.7 });
    const lp = logSoftmaxRows(matrix, { columns: 3, onAllMasked: "zeros", temperature: 0.7 });
    for (let r = 0; r < 4; r++) {
      const row = matrix.subarray(3 * r, 3 * r + 3);
      if (r === 1) {
        expect(Array.from(p.subarray(3, 6))).toEqual([0, 0, 0]);
        expect(Array.from(lp.subarray(3, 6))).toEqual([M, M, M]);
        continue;
      }
      expect(p.subarray(3 * r, 3 * r + 3)).toEqual(softmax(row, { temperature: 0.7 }));
      expect(lp.subarray(3 * r, 3 * r + 3)).toEqual(logSoftmax(row, { temperature: 0.7 }));
    }
    const plain: number[] = new Array(12).fill(9);
    softmaxRows(Array.from(matrix), {
      columns: 3,
      onAllMasked: "zeros",
      temperature: 0.7,
      out: plain,
    });
    expect(plain).toEqual(Array.from(p));
  });

  it("refuses anything but the two modes, naming the option", () => {
    expect(() => softmax([0], { onAllMasked: "nan" as "zeros" })).toThrow(
      /softmax: options.onAllMasked must be "error" or "zeros", got "nan"/,
    );
    expect(() => logSoftmaxRows([0], { columns: 1, onAllMasked: 0 as unknown as "zeros" })).toThrow(
      TypeError,
    );
  });
});
