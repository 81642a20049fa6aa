#!/usr/bin/env python3
"""Python peers for bench/harness.mjs: the seed lecture's numpy code and scipy's softmax and
logsumexp, timed the same way as the JavaScript side (warm-up, then the median of repeats).
Prints one JSON object: {"versions": {...}, "results": [{"name", "dtype", "n", "ns_per_element"}]}.
Usage: python3 bench/peers.py [--goals] SIZE [SIZE ...]
With --goals, only the figures the goals compare against (the seed code in float64 at every size,
scipy.special.logsumexp in float64 at 10^6), for the harness's paired rounds.
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.special


def median_ns(f, n, repeats):
    for _ in range(2):
        f()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        f()
        times.append(time.perf_counter_ns() - t0)
    times.sort()
    return times[len(times) // 2] / n


def main():
    goals = "--goals" in sys.argv[1:]
    sizes = [int(s) for s in sys.argv[1:] if s != "--goals"] or [1_000_000]
    rng = np.random.default_rng(1)
    results = []
    for n in sizes:
        repeats = 5 if n >= 10_000_000 else 15 if n >= 1_000_000 else 41
        for dtype in (np.float64,) if goals else (np.float64, np.float32):
            a = (rng.random(n) * 20 - 10).astype(dtype)
            b = np.empty_like(a)
            cases = {
                "numpy seed code: np.exp(a) / np.sum(np.exp(a))": lambda: np.exp(a) / np.sum(np.exp(a)),
                "scipy.special.softmax": lambda: scipy.special.softmax(a),
                "scipy.special.logsumexp": lambda: scipy.special.logsumexp(a),
                "numpy np.exp(a, out=b) alone": lambda: np.exp(a, out=b),
            }
            if goals:
                wanted = ["numpy seed code: np.exp(a) / np.sum(np.exp(a))"]
                if n == 1_000_000:
                    wanted.append("scipy.special.logsumexp")
                cases = {k: v for k, v in cases.items() if k in wanted}
            for name, f in cases.items():
                results.append(
                    {"name": name, "dtype": np.dtype(dtype).name, "n": n, "ns_per_element": median_ns(f, n, repeats)}
                )
    versions = {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__}
    print(json.dumps({"versions": versions, "results": results}))


if __name__ == "__main__":
    main()
