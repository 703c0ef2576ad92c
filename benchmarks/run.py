"""`make bench`: wall time and peak memory of `genhus allocate` on generated instances, with a reference floor.

For each size the instance is generated, written as Danish semicolon CSV, and allocated by the CLI in a fresh
process (so reading, solving, the independent check and writing are all counted, as a coordinator would see it).
The reference floor is OR-Tools min-cost flow alone on the same suitable household-dwelling pairs with a plain
weighted objective (rank minus priority weight), measured in this process on the same instance.

Targets (issue 2): 300 x 400 under 3 s through the CLI; 5,000 x 6,500 under 10 s with peak memory under 1 GB.
Each run is measured with the JSON result only and again with the workbook too, whose writing (openpyxl, cell by
cell) is the largest single cost at organisation-wide sizes.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from ortools.graph.python import min_cost_flow

from allocator.domain import Settings, priority_order
from allocator.eligibility import compute
from allocator.generate import generate_instance, write_inputs

SIZES = ((300, 400), (5000, 6500))
MEASURE = """
import resource, sys
from allocator.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(f"PEAK_MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}", file=sys.stderr)
"""


def cli_run(folder: Path, households: Path, vacancies: Path, *, workbook: bool) -> tuple[float, float, str]:
    outputs = ["--json", str(folder / "result.json")] + (
        ["--out", str(folder / "offers.xlsx")] if workbook else []
    )
    args = [sys.executable, "-c", MEASURE, "allocate", str(households), str(vacancies), "--quiet", *outputs]
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"genhus failed ({done.returncode}):\n{done.stderr}")
    peak = next(float(x.split()[1]) for x in done.stderr.splitlines() if x.startswith("PEAK_MB"))
    return seconds, peak, done.stdout.strip().splitlines()[-1]


def flow_floor(instance) -> tuple[float, int]:
    """Min-cost flow on all suitable pairs, cost = wish rank - priority weight * scale."""
    elig = compute(instance, Settings())
    ranks = elig.ranks()
    started = time.perf_counter()
    hh, dd = np.nonzero(elig.suitable)
    n, m = elig.suitable.shape
    weight = np.empty(n, dtype=np.int64)
    weight[priority_order(instance.households, 0)] = n - np.arange(n)
    scale = int(ranks.max(initial=1)) + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(n, n + m), hh, n + np.arange(m)]),
        np.concatenate([np.arange(n), n + dd, np.full(m, n + m + 1)]),
        np.ones(n + len(hh) + m, dtype=np.int64),
        np.concatenate(
            [
                np.zeros(n, np.int64),
                ranks[hh, dd].astype(np.int64) - weight[hh] * scale,
                np.zeros(m, np.int64),
            ]
        ),
    )
    flow.set_node_supply(n + m, n)
    flow.set_node_supply(n + m + 1, -n)
    flow.solve_max_flow_with_min_cost()
    return time.perf_counter() - started, len(hh)


def main() -> None:
    print(
        "`genhus allocate` in a fresh process: wall seconds and peak MB with --json only, then with --out too"
    )
    print(
        f"{'size':>13} {'pairs':>9} {'json s':>7} {'MB':>5} {'+xlsx s':>8} {'MB':>5} {'flow floor s':>12}  result"
    )
    for n, m in SIZES:
        instance = generate_instance(n, m, seed=1)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            households, vacancies = write_inputs(instance, folder, fmt="csv", lang="da")
            seconds, peak, line = cli_run(folder, households, vacancies, workbook=False)
            with_xlsx, peak_xlsx, _ = cli_run(folder, households, vacancies, workbook=True)
        floor, pairs = flow_floor(instance)
        print(
            f"{n:>6} x {m:<6} {pairs:>9} {seconds:>7.2f} {peak:>5.0f} {with_xlsx:>8.2f} {peak_xlsx:>5.0f} "
            f"{floor:>12.3f}  {line}"
        )


if __name__ == "__main__":
    main()
