"""Reading an extract file into a DuckDB table of text columns, one row per record.

Every value arrives as text (NULL when empty; validation trims spaces) so that validation sees
exactly what the file says; ``_line`` is the record's line in the file (the header is line 1)
or its row in the sheet.
CSV is read by DuckDB itself (fast at any size). Workbooks (XLSX, ODS) are read with calamine;
an Excel date cell becomes an ISO date and a whole-number cell loses its ``.0``.

A CSV record that contains a quoted line break spans several lines; ``_line`` counts records,
so for such files it is the record number + 1 (noted in docs/data-contract.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
from python_calamine import CalamineWorkbook

from ndp.contract import contract
from ndp.errors import NdpError

CSV_SUFFIXES = {".csv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass(frozen=True)
class RawExtract:
    """An extract read into ``table`` (text columns named as the file's header, plus _line)."""

    path: Path
    table: str
    header: list[str]


def read_extract(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, sheet: str | None = None
) -> RawExtract:
    """Read ``path`` into the temp table ``table`` on ``con``."""
    if not path.is_file():
        raise NdpError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        header = _read_csv(con, path, table)
    elif suffix in WORKBOOK_SUFFIXES:
        header = _read_workbook(con, path, table, sheet)
    else:
        raise NdpError(f"{path}: unknown file type {suffix!r}: expected .csv, .xlsx or .ods")
    return RawExtract(path, table, header)


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> list[str]:
    with path.open("rb") as handle:
        first = handle.readline()
    if not first.strip():
        raise NdpError(f"{path}: the file is empty: expected a header row")
    source = (
        "read_csv(?, all_varchar = true, header = true, delim = ',', quote = '\"', "
        "escape = '\"', encoding = 'utf-8', null_padding = false, strict_mode = true, "
        "normalize_names = false)"
    )
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}", [str(path)]).fetchall()
        columns = [row[0] for row in described]
        # DuckDB keeps file order when it fills a table, so rowid + 2 is the file line
        # (header = line 1) without a window function that would serialise the read.
        # Set the order guarantee explicitly: a connection configured otherwise would give
        # wrong line numbers silently.
        con.execute("SET preserve_insertion_order = true")
        con.execute(
            f'CREATE OR REPLACE TEMP TABLE "{table}_rows" AS SELECT * FROM {source}', [str(path)]
        )
        con.execute(
            f'CREATE OR REPLACE TEMP VIEW "{table}" AS '
            f'SELECT *, (rowid + 2)::BIGINT AS _line FROM "{table}_rows"'
        )
    except duckdb.Error as error:
        raise NdpError(f"{path}: not a readable CSV file: {_first_line(error)}") from None
    return [c.lstrip("\ufeff") for c in columns]


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _read_workbook(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, sheet: str | None
) -> list[str]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:
        raise NdpError(f"{path}: not a readable workbook: {_first_line(error)}") from None
    names = workbook.sheet_names
    chosen = _choose_sheet(path, names, sheet)
    rows = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    if not rows or not any(_cell_text(v) for v in rows[0]):
        raise NdpError(f"{path}: sheet {chosen!r} is empty: expected a header row on row 1")
    header = [_cell_text(v) or f"column_{i + 1}" for i, v in enumerate(rows[0])]
    width = len(header)
    body = rows[1:]
    columns: dict[str, list[str | None]] = {name: [] for name in header}
    lines: list[int] = []
    for number, row in enumerate(body, start=2):
        cells = [_cell_text(v) for v in row[:width]]
        if not any(cells):
            continue
        cells += [None] * (width - len(cells))
        for name, cell in zip(header, cells, strict=True):
            columns[name].append(cell)
        lines.append(number)
    arrow = pa.table(
        {**{n: pa.array(v, type=pa.string()) for n, v in columns.items()}, "_line": lines}
    )
    con.register("_ndp_workbook", arrow)
    con.execute(f'CREATE OR REPLACE TEMP TABLE "{table}" AS SELECT * FROM _ndp_workbook')
    con.unregister("_ndp_workbook")
    return header


def _choose_sheet(path: Path, names: list[str], wanted: str | None) -> str:
    if len(names) == 1:
        return names[0]
    folded = {n.strip().casefold().replace(" ", "_"): n for n in names}
    if wanted and wanted.casefold() in folded:
        return folded[wanted.casefold()]
    if wanted is None:
        sources = [folded[s] for s in contract().sources if s in folded]
        return sources[0] if len(sources) == 1 else names[0]
    raise NdpError(
        f"{path}: no sheet named {wanted!r}: the workbook has {', '.join(names)}; "
        "name the sheet after the source or keep only one sheet"
    )
