"""The embedded DuckDB store: one file, zero set-up.

A command that only reads opens the file read-only, so any number run side by side; one that
writes holds it alone. Either waits for a process holding the file the other way
(``ndp.store.holders``), and names it when the wait runs out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ndp.errors import NdpError
from ndp.store.base import CompiledQuery, Key, Store, disk_full
from ndp.store.closed_sets import type_closed_sets
from ndp.store.holders import Waiting, connect, record_holder
from ndp.store.schema import SCHEMA_VERSION, table_names

#: Queries of one batch that run at once, each on its own cursor. DuckDB releases the GIL while
#: it executes, so Python compiles the next query (and the engine folds the last result) while
#: the database works; two keep both cores busy without queueing scans behind each other.
PARALLEL_QUERIES = 2

#: Set on every connection that writes. With DuckDB's optimistic writes (its default), a large
#: insert writes its rows to the database file before the commit and logs only their blocks;
#: DuckDB 1.5 replays a log cut short mid-commit (a process killed while writing it) with those
#: rows in place and the rest of the transaction gone, so a killed load could leave its records
#: without its lineage. Without them every row goes through the log, which a cut-short replay
#: drops whole. A load of 2 million rows takes about 15% longer (docs/loading.md, "Killed").
WRITE_SETTINGS = ("SET GLOBAL enable_optimistic_write = false",)


class DuckDBStore(Store):
    """A DuckDB database file (or ``:memory:``); validation runs on the same connection."""

    kind = "duckdb"
    runs_sql = True

    def __init__(
        self, path: str, read_only: bool = False, wait: float = 0.0, waiting: Waiting | None = None
    ) -> None:
        self.location = path
        self.read_only = read_only
        self._ibis: Any = None
        self._holder: Path | None = None
        if path == ":memory:":
            self.con = duckdb.connect(path)
            self._set_up()
            return
        file = Path(path).expanduser()
        file.parent.mkdir(parents=True, exist_ok=True)
        if read_only and file.exists():
            self.con = self._connect(file, True, wait, waiting)
            if self.read_only and not self._ready():
                self.con.close()  # an older store: brought up to date, for a moment read-write
                with DuckDBStore(path, wait=wait, waiting=waiting):
                    pass
                self.con = self._connect(file, True, wait, waiting)
        else:  # a new store is created read-write first
            if read_only:
                with DuckDBStore(path, wait=wait, waiting=waiting):
                    pass
            self.con = self._connect(file, read_only, wait, waiting)
            if not self.read_only:
                self._set_up()
        self._holder = record_holder(file, self.read_only)

    def _connect(
        self, file: Path, read_only: bool, wait: float, waiting: Waiting | None
    ) -> duckdb.DuckDBPyConnection:
        try:
            con = connect(file, read_only, wait, waiting)
        except duckdb.ConnectionException:
            # this process holds the file already, the other way: a reader shares the writer's
            # connection; a writer cannot share a reader's
            if not read_only:
                raise NdpError(f"the store {file} is open read-only in this process") from None
            self.read_only = False
            con = connect(file, False, wait, waiting)
        if not self.read_only:
            for setting in WRITE_SETTINGS:
                con.execute(setting)
        return con

    def _set_up(self) -> None:
        with self.transaction():
            self._create_tables()
            type_closed_sets(self.execute)

    def _ready(self) -> bool:
        """Whether the store has every table and type this ndp writes, at this ndp's version."""
        found = {row[0] for row in self.con.execute("SHOW TABLES").fetchall()}
        if not set(table_names()) <= found:
            return False
        if self.scalar("SELECT max(version) FROM ndp_schema") != SCHEMA_VERSION:
            return False
        changes: list[str] = []

        def dry_run(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
            if sql.startswith("ALTER"):
                changes.append(sql)
                return []
            return self.execute(sql, params)

        type_closed_sets(dry_run)
        return not changes

    def validation_connection(self) -> duckdb.DuckDBPyConnection:
        return self.con

    @contextmanager
    def side_reader(self) -> Iterator[DuckDBStore]:
        """This store read through a cursor of its own (a connection object is used by one
        thread at a time): the same database, in a transaction of its own, which sees what is
        committed, as the cursors ``arrow_results`` runs the scans on do."""
        reader = object.__new__(DuckDBStore)
        reader.location, reader.read_only = self.location, self.read_only
        reader._ibis, reader._holder = None, None
        reader.con = self.con.cursor()
        try:
            yield reader
        finally:
            reader.con.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write that finds the disk full (in the transaction or at its commit, when DuckDB
        writes its log) rolls back and is a message, the store as it was."""
        self.con.begin()
        try:
            yield
            self.con.commit()
        except BaseException as error:
            with suppress(duckdb.Error):  # after a failed commit there is nothing to roll back
                self.con.rollback()
            full = disk_full(self.location, error) if isinstance(error, Exception) else None
            if full is not None:
                raise full from None
            raise

    def lock_for_writing(self) -> None:
        """Nothing to do: a process writing holds the file alone (``ndp.store.holders``)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self.con.execute(sql, list(params))
        return cursor.fetchall() if cursor.description else []

    def stage(self, validation_table: str, stage_table: str, columns: list[str]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {stage_table} AS SELECT {names} FROM {validation_table}"
        )

    def tables(self) -> list[str]:
        return [row[0] for row in self.con.execute("SHOW TABLES").fetchall()]

    def arrow_results(self, queries: Mapping[Key, Any]) -> Iterator[tuple[Key, pa.Table]]:
        """Compile each query to SQL here (unless it comes as a :class:`CompiledQuery`), run it
        on a cursor of its own in a worker thread, and yield the results as they finish, in the
        query's Ibis types (as ``to_pyarrow`` gives them: a sum of integers is an integer, not
        DuckDB's HUGEINT)."""
        with ThreadPoolExecutor(PARALLEL_QUERIES, thread_name_prefix="ndp-query") as pool:
            running: dict[Future[pa.Table], Key] = {}
            for key, query in queries.items():
                sql, schema = query if isinstance(query, CompiledQuery) else self.compile(query)
                running[pool.submit(self._arrow, sql, schema)] = key
            for done in as_completed(running):
                yield running[done], done.result()

    def compile(self, query: Any) -> CompiledQuery:
        return CompiledQuery(self.ibis.compile(query), query.schema().to_pyarrow())

    def schema_fingerprint(self) -> str:
        rows = self.con.execute(
            "SELECT database_name, schema_name, table_name, column_name, data_type "
            "FROM duckdb_columns() WHERE NOT internal AND database_name <> 'temp' ORDER BY ALL"
        )
        return repr(rows.fetchall())

    def _arrow(self, sql: str, schema: pa.Schema) -> pa.Table:
        cursor = self.con.cursor()
        try:
            return cursor.sql(sql).to_arrow_table().cast(schema)
        finally:
            cursor.close()

    @property
    def ibis(self) -> Any:
        if self._ibis is None:
            import ibis

            self._ibis = ibis.duckdb.from_connection(self.con)
        return self._ibis

    def close(self) -> None:
        self.con.close()
        if self._holder is not None:
            self._holder.unlink(missing_ok=True)
