"""Every query a pack needs, handed to the store as one batch.

The grouped scans (``aggregate.py``), the latest-per-key queries (``latest.py``) and the
outcome returns (``returns.py``) are built as Ibis expressions first, then the store runs them
together (:meth:`ndp.store.Store.arrow_results`: on DuckDB, side by side while Python compiles
the rest) and each result is folded into cells as it arrives. Where each query has a large
fixed cost (Spark), they go as one union instead (``wide.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ndp.engine.aggregate import QueryPlan, build_query, fold_scan, plan_queries, scan_table
from ndp.engine.cells import Cells, units_recording
from ndp.engine.figures import Figures
from ndp.engine.framework import Framework
from ndp.engine.latest import LatestCells, latest_cells, latest_query
from ndp.engine.query_cache import cached_results
from ndp.engine.returns import RETURNS_SOURCE, ReturnsCells, returns_query, returns_records
from ndp.engine.wide import wide_results
from ndp.periods import Month, Quarter
from ndp.store import Store

#: Records of one source by (month as yyyymm, unit): which units recorded it when.
Records = dict[tuple[int, str | None], int]


class Tables:
    """The backend's tables, each looked up once per pack (Ibis asks the database for a table's
    schema on every lookup)."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self._tables: dict[str, Any] = {}

    def table(self, name: str) -> Any:
        if name not in self._tables:
            self._tables[name] = self.backend.table(name)
        return self._tables[name]


@dataclass
class ScanResults:
    """Each indicator's cells (ratios excepted: they are read from their parts), each source's
    records by unit, and the outcome returns' rows."""

    cells: dict[str, Figures] = field(default_factory=dict)
    records: dict[str, Records] = field(default_factory=dict)
    returns: list[dict[str, Any]] = field(default_factory=list)
    #: snapshots of latest-per-key sources by (month, unit): a snapshot is a record in its
    #: month, but an old snapshot still holds, so these do not count towards coverage
    snapshots: dict[str, Records] = field(default_factory=dict)

    def any_records(self, q: Quarter) -> bool:
        """Whether any source (snapshots included) holds a record in the quarter."""
        sources = [*self.records.values(), *self.snapshots.values()]
        return any(units_recording(records, q) for records in sources)


def run_scans(store: Store, fw: Framework, first: Month, last: Month) -> ScanResults:
    """Run every query for the months ``first`` to ``last`` and fold the results."""
    plans = {plan.key: plan for plan in plan_queries(fw)}
    out = ScanResults()
    scanned: dict[str, Records] = {}
    returns: dict[str, list[dict[str, Any]]] = {}
    latest: dict[str, LatestCells] = {}
    # on Spark, every query whose columns fit one union (docs/spark.md)
    sent = (
        wide_results(store, _queries(store, fw, plans, first, last), lambda _: "pack")
        if store.merge_scans
        else cached_results(
            store, fw, (first, last), lambda: _queries(store, fw, plans, first, last)
        )
    )
    for (kind, key), table in sent:
        if kind == "scan":
            plan = plans[key]
            per, scanned[key] = fold_scan(plan, table)
            for name, rows in per.items():
                ind = fw.indicators[name]
                out.cells[name] = Cells(rows, ind.is_stock, ind.stock_close is not None)
        elif kind == "returns":
            returns[key] = table.to_pylist()
        else:
            out.cells[key] = latest[key] = latest_cells(fw.indicators[key], table.to_pylist())

    out.records = _records_by_source(fw, plans, scanned)
    for name, ind in fw.indicators.items():
        if ind.is_returns:
            out.cells[name] = ReturnsCells(returns[ind.source])
    for name, cells in latest.items():
        out.snapshots.setdefault(fw.indicators[name].source, cells.records())
    for source, returned in returns.items():
        out.records.setdefault(source, returns_records(returned))
    out.returns = returns.get(RETURNS_SOURCE, [])
    return out


def _queries(
    store: Store, fw: Framework, plans: dict[str, QueryPlan], first: Month, last: Month
) -> dict[tuple[str, str], Any]:
    """Every query of the pack, as Ibis expressions by (kind, key)."""
    tables = Tables(store.ibis)
    queries: dict[tuple[str, str], Any] = {
        ("scan", key): build_query(scan_table(tables, plan), plan, first, last)
        for key, plan in plans.items()
    }
    returns_sources = {RETURNS_SOURCE} | {i.source for i in fw.indicators.values() if i.is_returns}
    for source in sorted(returns_sources):
        queries[("returns", source)] = returns_query(tables, source)
    for name, ind in fw.indicators.items():
        if ind.latest:
            queries[("latest", name)] = latest_query(tables, ind, last)
    return queries


def _records_by_source(
    fw: Framework, plans: dict[str, QueryPlan], scanned: dict[str, Records]
) -> dict[str, Records]:
    """Each source's records by unit, from the scan of its main (first-used) date column when
    it has one, else from its first scan: the same answer whatever order the scans finished."""
    out: dict[str, Records] = {}
    for key, plan in plans.items():
        main = next(i.date for i in fw.indicators.values() if i.source == plan.source and i.scanned)
        if plan.date == main and not plan.stock:
            out[plan.source] = scanned[key]
    for key, plan in plans.items():
        out.setdefault(plan.source, scanned[key])
    return out
