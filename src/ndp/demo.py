"""``ndp demo``: the reference quarter from the shipped demo data, end to end.

Writes the demo extracts, loads them into a fresh embedded store and returns what was loaded.
(The report stage extends this to build the pack and write the report.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ndp.load import LoadResult, load_files
from ndp.store import open_store
from ndp.synth.demo import write_demo_extracts


@dataclass(frozen=True)
class DemoResult:
    """What the demo wrote and loaded."""

    extracts: list[Path]
    store: Path
    load: LoadResult


def run_demo(out_dir: Path) -> DemoResult:
    """Write the demo extracts under ``out_dir/extracts`` and load them into ``out_dir/demo.duckdb``
    (replacing any earlier demo store, so every run starts fresh)."""
    extracts = write_demo_extracts(out_dir / "extracts")
    store_path = out_dir / "demo.duckdb"
    for stale in (store_path, store_path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    with open_store(str(store_path)) as store:
        load = load_files(store, extracts, username="ndp demo")
    return DemoResult(extracts, store_path, load)
