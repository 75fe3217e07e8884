"""The comparisons every figure of a quarter carries, for the nation and for each area alike:
the same quarter last year, the previous quarter, the previous year's quarterly average (a
flow) or year end (a stock or a rate), and the benchmark where one applies (docs/pack.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from ndp.engine.cells import compare
from ndp.engine.framework import IndicatorDef
from ndp.periods import Month, Quarter


def comparisons(
    ind: IndicatorDef, q: Quarter, value: Any, at: Callable[[Labelled], Any], *, fixed: bool = True
) -> dict[str, Any]:
    """``at(quarter)`` gives the figure of any earlier quarter (a :class:`Labelled`: its
    ``label`` and ``months``). ``fixed``: whether a benchmark set as a fixed value or target
    applies (it is the nation's; an area takes only a benchmark on its own basis, such as its
    previous year's quarterly average)."""
    sqly, previous, prev_year, prev_quarters = around(q)
    comps: dict[str, Any] = {
        "same_quarter_last_year": {"period": sqly.label, **compare(value, at(sqly))},
        "previous_quarter": {"period": previous.label, **compare(value, at(previous))},
    }
    if ind.kind == "stock" or ind.unit == "percent":
        end = at(prev_quarters[-1])
        comps["previous_year_end"] = {"period": prev_year, **compare(value, end)}
    else:
        pyq = [at(pq) for pq in prev_quarters]
        total = sum(v for v in pyq if v is not None) if any(v is not None for v in pyq) else None
        avg = None if total is None else Decimal(total) / 4
        comps["previous_year_quarterly_average"] = {
            "period": prev_year,
            "total": total,
            **compare(value, avg),
        }
    bench = _benchmark(ind, value, comps, fixed)
    if bench is not None:
        comps["benchmark"] = bench
    return comps


@dataclass(frozen=True)
class Labelled:
    """A quarter with its label worked out once (the area figures ask for it ~10,000 times)."""

    quarter: Quarter
    label: str

    @property
    def months(self) -> list[Month]:
        return self.quarter.months


@cache
def around(q: Quarter) -> tuple[Labelled, Labelled, str, tuple[Labelled, ...]]:
    """The quarters a quarter's comparisons read: the same quarter last year, the previous
    quarter, the previous year's label and its four quarters."""
    prev_year = q.year.previous()

    def labelled(x: Quarter) -> Labelled:
        return Labelled(x, x.label)

    return (
        labelled(q.same_quarter_last_year()),
        labelled(q.previous()),
        prev_year.label,
        tuple(labelled(x) for x in prev_year.quarters),
    )


def _benchmark(
    ind: IndicatorDef, value: Any, comps: dict[str, Any], fixed: bool
) -> dict[str, Any] | None:
    b = ind.benchmark
    if b is None or (not b.basis and not fixed):
        return None
    if b.basis:
        bval = comps["previous_year_quarterly_average"]["value"]
        basis: str = b.basis
    else:
        amount = b.value if b.value is not None else b.target
        bval = Decimal(str(amount)).normalize() if amount is not None else None
        basis = "value" if b.value is not None else "target"
    met = None
    if bval is not None:
        v = value or 0
        met = v >= bval if ind.direction != "down" else v <= bval
    return {"basis": basis, "met": met, **compare(value, bval)}
