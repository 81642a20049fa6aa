#!/usr/bin/env python3
"""Python peers for bench/harness.mjs, as a small server: one JSON request per line on standard
input, one JSON answer per line on standard output, so the harness can time ours and a peer back
to back, many times, without starting Python for each figure.

Requests:
  {"op": "versions"}                                   -> {"python", "numpy", "scipy"}
  {"op": "data", "n": N, "dtype": "float64"}           -> {"head": [first 4 values], "sum": float}
  {"op": "time", "peer": P, "n": N, "dtype": D, "repeats": R, "warmup_ms": W}
                                                       -> {"ns_per_element": x}
Peers (a, the logits; o, a preallocated output of the same dtype):
  numpy-seed       np.exp(a) / np.sum(np.exp(a))           the seed lecture's code (allocates)
  scipy-softmax    scipy.special.softmax(a)                (allocates)
  numpy-out        m = a.max(); np.subtract(a, m, out=o); np.exp(o, out=o); s = o.sum();
                   np.divide(o, s, out=o)                  (numpy written with out=: no allocation)
  scipy-logsumexp  scipy.special.logsumexp(a)
  numpy-logsumexp  m = a.max(); m + np.log(np.sum(np.exp(a - m)))
The logits are bench/timing.mjs's: the same LCG (Numerical Recipes constants, seed 1), so both
sides time the very same numbers (the "data" request lets the harness check that).
Timing as bench/timing.mjs: warm-up (at least warmup_ms and 2 calls), then the median of
`repeats` samples, each a batch of calls covering about 10^5 elements.
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.special

_cache = {}


def logits(n, dtype):
    """bench/timing.mjs logits(n, Type, seed=1): s <- 1664525*s + 1013904223 mod 2^32, then
    z[i] = (s / 2^32) * 20 - 10 (in double, then rounded to the dtype), vectorised with the
    closed form s_i = a^i * s_0 + c * (a^i - 1)/(a - 1) mod 2^32 (wrap-around in uint64 keeps
    the residues mod 2^32 exact)."""
    key = (n, dtype)
    if key not in _cache:
        a = np.uint64(1664525)
        c = np.uint64(1013904223)
        mask = np.uint64(0xFFFFFFFF)
        with np.errstate(over="ignore"):
            powers = np.cumprod(np.full(n, a, dtype=np.uint64)) & mask  # a^(i+1)
            geometric = np.empty(n, dtype=np.uint64)  # 1 + a + ... + a^i
            geometric[0] = 1
            if n > 1:
                geometric[1:] = (np.cumsum(powers[:-1]) + np.uint64(1)) & mask
            s = (powers * np.uint64(1) + c * geometric) & mask
        z = (s.astype(np.float64) / 4294967296.0) * 20.0 - 10.0
        _cache.clear()
        _cache[key] = z.astype(dtype)
    return _cache[key]


def peer(name, a):
    o = np.empty_like(a)
    if name == "numpy-seed":
        return lambda: np.exp(a) / np.sum(np.exp(a))
    if name == "scipy-softmax":
        return lambda: scipy.special.softmax(a)
    if name == "numpy-out":

        def into_out():
            m = a.max()
            np.subtract(a, m, out=o)
            np.exp(o, out=o)
            s = o.sum()
            np.divide(o, s, out=o)
            return o

        return into_out
    if name == "scipy-logsumexp":
        return lambda: scipy.special.logsumexp(a)
    if name == "numpy-logsumexp":

        def lse():
            m = a.max()
            return m + np.log(np.sum(np.exp(a - m)))

        return lse
    raise ValueError(f"unknown peer {name!r}")


def median_ns(f, n, repeats, warmup_ms):
    start = time.perf_counter_ns()
    calls = 0
    while calls < 2 or time.perf_counter_ns() - start < warmup_ms * 1e6:
        f()
        calls += 1
    batch = max(1, 100_000 // n)
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        for _ in range(batch):
            f()
        samples.append((time.perf_counter_ns() - t0) / batch)
    samples.sort()
    return samples[len(samples) // 2] / n


def answer(request):
    op = request.get("op")
    if op == "versions":
        return {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__}
    dtype = np.dtype(request.get("dtype", "float64")).type
    n = int(request["n"])
    a = logits(n, dtype)
    if op == "data":
        return {"head": [float(x) for x in a[:4]], "sum": float(np.sum(a, dtype=np.float64))}
    if op == "time":
        f = peer(request["peer"], a)
        ns = median_ns(f, n, int(request.get("repeats", 9)), float(request.get("warmup_ms", 300)))
        return {"ns_per_element": ns}
    raise ValueError(f"unknown op {op!r}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            out = answer(json.loads(line))
        except Exception as error:  # reported to the harness, which names the peer
            out = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
