"""An indicator's figure for any months, units, breakdown or geography.

Scanned, latest-per-key and returns indicators answer from their own cells; a ratio is derived
from its numerator's and denominator's answers to the same question, so a percentage per force,
region or breakdown value is num / den x 100 of that force's, region's or value's counts (null
where the denominator is 0 or absent), never an average of percentages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ndp.engine.cells import ratio
from ndp.engine.framework import Framework
from ndp.periods import Month


class Figures(Protocol):
    """What every kind of indicator cells answers (``Cells``, ``LatestCells``, ``ReturnsCells``)."""

    def total(self, months: Iterable[Month], units: set[str | None] | None = None) -> Any: ...

    def by_unit(self, months: Iterable[Month], geo: str) -> dict[str, Any]: ...

    def breakdown(self, months: Iterable[Month], column: str) -> dict[str, Any]: ...


Parts = tuple[Any, Any]


def value(
    fw: Framework,
    name: str,
    cells: dict[str, Figures],
    months: list[Month],
    units: set[str | None] | None = None,
) -> Any:
    ind = fw.indicators[name]
    if ind.ratio:
        num = value(fw, ind.ratio[0], cells, months, units)
        den = value(fw, ind.ratio[1], cells, months, units)
        return ratio(num, den)
    return cells[name].total(months, units)


def parts(fw: Framework, name: str, cells: dict[str, Figures], months: list[Month]) -> Parts:
    """(numerator, denominator): a ratio's parts, or a count and what it is out of (regions
    fully staffed of the ten, forces on time of those expected); (None, None) otherwise."""
    ind = fw.indicators[name]
    if ind.ratio:
        num = value(fw, ind.ratio[0], cells, months)
        den = value(fw, ind.ratio[1], cells, months)
        return (0 if num is None and den is not None else num), den
    own = getattr(cells[name], "parts", None)
    return own(months) if own is not None else (None, None)


def breakdown(
    fw: Framework, name: str, cells: dict[str, Figures], months: list[Month], column: str
) -> dict[str, Any]:
    ind = fw.indicators[name]
    if not ind.ratio:
        return cells[name].breakdown(months, column)
    num = breakdown(fw, ind.ratio[0], cells, months, column)
    den = breakdown(fw, ind.ratio[1], cells, months, column)
    return {k: ratio(num.get(k), den[k]) for k in sorted(den) if den[k] is not None}


def by_geo(
    fw: Framework, name: str, cells: dict[str, Figures], months: list[Month], geo: str
) -> dict[str, tuple[Any, Any, Any]]:
    """Per force code or region name: (value, numerator, denominator)."""
    ind = fw.indicators[name]
    if ind.ratio:
        num = by_geo(fw, ind.ratio[0], cells, months, geo)
        den = by_geo(fw, ind.ratio[1], cells, months, geo)
        out = {}
        for key in sorted(set(num) | set(den)):
            d = den.get(key, (None,))[0]
            n = num.get(key, (None,))[0]
            if n is None and d is not None:
                n = 0  # records in the denominator, none in the numerator: 0 of d
            out[key] = (ratio(n, d), n, d)
        return out
    own = getattr(cells[name], "by_parts", None)
    if own is not None:
        return dict(own(months, geo))
    return {k: (v, None, None) for k, v in cells[name].by_unit(months, geo).items()}
