#!/usr/bin/env python3
"""Python peer for bench/suites/montecarlo.mjs: the vectorised numpy checkerboard Metropolis
sweep of the 2D Ising model, written the way a good teacher writes it for a class.

The checkerboard (red-black) decomposition updates all sites of one colour at once, because no
two of them are neighbours (Newman & Barkema, "Monte Carlo Methods in Statistical Physics",
1999, sect. 13.2.3 on sublattice updates; the numpy form with np.roll is the one taught in
e.g. K. Andal, "The Checkerboard Metropolis Algorithm Explained", 2023). The teacher's care:
int8 spins (np.roll copies a quarter of the bytes of int64), the acceptance probabilities
min(1, exp(-dE/T)) precomputed for the five values of dE instead of np.exp per site, a seeded
numpy Generator (PCG64), and in-place updates.

Prints one JSON object: {"versions": {...}, "results": [{"name", "size", "temperature",
"sweeps", "flips_per_second", "ms_per_sweep", "energy_per_spin"}]}; an attempted flip is one
site visited, L^2 per sweep, as for the library.
Usage: python3 bench/montecarlo_peers.py SIZE TEMPERATURE SWEEPS [SEED]
"""
import json
import sys
import time

import numpy as np


def checkerboard_metropolis(size, temperature, seed):
    rng = np.random.default_rng(seed)
    spins = np.ones((size, size), dtype=np.int8)
    i, j = np.indices((size, size))
    colours = [(i + j) % 2 == 0, (i + j) % 2 == 1]
    # s * (sum of the four neighbours) is -4, -2, 0, 2 or 4; dE = 2 J s * sum; index (s*sum + 4) // 2.
    accept = np.minimum(1.0, np.exp(-2.0 * np.arange(-4, 5, 2) / temperature))

    def sweep():
        for colour in colours:
            neighbours = (np.roll(spins, 1, 0) + np.roll(spins, -1, 0)
                          + np.roll(spins, 1, 1) + np.roll(spins, -1, 1))
            k = (spins * neighbours + 4) >> 1
            flip = colour & (rng.random(spins.shape) < accept[k])
            spins[flip] *= -1

    def energy_per_spin():
        s = spins.astype(np.int64)
        return float(-(s * (np.roll(s, 1, 0) + np.roll(s, 1, 1))).sum() / s.size)

    return sweep, energy_per_spin


def main():
    size = int(sys.argv[1])
    temperature = float(sys.argv[2])
    sweeps = int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    sweep, energy_per_spin = checkerboard_metropolis(size, temperature, seed)
    for _ in range(max(2, sweeps // 5)):
        sweep()
    t0 = time.perf_counter()
    for _ in range(sweeps):
        sweep()
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__},
        "results": [{
            "name": "numpy checkerboard Metropolis (np.roll, int8, acceptance table)",
            "size": size,
            "temperature": temperature,
            "sweeps": sweeps,
            "flips_per_second": size * size * sweeps / seconds,
            "ms_per_sweep": seconds / sweeps * 1e3,
            "energy_per_spin": energy_per_spin(),
        }],
    }))


if __name__ == "__main__":
    main()
