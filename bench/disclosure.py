"""Benchmark: projecting the demo pack for the public (disclosure control, minimum 10) against
writing its statistical workbook, in the same run.

    .venv/bin/python bench/disclosure.py [--repeat 3]

Writes the demo extracts and store under a temporary folder, builds the pack with a copy of
the shipped framework that declares ``disclosure: {audiences: {public: {min_count: 10}}}``, then
times, best of ``--repeat`` each, interleaved: the police's workbook (the baseline: an output
every report run writes) and ``suppress(pack, "public")`` (every count indicator's cells,
primary and complementary suppression, and every derived figure). The demo's counts are small
per force and month, so it is the hard case: most area months are suppressed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from ndp.engine.build import build_pack
from ndp.engine.disclosure.project import suppress
from ndp.frameworks import DEFAULT_FRAMEWORK
from ndp.load import load_files
from ndp.periods import Quarter
from ndp.report.workbook.book import write_workbook
from ndp.store import open_store
from ndp.synth.demo import write_demo_extracts

RULE = "disclosure:\n  audiences:\n    public: {min_count: 10}\n"


def demo_pack(folder: Path) -> dict[str, Any]:
    framework = folder / "framework.yaml"
    framework.write_text(DEFAULT_FRAMEWORK.read_text(encoding="utf-8") + RULE, encoding="utf-8")
    extracts = write_demo_extracts(folder / "extracts")
    with open_store(str(folder / "demo.duckdb")) as store:
        load_files(store, extracts)
        pack = build_pack(store, Quarter.parse("2024-25 Q1"), framework_path=framework)
    data: dict[str, Any] = json.loads(pack.to_json(), parse_float=Decimal)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pack = demo_pack(folder)
        workbook, projection = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            write_workbook(pack, folder / "report.xlsx")
            workbook.append(time.perf_counter() - start)
            start = time.perf_counter()
            public = suppress(pack, "public")
            projection.append(time.perf_counter() - start)
    best_book, best_projection = min(workbook), min(projection)
    print(f"police workbook (baseline)   {best_book:6.2f} s")
    print(f"suppress(pack, 'public')     {best_projection:6.2f} s"
          f"  ({public['disclosure']['suppressed']} counts suppressed)")  # fmt: skip
    print(f"ratio                        {best_projection / best_book:6.2f}x the workbook")


if __name__ == "__main__":
    main()
