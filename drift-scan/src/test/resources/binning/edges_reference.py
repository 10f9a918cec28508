"""The SPEC §6 bin edges and counts of point-masses-100k.txt.gz by numpy, for BinningReferenceTests.

The file: 100,000 values, 20 % exactly 0.25 and 12 % exactly 0.75 (point masses of over 1/10
of the baseline: repeated quantiles, so a nextafter edge below each), 3 % exactly 1.0, the rest
normal(0.5, 0.2) rounded to 6 decimals (ties of their own). Baseline: all of them; current:
the first 40,000. Run: python3 edges_reference.py (writes the file, prints the figures).
"""
import gzip

import numpy as np

rng = np.random.default_rng(20240613)
n = 100_000
u = rng.random(n)
values = np.round(rng.normal(0.5, 0.2, n), 6)
values[u < 0.20] = 0.25
values[(u >= 0.20) & (u < 0.32)] = 0.75
values[(u >= 0.32) & (u < 0.35)] = 1.0
with gzip.open("point-masses-100k.txt.gz", "wt") as out:
    out.write("\n".join(repr(float(v)) for v in values) + "\n")


def edges(baseline, bins):
    q = np.maximum.accumulate(np.quantile(baseline, [k / bins for k in range(1, bins)]))
    result = []
    for k, value in enumerate(q):
        if k > 0 and q[k - 1] == value:
            continue
        below = np.nextafter(value, -np.inf)
        if k + 1 < len(q) and q[k + 1] == value and (not result or result[-1] < below):
            result.append(below)
        result.append(value)
    return np.array(result)


current = values[:40_000]
for bins in (10, 20):
    e = edges(values, bins)
    print(bins, "edges", [repr(float(x)) for x in e])
    print(bins, "baseline", np.bincount(np.searchsorted(e, values, side="left"), minlength=len(e) + 1).tolist())
    print(bins, "current", np.bincount(np.searchsorted(e, current, side="left"), minlength=len(e) + 1).tolist())
