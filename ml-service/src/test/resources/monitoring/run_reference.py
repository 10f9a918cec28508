#!/usr/bin/env python3
"""Independent reference for ModelMonitoringIntegrationTests: PSI and the drift p-value of the
seeded models, computed with numpy and scipy by psi_reference.py (drift-scan/src/test/resources/drift).
The samples are built by the same formulas as the test's seed data. With the argument `bins`, the
edges and bins of the drifted model alone (counts, unsmoothed shares, each bin's PSI term)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "..",
                                "drift-scan", "src", "test", "resources", "drift"))
from psi_reference import edges, histogram, monte_carlo_p, psi  # noqa: E402

rng = np.random.default_rng(20261201)
baseline = np.array([i / 39 for i in range(40)])
models = {
    "tenant-1/model-drift": [0.5 + i / 78 for i in range(40)],
    "tenant-1/model-stable": [((i * 7) % 40) / 39 for i in range(40)],
    "tenant-2/model-exact": [(i % 10) / 12 for i in range(30)],
}
if sys.argv[1:] == ["bins"]:
    current = np.array(models["tenant-1/model-drift"])
    print("edges", [float(x) for x in edges(baseline)])
    for row in histogram(baseline, current):
        print(row)
    sys.exit()
for name, current in models.items():
    current = np.array(current)
    value, k, _ = psi(baseline, current)
    n, m = len(baseline), len(current)
    print(name, f"psi={value!r} p={monte_carlo_p(baseline, current, rng)!r} noise={(k - 1) * (1 / n + 1 / m)!r} k={k}")
