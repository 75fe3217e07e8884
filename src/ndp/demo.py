"""``ndp demo``: the reference quarter from the shipped demo data, end to end.

Writes the demo extracts, loads them into a fresh embedded store, builds the 2024-25 Q1 pack
and writes the report from it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ndp.engine.build import build_pack
from ndp.engine.pack_files import write_pack
from ndp.load import LoadResult, load_files
from ndp.periods import Quarter
from ndp.report.render import read_pack, write_report
from ndp.store import open_store
from ndp.synth.demo import write_demo_extracts

#: The reference quarter: the one the reference report covers.
DEMO_PERIOD = Quarter(2024, 1)


@dataclass(frozen=True)
class DemoResult:
    """What the demo wrote and loaded."""

    extracts: list[Path]
    store: Path
    load: LoadResult
    pack: Path
    report: list[Path]


def run_demo(out_dir: Path) -> DemoResult:
    """Write the demo extracts under ``out_dir/extracts``, load them into ``out_dir/demo.duckdb``
    (replacing any earlier demo store, so every run starts fresh), build the pack and write the
    report under ``out_dir`` with the demo's analyst commentary (copied to
    ``out_dir/commentary.yaml`` as an example to edit)."""
    extracts = write_demo_extracts(out_dir / "extracts")
    store_path = out_dir / "demo.duckdb"
    for stale in (store_path, store_path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    commentary = out_dir / "commentary.yaml"
    with resources.as_file(resources.files("ndp.synth.demo") / "commentary.yaml") as shipped:
        shutil.copyfile(shipped, commentary)
    with open_store(str(store_path)) as store:
        load = load_files(store, extracts, username="ndp demo")
        pack = build_pack(store, DEMO_PERIOD, commentary=commentary)
    pack_path = out_dir / f"pack-{DEMO_PERIOD.year.label}-Q{DEMO_PERIOD.number}.json"
    write_pack(pack, pack_path)
    report = write_report(
        read_pack(pack_path), out_dir, ["html", "pdf", "docx", "xlsx"], commentary=commentary
    )
    return DemoResult(extracts, store_path, load, pack_path, report)
