"""Benchmark: writing scale extracts of every source, and (with --load) loading them.

    .venv/bin/python bench/synth_scale.py --records 1000000,10000000 [--load]

For each size it times `write_scale_extracts` (target: 10 million records well under a minute)
and, with --load, `load_files` of all of them into a fresh DuckDB store, printing seconds, the
megabytes written and the rows loaded per second.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ndp.load import load_files
from ndp.store import open_store
from ndp.synth.scale import write_scale_extracts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", default="1000000", help="comma-separated sizes")
    parser.add_argument("--load", action="store_true", help="also load the extracts")
    args = parser.parse_args()
    for records in (int(n) for n in args.records.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "extracts"
            start = time.perf_counter()
            paths = write_scale_extracts(out, records)
            wrote = time.perf_counter() - start
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            line = f"{records:>12,} records: wrote {megabytes:,.0f} MB in {wrote:.1f} s"
            if args.load:
                with open_store(str(Path(tmp) / "s.duckdb")) as store:
                    start = time.perf_counter()
                    load_files(store, paths)
                    loaded = time.perf_counter() - start
                line += f"; loaded in {loaded:.1f} s ({records / loaded:,.0f} rows/s)"
            print(line, flush=True)


if __name__ == "__main__":
    main()
