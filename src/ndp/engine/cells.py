"""Derive periods and geographies from one scan's month x unit rows, in Python."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

import numpy as np

from ndp.engine.aggregate import NONE_MONTH, Rows
from ndp.periods import Month, Quarter
from ndp.reference import reference

Q3 = Decimal("0.001")


@cache
def month_key(m: Month) -> int:
    return m.start.year * 100 + m.start.month


@cache
def region_of(unit: str | None) -> str | None:
    """A unit's region name: a force code's region, or the unit itself when it is a region."""
    if unit is None:
        return None
    ref = reference()
    # the store holds codes: a region code ("west_midlands") is a region even where a force's
    # alias resolves from it (West Midlands Police)
    if unit in ref.forces:
        code = ref.forces[unit].region
        return ref.regions[code].name if code in ref.regions else None
    if unit in ref.regions:
        return ref.regions[unit].name
    try:
        code = ref.force(unit).region
        return ref.regions[code].name if code in ref.regions else None
    except LookupError:
        try:
            return ref.region(unit).name
        except LookupError:
            return None


@cache
def is_force(unit: str | None) -> bool:
    """Whether a unit is a force or national unit (not a region standing in for a force)."""
    return unit is not None and unit in reference().forces


_EMPTY: dict[str | None, list[Any]] = {}
_UNSET: Any = object()
#: per geography (``force``, ``region``): unit -> its area's name (None: not in one), as found
_area_names: dict[str, dict[str | None, str | None]] = {"force": {}, "region": {}}


def _area_name(unit: str | None, geo: str) -> str | None:
    """The force code (``geo='force'``) or region name (``geo='region'``) a unit counts in."""
    return region_of(unit) if geo == "region" else (unit if is_force(unit) else None)


class Cells:
    """One indicator's aggregated rows, queried by months, units and breakdown values.

    Rows are folded once per month (flows) or per closing day (stocks, cached), so each query
    reads a few hundred (unit, breakdown) entries, not the whole scan result.
    """

    def __init__(self, rows: Rows, stock: bool, honours_close: bool) -> None:
        self.rows = rows
        self.stock = stock
        self.honours_close = honours_close
        self._by_month: dict[int, dict[tuple[Any, ...], list[Any]]] = {}
        self._stock_at: dict[int, list[tuple[tuple[Any, ...], Any, int]]] = {}
        self._totals: dict[tuple[int, ...], tuple[Any, int]] = {}
        self._events: list[tuple[int, tuple[Any, ...], Any, int]] | None = None
        self._event_months: list[int] = []
        self._snapshots: dict[int, dict[tuple[Any, ...], list[Any]]] = {}
        self._arrays: EventArrays | None = None
        # per month (flows) or closing day (stocks): unit -> [value, records], for the many
        # per-unit questions (forces, regions, like-for-like) that ignore breakdowns
        self._units_at: dict[int, dict[str | None, list[Any]]] = {}
        self._by_geo: dict[tuple[tuple[int, ...], str], dict[str, Any]] = {}
        self._months_built = stock  # a flow's cells by month: built when first asked
        # a flow with one row per (month, unit, breakdown): its rows' positions by month, for
        # the breakdowns (worked out when first asked); None otherwise
        self._rows_at: dict[int, list[int]] | None = None
        self._unique = False
        if not stock:
            month, close, unit, _splits, values, counts = rows.columns
            if close.count(NONE_MONTH) == len(close):
                self._unique = True
                # one row per (month, unit, breakdown): each unit's cell added up from its rows
                # in their order, in one pass (the cells by month, which only the breakdowns
                # read, are made if asked)
                units_at = self._units_at
                for m, u, v, n in zip(month, unit, values, counts, strict=True):
                    at = units_at.get(m)
                    if at is None:
                        at = units_at[m] = {}
                    cell = at.get(u)
                    if cell is None:  # 0 + v as summing from 0 gives (Decimal -0.00 reads 0.00)
                        at[u] = [0 + v, 0 + n]
                    else:  # as the cells by month, each 0 + v, would add up
                        cell[0] += 0 + v
                        cell[1] += n
            else:
                for m, cells in self._months().items():
                    self._units_at[m] = self._fold_units(cells.items())

    def _months(self) -> dict[int, dict[tuple[Any, ...], list[Any]]]:
        """A flow's cells by month: (unit, breakdown values) -> [value, records]."""
        if not self._months_built:
            by_month = self._by_month
            for month, key, v, n in _flow_rows(self.rows):
                at = by_month.get(month)
                if at is None:
                    at = by_month[month] = {}
                cell = at.get(key)
                if cell is None:  # 0 + v as summing from 0 gives (Decimal -0.00 reads 0.00)
                    at[key] = [0 + v, n]
                else:
                    cell[0] += v
                    cell[1] += n
            self._months_built = True
        return self._by_month

    @staticmethod
    def _fold_units(cells: Iterable[tuple[tuple[Any, ...], Any]]) -> dict[str | None, list[Any]]:
        units: dict[str | None, list[Any]] = {}
        for (unit, _breakdown), (v, c) in cells:
            cell = units.get(unit)
            if cell is None:
                units[unit] = [0 + v, 0 + c]
            else:
                cell[0] += v
                cell[1] += c
        return units

    def _unit_dicts(self, months: list[Month]) -> list[dict[str | None, list[Any]]]:
        """unit -> [value, records] of each month, in order (a stock: one, at the last day)."""
        if self.stock:
            end = max(month_key(m) for m in months)
            if end not in self._units_at:
                self._units_at[end] = self._fold_units(
                    (k, (v, c)) for k, v, c in self._select(months)
                )
            return [self._units_at[end]]
        return [self._units_at.get(month_key(m), _EMPTY) for m in months]

    def _select(self, months: Iterable[Month]) -> list[tuple[tuple[Any, ...], Any, int]]:
        if self.stock:
            end = max(month_key(m) for m in months)
            if end not in self._stock_at:
                cells = self._stock_cells(end)
                self._stock_at[end] = [(k, c[0], c[1]) for k, c in cells.items() if c[1]]
            return self._stock_at[end]
        out: list[tuple[tuple[Any, ...], Any, int]] = []
        for m in months:
            out.extend((k, c[0], c[1]) for k, c in self._months().get(month_key(m), {}).items())
        return out

    def _stock_cells(self, end: int) -> dict[tuple[Any, ...], list[Any]]:
        """The stock open at the end of month ``end``: a row counts from its opening month until
        the month it closed in. Built from the nearest earlier snapshot by applying the opening
        and closing events in between, so 24 month-ends cost one pass over the rows, not 24."""
        if end in self._snapshots:
            return self._snapshots[end]
        if self._arrays is None:
            self._arrays = _event_arrays(self.rows, self.honours_close)
        if self._arrays:  # whole numbers: every closing day a sum over arrays
            keys, months, index, values, counts = self._arrays
            upto = int(np.searchsorted(months, end, side="right"))
            summed = [
                np.bincount(index[:upto], weights=w[:upto], minlength=len(keys)).tolist()
                for w in (values, counts)
            ]
            self._snapshots[end] = {
                k: [int(a), int(b)] for k, a, b in zip(keys, *summed, strict=True)
            }
            return self._snapshots[end]
        if self._events is None:
            events: list[tuple[int, tuple[Any, ...], Any, int]] = []
            for k, v in self.rows.value.items():
                opened, closed, key, n = k[0], k[1], (k[2], k[3]), self.rows.count[k]
                if self.honours_close and closed != NONE_MONTH:
                    if closed <= opened:
                        continue  # closed before it opened: never in the stock
                    events.append((closed, key, -v, -n))
                events.append((opened, key, v, n))
            events.sort(key=lambda e: e[0])
            self._events = events
            self._event_months = [e[0] for e in events]
        earlier = [e for e in self._snapshots if e <= end]
        base = max(earlier) if earlier else None
        cells = {k: list(c) for k, c in self._snapshots[base].items()} if base is not None else {}
        lo = bisect_right(self._event_months, base) if base is not None else 0
        for _month, key, v, n in self._events[lo : bisect_right(self._event_months, end)]:
            cell = cells.setdefault(key, [0, 0])
            cell[0] += v
            cell[1] += n
        self._snapshots[end] = cells
        return cells

    def total(self, months: Iterable[Month], units: set[str | None] | None = None) -> Any:
        """Sum over the months (or the stock at their last day); None when no record."""
        months = list(months)
        if units is None:  # the nation's figures, asked for again and again: cached
            key = tuple(month_key(m) for m in months)
            if key not in self._totals:
                self._totals[key] = self._sum(months, None)
            value, n = self._totals[key]
        else:
            value, n = self._sum(months, units)
        return value if n else None

    def _sum(self, months: list[Month], units: set[str | None] | None) -> tuple[Any, int]:
        value: Any = 0
        n = 0
        for at in self._unit_dicts(months):  # the units in order, added as they come
            if units is None:
                for v, c in at.values():
                    value += v
                    n += c
            else:
                for unit, (v, c) in at.items():
                    if unit in units:
                        value += v
                        n += c
        return value, n

    def by_unit(self, months: Iterable[Month], geo: str) -> dict[str, Any]:
        """Values per force code (``geo='force'``) or region name (``geo='region'``). Kept per
        month (a stock: per closing day) and geography, a flow's quarter added up from its
        months: every area's figures ask for the same 24 months and their 8 quarters, and a
        ratio's parts ask again. The dict returned is shared: read it, do not change it."""
        months = list(months)
        keys = [month_key(m) for m in months]
        if self.stock and keys:
            keys = [max(keys)]
        kept = self._by_geo.get((tuple(keys), geo))
        if kept is not None:
            return kept
        out: dict[str, Any] = {}
        get = out.get
        if len(keys) == 1:
            names = _area_names[geo]
            for at in self._unit_dicts(months):
                for unit, (v, _c) in at.items():
                    name = names.get(unit, _UNSET)
                    if name is _UNSET:
                        name = names[unit] = _area_name(unit, geo)
                    if name is not None:
                        out[name] = get(name, 0) + v
        else:
            for m in months:  # exact sums (ints, Decimals): the same whatever the grouping
                for name, v in self.by_unit([m], geo).items():
                    out[name] = get(name, 0) + v
        self._by_geo[(tuple(keys), geo)] = out
        return out

    def breakdown(self, months: Iterable[Month], column: str) -> dict[str, Any]:
        i = self.rows.breakdowns.index(column)
        if self._unique:  # each month's rows in their order: its cells, as _select gives them
            splits, values = self.rows.columns[3], self.rows.columns[4]
            rows_at = self._month_rows()
            added: dict[str, Any] = {}
            get = added.get
            for m in months:
                for r in rows_at.get(month_key(m), ()):
                    label = str(splits[r][i])
                    added[label] = get(label, 0) + (0 + values[r])
            return {label: added[label] for label in sorted(added, key=natural_key)}
        out: dict[str, Any] = defaultdict(int)
        for k, v, _c in self._select(list(months)):
            out[str(k[1][i])] += v
        return {k: out[k] for k in sorted(out, key=natural_key)}

    def _month_rows(self) -> dict[int, list[int]]:
        """Each month's row positions, in the rows' order (a stable sort of the months)."""
        if self._rows_at is None:
            months = np.asarray(self.rows.columns[0], dtype=np.int64)
            order = np.argsort(months, kind="stable")
            found, starts = np.unique(months[order], return_index=True)
            ends = [*starts[1:].tolist(), len(order)] if len(order) else []
            self._rows_at = {
                m: order[a:b].tolist()
                for m, a, b in zip(found.tolist(), starts.tolist(), ends, strict=True)
            }
        return self._rows_at


