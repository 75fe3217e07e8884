"""Cells: how the engine orders what the database returns in no particular order."""

from __future__ import annotations

from ndp.engine.cells import natural_key


def test_breakdown_values_sort_naturally() -> None:
    codes = ["8", "1A", "22", "non_judicial", "2", "1", "10", "2A"]
    assert sorted(codes, key=natural_key) == [
        "1",
        "1A",
        "2",
        "2A",
        "8",
        "10",
        "22",
        "non_judicial",
    ]
