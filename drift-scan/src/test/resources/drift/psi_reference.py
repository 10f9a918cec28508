#!/usr/bin/env python3
"""Independent reference for PsiTests and PermutationTestTests: the contract's PSI, its bins and
the drift p-value computed with numpy and scipy.

Run with `python3 psi_reference.py` (Debian: python3-numpy, python3-scipy), or with the argument
`histograms` for the bins of two cases alone; its output is pasted into the tests. The data sets are built here and in the tests by the same short formulas.

- edges: SPEC §6 step 1, numpy.quantile's default method, duplicates removed, and for each value
  two or more quantiles share, numpy.nextafter(value, -inf) as an extra edge.
- the p-value below 1,000 predictions a window: a permutation test of PSI and the two-sample
  Anderson-Darling statistic together (scipy's midrank A2akN), the smaller of the two permutation
  p-values ranked among the permutations. Estimated here with numpy's own random relabellings
  (ROUNDS of them), so the Java figure, from 999 relabellings of another generator, agrees within
  Monte Carlo error only; for windows small enough the exact p-value over every relabelling.
- the p-value from 1,000 predictions a window: scipy.stats.chi2.sf(PSI*n*m/(n+m), K-1).
"""
import itertools

import numpy as np
from scipy.stats import chi2
from scipy.stats._morestats import _anderson_ksamp_midrank

ROUNDS = 20000


def edges(b, bins=10):
    q = np.quantile(np.asarray(b, dtype=float), np.arange(1, bins) / bins)
    values, repeats = np.unique(q, return_counts=True)
    below = [np.nextafter(v, -np.inf) for v, r in zip(values, repeats) if r >= 2]
    return np.unique(np.concatenate([values, below]))


def smoothed_bins(b, c, bins=10, alpha=0.5):
    """The edges, K, both windows' counts per bin and their smoothed shares."""
    b = np.asarray(b, dtype=float)
    c = np.asarray(c, dtype=float)
    e = edges(b, bins)
    k = len(e) + 1
    cb = np.bincount(np.searchsorted(e, b, side="left"), minlength=k)
    cc = np.bincount(np.searchsorted(e, c, side="left"), minlength=k)
    return e, k, cb, cc, (cb + alpha) / (len(b) + alpha * k), (cc + alpha) / (len(c) + alpha * k)


def psi(b, c, bins=10, alpha=0.5):
    e, k, _, _, pb, pc = smoothed_bins(b, c, bins, alpha)
    return float(np.sum((pc - pb) * np.log(pc / pb))), k, e


def histogram(b, c, bins=10, alpha=0.5):
    """Per bin: baseline and current counts, their unsmoothed shares, and the bin's PSI term."""
    _, k, cb, cc, pb, pc = smoothed_bins(b, c, bins, alpha)
    terms = (pc - pb) * np.log(pc / pb)
    return [(int(cb[i]), int(cc[i]), float(cb[i] / len(b)), float(cc[i] / len(c)), float(terms[i])) for i in range(k)]


def anderson_darling(b, c):
    b = np.asarray(b, dtype=float)
    c = np.asarray(c, dtype=float)
    pooled = np.sort(np.concatenate([b, c]))
    distinct = np.unique(pooled)
    if len(distinct) == 1:
        return 0.0
    return float(_anderson_ksamp_midrank([b, c], pooled, distinct, 2, np.array([len(b), len(c)]), len(pooled)))


def combined_p(stat_pairs):
    """stat_pairs[0] is the observed (psi, ad); the rest are relabellings."""
    s = np.asarray(stat_pairs)
    total = len(s)
    tol = 100 * np.finfo(float).eps
    counts = []
    for column in (0, 1):
        v = s[:, column]
        counts.append(np.array([np.sum(v >= x - tol * abs(x)) for x in v]))
    smaller = np.minimum(counts[0], counts[1])
    return float(np.sum(smaller <= smaller[0]) / total)


def monte_carlo_p(b, c, rng):
    pooled = np.concatenate([b, c])
    n = len(b)
    pairs = [(psi(b, c)[0], anderson_darling(b, c))]
    for _ in range(ROUNDS):
        x = rng.permutation(pooled)
        pairs.append((psi(x[:n], x[n:])[0], anderson_darling(x[:n], x[n:])))
    return combined_p(pairs)


def exact_p(b, c):
    pooled = np.concatenate([b, c])
    n = len(b)
    observed = (psi(b, c)[0], anderson_darling(b, c))
    pairs = [observed]
    for chosen in itertools.combinations(range(len(pooled)), n):
        mask = np.zeros(len(pooled), dtype=bool)
        mask[list(chosen)] = True
        pairs.append((psi(pooled[mask], pooled[~mask])[0], anderson_darling(pooled[mask], pooled[~mask])))
    # Every relabelling once, the observed among them: rank the observed against all of them.
    s = np.asarray(pairs[1:])
    tol = 100 * np.finfo(float).eps
    counts = [np.array([np.sum(s[:, col] >= x - tol * abs(x)) for x in np.r_[observed[col], s[:, col]]]) for col in (0, 1)]
    smaller = np.minimum(counts[0], counts[1])
    return float(np.sum(smaller[1:] <= smaller[0]) / len(s))


