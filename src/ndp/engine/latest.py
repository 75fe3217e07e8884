"""``latest_per_key``: at a day, the latest record of each key (region, force) on or before it.

Staffing is reported as a snapshot per region at irregular dates: the figure at a quarter's end
is each region's most recent snapshot, however old, and the indicator counts the keys whose
snapshot meets a condition (posts filled = posts funded) out of a known number (the ten
regions). One scan keeps each key's latest record per month; any month-end is then read from
those rows in Python, so the 24 months and 8 quarters of the pack cost one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ndp.engine.aggregate import predicate
from ndp.engine.cells import is_force, month_key, region_of
from ndp.engine.framework import IndicatorDef
from ndp.periods import Month
from ndp.reference import reference

if TYPE_CHECKING:  # Ibis is imported where a query is built: kept SQL needs none
    import ibis.expr.types as ir


class LatestCells:
    """One ``latest_per_key`` indicator: rows ``(month, key, unit, a, b)``, the latest record of
    each key in each month (``a``, ``b``: the columns of ``when_equal``)."""

    def __init__(self, ind: IndicatorDef, rows: list[tuple[int, str, str | None, Any, Any]]):
        spec = ind.latest
        assert spec is not None
        self.spec = spec
        self.rows = sorted(rows, key=lambda r: r[0])

    def records(self) -> dict[tuple[int, str | None], int]:
        """Records by (month, unit): each key's latest record in a month counts once."""
        out: dict[tuple[int, str | None], int] = defaultdict(int)
        for month, _key, unit, _a, _b in self.rows:
            out[(month, unit)] += 1
        return dict(out)

    def _latest(self, months: Iterable[Month]) -> dict[str, tuple[str | None, Any, Any]]:
        """key -> (unit, a, b) of its latest record on or before the months' last day."""
        end = max(month_key(m) for m in months)
        out: dict[str, tuple[str | None, Any, Any]] = {}
        for month, key, unit, a, b in self.rows:
            if month > end:
                break
            out[key] = (unit, a, b)
        return out

    def _counted(self, a: Any, b: Any) -> int:
        return 1 if self.spec.when_equal is None or a == b else 0

    def total(self, months: Iterable[Month], units: set[str | None] | None = None) -> Any:
        latest = self._latest(months)
        if not latest:
            return None
        return sum(
            self._counted(a, b) for unit, a, b in latest.values() if units is None or unit in units
        )

    def parts(self, months: Iterable[Month]) -> tuple[Any, Any]:
        """(keys counted, out of how many): the ten regions, a fixed number or the keys seen."""
        latest = self._latest(months)
        value = self.total(months)
        if value is None:
            return None, None
        of = self.spec.of
        if of == "regions":
            return value, len(reference().regions)
        return value, of if of is not None else len(latest)

    def by_unit(self, months: Iterable[Month], geo: str) -> dict[str, Any]:
        return {k: v[0] for k, v in self.by_parts(months, geo).items()}

    def by_parts(self, months: Iterable[Month], geo: str) -> dict[str, tuple[Any, Any, Any]]:
        """Per force code or region name: (keys counted, sum of a, sum of b), e.g. a region's
        1 or 0 with its latest posts filled and funded."""
        out: dict[str, list[Any]] = defaultdict(lambda: [0, 0, 0])
        for unit, a, b in self._latest(months).values():
            name = region_of(unit) if geo == "region" else (unit if is_force(unit) else None)
            if name is None:
                continue
            cell = out[name]
            cell[0] += self._counted(a, b)
            if self.spec.when_equal is not None:
                cell[1] += a or 0
                cell[2] += b or 0
        if self.spec.when_equal is None:
            return {k: (v[0], None, None) for k, v in out.items()}
        return {k: (v[0], v[1], v[2]) for k, v in out.items()}

    def breakdown(self, months: Iterable[Month], column: str) -> dict[str, Any]:
        return {}


def latest_query(backend: Any, ind: IndicatorDef, last: Month) -> ir.Table:
    """Each key's latest record per month up to ``last``, after the filter: one scan."""
    import ibis

    spec = ind.latest
    assert spec is not None
    t = backend.table(ind.source)
    t = t.filter(predicate(t, ind) & (t[ind.date] <= ibis.date(last.end)))
    month = t[ind.date].year() * 100 + t[ind.date].month()
    units = [t[c] for c in ("force", "region") if c in t.columns]
    unit = ibis.coalesce(*units) if len(units) > 1 else (units[0] if units else ibis.null(str))
    a, b = spec.when_equal or (spec.latest_per_key, spec.latest_per_key)
    rank = ibis.row_number().over(
        group_by=[t[spec.latest_per_key], month], order_by=ibis.desc(t[ind.date])
    )
    ranked = t.select(month=month, key=t[spec.latest_per_key], unit=unit, a=t[a], b=t[b], rank=rank)
    return ranked.filter(ranked["rank"] == 0).drop("rank")


def latest_cells(ind: IndicatorDef, rows: list[dict[str, Any]]) -> LatestCells:
    """The indicator's cells from the rows of :func:`latest_query`."""
    return LatestCells(ind, [(int(r["month"]), r["key"], r["unit"], r["a"], r["b"]) for r in rows])
