"""The tidy file: every row of ``build_rows`` as one long table, in CSV or Parquet, for Power
BI, Excel and pandas (docs/export.md names every column).

CSV holds the pack's numbers exactly as written (``290897.9``), UTF-8 with a byte-order mark so
Excel reads the names right, and any text that would start a formula behind a ``'``. Parquet
holds numbers as doubles, dates as dates and the flag columns as booleans.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from ndp.engine.disclosure.project import suppress
from ndp.engine.disclosure.rules import POLICE
from ndp.errors import NdpError
from ndp.files import replacing
from ndp.report.tidy.rows import COMPARISONS, Row, build_rows

FORMATS = ("csv", "parquet")
UNITS = {"count": "number", "gbp": "pounds", "percent": "percent"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _compared(name: str, part: str) -> Callable[[Row], Any]:
    def get(row: Row) -> Any:
        found = row.comparisons.get(name)
        return None if found is None else getattr(found, part)

    return get


def _rank(part: str) -> Callable[[Row], Any]:
    return lambda row: (row.rank or {}).get(part)


#: (column, kind, getter): kind is text, number, date or bool (the Parquet type)
COLUMNS: list[tuple[str, str, Callable[[Row], Any]]] = [
    ("area_type", "text", lambda r: r.area.type),
    ("area_code", "text", lambda r: r.area.code),
    ("area_name", "text", lambda r: r.area.name),
    ("region", "text", lambda r: r.area.region),
    ("indicator_id", "text", lambda r: r.indicator_id),
    ("indicator_title", "text", lambda r: r.indicator_title),
    ("measure_id", "text", lambda r: r.measure_id),
    ("measure_title", "text", lambda r: r.measure_title),
    ("breakdown", "text", lambda r: r.breakdown),
    ("category", "text", lambda r: r.category),
    ("period_type", "text", lambda r: r.period_type),
    ("period", "text", lambda r: r.period),
    ("period_start", "date", lambda r: r.period_start),
    ("period_end", "date", lambda r: r.period_end),
    ("report_period", "bool", lambda r: r.report_period),
    ("unit", "text", lambda r: UNITS.get(r.unit, r.unit)),
    ("value", "number", lambda r: r.value),
    ("numerator", "number", lambda r: r.numerator),
    ("denominator", "number", lambda r: r.denominator),
]
for _name in COMPARISONS:
    _parts = ["period", "value", "change", "pct_change"]
    if _name in ("previous_year", "benchmark"):
        _parts.insert(0, "basis")
    if _name == "benchmark":
        _parts.append("met")
    for _part in _parts:
        _kind = {"period": "text", "basis": "text", "met": "bool"}.get(_part, "number")
        COLUMNS.append((f"{_name}_{_part}", _kind, _compared(_name, _part)))
COLUMNS += [
    ("status", "text", lambda r: r.status),
    ("flags", "text", lambda r: r.flags),
    ("rank_position", "number", _rank("position")),
    ("rank_of", "number", _rank("of")),
    ("rank_tied", "bool", _rank("tied")),
    ("region_average_per_force", "number", lambda r: r.region_average_per_force),
    ("suppressed", "text", lambda r: withheld(r)),
    ("revised", "bool", lambda r: r.revised),
    ("previous_value", "number", lambda r: r.previous_value),
    ("draft", "bool", lambda r: r.draft),
]


def withheld(row: Row) -> str | None:
    """The row's columns withheld by disclosure control (empty in the file), named: the
    ``suppressed`` column, so a reader tells a suppressed figure from one not available."""
    names = [ROW_COLUMNS.get(k, k) for k in row.suppressed]
    names += [f"{name}_{part}" for name, c in row.comparisons.items() for part in c.suppressed]
    return "; ".join(names) or None


ROW_COLUMNS = {"rank": "rank_position; rank_of; rank_tied"}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv_rows(rows: list[Row], out: TextIO) -> None:
    """The tidy file's header and ``rows`` as CSV into ``out`` (open with ``newline=""``),
    numbers exact and any text that would start a formula behind a ``'``."""
    writer = csv.writer(out)
    writer.writerow([name for name, _, _ in COLUMNS])
    for row in rows:
        writer.writerow([_csv_cell(get(row)) for _, _, get in COLUMNS])


def _write_csv(rows: list[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        write_csv_rows(rows, out)


def _write_parquet(rows: list[Row], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"text": pa.string(), "number": pa.float64(), "date": pa.date32(), "bool": pa.bool_()}
    arrays = {}
    for name, kind, get in COLUMNS:
        values = [get(row) for row in rows]
        if kind == "number":
            values = [None if v is None else float(v) for v in values]
        arrays[name] = pa.array(values, type=types[kind])
    pq.write_table(pa.table(arrays), path)


def export_rows(
    pack: dict[str, Any],
    path: Path,
    format: str,
    *,
    area: str | None = None,
    audience: str = POLICE,
) -> Path:
    """Write every figure of ``pack`` (with ``area``, one force's) as a tidy ``csv`` or
    ``parquet`` file at ``path``, as ``audience`` may see it (docs/framework.md, "Disclosure
    control"); the file appears whole or not at all."""
    if format not in FORMATS:
        raise NdpError(f"unknown export format {format!r}: expected {' or '.join(FORMATS)}")
    rows = build_rows(suppress(pack, audience), area)
    writer = _write_csv if format == "csv" else _write_parquet
    with replacing([path]) as (partial,):
        writer(rows, partial)
    return path
