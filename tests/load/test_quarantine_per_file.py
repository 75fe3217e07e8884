"""The pack's provenance says, per extract, how many of its rows a partial load refused and
quarantine still holds: the quarter page's "Refused" column, which sums to the pack's total."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ndp.engine.framework import load_framework
from ndp.engine.pack_parts import provenance
from ndp.load import load_files
from ndp.store import Store


def _held(store: Store) -> dict[str, int]:
    files = provenance(store, load_framework())["files"]
    return {Path(f["path"]).name: f["quarantined"] for f in files}


def test_refused_rows_are_counted_per_file_until_released(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    spoilt = write_csv(
        [disruption(id="D1"), disruption(id="D2", level="Huge"), disruption(id="D3", level="?")],
        name="spoilt.csv",
    )
    clean = write_csv([disruption(id="D4")], name="clean.csv")
    load_files(duck_store, [spoilt, clean], partial=True)
    assert _held(duck_store) == {"spoilt.csv": 2, "clean.csv": 0}
    total = duck_store.scalar("SELECT count(*) FROM quarantine WHERE released_by_load IS NULL")
    assert sum(_held(duck_store).values()) == total == 2

    fixed = write_csv([disruption(id="D2", level="Major")], name="fixed.csv")
    load_files(duck_store, [fixed])
    assert _held(duck_store) == {"spoilt.csv": 1, "clean.csv": 0, "fixed.csv": 0}
