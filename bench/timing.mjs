/**
 * Timing and data shared by the benchmark scripts (harness.mjs, js-peers.mjs): the same
 * logits and the same median-of-repeats clock on every side, so their figures compare.
 */

/** Uniform logits in [−10, 10], from a fixed LCG so every run times the same data. */
export function logits(n, Type = Float64Array, seed = 1) {
  const z = new Type(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    z[i] = (s / 4294967296) * 20 - 10;
  }
  return z;
}

/**
 * Median ns per element of f() over `repeats` runs after `warmup` runs (f may be async). The
 * warm-up also lasts at least `warmupMs`, so the JIT has optimised the code being timed (as in a
 * real workload of many calls); calls on fewer than 10⁵ elements are timed in batches of about
 * 10⁵ elements, so each sample is well above the clock's resolution.
 */
export async function timeIt(f, n, { repeats = 15, warmup = 3, warmupMs = 300 } = {}) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < warmup || Number(process.hrtime.bigint() - start) < warmupMs * 1e6; i++) {
    await f();
  }
  const batch = Math.max(1, Math.floor(1e5 / n));
  const t = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    for (let b = 0; b < batch; b++) await f();
    t.push(Number(process.hrtime.bigint() - t0) / batch);
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1] / n;
}
