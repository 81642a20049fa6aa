#!/usr/bin/env python3
"""Python peers for bench/suites/sampling.mjs (issue 12), timed like the JavaScript side
(warm-up, then the median of repeats). Reads the vectors the suite wrote (float64, raw), prints
one JSON object {"versions": {...}, "ms": {name: milliseconds}}.

Usage: python3 bench/sampling_peers.py DIR N REPEATS FILTER_SETS_JSON
DIR holds z.bin (N logits), w.bin (N weights of mixed sign), q.bin (N logits of a second
distribution), rows.bin and rows_q.bin (a ROWS x COLS batch, COLS in cols.txt, the masked rows
fully -inf) and classes.bin (ROWS class indices, int32).

The Hugging Face peer is a numpy port of transformers' warpers, line by line:
src/transformers/generation/logits_process.py (TemperatureLogitsWarper, TopKLogitsWarper,
TopPLogitsWarper, MinPLogitsWarper; the version of 2025: TopK keeps every score >= the k-th of
torch.topk, TopP removes sorted cumulative probabilities <= 1 - top_p except the last
min_tokens_to_keep, MinP removes probabilities < min_p * max and keeps the torch.topk(probs,
min_tokens_to_keep) indices), applied in the order of GenerationMixin._get_logits_processor
(temperature, top-k, top-p, min-p), then softmax, and for a draw torch.multinomial(probs, 1) as
numpy's Generator.choice(n, p=probs). torch.topk is np.partition / np.argpartition (both select
in linear time), torch.sort is np.argsort.
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.special
from peers import median_ns


def median_ms(f, repeats, warmup_ms=200):
    """Median milliseconds of f after warm-up: peers.py's clock (ns per element of 10⁶)."""
    return median_ns(f, 1_000_000, repeats, warmup_ms)


def softmax(s):
    e = np.exp(s - s.max())
    return e / e.sum()


def top_k(scores, k, min_tokens_to_keep=1):
    # TopKLogitsWarper.__call__: indices_to_remove = scores < torch.topk(scores, top_k)[0][..., -1, None]
    k = min(max(k, min_tokens_to_keep), scores.shape[-1])
    kth = np.partition(scores, scores.shape[-1] - k)[scores.shape[-1] - k]
    return np.where(scores < kth, -np.inf, scores)


def top_p(scores, p, min_tokens_to_keep=1):
    # TopPLogitsWarper.__call__
    sorted_indices = np.argsort(scores)  # torch.sort(scores, descending=False)
    sorted_logits = scores[sorted_indices]
    cumulative_probs = np.cumsum(softmax(sorted_logits))
    sorted_indices_to_remove = cumulative_probs <= (1 - p)
    sorted_indices_to_remove[-min_tokens_to_keep:] = False
    indices_to_remove = np.empty_like(sorted_indices_to_remove)
    indices_to_remove[sorted_indices] = sorted_indices_to_remove
    return np.where(indices_to_remove, -np.inf, scores)


def min_p(scores, m, min_tokens_to_keep=1):
    # MinPLogitsWarper.__call__
    probs = softmax(scores)
    top_probs = probs.max()
    tokens_to_remove = probs < m * top_probs
    k = min(min_tokens_to_keep, probs.shape[-1])
    tokens_to_remove[np.argpartition(-probs, k - 1)[:k]] = False
    return np.where(tokens_to_remove, -np.inf, scores)


def hf_distribution(z, f):
    s = z
    t = f.get("temperature", 1.0)
    if t != 1.0:
        s = s / t
    if f.get("topK", 0) != 0:
        s = top_k(s, f["topK"])
    if f.get("topP", 1.0) < 1.0:
        s = top_p(s, f["topP"])
    if "minP" in f:
        s = min_p(s, f["minP"])
    return softmax(s)




