"""Benchmark: writing the national report in all four formats, and all 45 force editions.

    .venv/bin/python bench/report.py [--pack out/pack-2024-25-Q1.json] [--workers 2]

Without ``--pack`` it builds the demo pack once (the demo extracts loaded into a fresh DuckDB
store, as ``ndp demo`` does). Then it times, in one run:

- **national**: ``write_report`` in html, pdf, docx and xlsx, the PDF printed in a second
  process beside Word and Excel (target <= 15 s);
- **forces**: ``write_all_forces`` in html, pdf, docx and xlsx for the 45 dissemination
  forces, on ``--workers`` processes (target <= 120 s on a 2-core machine).

It prints each wall time, its ratio to the target, and the CPU time the work took (this process
and its workers), since on a shared machine the wall time depends on what else runs: the CPU
time divided by the cores is what the run would take on two idle cores.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.report.force import write_all_forces
from ndp.report.render import read_pack, write_report

TARGETS = {"national": 15.0, "forces": 120.0}


def demo_pack(folder: Path) -> dict[str, Any]:
    """The demo quarter's pack, built from the demo extracts in a fresh store."""
    from ndp.engine.build import build_pack
    from ndp.load import load_files
    from ndp.periods import Quarter
    from ndp.store import open_store
    from ndp.synth.demo import write_demo_extracts

    extracts = write_demo_extracts(folder / "extracts")
    with open_store(str(folder / "demo.duckdb")) as store:
        load_files(store, extracts)
        built = build_pack(store, Quarter.parse("2024-25 Q1"))
    loaded: dict[str, Any] = json.loads(built.to_json(), parse_float=Decimal)
    return loaded


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(action: Callable[[], list[Path]]) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), _cpu()
    paths = action()
    return time.perf_counter() - wall, _cpu() - cpu, len(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, help="a pack file (default: build the demo pack)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the force editions")
    parser.add_argument("--only", choices=sorted(TARGETS), help="time one run only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ndp-bench-report-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        pack = read_pack(args.pack) if args.pack else demo_pack(folder)
        print(f"pack ready in {time.perf_counter() - started:.1f} s")
        runs = {
            "national": lambda: write_report(
                pack, folder / "national", ["html", "pdf", "docx", "xlsx"]
            ),
            "forces": lambda: write_all_forces(
                pack, folder / "editions", ["html", "pdf", "docx", "xlsx"], workers=args.workers
            ),
        }
        # the national report prints its PDF beside Word and Excel; the editions share out
        cores = max(1, min(os.cpu_count() or 1, args.workers))
        spread = {"national": cores, "forces": cores}
        for label, action in runs.items():
            if args.only and label != args.only:
                continue
            wall, cpu, files = timed(action)
            target = TARGETS[label]
            print(
                f"{label:9} {files:3} files  {wall:6.1f} s  (target {target:.0f} s, "
                f"ratio {wall / target:.2f})  CPU {cpu:6.1f} s = {cpu / spread[label]:.1f} s "
                f"on {spread[label]} idle core(s)"
            )


if __name__ == "__main__":
    main()