def _flow_rows(rows: Rows) -> Iterable[tuple[int, tuple[Any, ...], Any, int]]:
    """(month, (unit, breakdown values), value, records) of each row, in the rows' order."""
    month, _close, unit, splits, values, counts = rows.columns
    return zip(month, zip(unit, splits, strict=True), values, counts, strict=True)


#: a stock's events as arrays: each key (unit, breakdown) once, in order of its first event;
#: then per event, in month order, its month, its key's index, value and records. () when
#: the values are not whole numbers a float adds exactly (money).
EventArrays = tuple[list[tuple[Any, ...]], Any, Any, Any, Any] | tuple[()]

#: a float adds whole numbers exactly below this
EXACT = 2**53


def _event_arrays(rows: Rows, honours_close: bool) -> EventArrays:
    """The events ``Cells._stock_cells`` replays (a row opens in its month and, if it honours
    its close, closes in its closing month; a row closed before it opened is never open), in
    the same order (each row's closing event before its opening, then stably by month)."""
    opens, closings, units, splits, values, counts = rows.columns  # one row per key
    if not all(type(v) is int for v in values) or (
        sum(abs(v) for v in values) >= EXACT or sum(abs(n) for n in counts) >= EXACT
    ):
        return ()
    position: dict[tuple[Any, ...], int] = {}
    index = np.array(
        [position.setdefault(k, len(position)) for k in zip(units, splits, strict=True)],
        np.int64,
    )
    opened = np.array(opens, dtype=np.int64)
    closed = np.array(closings, dtype=np.int64)
    v, n = np.array(values, dtype=np.float64), np.array(counts, dtype=np.float64)
    closes = (closed != NONE_MONTH) if honours_close else np.zeros(len(opens), dtype=np.bool_)
    kept = ~(closes & (closed <= opened))
    valid = np.stack([closes & kept, kept], axis=1).ravel()
    months = np.stack([closed, opened], axis=1).ravel()[valid]
    order = np.argsort(months, kind="stable")
    months = months[order]
    signed = [np.stack([-a, a], axis=1).ravel()[valid][order] for a in (v, n)]
    index = np.repeat(index, 2)[valid][order]
    # keys renumbered in order of their first event (as the snapshots' dicts hold them)
    found, first = np.unique(index, return_index=True)
    ranked = found[np.argsort(first, kind="stable")]
    renumber = np.zeros(len(position), dtype=np.int64)
    renumber[ranked] = np.arange(len(ranked))
    every = list(position)
    return [every[i] for i in ranked.tolist()], months, renumber[index], signed[0], signed[1]


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort key putting "2" before "10" and "1" before "1A" (outcome codes), in a fixed order
    whatever order the database returned the groups in."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def units_recording(records: dict[tuple[int, str | None], int], q: Quarter) -> set[str | None]:
    keys = {month_key(m) for m in q.months}
    return {u for (m, u), n in records.items() if m in keys and n}


def pct(change: Any, base: Any) -> Decimal | None:
    if base is None or change is None or base == 0:
        return None
    return (Decimal(change) * 100 / Decimal(base)).quantize(Q3, ROUND_HALF_UP)


def compare(current: Any, base: Any) -> dict[str, Any]:
    change = None if current is None or base is None else current - base
    return {"value": base, "change": change, "pct_change": pct(change, base)}


def ratio(num: Any, den: Any) -> Decimal | None:
    if not den:
        return None
    return (Decimal(num or 0) * 100 / Decimal(den)).quantize(Q3, ROUND_HALF_UP)