def seq(count, f):
    return [f(i) for i in range(count)]


def cases():
    return {
        # ties: the baseline holds three values only; every value is a point mass with a bin of its own.
        "ties_on_edges": ([0.1] * 20 + [0.2] * 20 + [0.3] * 20, [0.1] * 5 + [0.2] * 20 + [0.3] * 15),
        # every baseline value the same: the value and the double below it are the edges, three bins.
        "identical_baseline": ([0.5] * 40, [0.4, 0.5, 0.6, 0.5] * 10),
        # current only in the lowest tenth: most bins are empty for the current sample.
        "empty_bins": (seq(50, lambda i: i / 49), seq(35, lambda i: 0.01 * (i % 7))),
        # current values far outside the baseline's range land in the outer bins.
        "outside_range": (seq(100, lambda i: i / 99), [-5.0, 7.0] * 20 + [0.5] * 10),
        # a mild shift on uneven values.
        "shifted": (seq(200, lambda i: ((i * 37) % 101) / 100),
                    seq(120, lambda i: min(1.0, ((i * 53) % 97) / 100 + 0.08))),
        # the same distribution: PSI near the noise floor, large p-value.
        "no_drift": (seq(200, lambda i: ((i * 37) % 101) / 100), seq(150, lambda i: ((i * 41) % 101) / 100)),
        # 95 % of the baseline at 1.0, then every prediction collapses to 0.5: without the edge below the
        # point mass, 0.5 would share the point mass's bin and PSI would stay at 0.005.
        "collapse_below_point_mass": ([1.0] * 380 + seq(20, lambda i: (i + 1) / 40), [0.5] * 100),
        # DriftDetectorTests: evenly spread values in [0, 1), the current ones moved up by 0.12 / 0.5.
        "detector_noisy": (seq(30, lambda i: i / 30), seq(30, lambda i: i / 30 + 0.12)),
        "detector_shifted": (seq(100, lambda i: i / 100), seq(100, lambda i: i / 100 + 0.5)),
        # both windows of 1,000 or more: the chi-square tail.
        "large_windows": (seq(1200, lambda i: ((i * 7919) % 1201) / 1200),
                          seq(1000, lambda i: (((i * 104729) % 1009) / 1008) ** 1.1)),
    }


def print_histograms():
    """The bins of two cases, for PsiTests.histogramMatchesTheNumpyReference."""
    for name in ("ties_on_edges", "collapse_below_point_mass"):
        b, c = cases()[name]
        print(f"{name}:")
        for row in histogram(b, c):
            print(f"    {row!r}")


def main():
    rng = np.random.default_rng(20261201)
    for name, (b, c) in cases().items():
        b = np.asarray(b, dtype=float)
        c = np.asarray(c, dtype=float)
        value, k, e = psi(b, c)
        n, m = len(b), len(c)
        noise = (k - 1) * (1 / n + 1 / m)
        if min(n, m) >= 1000:
            p, how = float(chi2.sf(value * n * m / (n + m), k - 1)), "chi2"
        else:
            p, how = monte_carlo_p(b, c, rng), f"monte-carlo({ROUNDS})"
        print(f"{name}: psi={value!r} k={k} noise={noise!r} p[{how}]={p!r} ad={anderson_darling(b, c)!r}")
        print(f"    edges={[float(x) for x in e]!r}")

    # Exact p-values over every relabelling of windows small enough to enumerate (C(12, 6) = 924).
    tiny = {
        "tiny_shift": ([0.11, 0.23, 0.35, 0.42, 0.47, 0.58], [0.52, 0.61, 0.66, 0.74, 0.83, 0.97]),
        "tiny_mixed": ([0.11, 0.52, 0.35, 0.74, 0.47, 0.97], [0.23, 0.61, 0.66, 0.42, 0.83, 0.58]),
        "tiny_ties": ([0.2, 0.2, 0.5, 0.5, 0.5, 0.8], [0.5, 0.8, 0.8, 0.8, 0.2, 0.8]),
    }
    for name, (b, c) in tiny.items():
        b = np.asarray(b)
        c = np.asarray(c)
        print(f"{name}: exact p={exact_p(b, c)!r} psi={psi(b, c)[0]!r} ad={anderson_darling(b, c)!r}")


if __name__ == "__main__":
    import sys

    print_histograms() if sys.argv[1:] == ["histograms"] else main()
