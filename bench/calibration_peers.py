"""Python peers of bench/suites/calibration.mjs: temperature scaling and the calibration metrics
with numpy and scipy, on the .npy files the suite wrote (the same numbers gibbs-softmax reads).

Usage: python3 calibration_peers.py LOGITS.npy LABELS.npy

Prints JSON: the seconds of one scipy fit (minimize_scalar, Brent, on the mean NLL as a function
of ln tau, NLL from scipy.special.logsumexp) and of one pass of the metrics with numpy (softmax,
NLL, accuracy, Brier, ECE with 15 equal-width bins as in Guo et al.'s reference code), timed
after the data is loaded and converted to float64, with the fitted tau for the suite to check.
"""

import json
import sys
import time

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import logsumexp

z = np.load(sys.argv[1]).astype(np.float64)
y = np.load(sys.argv[2]).astype(np.int64)  # the suite writes the labels as float64
rows = np.arange(len(y))


def nll(tau):
    a = z / tau
    return float(np.mean(logsumexp(a, axis=1) - a[rows, y]))


def metrics(tau, bins=15):
    a = z / tau
    a = a - a.max(axis=1, keepdims=True)
    p = np.exp(a)
    p /= p.sum(axis=1, keepdims=True)
    conf = p.max(axis=1)
    correct = np.argmax(z, axis=1) == y
    brier = np.mean(np.sum(p**2, axis=1) - 2 * p[rows, y] + 1)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            ece += abs(correct[inside].mean() - conf[inside].mean()) * inside.mean()
    return nll(tau), float(correct.mean()), float(brier), ece


t0 = time.perf_counter()
fit = minimize_scalar(lambda t: nll(np.exp(t)), bracket=(-1.0, 1.0), tol=1e-10)
t1 = time.perf_counter()
metrics(1.0)
t2 = time.perf_counter()
print(json.dumps({"fit": t1 - t0, "metrics": t2 - t1, "temperature": float(np.exp(fit.x)), "evaluations": int(fit.nfev)}))
