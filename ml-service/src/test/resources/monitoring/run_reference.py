#!/usr/bin/env python3
"""Independent reference for ModelMonitoringIntegrationTests: PSI of the seeded models computed
with numpy and scipy. The samples are built by the same formulas as the test's seed data."""
import numpy as np
from scipy.stats import chi2


def psi(b, c, bins=10, alpha=0.5):
    b, c = np.asarray(b, float), np.asarray(c, float)
    edges = np.unique(np.quantile(b, np.arange(1, bins) / bins))
    k = len(edges) + 1
    pb = (np.bincount(np.searchsorted(edges, b, side="left"), minlength=k) + alpha) / (len(b) + alpha * k)
    pc = (np.bincount(np.searchsorted(edges, c, side="left"), minlength=k) + alpha) / (len(c) + alpha * k)
    value = float(np.sum((pc - pb) * np.log(pc / pb)))
    n, m = len(b), len(c)
    return value, float(chi2.sf(value * n * m / (n + m), k - 1)), (k - 1) * (1 / n + 1 / m), k


baseline = [i / 39 for i in range(40)]
print("tenant-1/model-drift", psi(baseline, [0.5 + i / 78 for i in range(40)]))
print("tenant-1/model-stable", psi(baseline, [((i * 7) % 40) / 39 for i in range(40)]))
print("tenant-2/model-exact", psi(baseline, [(i % 10) / 12 for i in range(30)]))
