"""One count indicator's figures as cells and the relations an output's reader can use
between them: the grid that complementary suppression protects.

A cell is a figure an output shows for one area and one period (or one breakdown category):
``("nation", p)``, ``("region", name, p)``, ``("force", code, p)`` (forces and units),
``("unattributed", p)`` (the part no region holds) and ``("category", dimension, category, p)``
(a breakdown of the nation). ``p`` is a quarter (``2024-25 Q1``) or a month (``2024-06``).

A relation is a list of (cell, coefficient) whose values sum to zero. The candidates are every
additive identity a reader could write: the nation is its regions plus the part no region holds,
a region is its forces and units, the nation is the sum of each breakdown's categories, a
quarter is its three months (a flow) or its last month (a stock). A candidate is kept only where
it holds exactly on the figures, so the grid never assumes a relation the figures do not have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ndp.periods import Quarter

Cell = tuple[str, ...]
Relation = list[tuple[Cell, int]]


@dataclass
class Grid:
    #: every cell an output shows, with its figure (a cell without a record is not one)
    values: dict[Cell, int | Decimal] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    #: figures the relations need that no output shows: the part no region holds in a period
    #: other than the quarter and its same quarter last year. Unknown to a reader, they take
    #: part in the relations as cells always suppressed (never shown, never a complement)
    hidden: dict[Cell, int | Decimal] = field(default_factory=dict)

    def add(self, cell: Cell, value: Any) -> None:
        if value is not None:
            self.values[cell] = value

    def value(self, cell: Cell) -> int | Decimal:
        return self.values.get(cell, self.hidden.get(cell, 0))

    def keep(self, relation: Relation) -> None:
        """Keep ``relation`` if it holds exactly (a cell without a figure counts 0; the
        figures are ints and Decimals, whose sums are exact)."""
        total = sum(self.value(c) * k for c, k in relation)
        present = [(c, k) for c, k in relation if c in self.values or c in self.hidden]
        if total == 0 and any(c in self.values for c, _ in present):
            self.relations.append(present)


def _points(block: dict[str, Any]) -> dict[str, Any]:
    """An entry's figures by period: its quarterly and monthly series."""
    out = {p["period"]: p["value"] for p in block.get("quarterly") or []}
    out.update({p["month"]: p["value"] for p in block.get("monthly") or []})
    return out


def _quarter_months(periods: set[str]) -> dict[str, list[str]]:
    quarters = {p for p in periods if " Q" in p}
    return {q: [m.label for m in Quarter.parse(q).months] for q in quarters}


def build_grid(pack: dict[str, Any], ind: dict[str, Any]) -> Grid:
    """The cells and relations of one count indicator of ``pack``."""
    grid = Grid()
    now = pack["period"]["label"]
    before = Quarter.parse(now).same_quarter_last_year().label
    by = ind.get("by") or {}
    nation = {**_points(ind["series"]), now: ind["value"]}
    if "same_quarter_last_year" in (ind.get("comparisons") or {}):
        nation.setdefault(before, ind["comparisons"]["same_quarter_last_year"]["value"])
    periods = set(nation)
    for p, v in nation.items():
        grid.add(("nation", p), v)
    for geo in ("region", "force"):
        for key, entry in (by.get(geo) or {}).items():
            points = {**_points(entry), now: entry.get("value")}
            points.setdefault(before, entry.get("same_quarter_last_year"))
            periods |= set(points)
            for p, v in points.items():
                grid.add((geo, key, p), v)
    rest = (by.get("unattributed") or {}).get("region")
    if rest is not None:
        grid.add(("unattributed", now), rest.get("value"))
        grid.add(("unattributed", before), rest.get("same_quarter_last_year"))
    regions = pack["geographies"]["regions"]
    for p in periods:
        held = sum(grid.value(("region", r, p)) for r in regions)
        remainder = grid.value(("nation", p)) - held
        if ("unattributed", p) not in grid.values and remainder:
            grid.hidden[("unattributed", p)] = remainder
        grid.keep([(("nation", p), 1), *((("region", r, p), -1) for r in regions),
                   (("unattributed", p), -1)])  # fmt: skip
        for r, info in regions.items():
            grid.keep([(("region", r, p), 1), *((("force", f, p), -1) for f in info["forces"])])
    _categories(grid, ind, now, before)
    _months(grid, ind, periods)
    return grid


def _categories(grid: Grid, ind: dict[str, Any], now: str, before: str) -> None:
    compared = ind.get("breakdown_comparisons") or {}
    for dim, parts in (ind.get("breakdown") or {}).items():
        for cat, value in parts.items():
            grid.add(("category", dim, cat, now), value)
            same = ((compared.get(dim) or {}).get(cat) or {}).get("same_quarter_last_year")
            grid.add(("category", dim, cat, before), (same or {}).get("value"))
        for p in (now, before):
            grid.keep([(("nation", p), 1), *((("category", dim, c, p), -1) for c in parts)])


def _months(grid: Grid, ind: dict[str, Any], periods: set[str]) -> None:
    """A quarter is the sum of its months (a flow) or its last month (a stock)."""
    stock = ind.get("kind") == "stock"
    areas = {c[:-1] for c in grid.values if c[0] in ("nation", "region", "force")}
    for q, months in _quarter_months(periods).items():
        for area in areas:
            if not all((*area, m) in grid.values for m in months):
                continue
            parts = months[-1:] if stock else months
            grid.keep([((*area, q), 1), *(((*area, m), -1) for m in parts)])
