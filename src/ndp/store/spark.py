"""The Spark store: the engine's reads on Apache Spark, through Spark Connect or a classic
session.

A Spark store is read-only to ndp: records are validated and loaded into DuckDB or PostgreSQL
(the loader's transactions, keys and updates have no equal on Spark's Parquet tables), then
copied to the catalog by :func:`ndp.store.spark_publish.publish`. Opening the store reads the
committed version once and shadows each table, for this session only, with a temporary view of
that version's rows: every query of a pack, the engine's Ibis expressions and its SQL alike,
reads one publication, never a mix of two.

A Spark Connect server that stops answering is given up on after 30 seconds (or
``NDP_SPARK_WAIT``'s, :func:`ndp.store.spark_lost.patience`) with an :class:`NdpError` naming
it: from the store's own calls, and, for the engine's calls through :attr:`SparkStore.ibis`,
when the ``with`` block of the store ends.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, NoReturn

import duckdb
import pyarrow as pa

from ndp.errors import NdpError
from ndp.store.base import Key, Store
from ndp.store.schema import SCHEMA_VERSION
from ndp.store.spark_location import open_session, parse_location
from ndp.store.spark_lost import answering, forget, lost, server_lost, shown
from ndp.store.spark_manifest import committed
from ndp.store.spark_tables import VERSION_COLUMN, spark_tables

#: Queries of a pack that Spark plans and runs at once: each spends most of its time in
#: planning and scheduling rather than scanning at the sizes ndp sees, so overlapping them
#: hides that fixed cost.
PARALLEL_QUERIES = 4


class SparkStore(Store):
    """The published tables of ``catalog.schema``, pinned to the committed version."""

    kind = "spark"
    #: Each query costs Spark about a second of planning and scheduling whatever its size, so
    #: the engine sends a pack's scans as one query (``ndp.engine.wide``).
    merge_scans = True

    def __init__(self, location: str) -> None:
        self.location = location
        self.where = parse_location(location)
        self.session = open_session(self.where)
        self._ibis: Any = None
        try:
            with self._answering("opening the store"):
                published = committed(self.session, self.where)
            if published is None:
                raise NdpError(
                    f"nothing has been published to {location}: copy a loaded store there with "
                    f"`ndp publish-store --db STORE --to {location}`"
                )
            if published.schema_version > SCHEMA_VERSION:
                raise NdpError(
                    f"the store {location} was published by a newer ndp (schema "
                    f"{published.schema_version}; this ndp knows {SCHEMA_VERSION}): upgrade ndp"
                )
            self.version = published.version
            with self._answering("opening the store"):
                self._pin(published.version)
        except BaseException:
            self.close()
            raise

    def _pin(self, version: int) -> None:
        """One temporary view per table, sent several at once (each is a round trip)."""
        statements = [
            f"CREATE OR REPLACE TEMPORARY VIEW `{table.name}` AS SELECT "
            + ", ".join(f"`{c}`" for c, _ in table.columns)
            + f" FROM {self.where.table(table.name)} WHERE {VERSION_COLUMN} = {int(version)}"
            for table in spark_tables()
        ]
        with ThreadPoolExecutor(PARALLEL_QUERIES, thread_name_prefix="ndp-spark") as pool:
            for done in [pool.submit(self.session.sql, s) for s in statements]:
                done.result()

    def validation_connection(self) -> duckdb.DuckDBPyConnection:
        self._read_only()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._read_only()
        yield  # pragma: no cover - never reached

    def stage(self, validation_table: str, stage_table: str, columns: list[str]) -> None:
        self._read_only()

    def lock_for_writing(self) -> None:
        self._read_only()

    def _read_only(self) -> NoReturn:
        raise NdpError(
            f"{self.location} is a Spark store, which ndp reads but does not load: load the "
            "extracts into a DuckDB or PostgreSQL store, then copy it with "
            f"`ndp publish-store --db STORE --to {self.location}` (docs/spark.md)"
        )

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._answering("reading the store"):
            frame = self.session.sql(sql, args=list(params)) if params else self._query(sql)
            return [tuple(row) for row in frame.collect()]

    def tables(self) -> list[str]:
        return [table.name for table in spark_tables()]

    def arrow_results(self, queries: Mapping[Key, Any]) -> Iterator[tuple[Key, pa.Table]]:
        """Compile each query here, let Spark plan and run several at once, and yield each
        result as it finishes, in the query's Ibis types."""
        running: dict[Future[pa.Table], Key] = {}
        with ThreadPoolExecutor(PARALLEL_QUERIES, thread_name_prefix="ndp-spark") as pool:
            try:
                with self._answering("reading the store"):
                    for key, query in queries.items():
                        sql, schema = self.ibis.compile(query), query.schema().to_pyarrow()
                        running[pool.submit(self._arrow, sql, schema)] = key
                    for done in as_completed(running):
                        yield running[done], done.result()
            finally:  # on an error, the queries still queued are not sent (each would wait)
                for future in running:
                    future.cancel()

    def _arrow(self, sql: str, schema: pa.Schema) -> pa.Table:
        return self._query(sql).toArrow().cast(schema)

    def _query(self, sql: str) -> Any:
        """The query as a DataFrame. ``session.sql`` of Spark Connect sends the SQL to be
        analysed at once (in case it is a command), a round trip before the one that runs it;
        a query is sent once, when its rows are asked for, as the DataFrame of its SQL."""
        if self.where.remote is None:
            return self.session.sql(sql)
        from pyspark.sql.connect.dataframe import DataFrame
        from pyspark.sql.connect.plan import SQL

        return DataFrame(SQL(sql), self.session)

    @property
    def ibis(self) -> Any:
        if self._ibis is None:
            import ibis

            self._ibis = ibis.pyspark.from_connection(self.session)
        return self._ibis

    def _answering(self, step: str) -> AbstractContextManager[None]:
        if self.where.remote is None:
            return nullcontext()
        return answering(
            self.session, self.where.server, f"{step} {shown(self.location)}", lambda: _READ, _AGAIN
        )

    def close(self) -> None:
        if self.where.remote is not None:
            self.session.stop()

    def __exit__(self, *exc: object) -> None:
        """Close; an error of the engine's Ibis calls that says the server stopped answering
        becomes the store's message."""
        error = exc[1] if len(exc) > 1 else None
        if (
            self.where.remote is not None
            and isinstance(error, Exception)
            and not isinstance(error, NdpError)
            and lost(error)
        ):
            forget(self.session)
            self.close()
            raise server_lost(
                self.where.server, f"reading the store {shown(self.location)}", _READ, _AGAIN
            ) from error
        self.close()


#: What a read cut off by the server leaves of the store.
_READ = "ndp only reads a Spark store, so the store is as it was"


_AGAIN = "run the command again"
