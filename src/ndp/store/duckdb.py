"""The embedded DuckDB store: one file, zero set-up."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ndp.errors import NdpError
from ndp.store.base import Key, Store
from ndp.store.closed_sets import type_closed_sets

#: Queries of one batch that run at once, each on its own cursor. DuckDB releases the GIL while
#: it executes, so Python compiles the next query (and the engine folds the last result) while
#: the database works; two keep both cores busy without queueing scans behind each other.
PARALLEL_QUERIES = 2


class DuckDBStore(Store):
    """A DuckDB database file (or ``:memory:``); validation runs on the same connection."""

    kind = "duckdb"

    def __init__(self, path: str) -> None:
        self.location = path
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(path)
        except duckdb.Error as error:
            raise NdpError(f"cannot open the store {path}: {str(error).splitlines()[0]}") from None
        self._ibis: Any = None
        with self.transaction():
            self._create_tables()
            type_closed_sets(self.execute)

    def validation_connection(self) -> duckdb.DuckDBPyConnection:
        return self.con

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

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
        """Compile each query to SQL here, run it on a cursor of its own in a worker thread,
        and yield the results as they finish, in the query's Ibis types (as ``to_pyarrow``
        gives them: a sum of integers is an integer, not DuckDB's HUGEINT)."""
        with ThreadPoolExecutor(PARALLEL_QUERIES, thread_name_prefix="ndp-query") as pool:
            running: dict[Future[pa.Table], Key] = {}
            for key, query in queries.items():
                sql, schema = self.ibis.compile(query), query.schema().to_pyarrow()
                running[pool.submit(self._arrow, sql, schema)] = key
            for done in as_completed(running):
                yield running[done], done.result()

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
