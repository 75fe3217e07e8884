"""Shares of a whole, for an additive flow (a count or money summed over time): each breakdown
value's share of the quarter, and the previous financial year's total, breakdown, each value's
share of it and each quarter's share of it ("For the previous year Q4 was the lowest period,
accounting for 2% of the year's seizures"; "estimated asset restraint was the highest type at
77%"). Percentages as every other in the pack: num x 100 / den, to three places."""

from __future__ import annotations

from typing import Any

from ndp.engine.cells import ratio
from ndp.engine.figures import Figures, breakdown, value
from ndp.engine.framework import Framework
from ndp.periods import FinancialYear, Quarter


def _of(parts: dict[str, Any], whole: Any) -> dict[str, Any]:
    return {k: ratio(v, whole) for k, v in parts.items() if v is not None}


def shares(
    fw: Framework,
    name: str,
    cells: dict[str, Figures],
    q: Quarter,
    year: FinancialYear,
    now: Any,
    split_now: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any] | None:
    """The ``shares`` block of indicator ``name`` for quarter ``q`` (whose figure, ``now``, and
    breakdowns by column, ``split_now``, the build already has) and previous year ``year``;
    None for a rate, a ratio or a stock (their parts do not add up to a whole)."""
    ind = fw.indicators[name]
    if ind.ratio or ind.unit == "percent" or ind.kind == "stock":
        return None
    months = [m for quarter in year.quarters for m in quarter.months]
    total = value(fw, name, cells, months)
    by_quarter = {
        f"Q{quarter.number}": value(fw, name, cells, quarter.months) for quarter in year.quarters
    }
    split = {col: breakdown(fw, name, cells, months, col) for col in ind.breakdowns}
    return {
        "breakdown": {
            col: _of(
                split_now[col] if split_now else breakdown(fw, name, cells, q.months, col), now
            )
            for col in ind.breakdowns
        },
        "previous_year": {
            "year": year.label,
            "value": total,
            "quarters": by_quarter,
            "quarter_share": _of(by_quarter, total),
            "breakdown": split,
            "breakdown_share": {col: _of(parts, total) for col, parts in split.items()},
        },
    }


__all__ = ["shares"]
