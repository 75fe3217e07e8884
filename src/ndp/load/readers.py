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
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
from python_calamine import CalamineWorkbook

from ndp.contract import contract
from ndp.errors import NdpError, Problem
from ndp.load.cells import restore
from ndp.load.csvfile import read_csv
from ndp.load.formulas import uncomputed_formulas
from ndp.load.headers import refuse_duplicate_headers

CSV_SUFFIXES = {".csv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass(frozen=True)
class RawExtract:
    """An extract read into ``table`` (text columns named as the file's header, plus _line)."""

    path: Path
    table: str
    header: list[str]
    #: cells refused while reading (a workbook formula without a result, a number whose
    #: digits a workbook cannot hold): their rows are refused, with the values kept
    problems: list[Problem] = field(default_factory=list)


#: Excel keeps 15 significant digits of a number: a longer one (a 20-digit reference typed
#: into a number cell) has already lost its last digits, so it is refused rather than stored
#: as the expansion of a double.
EXACT_DIGITS = 15
#: A quarantine export comes back as Excel saved it: CSV UTF-8, or CSV (Comma delimited).
EXPORT_ENCODINGS = ("utf-8", "cp1252")


def read_extract(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    sheet: str | None = None,
    export: bool = False,
) -> RawExtract:
    """Read ``path`` into the temp table ``table`` on ``con``.

    ``export``: the file is a quarantine export fixed in a spreadsheet: a CSV may be UTF-8 or
    Windows-1252 (what Excel saves), and neutralised formulas (``'=x``) are restored.
    """
    if not path.is_file():
        raise NdpError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        encodings = EXPORT_ENCODINGS if export else ("utf-8",)
        return RawExtract(path, table, read_csv(con, path, table, encodings, restore=export))
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(con, path, table, sheet, export)
    raise NdpError(f"{path}: unknown file type {suffix!r}: expected .csv, .xlsx or .ods")


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


def _inexact(value: object) -> bool:
    """A number cell too long for a workbook to hold every digit."""
    return isinstance(value, float) and abs(value) >= 10**EXACT_DIGITS


def _read_workbook(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, sheet: str | None, export: bool
) -> RawExtract:
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
    if export:
        header = [restore(name) for name in header]
    refuse_duplicate_headers(path, header)
    width = len(header)
    formulas = {(r, c): (ref, f) for r, c, ref, f in uncomputed_formulas(path, chosen) if c < width}
    problems: list[Problem] = []
    body = rows[1:]
    columns: dict[str, list[str | None]] = {name: [] for name in header}
    lines: list[int] = []
    for number, row in enumerate(body, start=2):
        cells = [_cell_text(v) for v in row[:width]]
        for index, value in enumerate(row[:width]):
            if _inexact(value):
                cells[index] = f"{value:.15g}"  # as Excel shows it, not a double's expansion
                problems.append(
                    Problem(
                        str(path),
                        number,
                        header[index],
                        cells[index],
                        f"a number of at most {EXACT_DIGITS} digits: a workbook keeps only "
                        f"{EXACT_DIGITS}, so this one has lost its last digits (cell "
                        f"{_cell_ref(index, number)}); format the column as Text and enter "
                        "it again",
                    )
                )
        for index in range(width):
            if (number, index) in formulas:
                ref, formula = formulas[number, index]
                cells += [None] * (width - len(cells))
                cells[index] = cells[index] or f"={formula}"
                problems.append(
                    Problem(
                        str(path),
                        number,
                        header[index],
                        f"={formula}",
                        f"a value, not a formula without a saved result (cell {ref}); open the "
                        "workbook in Excel and save it, or paste the column as values",
                    )
                )
        if not any(cells):
            continue
        if export:
            cells = [None if c is None else restore(c) for c in cells]
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
    return RawExtract(path, table, header, problems)


def _cell_ref(index: int, row: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


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
