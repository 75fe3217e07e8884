"""Closed-set columns as DuckDB ENUMs.

Forces, regions, outcome codes and the contract's enumerations can only hold values the
reference data or the contract lists, and the engine groups every scan by them. As an ENUM,
DuckDB stores and groups such a column as a small integer instead of a string: the largest scan
of a pack (disruptions by month, force, level, threat and category) runs three times faster.
Values read back as text, so nothing above the store sees the difference; PostgreSQL keeps TEXT.

Each store open brings the columns to the values this ndp knows: a store written before the
columns were ENUMs is converted once, and a value added to the reference data (a new unit) is
added to the type. A value already stored is never dropped from it, so the conversion cannot fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ndp.contract import Column, contract
from ndp.reference import reference
from ndp.store.schema import history_table_name, table_name
from ndp.store.sql import quote_ident

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def closed_values(column: Column) -> list[str] | None:
    """The values a column can hold, when that is a closed set; None for an open column."""
    ref = reference()
    if column.type == "force":
        return list(ref.forces)
    if column.type == "region":
        return list(ref.regions)
    if column.type == "outcome_code":
        return list(ref.outcome_codes)
    if column.type == "enum" and column.enum is not None:
        return contract().enum_values(column.enum)
    return None


def enum_type(values: Sequence[str]) -> str:
    """DuckDB's spelling of an ENUM of ``values`` (sorted, so ORDER BY is the text's order)."""
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(set(values)))
    return f"ENUM({quoted})"


def type_closed_sets(execute: Execute) -> None:
    """Make every closed-set column of every data table an ENUM of the values it may hold
    (inside the caller's transaction); a column already so typed is left alone."""
    current = {
        (table, column): kind
        for table, column, kind in execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE schema_name = current_schema()",
            [],
        )
    }
    for source in contract().sources.values():
        for column in source.columns.values():
            values = closed_values(column)
            if values is None:
                continue
            for table in (table_name(source), history_table_name(source)):
                _retype(execute, table, column.name, values, current.get((table, column.name)))


def enum_values(kind: str) -> set[str] | None:
    """The values of a DuckDB ENUM type as ``duckdb_columns()`` spells it; None if not an ENUM."""
    if not kind.startswith("ENUM("):
        return None
    return {v.replace("''", "'") for v in re.findall(r"'((?:[^']|'')*)'", kind)}


def _retype(execute: Execute, table: str, column: str, values: list[str], kind: str | None) -> None:
    if kind is None:
        return
    known = enum_values(kind)
    if known is not None and known >= set(values):
        return
    name = quote_ident(column)
    stored = [v for (v,) in execute(f"SELECT DISTINCT {name}::VARCHAR FROM {table}", []) if v]
    execute(f"ALTER TABLE {table} ALTER COLUMN {name} TYPE {enum_type([*values, *stored])}", [])
