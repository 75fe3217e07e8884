"""Derive periods and geographies from one scan's month x unit rows, in Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Any

from ndp.engine.aggregate import NONE_MONTH, Rows
from ndp.periods import Month, Quarter
from ndp.reference import reference

Q3 = Decimal("0.001")


def month_key(m: Month) -> int:
    return m.start.year * 100 + m.start.month


@cache
@lru_cache(maxsize=4096)
def region_of(unit: str | None) -> str | None:
    """A unit's region name: a force code's region, or the unit itself when it is a region."""
    if unit is None:
        return None
    ref = reference()
    try:
        code = ref.force(unit).region
        return ref.regions[code].name if code in ref.regions else None
    except LookupError:
        try:
            return ref.region(unit).name
        except LookupError:
            return None


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
        if not stock:
            for k, v in rows.value.items():
                cell = self._by_month.setdefault(k[0], {}).setdefault((k[2], k[3]), [0, 0])
                cell[0] += v
                cell[1] += rows.count[k]

    def _select(self, months: Iterable[Month]) -> list[tuple[tuple[Any, ...], Any, int]]:
        if self.stock:
            end = max(month_key(m) for m in months)
            if end not in self._stock_at:
                folded: dict[tuple[Any, ...], list[Any]] = {}
                for k, v in self.rows.value.items():
                    if k[0] <= end and (not self.honours_close or k[1] == NONE_MONTH or k[1] > end):
                        cell = folded.setdefault((k[2], k[3]), [0, 0])
                        cell[0] += v
                        cell[1] += self.rows.count[k]
                self._stock_at[end] = [(k, c[0], c[1]) for k, c in folded.items()]
            return self._stock_at[end]
        out: list[tuple[tuple[Any, ...], Any, int]] = []
        for m in months:
            out.extend((k, c[0], c[1]) for k, c in self._by_month.get(month_key(m), {}).items())
        return out

    def total(self, months: Iterable[Month], units: set[str | None] | None = None) -> Any:
        """Sum over the months (or the stock at their last day); None when no record."""
        value: Any = 0
        n = 0
        for k, v, c in self._select(list(months)):
            if units is None or k[0] in units:
                value += v
                n += c
        return value if n else None

    def by_unit(self, months: Iterable[Month], geo: str) -> dict[str, Any]:
        """Values per force code (``geo='force'``) or region name (``geo='region'``)."""
        out: dict[str, Any] = defaultdict(int)
        for k, v, _c in self._select(list(months)):
            unit = k[0]
            region = region_of(unit)
            name = unit if geo == "force" else region
            if name is not None and (geo == "region" or region != unit):
                out[name] += v
        return dict(out)

    def breakdown(self, months: Iterable[Month], column: str) -> dict[str, Any]:
        i = self.rows.breakdowns.index(column)
        out: dict[str, Any] = defaultdict(int)
        for k, v, _c in self._select(list(months)):
            out[str(k[1][i])] += v
        return dict(out)


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
