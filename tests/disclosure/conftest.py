"""Fixtures: the disclosure test framework's small store and pack (data in disclosure_data.py)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from disclosure_data import FRAMEWORK, TODAY, _rows, build


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB store file with the hand-made disruptions loaded (tests only read it)."""
    from ndp.load import load_files
    from ndp.store import open_store

    folder = tmp_path_factory.mktemp("disclosure")
    path = folder / "disruptions.csv"
    rows = _rows()
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with open_store(str(folder / "store.duckdb")) as store:
        load_files(store, [path], source="disruptions", today=TODAY)
    return folder / "store.duckdb"


@pytest.fixture(scope="session")
def small_pack(small_store: Path) -> dict[str, Any]:
    """The pack (as the outputs read it, exact numbers) of the hand-made disruptions."""
    return build(small_store, FRAMEWORK)
