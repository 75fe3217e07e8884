"""Benchmark: `ndp load` against DuckDB's bare read_csv of the same disruptions extract.

    .venv/bin/python bench/load.py --rows 1000000,10000000

For each size it writes an N-row disruptions CSV (mixed force spellings, UK dates, enumeration
aliases, as real extracts are; with ``--timestamps`` each date a distinct time stamp to the
second), then times, each in its own process, (a) DuckDB materialising the
file with read_csv (the floor: no validation at all) and (b) `load_files` into a fresh store
(read, validate every value, write with lineage). It prints both, their ratio and each process's
peak memory. Target: ratio <= 2 at 10 million rows.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

FORCES = [
    "Met",
    "Metropolitan Police Service",
    "GMP",
    "E23000034",
    "Kent Police",
    "EMSOU",
    "West Midlands Police",
    "w15000002",
]

BARE = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[2])
start = time.perf_counter()
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, header = true)", [sys.argv[1]])
print(time.perf_counter() - start)
"""

NDP = """
import sys, time
from ndp.load import load_files
from ndp.store import open_store
store = open_store(sys.argv[2])
start = time.perf_counter()
load_files(store, [sys.argv[1]])
print(time.perf_counter() - start)
"""


DAY = "strftime(DATE '2022-04-01' + (hash(i) % 800)::INTEGER, '%d/%m/%Y')"
# a time stamp to the second: nearly every value distinct, the worst case for per-value parsing
STAMP = (
    "strftime(TIMESTAMP '2022-04-01' + to_seconds((hash(i) % (800 * 86400))::BIGINT), "
    "'%Y-%m-%d %H:%M:%S')"
)


def write_extract(path: Path, rows: int, stamps: bool = False) -> None:
    forces = ", ".join(f"'{f}'" for f in FORCES)
    duckdb.execute(
        f"""COPY (SELECT 'D' || i AS "Disruption ID",
            {STAMP if stamps else DAY} AS "Date",
            ([{forces}])[1 + (hash(i, 1) % {len(FORCES)})::INTEGER] AS "Force",
            (['Fraud', 'MLAR', 'Cyber Crime', 'Fraud OCG'])[1 + (hash(i, 2) % 4)::INTEGER]
                AS "Threat",
            (['', 'Pursue', 'Protect'])[1 + (hash(i, 3) % 3)::INTEGER] AS "Category",
            (['Major', 'moderate', 'Minor', 'minor'])[1 + (hash(i, 4) % 4)::INTEGER] AS "Level",
            'OCG-' || (hash(i, 5) % 9000) AS "OCG Ref"
        FROM range({rows}) t(i)) TO '{path}' (HEADER)"""
    )


def timed(script: str, extract: Path, db: Path) -> tuple[float, float]:
    """Seconds (measured inside the child) and the child's peak memory in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-c", script, str(extract), str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return float(done.stdout.strip().splitlines()[-1]), max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000,10000000", help="comma-separated sizes")
    parser.add_argument("--json", action="store_true", help="print results as JSON lines")
    parser.add_argument(
        "--timestamps", action="store_true", help="dates as distinct time stamps, not days"
    )
    args = parser.parse_args()
    for rows in (int(n) for n in args.rows.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            extract = Path(folder) / "disruptions.csv"
            start = time.perf_counter()
            write_extract(extract, rows, args.timestamps)
            generated = time.perf_counter() - start
            bare, bare_mem = timed(BARE, extract, Path(folder) / "bare.duckdb")
            ndp, ndp_mem = timed(NDP, extract, Path(folder) / "ndp.duckdb")
        result = {
            "rows": rows,
            "generate_s": round(generated, 2),
            "read_csv_s": round(bare, 2),
            "ndp_load_s": round(ndp, 2),
            "ratio": round(ndp / bare, 2),
            "read_csv_peak_mib": round(bare_mem),
            "ndp_load_peak_mib": round(ndp_mem),
        }
        if args.json:
            print(json.dumps(result))
        else:
            print(
                f"{rows:>11,} rows: read_csv {bare:6.2f}s  ndp load {ndp:6.2f}s  "
                f"ratio {ndp / bare:4.2f}  peak memory {bare_mem:,.0f} / {ndp_mem:,.0f} MiB"
            )


if __name__ == "__main__":
    main()
