#!/usr/bin/env python3
"""Independent reference for ReportIntegrationTests: the PSI of each seeded model in each of the
three runs, and the bins of model-shift in the last, computed with numpy by psi_reference.py
(drift-scan/src/test/resources/drift). The samples are built by the same formulas as the test's
seed data: a baseline of 60 values i/59, and one day of 40 current values more in each run."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "..",
                                "drift-scan", "src", "test", "resources", "drift"))
from psi_reference import edges, histogram, psi  # noqa: E402

baseline = np.array([i / 59 for i in range(60)])
days = {
    "model-shift": [[((i * 7) % 40) / 39 for i in range(40)], [0.5 + i / 78 for i in range(40)],
                    [0.75 + i / 160 for i in range(40)]],
    "<script>alert(1)</script>": [[0.9 + i / 400 for i in range(40)]] * 3,
    'x" onmouseover="alert(2)': [[((i * 11) % 40) / 39 for i in range(40)]] * 3,
}
for name, current_days in days.items():
    for run in range(1, 4):
        current = np.concatenate([np.array(day) for day in current_days[:run]])
        print(f"{name} run {run}: psi={psi(baseline, current)[0]!r} m={len(current)}")
current = np.concatenate([np.array(day) for day in days["model-shift"]])
print("model-shift run 3 edges", [float(x) for x in edges(baseline)])
for row in histogram(baseline, current):
    print("   ", row)
