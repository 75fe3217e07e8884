"""Compile indicators to Ibis: one grouped query per (source, date column).

Each query groups by month x unit (force, or region for sources without a force) x the
breakdown columns, with every indicator of that source and date column as a conditional
aggregate. Quarters, years, regions and the nation are derived from the result in Python
(``cells.py``), so a pack is a handful of scans, never one query per cell. A stock (open
records at a day) groups by opening month x closing month x unit instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ndp.contract import contract
from ndp.engine.framework import Framework, IndicatorDef
from ndp.engine.framework_check import join_on
from ndp.periods import Month
from ndp.reference import reference

if TYPE_CHECKING:  # Ibis is imported where a query is built: kept SQL needs none
    import ibis.expr.types as ir

NONE_MONTH = 0


@dataclass
class QueryPlan:
    """One scan: a source, its date column, the indicators it computes."""

    source: str
    date: str
    close: str | None
    unit: list[str]
    breakdowns: list[str]
    stock: bool = False
    indicators: dict[str, IndicatorDef] = field(default_factory=dict)
    join: str | None = None

    @property
    def key(self) -> str:
        name = f"{self.source}+{self.join}" if self.join else self.source
        return f"{name}.{self.date}" + (f"~{self.close or 'stock'}" if self.stock else "")


def plan_queries(fw: Framework) -> list[QueryPlan]:
    """Group the framework's scanned indicators (not ratios, latest per key or returns) into
    scans: one per source (with its join, if any), date column and stock-or-flow."""
    plans: dict[tuple[str, str | None, str, str | None], QueryPlan] = {}
    sources = contract().sources
    for name, ind in fw.indicators.items():
        if not ind.scanned:
            continue
        cols = set(sources[ind.source].columns)
        if ind.join:
            cols |= set(sources[ind.join].columns)
        # the unit a record belongs to: its force, else its region (a record without a force
        # still counts for its region)
        unit: list[str] = [c for c in ("force", "region") if c in cols]
        key = (ind.source, ind.join, ind.date, "stock" if ind.is_stock else None)
        plan = plans.setdefault(
            key, QueryPlan(ind.source, ind.date, None, unit, [], ind.is_stock, join=ind.join)
        )
        if ind.stock_close:
            plan.close = ind.stock_close
        plan.indicators[name] = ind
        for b in ind.breakdowns:
            if b not in plan.breakdowns:
                plan.breakdowns.append(b)
    return list(plans.values())


def _month(col: ir.Value) -> ir.IntegerValue:
    return col.year() * 100 + col.month()


def condition(c: ir.Value, cond: Any) -> ir.BooleanValue:
    """One column's filter condition (docs/framework.md): a value, a list, or a mapping of
    ``not``, ``group``, ``not_group``, ``is`` and ``is_set``."""
    import ibis

    if not isinstance(cond, dict):
        return c.isin(list(cond)) if isinstance(cond, list) else c == cond
    parts: list[ir.BooleanValue] = []
    if "not" in cond:
        parts.append(c.notnull() & ~c.isin(list(cond["not"])))
    if "group" in cond:
        parts.append(c.isin(reference().codes_in_group(cond["group"])))
    if "not_group" in cond:
        parts.append(c.notnull() & ~c.isin(reference().codes_in_group(cond["not_group"])))
    if "is" in cond:
        parts.append(c == bool(cond["is"]))
    if "is_set" in cond:
        parts.append(c.notnull() if cond["is_set"] else c.isnull())
    return ibis.and_(*parts)


def predicate(t: ir.Table, ind: IndicatorDef) -> ir.BooleanValue:
    """Whether a record of ``t`` counts for the indicator: it has a date and passes the filter."""
    pred: ir.BooleanValue = t[ind.date].notnull()
    for col, cond in ind.filter.items():
        pred &= condition(t[col], cond)
    return pred


def scan_table(backend: Any, plan: QueryPlan) -> ir.Table:
    """The plan's source, joined to the source it references when the plan names a join (the
    joined source adds its columns the first lacks: a survey response takes its event's date,
    region, force and audience)."""
    t = backend.table(plan.source)
    if not plan.join:
        return t
    on = join_on(plan.source, plan.join)
    assert on is not None  # the framework's cross-check refused any other join
    other = backend.table(plan.join)
    added = [c for c in other.columns if c not in t.columns and not c.startswith("_")]
    other = other.select(_join_key=other[on[1]], **{c: other[c] for c in added})
    return t.join(other, t[on[0]] == other["_join_key"]).drop("_join_key")


#: Column types with a closed set of values. A scan groups by the columns of these types that
#: filters use, and evaluates those filters on the groups (thousands of rows) instead of on every
#: record: an outcome-code group is a list of ten codes, and testing ten strings per record cost
#: DuckDB four times as much as the scan itself.
CLOSED_TYPES = frozenset({"enum", "outcome_code", "boolean", "force", "region", "quarter"})


def _closed_columns(plan: QueryPlan) -> set[str]:
    sources = contract().sources
    names = [plan.source] + ([plan.join] if plan.join else [])
    return {
        col
        for name in names
        for col, spec in sources[name].columns.items()
        if spec.type in CLOSED_TYPES
    }


def build_query(t: ir.Table, plan: QueryPlan, first: Month | None, last: Month) -> ir.Table:
    """The Ibis expression for one scan (flows restricted to the months the pack needs).

    Two steps in one query: the records grouped by month, unit, breakdowns and the closed-set
    columns the filters test (and, per indicator, whether a record passes its other
    conditions), counted and summed; then each indicator's count and sum over the groups that
    pass its filter. The dates' range implies a date, so no filter tests it again.
    """
    import ibis

    date = t[plan.date]
    keys: dict[str, ir.Value] = {"month": _month(date)}
    if plan.close:
        keys["close_month"] = _month(t[plan.close]).fill_null(NONE_MONTH)
    if plan.unit:
        cols = [t[c] for c in plan.unit]
        keys["unit"] = cols[0] if len(cols) == 1 else ibis.coalesce(*cols)
    for b in plan.breakdowns:
        keys[f"b_{b}"] = t[b]
    if plan.stock or first is None:
        t = t.filter(date <= ibis.date(last.end))
    else:
        t = t.filter((date >= ibis.date(first.start)) & (date <= ibis.date(last.end)))
    closed = _closed_columns(plan)
    tested = sorted({c for ind in plan.indicators.values() for c in ind.filter if c in closed})
    per_record: dict[str, ir.BooleanValue] = {}
    for name, ind in plan.indicators.items():
        others = [condition(t[c], v) for c, v in ind.filter.items() if c not in closed]
        if others:
            per_record[f"r_{_safe(name)}"] = ibis.and_(*others)
    summed = sorted({i.sum_column for i in plan.indicators.values() if i.sum_column})
    groups = t.group_by(**keys, **{c: t[c] for c in tested}, **per_record).aggregate(
        _n=t.count(), **{f"sum_{c}": t[c].sum() for c in summed}
    )
    aggs: dict[str, ir.Value] = {"_records": groups["_n"].sum()}
    for name, ind in plan.indicators.items():
        conds = [condition(groups[c], v) for c, v in ind.filter.items() if c in closed]
        if f"r_{_safe(name)}" in per_record:
            conds.append(groups[f"r_{_safe(name)}"])
        where = ibis.and_(*conds) if conds else None
        aggs[f"n_{_safe(name)}"] = groups["_n"].sum(where=where).fill_null(0)
        if ind.sum_column:
            aggs[f"s_{_safe(name)}"] = groups[f"sum_{ind.sum_column}"].sum(where=where)
    return groups.group_by(*keys).aggregate(**aggs)


def _safe(name: str) -> str:
    return name.replace(".", "__")


RowKey = tuple[int, int, str | None, tuple[Any, ...]]


#: an indicator's rows as columns: months, closing months (``NONE_MONTH`` for none), units,
#: breakdown values (tuples), values, counts; one row per key
RowColumns = tuple[
    list[int], list[int], list[str | None], list[tuple[Any, ...]], list[Any], list[int]
]


class Rows:
    """An indicator's aggregated rows: (month, close_month, unit, breakdown values) -> value, n.
    Read, never changed.

    Kept as the scan's ``columns``, which ``Cells`` folds by month (a flow) or turns into a
    stock's event arrays straight away; the dicts by key, ``value`` and ``count`` (a count's
    value is its count: one dict), are made only if asked (a stock of money, replayed event by
    event).
    """

    def __init__(self, columns: RowColumns, breakdowns: list[str]) -> None:
        self.columns = columns
        self.breakdowns = breakdowns
        self._dicts: tuple[dict[RowKey, Any], dict[RowKey, int]] | None = None

    @property
    def value(self) -> dict[RowKey, Any]:
        return self._by_key()[0]

    @property
    def count(self) -> dict[RowKey, int]:
        return self._by_key()[1]

    def _by_key(self) -> tuple[dict[RowKey, Any], dict[RowKey, int]]:
        if self._dicts is None:
            month, close, unit, splits, values, counts = self.columns
            keys = list(zip(month, close, unit, splits, strict=True))
            count = dict(zip(keys, counts, strict=True))
            value = count if values is counts else dict(zip(keys, values, strict=True))
            self._dicts = value, count
        return self._dicts


def fold_scan(
    plan: QueryPlan, table: pa.Table
) -> tuple[dict[str, Rows], dict[tuple[int, str | None], int]]:
    """One scan's result as rows per indicator, and the source's record counts by unit.

    The scan groups by every breakdown of every indicator it serves; each indicator's rows are
    regrouped by its own breakdowns in Arrow (C++), so Python only turns the columns it keeps
    into lists (one row per key after the regrouping).
    """
    month, unit, records = _grouped(table, ["month", "unit"], ["_records"])
    counts = dict(zip(zip(month, unit, strict=True), records, strict=True))
    per: dict[str, Rows] = {}
    for name, ind in plan.indicators.items():
        counted = f"n_{_safe(name)}"
        summed = [f"s_{_safe(name)}"] if ind.sum_column else []
        # a count is never negative, so nonzero is recorded; cast rather than compare with a
        # Python 0, whose conversion to Arrow imports pandas (a third of a second of a build)
        kept = table.filter(table[counted].cast(pa.bool_()))
        keys = ["month", "close_month", "unit", *(f"b_{b}" for b in ind.breakdowns)]
        month, close, unit, *rest = _grouped(kept, keys, [counted, *summed])
        splits = list(zip(*rest[: len(ind.breakdowns)], strict=True)) or [()] * len(month)
        if "close_month" in table.column_names:
            closes = [c if c is not None else NONE_MONTH for c in close]
        else:  # a flow's scan: no closing month, every row's reads NONE_MONTH
            closes = [NONE_MONTH] * len(month)
        counted_rows = rest[len(ind.breakdowns)]
        values = [v if v is not None else 0 for v in rest[-1]] if summed else counted_rows
        per[name] = Rows((month, closes, unit, splits, values, counted_rows), list(ind.breakdowns))
    return per, counts


def _grouped(table: pa.Table, keys: list[str], sums: list[str]) -> list[list[Any]]:
    """The columns of ``table`` summed by ``keys``, as Python lists: the keys (a key the scan
    lacks reads as None), then the sums."""
    present = [k for k in keys if k in table.column_names]
    grouping = [c for c in table.column_names if c in SCAN_KEYS or c.startswith("b_")]
    if present and set(present) == set(grouping):
        # the scan grouped by these very keys: each row is its own group already, in the
        # order the regrouping would give (groups in order of first appearance)
        nones = [None] * table.num_rows
        columns = [table[k].to_pylist() if k in present else nones for k in keys]
        return columns + [table[c].to_pylist() for c in sums]
    if not present:
        table = table.append_column("_all", pa.nulls(table.num_rows, pa.int8()))  # one group
        present = ["_all"]
    grouped = _sum_by(table, present, sums)
    nones = [None] * grouped.num_rows
    columns = [grouped[k].to_pylist() if k in present else nones for k in keys]
    return columns + [grouped[f"{c}_sum"].to_pylist() for c in sums]


#: the columns a scan groups by (with its breakdowns, ``b_<column>``)
SCAN_KEYS = frozenset({"month", "close_month", "unit"})


def _sum_by(table: pa.Table, keys: list[str], sums: list[str]) -> pa.Table:
    """``table.group_by(keys, use_threads=False).aggregate([(c, "sum") ...])``, given to Acero's
    aggregate node as that method gives it: ``pyarrow.Table.group_by`` reaches the node through
    ``pyarrow.acero``, whose import loads ``pyarrow.dataset`` and with it pandas, a third of a
    second of every build's start for nothing it uses. Same node, same order, same
    ``<column>_sum`` names (tests/engine/test_fold.py holds the two to the same table)."""
    from pyarrow._acero import AggregateNodeOptions, Declaration, TableSourceNodeOptions

    aggregates = [([c], "hash_sum", None, f"{c}_sum") for c in sums]
    plan = Declaration.from_sequence([
        Declaration("table_source", TableSourceNodeOptions(table)),
        Declaration("aggregate", AggregateNodeOptions(aggregates, keys=keys)),
    ])  # fmt: skip
    grouped: pa.Table = plan.to_table(use_threads=False)
    return grouped


def explain(backend: Any, fw: Framework, first: Month, last: Month) -> list[tuple[str, str]]:
    """The SQL each scan runs, as (scan key, SQL): the grouped scans, then one per
    latest-per-key indicator."""
    import ibis

    from ndp.engine.latest import latest_query  # latest.py builds on this module

    scans = [
        (
            p.key,
            ibis.to_sql(build_query(scan_table(backend, p), p, None if p.stock else first, last)),
        )
        for p in plan_queries(fw)
    ]
    for name, ind in fw.indicators.items():
        if ind.latest:
            scans.append(
                (
                    f"{ind.source}.{ind.date}~latest {name}",
                    ibis.to_sql(latest_query(backend, ind, last)),
                )
            )
    return scans
