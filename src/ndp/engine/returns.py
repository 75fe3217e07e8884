"""Forces' outcome returns for a quarter: which of the 45 dissemination forces returned their
outcome information on time, which late, and which not at all (the report's compliance line and
the ``late_returns`` flag)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ndp.engine.cells import region_of
from ndp.periods import Month, Quarter
from ndp.reference import reference
from ndp.store import Store

if TYPE_CHECKING:  # Ibis is imported where a query is built: kept SQL needs none
    import ibis.expr.types as ir

#: The contract's source of forces' outcome returns, read for ``data_quality.returns``.
RETURNS_SOURCE = "force_returns"


def returns_query(backend: Any, source: str, quarters: list[str] | None = None) -> ir.Table:
    """The source's returns (a few hundred rows: 45 forces a quarter), optionally of some
    quarters only."""
    table = backend.table(source)
    if quarters is not None:
        table = table.filter(table.quarter.isin(quarters))
    return table.select("force", "quarter", "due_on", "returned_on")


def return_compliance(store: Store, quarter: Quarter) -> dict[str, Any]:
    """``{"expected", "on_time", "late", "missing"}`` for ``quarter``; ``{}`` when the store has
    no return recorded for it (no records is not the same as every force missing)."""
    query = returns_query(store.ibis, RETURNS_SOURCE, [quarter.label])
    return compliance_of(query.to_pyarrow().to_pylist())


def compliance_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Compliance of one quarter's return rows (``{}`` when there are none)."""
    if not rows:
        return {}
    expected = [force.code for force in reference().dissemination_forces()]
    returned = {row["force"]: row for row in rows if row["returned_on"] is not None}
    late = sorted(f for f, row in returned.items() if row["returned_on"] > row["due_on"])
    missing = sorted(f for f in expected if f not in returned)
    on_time = sum(1 for f in expected if f in returned and f not in late)
    return {"expected": len(expected), "on_time": on_time, "late": late, "missing": missing}


def late_returns_flags(returns: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``late_returns`` data-quality flag, when any force returned late or not at all."""
    if not returns or not (returns["late"] or returns["missing"]):
        return []
    parts = []
    if returns["late"]:
        parts.append(f"late: {', '.join(returns['late'])}")
    if returns["missing"]:
        parts.append(f"not returned: {', '.join(returns['missing'])}")
    message = (
        f"{returns['expected'] - returns['on_time']} of {returns['expected']} forces did not "
        f"return outcome information on time ({'; '.join(parts)})"
    )
    return [{"indicator": "F1c.outstanding", "flag": "late_returns", "message": message}]


class ReturnsCells:
    """``F1c.forces_compliant`` (aggregate ``returns_on_time``): forces whose outcome return for
    a quarter came on time, of those expected, from the same rows as ``data_quality.returns``.
    A return belongs to a whole quarter, so a single month has no value."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        by_quarter: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_quarter[row["quarter"]].append(row)
        self.quarters = {label: compliance_of(rs) for label, rs in by_quarter.items()}

    def _of(self, months: Iterable[Month]) -> dict[str, Any]:
        months = list(months)
        if len(months) != 3:
            return {}
        quarter = Quarter.containing(months[0].start)
        if quarter.months != months:
            return {}
        return self.quarters.get(quarter.label, {})

    def _on_time(self, months: Iterable[Month]) -> dict[str, int]:
        """Expected force code -> 1 (on time) or 0 (late or missing)."""
        found = self._of(months)
        if not found:
            return {}
        bad = set(found["late"]) | set(found["missing"])
        return {f.code: int(f.code not in bad) for f in reference().dissemination_forces()}

    def total(self, months: Iterable[Month], units: set[str | None] | None = None) -> Any:
        flags = self._on_time(months)
        if not flags:
            return None
        return sum(v for f, v in flags.items() if units is None or f in units)

    def parts(self, months: Iterable[Month]) -> tuple[Any, Any]:
        found = self._of(months)
        return (found["on_time"], found["expected"]) if found else (None, None)

    def by_unit(self, months: Iterable[Month], geo: str) -> dict[str, Any]:
        """Per force 1 or 0; per region, its forces on time."""
        flags = self._on_time(months)
        if geo == "force":
            return flags
        out: dict[str, int] = defaultdict(int)
        for force, on_time in flags.items():
            region = region_of(force)
            if region is not None:
                out[region] += on_time
        return dict(out)

    def by_parts(self, months: Iterable[Month], geo: str) -> dict[str, tuple[Any, Any, Any]]:
        return {k: (v, None, None) for k, v in self.by_unit(months, geo).items()}

    def breakdown(self, months: Iterable[Month], column: str) -> dict[str, Any]:
        return {}


def returns_records(rows: list[dict[str, Any]]) -> dict[tuple[int, str | None], int]:
    """Return rows as records by (month, force): a return counts in its quarter's last month."""
    out: dict[tuple[int, str | None], int] = defaultdict(int)
    for row in rows:
        last = Quarter.parse(row["quarter"]).months[-1]
        out[(last.start.year * 100 + last.start.month, row["force"])] += 1
    return dict(out)
