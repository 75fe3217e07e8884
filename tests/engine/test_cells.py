"""Cells: how the engine orders what the database returns in no particular order."""

from __future__ import annotations

from ndp.engine.build import history_months
from ndp.engine.cells import Cells, month_key, natural_key
from ndp.engine.framework import load_framework
from ndp.engine.scans import run_scans
from ndp.periods import Quarter
from ndp.store import Store


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


def test_a_stock_on_arrays_is_its_event_replay_at_every_month_end(demo_store: Store) -> None:
    """A stock's closing days come from arrays of the scan's columns when its values are whole
    numbers; the event-by-event replay (a stock of money) reads the rows by key, made from the
    same columns. Both give the same cells, in the same order, at every month end."""
    fw = load_framework(None)
    months = history_months(Quarter.parse("2024-25 Q1"), 24)
    stocks = {
        name: cells
        for name, cells in run_scans(demo_store, fw, months[0], months[-1]).cells.items()
        if isinstance(cells, Cells) and cells.stock
    }
    assert stocks  # the framework has stocks of records (F1c)
    for name, on_arrays in stocks.items():
        replayed = Cells(on_arrays.rows, True, fw.indicators[name].stock_close is not None)
        replayed._arrays = ()  # as for money: no arrays, the events replayed
        assert on_arrays.rows.value  # the rows by key, made from the columns when asked
        for month in months:
            end = month_key(month)
            expected = replayed._stock_cells(end)
            got = on_arrays._stock_cells(end)
            assert list(got.items()) == list(expected.items()), (name, month.label)
        assert any(on_arrays._stock_cells(month_key(m)) for m in months)
