"""Validating an extract against the contract, set-wise in DuckDB.

``validate_extract`` reads a file, matches its header to a source, and builds one typed table
in which every cell has its canonical value and, where it breaks a rule, what was expected.
Low-cardinality columns (dates, forces, enumerations...) are parsed once per *distinct* value
in Python (``ndp.load.parsers``) and joined back; high-cardinality ones (ids, money, counts)
are checked with SQL expressions. Nothing loops over rows in Python.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from ndp.contract import EXPECTED, Column, Source
from ndp.errors import Problem
from ndp.load.headers import HeaderMatch, detect_source, normalise_header
from ndp.load.parsers import Invalid, parser_for
from ndp.load.readers import read_extract
from ndp.load.rules import row_rule_problems
from ndp.store.schema import SQL_TYPES
from ndp.store.sql import quote_ident as ident
from ndp.store.sql import quote_literal as literal

_counter = itertools.count(1)
#: The columns a quarantine export adds to a source's own.
EXPORT_COLUMNS = ("reasons", "quarantine_id")


@dataclass(frozen=True)
class RefusedRow:
    """A record refused with its reasons, kept in quarantine by a partial load."""

    line: int
    record: dict[str, str | None]
    problems: list[Problem]


@dataclass
class ValidatedExtract:
    """An extract after validation: its good rows in a temp table, and every problem found."""

    path: Path
    source: Source
    sha256: str
    rows_read: int
    good: str
    header: HeaderMatch
    refused: list[RefusedRow] = field(default_factory=list)
    #: the temp table of the file's rows as written, and its header: a row refused later (for
    #: a reference) is kept in quarantine with its values from here
    raw: str = ""
    file_header: list[str] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        cell = [p for row in self.refused for p in row.problems]
        return self.file_problems + sorted(cell, key=lambda p: (p.line or 0, p.column or ""))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: A date column with more distinct texts than this is keyed by its date part: time stamps make
#: nearly every value distinct, and parsing a million of them one by one takes seconds.
DISTINCT_DATES = 50_000
#: A valid time of day after a date (" 13:45", "T13:45:07.5Z", " 09:00:00+01:00"), stripped
#: before a column of many time stamps is parsed by its date part. Only a real time matches
#: (hours 0-23, minutes and seconds 0-59): "T99:99:99" stays in the text and is refused.
TIME_OF_DAY = (
    r"[ T]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?"
    r"(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?$"
)
#: Money: an optional £, then digits with no separator or with commas between groups of
#: three (1,012,431), then at most two decimals after a point.
MONEY = r"£?\s*([0-9]+|[0-9]{1,3}(,[0-9]{3})+)([.][0-9]{1,2})?"
#: What a decimal comma looks like ("1234,50", "12,5", "1.234,50"): refused, never read as a
#: thousands separator, which would make the amount a hundred times too large.
DECIMAL_COMMA = r"£?\s*[0-9][0-9.,]*,[0-9]{1,2}"
DECIMAL_COMMA_EXPECTED = (
    "an amount with a point for pence, not a decimal comma (1234.50, not 1234,50); "
    "commas only between groups of three digits (1,234.50)"
)
GROUPS_EXPECTED = (
    "an amount with commas only between groups of three digits (1,234,567.00) and a point for pence"
)


#: An id Excel has shown as a number in scientific notation (a 20-digit reference saved as
#: "1.23457E+19"): its digits are gone, so it is refused rather than stored as an id.
SCIENTIFIC = r"[0-9]([.][0-9]+)?[eE][+][0-9]+"
SCIENTIFIC_EXPECTED = (
    "an identifier as written, not a number shortened to scientific notation (its last "
    "digits are lost): format the column as Text in the spreadsheet and enter it again"
)


#: A NUL byte (character 0) in text: stored silently by DuckDB, refused by PostgreSQL; never
#: meant, so refused on every backend, with its place.
NUL_EXPECTED = (
    "text without a NUL byte (character 0, shown as \\x00): the file may be damaged or not "
    "plain text; remove the character, or export the extract again"
)


def _lookup_key(con: duckdb.DuckDBPyConnection, raw: str, original: str, column: Column) -> str:
    """The expression (over ``r``, a row of ``raw``) a lookup column is parsed and joined by:
    the text itself, or for a date column of many time stamps, its date part."""
    text = f"r.{ident(original)}"
    if column.type != "date":
        return text
    found = con.execute(f"SELECT approx_count_distinct({text}) FROM {raw} r").fetchone()
    if not found or found[0] <= DISTINCT_DATES:
        return text
    return f"regexp_replace(trim({text}), {literal(TIME_OF_DAY)}, '')"


def _lookup_table(
    con: duckdb.DuckDBPyConnection, raw: str, key: str, column: Column, today: date
) -> str | None:
    """Parse the distinct values of a lookup column (``key``, an expression over ``r``, a row
    of ``raw``) into a mapping table; None if the column is not a lookup column."""
    parser = parser_for(column, today)
    if parser is None:
        return None
    distinct = con.execute(f"SELECT DISTINCT {key} FROM {raw} r WHERE {key} IS NOT NULL").fetchall()
    raws: list[str] = []
    vals: list[str | None] = []
    errs: list[str | None] = []
    for (text,) in distinct:
        raws.append(text)
        value = error = None
        if text.strip():
            try:
                value = parser(text.strip())
            except Invalid as invalid:
                error = str(invalid)
        vals.append(value)
        errs.append(error)
    # one Arrow table in one statement: inserting row by row cost DuckDB about half a
    # millisecond a value, minutes for a column of a million distinct timestamps
    mapping = pa.table(
        {
            "raw": pa.array(raws, pa.string()),
            "val": pa.array(vals, pa.string()),
            "err": pa.array(errs, pa.string()),
            "blank": pa.array([not r.strip() for r in raws], pa.bool_()),
        }
    )
    table = f"_ndp_map_{next(_counter)}"
    con.register(f"{table}_rows", mapping)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_rows")
    finally:
        con.unregister(f"{table}_rows")
    return table


def _sql_check(column: Column, value: str) -> tuple[str, str]:
    """(typed expression, error expression) for a column checked in SQL."""
    sql_type = SQL_TYPES[column.type]
    if column.type == "money":
        ok = f"regexp_full_match({value}, {literal(MONEY)})"
        clean = f"regexp_replace({value}, '[£,\\s]', '', 'g')"
        typed = f"CASE WHEN {ok} THEN TRY_CAST({clean} AS {sql_type}) END"
        bad = f"{value} IS NOT NULL AND {typed} IS NULL"
        decimal_comma = f"regexp_full_match({value}, {literal(DECIMAL_COMMA)})"
        # the test of a good value comes once; the messages are worked out only for bad ones
        return typed, (
            f"CASE WHEN NOT ({bad}) THEN NULL "
            f"WHEN {decimal_comma} THEN {literal(DECIMAL_COMMA_EXPECTED)} "
            f"WHEN contains({value}, ',') THEN {literal(GROUPS_EXPECTED)} "
            f"ELSE {literal(EXPECTED['money'])} END"
        )
    if column.type == "count":
        ok = f"regexp_full_match({value}, '[0-9]+(\\.0+)?')"
        typed = f"CASE WHEN {ok} THEN TRY_CAST(split_part({value}, '.', 1) AS BIGINT) END"
        error = (
            f"CASE WHEN {value} IS NOT NULL AND {typed} IS NULL THEN {literal(EXPECTED['count'])}"
        )
        if column.max is not None:
            too_big = literal(f"a whole number from 0 to {column.max}")
            error += f" WHEN {typed} > {column.max} THEN {too_big}"
        return typed, error + " END"
    if column.type == "id":
        # the cheap test first: only a value holding "e+" can be a shortened number
        shortened = (
            f"(contains({value}, 'e+') OR contains({value}, 'E+')) "
            f"AND regexp_full_match({value}, {literal(SCIENTIFIC)})"
        )
        return value, f"CASE WHEN {shortened} THEN {literal(SCIENTIFIC_EXPECTED)} END"
    return value, "NULL"


def validate_extract(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    source: str | None = None,
    today: date | None = None,
    export: bool = False,
) -> ValidatedExtract:
    """Read and validate ``path``; the good rows land in the temp table named by ``.good``.

    ``export``: ``path`` is a fixed quarantine export (see ``ndp.load.readers.read_extract``);
    its ``reasons`` and ``quarantine_id`` columns are no source's.
    """
    today = today or date.today()
    n = next(_counter)
    raw = f"_ndp_raw_{n}"
    extract = read_extract(con, path, raw, sheet=source, export=export)
    match = detect_source(str(path), extract.header, source, EXPORT_COLUMNS if export else ())
    src = match.source
    sha = file_sha256(path)
    rows_read = con.execute(f"SELECT count(*) FROM {raw}").fetchone()[0]  # type: ignore[index]
    good = f"_ndp_good_{n}"
    result = ValidatedExtract(path, src, sha, rows_read, good, match)
    # a reloaded export's reasons and quarantine_id are not the row's values
    kept = [h for h in extract.header if not export or normalise_header(h) not in EXPORT_COLUMNS]
    result.raw, result.file_header = raw, kept
    if match.extra:
        result.warnings.append(
            f"{path}: columns not in the {src.name} contract were ignored: {', '.join(match.extra)}"
        )
    if match.missing:
        result.file_problems = [
            Problem(str(path), None, None, None, f"missing required column {c} ({src.name})")
            for c in match.missing
        ]
        con.execute(f"CREATE OR REPLACE TEMP TABLE {good} AS {_empty_select(src)}")
        return result

    selects: list[str] = ["r._line"]
    joins: list[str] = []
    errors: list[tuple[str, str]] = []
    for column in src.columns.values():
        original = match.columns.get(column.name)
        if original is None:
            default = literal(column.default) if column.default else "NULL"
            selects.append(f"CAST({default} AS {SQL_TYPES[column.type]}) AS {ident(column.name)}")
            continue
        raw_value = f"r.{ident(original)}"
        key = _lookup_key(con, raw, original, column)
        lookup = _lookup_table(con, raw, key, column, today)
        if lookup is not None:
            alias = f"m{len(joins)}"
            joins.append(f"LEFT JOIN {lookup} {alias} ON {alias}.raw = {key}")
            typed, error = f"{alias}.val", f"{alias}.err"
            value = f"CASE WHEN {alias}.blank IS NOT TRUE THEN {raw_value} END"
        else:
            value = f"NULLIF(TRIM({raw_value}), '')"
            typed, error = _sql_check(column, value)
            if SQL_TYPES[column.type] == "VARCHAR":
                nul = f"CASE WHEN contains({value}, chr(0)) THEN {literal(NUL_EXPECTED)} END"
                error = f"coalesce({nul}, {error})"
        if column.default:
            typed = f"coalesce({typed}, {literal(column.default)})"
        required = f"CASE WHEN {value} IS NULL THEN 'a value: {column.name} is required' END"
        error = f"coalesce({required}, {error})" if column.required else error
        selects.append(f"CAST({typed} AS {SQL_TYPES[column.type]}) AS {ident(column.name)}")
        selects.append(f"{error} AS {ident('_e_' + column.name)}")
        errors.append((column.name, original))
    typed_table = f"_ndp_typed_{n}"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {typed_table} AS SELECT {', '.join(selects)} "
        f"FROM {raw} r {' '.join(joins)}"
    )
    any_error = " OR ".join(f"{ident('_e_' + name)} IS NOT NULL" for name, _ in errors) or "false"
    has_errors = con.execute(f"SELECT EXISTS (SELECT 1 FROM {typed_table} WHERE {any_error})")
    found = has_errors.fetchone()
    problems = (
        _cell_problems(con, str(path), raw, typed_table, errors) if found and found[0] else []
    )
    problems += row_rule_problems(con, str(path), src, raw, typed_table, match.columns)
    # a cell refused while reading (a formula without a result) is not refused twice
    read_refused = {(p.line, p.column) for p in extract.problems}
    problems = [
        p
        for p in problems
        if (p.line, match.columns.get(p.column or "", p.column)) not in read_refused
    ] + extract.problems
    bad_lines = sorted({p.line for p in problems if p.line is not None})
    _write_good(con, src, typed_table, good, bad_lines)
    result.refused = refused_rows(con, raw, kept, problems, bad_lines)
    return result


def _empty_select(src: Source) -> str:
    cols = [f"CAST(NULL AS {SQL_TYPES[c.type]}) AS {ident(c.name)}" for c in src.columns.values()]
    return f"SELECT {', '.join(cols)}, CAST(NULL AS BIGINT) AS _line WHERE false"


def _cell_problems(
    con: duckdb.DuckDBPyConnection,
    path: str,
    raw: str,
    typed: str,
    columns: list[tuple[str, str]],
) -> list[Problem]:
    if not columns:
        return []
    parts = [
        f"SELECT t._line, {literal(name)} AS col, r.{ident(original)} AS val, "
        f"t.{ident('_e_' + name)} AS err FROM {typed} t JOIN {raw} r USING (_line) "
        f"WHERE t.{ident('_e_' + name)} IS NOT NULL"
        for name, original in columns
    ]
    found = con.execute(" UNION ALL ".join(parts)).fetchall()
    return [Problem(path, line, col, val or "", err) for line, col, val, err in found]


def _write_good(
    con: duckdb.DuckDBPyConnection, src: Source, typed: str, good: str, bad_lines: list[int]
) -> None:
    names = ", ".join(ident(c) for c in src.columns)
    if not bad_lines:  # the common case: no second copy of the rows
        con.execute(f"CREATE OR REPLACE TEMP VIEW {good} AS SELECT {names}, _line FROM {typed}")
        return
    bad = f"_ndp_bad_{next(_counter)}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {bad} (_line BIGINT)")
    if bad_lines:
        con.executemany(f"INSERT INTO {bad} VALUES (?)", [(line,) for line in bad_lines])
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {good} AS SELECT {names}, _line FROM {typed} "
        f"WHERE _line NOT IN (SELECT _line FROM {bad})"
    )


def refused_rows(
    con: duckdb.DuckDBPyConnection,
    raw: str,
    header: list[str],
    problems: list[Problem],
    bad_lines: list[int],
) -> list[RefusedRow]:
    """The refused lines with their values as written under the file's own header."""
    if not bad_lines:
        return []
    by_line: dict[int, list[Problem]] = {}
    for problem in problems:
        if problem.line is not None:
            by_line.setdefault(problem.line, []).append(problem)
    cols = ", ".join(ident(h) for h in header)
    records = con.execute(
        f"SELECT _line, {cols} FROM {raw} WHERE _line IN (SELECT unnest(?::BIGINT[])) "
        "ORDER BY _line",
        [bad_lines],
    ).fetchall()
    return [
        RefusedRow(row[0], dict(zip(header, row[1:], strict=True)), sorted(by_line[row[0]]))
        for row in records
    ]
