"""Reading a CSV extract with DuckDB, and saying plainly why a file cannot be read.

The header is read by Python's ``csv`` and handed to DuckDB as the column list, so DuckDB never
guesses the dialect: a ragged row, an unterminated quote or an over-long record is reported on
its own line ("Error when sniffing file" said neither; a row with one value too many made the
sniffer drop every row). The encoding (UTF-8 with or without BOM; Windows-1252 and UTF-16 are
named) and a ``;`` or tab delimiter are checked before DuckDB reads a byte.

A quarantine export saved again by Excel may be Windows-1252: ``encodings`` lets the reload
path accept it (the file is re-encoded to UTF-8 in a temporary copy).
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ndp.errors import InputRefused, NdpError, Problem
from ndp.load.cells import NEUTRALISED_SQL
from ndp.load.cells import restore as restore_cell
from ndp.load.headers import refuse_duplicate_headers
from ndp.store.sql import quote_ident as _ident
from ndp.store.sql import quote_literal as _literal

#: The longest record ndp reads: DuckDB's own default (2,000,000 bytes) refused a legal 3 MB
#: cell as "Error on Line: 1".
MAX_RECORD_BYTES = 32 * 1024 * 1024
LIMIT_TEXT = "32 MiB"

#: How to re-save, said with every encoding refusal.
RESAVE = (
    "save it again as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited)'; "
    "in another editor, choose the encoding UTF-8"
)

_LINE = re.compile(r"CSV Error on Line: (\d+)")
_COUNT = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
_SIZE = re.compile(r"Actual Size:\s*(\d+)")


def read_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    encodings: Sequence[str] = ("utf-8",),
    restore: bool = False,
) -> list[str]:
    """Read ``path`` into the temp view ``table`` (text columns plus ``_line``); its header.

    ``restore`` undoes the quarantine export's neutralised formulas (``'=x`` is ``=x``).
    """
    with path.open("rb") as handle:
        first = handle.readline()
    if not first.strip():
        raise NdpError(f"{path}: the file is empty: expected a header row")
    encoding = detect_encoding(path, first, encodings)
    text = first.decode("utf-8-sig" if encoding == "utf-8" else encoding, "replace")
    refuse_delimiter(path, text)
    try:
        header = next(csv.reader([text.rstrip("\r\n")]))
    except (csv.Error, StopIteration):
        raise NdpError(f"{path}, line 1: the header is not a row of column names") from None
    header = [name.strip() or f"column_{i}" for i, name in enumerate(header, start=1)]
    if restore:
        header = [restore_cell(name) for name in header]
    refuse_duplicate_headers(path, header)
    readable = path if encoding == "utf-8" else _as_utf8(path, encoding)
    columns = ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in header)
    source = (
        f"read_csv(?, header = false, skip = 1, auto_detect = false, columns = {{{columns}}}, "
        "delim = ',', quote = '\"', escape = '\"', encoding = 'utf-8', null_padding = false, "
        f"strict_mode = true, max_line_size = {MAX_RECORD_BYTES})"
    )
    names = ", ".join(_restored(name) if restore else _ident(name) for name in header)
    any_value = " OR ".join(f"{_ident(name)} IS NOT NULL" for name in header)
    try:
        # DuckDB keeps file order when it fills a table, so rowid + 2 is the file line
        # (header = line 1) without a window function that would serialise the read.
        con.execute("SET preserve_insertion_order = true")
        con.execute(
            f'CREATE OR REPLACE TEMP TABLE "{table}_rows" AS SELECT {names} FROM {source}',
            [str(readable)],
        )
        # a record of nothing but commas (what Excel writes for formatted empty rows) is no
        # record, as the workbook reader skips empty rows
        con.execute(
            f'CREATE OR REPLACE TEMP VIEW "{table}" AS SELECT *, (rowid + 2)::BIGINT AS _line '
            f'FROM "{table}_rows" WHERE {any_value}'
        )
    except duckdb.Error as error:
        raise _unreadable(path, error, len(header)) from None
    finally:
        if readable != path:
            readable.unlink(missing_ok=True)
    return header


def detect_encoding(path: Path, first: bytes, encodings: Sequence[str]) -> str:
    """The encoding to read ``path`` with, of ``encodings``; refuse UTF-16 and the others."""
    if first.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first:
        raise NdpError(f"{path}: the file is UTF-16, not UTF-8: {RESAVE}")
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 4:  # a character cut at the end of the block
            return "utf-8"  # DuckDB checks the rest and names the line (see _unreadable)
        line = head[: error.start].count(b"\n") + 1
    data = path.read_bytes() if len(encodings) > 1 else b""
    for encoding in encodings[1:]:
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    raise NdpError(
        f"{path}, line {line}: the file is not UTF-8 (probably Windows-1252, as Excel saves "
        f"'CSV (Comma delimited)'): {RESAVE}"
    )


def refuse_delimiter(path: Path, header: str) -> None:
    """Name a ``;`` or tab delimiter instead of a header 'nearest to' some source."""
    if "," in header:
        return
    for delimiter, name in ((";", "';' (semicolon)"), ("\t", "a tab")):
        if delimiter in header:
            raise NdpError(
                f"{path}: the columns are separated by {name}, not commas: save it again as "
                "comma-separated CSV (in Excel, 'CSV UTF-8 (Comma delimited)')"
            )


def _as_utf8(path: Path, encoding: str) -> Path:
    text = path.read_bytes().decode(encoding)
    with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as handle:
        handle.write(text.encode("utf-8"))
    return Path(handle.name)


def _restored(name: str) -> str:
    column = _ident(name)
    return (
        f"CASE WHEN regexp_matches({column}, {_literal(NEUTRALISED_SQL)}) "
        f"THEN substr({column}, 2) ELSE {column} END AS {column}"
    )


def _unreadable(path: Path, error: Exception, width: int) -> NdpError:
    """DuckDB's error as a problem on its line: what is wrong and what to do."""
    message = str(error)
    found = _LINE.search(message)
    line = int(found[1]) if found else None
    count = _COUNT.search(message)
    if count:
        expected = (
            f"{count[2]} values where the header has {width} columns: a value holding a comma "
            "must be in double quotes, and every row has one value (perhaps empty) a column"
        )
    elif "unterminated quote" in message:
        expected = (
            "a quoted value starts on this line and its closing double quote is missing "
            '(write a double quote inside a value as "")'
        )
    elif "Invalid unicode" in message:
        expected = f"UTF-8 text (the file is probably Windows-1252): {RESAVE}"
    elif "Maximum line size" in message:
        size = _SIZE.search(message)
        actual = f"{int(size[1]):,} bytes" if size else "too long"
        expected = (
            f"a record of {actual}, over the limit of {LIMIT_TEXT} ({MAX_RECORD_BYTES:,} bytes)"
        )
    else:
        first = message.strip().splitlines()[0]
        return NdpError(f"{path}: not a readable CSV file: {first}")
    return InputRefused(
        [Problem(str(path), line, None, None, expected)],
        f"{path}: the file cannot be read as CSV; nothing was loaded",
    )