def main():
    folder, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    filter_sets = json.loads(sys.argv[4])
    z = np.fromfile(os.path.join(folder, "z.bin"), dtype=np.float64)
    w = np.fromfile(os.path.join(folder, "w.bin"), dtype=np.float64)
    zq = np.fromfile(os.path.join(folder, "q.bin"), dtype=np.float64)
    cols = int(open(os.path.join(folder, "cols.txt")).read())
    rows = np.fromfile(os.path.join(folder, "rows.bin"), dtype=np.float64).reshape(-1, cols)
    rows_q = np.fromfile(os.path.join(folder, "rows_q.bin"), dtype=np.float64).reshape(-1, cols)
    classes = np.fromfile(os.path.join(folder, "classes.bin"), dtype=np.int32)
    assert z.shape[0] == n
    rng = np.random.default_rng(1)
    ms = {}
    ms["numpy softmax: exp(s - max) / sum"] = median_ms(lambda: softmax(z), repeats)
    for f in filter_sets:
        key = json.dumps(f, sort_keys=True, separators=(",", ":"))
        ms[f"hf distribution {key}"] = median_ms(lambda: hf_distribution(z, f), repeats)
        ms[f"hf sample {key}"] = median_ms(
            lambda: rng.choice(n, p=hf_distribution(z, f)), repeats
        )
    # Signed log-sum-exp: weights mostly positive (no cancellation), and of random signs.
    wpos = np.abs(w)
    wpos[::10] *= -0.01
    ms["scipy logsumexp return_sign, mostly positive"] = median_ms(
        lambda: scipy.special.logsumexp(z, b=wpos, return_sign=True), repeats
    )
    ms["scipy logsumexp return_sign, random signs"] = median_ms(
        lambda: scipy.special.logsumexp(z, b=w, return_sign=True), repeats
    )

    # Cross-entropy and KL on one vector.
    def log_softmax(s):  # torch.nn.functional.log_softmax, in numpy
        m = s.max()
        return s - m - np.log(np.sum(np.exp(s - m)))

    c = int(classes[0]) % n
    q = softmax(zq)
    ms["scipy: logsumexp(z) - z[c]"] = median_ms(lambda: scipy.special.logsumexp(z) - z[c], repeats)
    ms["numpy log_softmax, class index"] = median_ms(lambda: -log_softmax(z)[c], repeats)
    ms["numpy log_softmax, probability target"] = median_ms(
        lambda: -np.dot(q, log_softmax(z)), repeats
    )
    ms["scipy rel_entr(softmax, softmax).sum()"] = median_ms(
        lambda: scipy.special.rel_entr(scipy.special.softmax(zq), scipy.special.softmax(z)).sum(),
        repeats,
    )
    ms["numpy p·(log_softmax − log_softmax)"] = median_ms(
        lambda: np.dot(softmax(zq), log_softmax(zq) - log_softmax(z)), repeats
    )

    # Batches: cross-entropy per row with class targets, KL per row, and a safe (masked) softmax.
    def log_softmax_rows(s):
        m = s.max(axis=1, keepdims=True)
        return s - m - np.log(np.sum(np.exp(s - m), axis=1, keepdims=True))

    live = np.isfinite(rows).any(axis=1)
    live_rows = rows[live]
    live_q = rows_q[live]
    live_classes = classes[live] % cols
    ms["numpy cross-entropy rows (log_softmax, take_along_axis)"] = median_ms(
        lambda: -np.take_along_axis(log_softmax_rows(live_rows), live_classes[:, None], axis=1)[:, 0],
        repeats,
    )

    def kl_rows():
        lp = log_softmax_rows(live_q)
        return np.sum(np.exp(lp) * (lp - log_softmax_rows(live_rows)), axis=1)

    ms["numpy KL rows (log_softmax)"] = median_ms(kl_rows, repeats)

    def safe_softmax_rows():  # jax.nn.softmax(where=...) / PyTorch's safe softmax, in numpy
        m = rows.max(axis=1, keepdims=True)
        m = np.where(np.isfinite(m), m, 0.0)
        e = np.exp(rows - m)
        s = e.sum(axis=1, keepdims=True)
        return e / np.where(s == 0, 1.0, s)

    ms["numpy safe softmax rows (all-masked rows → 0)"] = median_ms(safe_softmax_rows, repeats)
    versions = {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__}
    print(json.dumps({"versions": versions, "ms": ms}))


if __name__ == "__main__":
    main()
