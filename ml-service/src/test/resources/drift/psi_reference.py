#!/usr/bin/env python3
"""Independent reference for PsiTests: the contract's PSI computed with numpy and scipy.

Run with `python3 psi_reference.py` (Debian: python3-numpy, python3-scipy); its output is pasted
into PsiTests. The data sets are built here and in PsiTests by the same short formulas.
"""
import numpy as np
from scipy.stats import chi2


def psi(baseline, current, bins=10, alpha=0.5):
    b = np.asarray(baseline, dtype=float)
    c = np.asarray(current, dtype=float)
    edges = np.unique(np.quantile(b, np.arange(1, bins) / bins))  # linear method, sorted, distinct
    k = len(edges) + 1
    cb = np.bincount(np.searchsorted(edges, b, side="left"), minlength=k)
    cc = np.bincount(np.searchsorted(edges, c, side="left"), minlength=k)
    pb = (cb + alpha) / (len(b) + alpha * k)
    pc = (cc + alpha) / (len(c) + alpha * k)
    value = float(np.sum((pc - pb) * np.log(pc / pb)))
    n, m = len(b), len(c)
    noise = (k - 1) * (1 / n + 1 / m)
    p = float(chi2.sf(value * n * m / (n + m), k - 1))
    return value, p, noise, k, list(edges)


cases = {
    # ties: the baseline holds three values only, so several quantiles fall on the same value
    # (duplicate edges removed) and the current values sit exactly on the edges.
    "ties_on_edges": ([0.1] * 20 + [0.2] * 20 + [0.3] * 20, [0.1] * 5 + [0.2] * 20 + [0.3] * 15),
    # every baseline value the same: one distinct edge, two bins.
    "identical_baseline": ([0.5] * 40, [0.4, 0.5, 0.6, 0.5] * 10),
    # current only in the lowest tenth: most bins are empty for the current sample.
    "empty_bins": ([i / 49 for i in range(50)], [0.01 * (i % 7) for i in range(35)]),
    # current values far outside the baseline's range land in the outer bins.
    "outside_range": ([i / 99 for i in range(100)], [-5.0, 7.0] * 20 + [0.5] * 10),
    # a mild shift on uneven values.
    "shifted": ([((i * 37) % 101) / 100 for i in range(200)],
                [min(1.0, ((i * 53) % 97) / 100 + 0.08) for i in range(120)]),
    # the same distribution: PSI near the noise floor, large p-value.
    "no_drift": ([((i * 37) % 101) / 100 for i in range(200)], [((i * 41) % 101) / 100 for i in range(150)]),
}

for name, (b, c) in cases.items():
    value, p, noise, k, edges = psi(b, c)
    print(f"{name}: psi={value!r} p={p!r} noise={noise!r} k={k} edges={edges!r}")
