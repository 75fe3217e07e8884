"""Benchmark: how the command line feels, against Python starting and doing nothing.

    .venv/bin/python bench/cli.py [--repeat 5]

Times, best of ``--repeat`` runs each, interleaved so another process on the two cores does not
decide the result: ``python -c pass`` (the baseline: what any Python command costs), ``ndp
--help``, ``ndp build`` of the demo store (every figure of every area, the pack and its area
files written), and reading one force's figures from the built pack (``load_area``, in this
process). Builds the demo store under a temporary folder first. Targets: ``ndp --help`` under
0.5 s, ``ndp build`` of the demo store under 3 s, one force's figures under 50 ms. Beside each
wall time it prints the CPU time the command used (best of the repeats) and the load average:
on a shared machine the wall time follows the load, the CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ndp.engine.pack_files import load_area

NDP = str(Path(sys.executable).with_name("ndp"))


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user and system, the command's threads included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run(
            [NDP, "synth", "--demo", "--out", str(out / "extracts")],
            check=True,
            capture_output=True,
        )
        store = str(out / "demo.duckdb")
        files = sorted(str(p) for p in (out / "extracts").iterdir())
        subprocess.run([NDP, "load", "--db", store, *files], check=True, capture_output=True)
        pack = out / "pack.json"
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "ndp --help": [NDP, "--help"],
            "ndp build (demo store)": [
                NDP, "build", "--db", store, "--period", "2024-25 Q1", "--out", str(pack)
            ],
        }  # fmt: skip
        best = {name: float("inf") for name in commands}
        cpu = {name: float("inf") for name in commands}
        read = float("inf")
        for _ in range(args.repeat):
            for name, command in commands.items():
                wall, used = timed(command)
                best[name], cpu[name] = min(best[name], wall), min(cpu[name], used)
            start = time.perf_counter()
            load_area(pack, "force", "E23000032")
            read = min(read, time.perf_counter() - start)
    base = best["python -c pass"]
    load = os.getloadavg()[0]
    print(f"load average (1 min) at the end: {load:.1f} on {os.cpu_count()} cores")
    for name, seconds in best.items():
        print(
            f"{name:28s} {seconds:6.3f} s  ({seconds / base:5.1f}x python -c pass)"
            f"  CPU {cpu[name]:6.3f} s"
        )
    print(f"{'one force (load_area)':28s} {read * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
