#!/usr/bin/env python3
"""Independent reference for CategoricalPsiTests and BenjaminiHochbergTests, with numpy and scipy.

Run with `python3 categorical_reference.py`; its output is pasted into the tests. The windows are
written out here and in the tests as category -> count tables.

- bins: the baseline's top `max_categories` categories by count descending then category
  ascending (Python's str order, the same as Java's String.compareTo for these ASCII names), then
  one "other" bin for every other category; shares smoothed by alpha over the K bins; SPEC §6.
- the p-value of small windows: a permutation test of PSI that bins every relabelling afresh,
  exact over every relabelling where the windows are small enough to enumerate, else estimated
  from ROUNDS numpy relabellings.
- the p-value of large windows with no more categories than bins: scipy.stats.chi2.sf(PSI*n*m/(n+m),
  bins holding a value - 1).
- BH: scipy.stats.false_discovery_control(p, method='bh').
"""
import itertools

import numpy as np
from scipy.stats import chi2, false_discovery_control

ROUNDS = 20000


def top(baseline, max_categories):
    present = [c for c, k in baseline.items() if k > 0]
    return sorted(present, key=lambda c: (-baseline[c], c))[:max_categories]


def bins(baseline, current, max_categories):
    t = top(baseline, max_categories)
    cb = np.array([baseline.get(c, 0) for c in t] + [0], dtype=float)
    cc = np.array([current.get(c, 0) for c in t] + [0], dtype=float)
    cb[-1] = sum(baseline.values()) - cb[:-1].sum()
    cc[-1] = sum(current.values()) - cc[:-1].sum()
    return t, cb, cc


def psi(baseline, current, max_categories=20, alpha=0.5):
    t, cb, cc = bins(baseline, current, max_categories)
    k = len(t) + 1
    pb = (cb + alpha) / (cb.sum() + alpha * k)
    pc = (cc + alpha) / (cc.sum() + alpha * k)
    terms = (pc - pb) * np.log(pc / pb)
    n, m = cb.sum(), cc.sum()
    return float(terms.sum()), t, cb, cc, terms, float((k - 1) * (1 / n + 1 / m))


def values(table):
    return [c for c, k in sorted(table.items()) for _ in range(k)]


def table(labels):
    out = {}
    for c in labels:
        out[c] = out.get(c, 0) + 1
    return out


def permutation_p(baseline, current, max_categories=20, alpha=0.5, exact=False, seed=7):
    pooled = values(baseline) + values(current)
    n = sum(baseline.values())
    observed = psi(baseline, current, max_categories, alpha)[0]
    tol = 100 * np.finfo(float).eps
    if exact:
        count = total = 0
        for chosen in itertools.combinations(range(len(pooled)), n):
            s = set(chosen)
            b = table(pooled[i] for i in chosen)
            c = table(pooled[i] for i in range(len(pooled)) if i not in s)
            count += psi(b, c, max_categories, alpha)[0] >= observed * (1 - tol)
            total += 1
        return float(count / total)
    rng = np.random.default_rng(seed)
    arr = np.array(pooled, dtype=object)
    count = 1
    for _ in range(ROUNDS):
        rng.shuffle(arr)
        b, c = table(arr[:n]), table(arr[n:])
        count += psi(b, c, max_categories, alpha)[0] >= observed * (1 - tol)
    return float(count / (ROUNDS + 1))


def chi2_p(baseline, current, max_categories=20, alpha=0.5):
    value, t, cb, cc, _, _ = psi(baseline, current, max_categories, alpha)
    n, m = cb.sum(), cc.sum()
    filled = int(np.sum(cb + cc > 0))
    return float(chi2.sf(value * n * m / (n + m), filled - 1))


CASES = {
    # ties at 10 (a before b) and at 5 (c before d); f only in the current window
    "ties_and_other": ({"a": 10, "b": 10, "c": 5, "d": 5, "e": 3},
                       {"a": 8, "b": 12, "c": 5, "d": 2, "e": 1, "f": 4}, 3),
    "one_category_equal_sizes": ({"x": 40}, {"x": 40}, 20),
    "one_category_other_sizes": ({"x": 40}, {"x": 35}, 20),
    "booleans": ({"true": 45, "false": 15}, {"true": 20, "false": 40}, 20),
    # 30 categories k00..k29 with baseline count 30 - i and current count 1 + (7 i mod 30)
    "more_than_max": ({f"k{i:02d}": 30 - i for i in range(30)},
                      {f"k{i:02d}": 1 + (7 * i) % 30 for i in range(30)}, 20),
    "large_windows": ({"red": 600, "green": 350, "blue": 200, "grey": 50},
                      {"red": 480, "green": 300, "blue": 190, "grey": 25, "pink": 5}, 20),
}

TINY = {
    # small enough to enumerate every relabelling: C(12, 6) = 924
    "tiny_shift": ({"a": 4, "b": 2}, {"b": 2, "c": 4}, 20),
    "tiny_top_one": ({"a": 2, "b": 2, "c": 2}, {"a": 1, "b": 3, "c": 2}, 1),
}

BH = {
    "mixed": [0.01, 0.04, 0.03, 0.005, 0.2, 0.9, 0.04],
    "ties": [0.02, 0.02, 0.02, 0.5],
    "single": [0.03],
    "capped": [0.6, 0.8, 0.9],
}


def main():
    for name, (b, c, k) in CASES.items():
        value, t, cb, cc, terms, floor = psi(b, c, k)
        n, m = cb.sum(), cc.sum()
        if min(n, m) >= 1000 and len(set(b) | set(c)) <= k:
            p = f"p[chi2]={chi2_p(b, c, k)!r}"
        else:
            p = f"p[monte-carlo({ROUNDS})]={permutation_p(b, c, k)!r}"
        print(f"{name}: psi={value!r} noise={floor!r} top={t} {p}")
        print(f"  baseline={cb.astype(int).tolist()} current={cc.astype(int).tolist()}")
        print(f"  terms={terms.tolist()}")
    for name, (b, c, k) in TINY.items():
        print(f"{name}: psi={psi(b, c, k)[0]!r} exact p={permutation_p(b, c, k, exact=True)!r}")
    for name, p in BH.items():
        print(f"bh {name}: {false_discovery_control(np.array(p), method='bh').tolist()}")


if __name__ == "__main__":
    main()
