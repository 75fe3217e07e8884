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


def test_a_flows_units_and_breakdowns_are_its_rows_added_in_order(demo_store: Store) -> None:
    """A flow with one row per (month, unit, breakdown) adds its units up in one pass and reads
    its breakdowns from the rows of the months asked; both must be what adding the rows by key
    (month by month, each row's 0 + value, in the rows' order) gives, same types and order."""
    fw = load_framework(None)
    months = history_months(Quarter.parse("2024-25 Q1"), 24)
    flows = {
        name: cells
        for name, cells in run_scans(demo_store, fw, months[0], months[-1]).cells.items()
        if isinstance(cells, Cells) and not cells.stock
    }
    assert any(c.rows.breakdowns for c in flows.values())  # e.g. disruptions by level
    checked = 0
    for name, cells in flows.items():
        assert cells._unique, name  # the demo's flows: one row per key
        by_key = list(cells.rows.value.items())
        for month in months:
            key = month_key(month)
            units: dict[object, list[object]] = {}
            for (m, _close, unit, _split), v in by_key:
                if m == key:
                    cell = units.setdefault(unit, [0, 0])
                    cell[0] += 0 + v
                    cell[1] += cells.rows.count[(m, _close, unit, _split)]
            got = cells._units_at.get(key, {})
            assert repr(list(got.items())) == repr(list(units.items())), (name, month.label)
        for i, column in enumerate(cells.rows.breakdowns):
            for quarter in (months[-3:], months[-15:-12], months[:3]):
                expected: dict[str, object] = {}
                for month in quarter:
                    for (m, _close, _unit, split), v in by_key:
                        if m == month_key(month):
                            expected[str(split[i])] = expected.get(str(split[i]), 0) + (0 + v)
                want = {k: expected[k] for k in sorted(expected, key=natural_key)}
                got_split = cells.breakdown(quarter, column)
                assert repr(list(got_split.items())) == repr(list(want.items())), (name, column)
                checked += bool(want)
    assert checked
