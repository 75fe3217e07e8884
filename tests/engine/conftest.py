"""Engine fixtures: the demo pack (built once per session; the report tests may reuse it) and
small hand-made stores."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ndp.store import Store, open_store

Insert = Callable[[str, list[dict[str, Any]]], None]


@pytest.fixture
def tiny_store() -> Iterator[tuple[Store, Insert]]:
    """An empty in-memory store and a function inserting rows into a source table."""
    with open_store(":memory:") as store:
        line = [0]

        def insert(source: str, rows: list[dict[str, Any]]) -> None:
            for row in rows:
                line[0] += 1
                cols = [*row, "_load_id", "_file_id", "_line"]
                values = [*row.values(), 1, 1, line[0]]
                names = ", ".join(f'"{c}"' for c in cols)
                marks = ", ".join("?" for _ in cols)
                store.execute(f"INSERT INTO {source} ({names}) VALUES ({marks})", values)

        yield store, insert
