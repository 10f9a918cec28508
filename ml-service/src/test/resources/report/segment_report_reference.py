"""Bins of the segment report tests (SegmentResults): each bin's PSI term (c - b) ln(c / b)
on the shares given, PSI as their sum, and the bins a chart marks: the fewest, largest
term first, that make up half of PSI or more, three at most."""
import numpy as np


def terms(baseline_counts, current_counts):
    b = np.array(baseline_counts) / sum(baseline_counts)
    c = np.array(current_counts) / sum(current_counts)
    t = (c - b) * np.log(c / b)
    order = np.argsort(-t, kind="stable")
    marked, covered = [], 0.0
    for i in order:
        if len(marked) == 3 or covered >= 0.5 * t.sum():
            break
        marked.append(int(i))
        covered += t[i]
    return b, c, t, t.sum(), sorted(marked)


for name, baseline, current in [
    ("region=emea", [20] * 10, [2, 2, 3, 3, 5, 10, 15, 20, 20, 20]),
    ("channel", [100, 60, 40], [50, 60, 90]),
]:
    b, c, t, psi, marked = terms(baseline, current)
    print(name, "current shares", [float(x) for x in c])
    print(name, "terms", [float(x) for x in t])
    print(name, "psi", float(psi), "marked", marked)
