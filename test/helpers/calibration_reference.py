"""Independent references for temperature scaling and calibration metrics (numpy + scipy).

Usage: python3 calibration_reference.py OUTDIR

Writes synthetic validation sets to OUTDIR as .npy files and prints, as JSON, what numpy and scipy
say about them. Nothing here calls gibbs-softmax; test/calibration-reference.test.ts compares.

Data (legacy RandomState, whose streams numpy keeps stable):
  over:  10^4 x 10 logits, labels drawn from softmax(z), reported logits 2.5 z  (overconfident)
  under: 10^3 x 1000 logits, labels drawn from softmax(z), reported logits 0.4 z (underconfident)

References:
  - the temperature: scipy.optimize.minimize_scalar (Brent) on the mean NLL as a function of
    ln tau, as the issue asks (tolerance 1e-12 in ln tau);
  - NLL, accuracy, Brier score, ECE and MCE at tau = 1 and at scipy's tau, from numpy:
    probabilities exp(z/tau - max) / sum, the prediction np.argmax (first maximum), the
    confidence the top probability;
  - ECE with equal-width bins as in Guo et al.'s reference code (gpleiss/temperature_scaling,
    _ECELoss): edges np.linspace(0, 1, B + 1), bin b holds lo < conf <= hi (the first bin also 0);
    with equal-mass bins: np.argsort(conf, kind="stable") split by np.array_split into B groups;
  - the batch sweep (sweepBatch): per tau, mean entropy, mean Var(z/tau), mean top probability,
    mean exp(S) and mean NLL, from the same numpy probabilities.
"""

import json
import sys

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import logsumexp


def probabilities(z, tau):
    a = z / tau
    a = a - a.max(axis=1, keepdims=True)
    w = np.exp(a)
    return w / w.sum(axis=1, keepdims=True)


def nll(z, y, tau):
    a = z / tau
    return float(np.mean(logsumexp(a, axis=1) - a[np.arange(len(y)), y]))


def ece_width(conf, correct, bins):
    edges = np.linspace(0, 1, bins + 1)
    ece, mce = 0.0, 0.0
    for b in range(bins):
        lo, hi = edges[b], edges[b + 1]
        inside = (conf > lo) & (conf <= hi) if b > 0 else (conf >= lo) & (conf <= hi)
        n = inside.sum()
        if n > 0:
            gap = abs(correct[inside].mean() - conf[inside].mean())
            ece += gap * n / len(conf)
            mce = max(mce, gap)
    return ece, mce


def ece_mass(conf, correct, bins):
    order = np.argsort(conf, kind="stable")
    ece, mce = 0.0, 0.0
    for group in np.array_split(order, bins):
        if len(group) > 0:
            gap = abs(correct[group].mean() - conf[group].mean())
            ece += gap * len(group) / len(conf)
            mce = max(mce, gap)
    return ece, mce


def metrics(z, y, tau, bins=15):
    p = probabilities(z, tau)
    conf = p.max(axis=1)
    pred = np.argmax(z, axis=1)
    correct = (pred == y).astype(np.float64)
    onehot = np.zeros_like(p)
    onehot[np.arange(len(y)), y] = 1
    ew, mw = ece_width(conf, correct, bins)
    em, mm = ece_mass(conf, correct, bins)
    return {
        "nll": nll(z, y, tau),
        "accuracy": float(correct.mean()),
        "brier": float(np.mean(np.sum((p - onehot) ** 2, axis=1))),
        "ece": ew,
        "mce": mw,
        "eceMass": em,
        "mceMass": mm,
    }


def fit(z, y):
    r = minimize_scalar(lambda t: nll(z, y, np.exp(t)), bracket=(-1.0, 1.0), tol=1e-12)
    return float(np.exp(r.x))


def batch_sweep(z, y, temperatures):
    out = {"entropy": [], "heatCapacity": [], "topProbability": [], "effectiveStates": [], "nll": []}
    for tau in temperatures:
        p = probabilities(z, tau)
        x = z / tau
        logp = x - logsumexp(x, axis=1, keepdims=True)
        S = -np.sum(np.where(p > 0, p * logp, 0.0), axis=1)
        mean = np.sum(p * x, axis=1, keepdims=True)
        C = np.sum(p * (x - mean) ** 2, axis=1)
        out["entropy"].append(float(S.mean()))
        out["heatCapacity"].append(float(C.mean()))
        out["topProbability"].append(float(p.max(axis=1).mean()))
        out["effectiveStates"].append(float(np.exp(S).mean()))
        out["nll"].append(float(-logp[np.arange(len(y)), y].mean()))
    return out


def dataset(seed, rows, classes, scale, spread):
    rs = np.random.RandomState(seed)
    z = rs.standard_normal((rows, classes)) * spread
    p = probabilities(z, 1.0)
    u = rs.random_sample(rows)
    y = (p.cumsum(axis=1) < u[:, None]).sum(axis=1)
    y = np.minimum(y, classes - 1)
    return scale * z, y.astype(np.int64)


def main():
    outdir = sys.argv[1]
    result = {}
    temperatures = [0.25, 0.5, 1.0, 2.0, 4.0]
    for name, seed, rows, classes, scale, spread in [
        ("over", 1, 10_000, 10, 2.5, 1.5),
        ("under", 2, 1_000, 1000, 0.4, 2.0),
    ]:
        z, y = dataset(seed, rows, classes, scale, spread)
        np.save(f"{outdir}/{name}_logits.npy", z)
        np.save(f"{outdir}/{name}_labels.npy", y)
        tau = fit(z, y)
        result[name] = {
            "rows": rows,
            "classes": classes,
            "temperature": tau,
            "before": metrics(z, y, 1.0),
            "after": metrics(z, y, tau),
            "sweep": {"temperature": temperatures, **batch_sweep(z, y, temperatures)},
        }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
