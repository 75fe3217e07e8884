"""The store's tables, derived from the data contract.

For each source ``S`` there is:
- ``S``: the current version of every record, typed, with lineage columns (the loader keeps
  the key unique: it validates uniqueness within a file and replaces on update, so the table
  needs no index to maintain on bulk inserts);
- ``S__history``: every earlier version of a record, with the load that replaced it.

And the bookkeeping tables:
- ``loads``: one row per ``ndp load`` run (when, who, status);
- ``load_files``: one row per file of a load (path, SHA-256, source, rows);
- ``quarantine``: refused rows of partial loads, with their reasons, until re-loaded;
- ``reapplied_files``: files loaded again on purpose (``ndp load --reapply``).

Column types are SQL that both DuckDB and PostgreSQL accept.
"""

from __future__ import annotations

import re

from ndp.contract import Column, Source, contract

SQL_TYPES: dict[str, str] = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "date": "DATE",
    "force": "VARCHAR",  # canonical force code (ONS code or unit code), see ndp.reference
    "region": "VARCHAR",  # canonical region value, e.g. north_west
    "quarter": "VARCHAR",  # canonical label, e.g. 2024-25 Q1
    "money": "DECIMAL(18, 2)",  # pounds, exact to the penny
    "count": "BIGINT",
    "boolean": "BOOLEAN",
    "enum": "VARCHAR",  # canonical lower_snake value
    "outcome_code": "VARCHAR",  # canonical code, e.g. 1A
}

#: Lineage kept on every stored row: which load and file it came from, and its line there.
LINEAGE_COLUMNS: dict[str, str] = {
    "_load_id": "BIGINT NOT NULL",
    "_file_id": "BIGINT NOT NULL",
    "_line": "BIGINT NOT NULL",
}

HISTORY_SUFFIX = "__history"

BOOKKEEPING_DDL = [
    """CREATE TABLE IF NOT EXISTS loads (
        load_id BIGINT PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        username VARCHAR NOT NULL,
        hostname VARCHAR NOT NULL,
        ndp_version VARCHAR NOT NULL,
        partial BOOLEAN NOT NULL,
        status VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS load_files (
        file_id BIGINT PRIMARY KEY,
        load_id BIGINT NOT NULL,
        path VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        rows_read BIGINT NOT NULL,
        rows_inserted BIGINT NOT NULL,
        rows_updated BIGINT NOT NULL,
        rows_unchanged BIGINT NOT NULL,
        rows_quarantined BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS quarantine (
        quarantine_id BIGINT PRIMARY KEY,
        file_id BIGINT NOT NULL,
        source VARCHAR NOT NULL,
        line BIGINT NOT NULL,
        record_json VARCHAR NOT NULL,
        reasons_json VARCHAR NOT NULL,
        released_by_load BIGINT
    )""",
    # a file loaded again with `ndp load --reapply`: which earlier load of the same contents
    """CREATE TABLE IF NOT EXISTS reapplied_files (
        file_id BIGINT PRIMARY KEY,
        earlier_file_id BIGINT NOT NULL
    )""",
]


def table_name(source: Source | str) -> str:
    return source if isinstance(source, str) else source.name


def history_table_name(source: Source | str) -> str:
    return table_name(source) + HISTORY_SUFFIX


def column_sql(column: Column) -> str:
    return f'"{column.name}" {SQL_TYPES[column.type]}'


def data_table_ddl(source: Source) -> list[str]:
    """CREATE statements for a source's current and history tables."""
    columns = [column_sql(c) for c in source.columns.values()]
    lineage = [f"{name} {kind}" for name, kind in LINEAGE_COLUMNS.items()]
    current = ",\n    ".join([*columns, *lineage])
    history = ",\n    ".join([*columns, *lineage, "_superseded_by_load BIGINT NOT NULL"])
    return [
        f"CREATE TABLE IF NOT EXISTS {table_name(source)} (\n    {current}\n)",
        f"CREATE TABLE IF NOT EXISTS {history_table_name(source)} (\n    {history}\n)",
    ]


SCHEMA_VERSION = 1


def all_ddl() -> list[str]:
    """Every CREATE statement of the store, in order."""
    statements = list(BOOKKEEPING_DDL)
    for source in contract().sources.values():
        statements.extend(data_table_ddl(source))
    return statements


def table_names() -> list[str]:
    """Every table of the store, the schema's version included."""
    names = [re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", ddl)[0] for ddl in all_ddl()]
    return [*names, "ndp_schema"]


#: Bumped whenever a table's shape changes; ``open_store`` records it and refuses a newer store.
