"""The PostgreSQL store, for a shared server.

Validation runs in an in-memory DuckDB; validated rows travel to PostgreSQL with COPY (CSV
written by DuckDB, streamed by psycopg) into a temporary table, and the same set-based SQL as on
DuckDB moves them into place, all inside one PostgreSQL transaction.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import duckdb
import psycopg

from ndp.errors import NdpError
from ndp.store.base import Store, disk_full

#: The advisory lock (``pg_advisory_xact_lock``) that serialises writers: loads and creating
#: the tables. Any fixed number no other application uses in the database; this is "ndp" in ASCII.
WRITERS_LOCK = 0x6E6470


class PostgresStore(Store):
    """A PostgreSQL database named by a ``postgresql://`` URL."""

    kind = "postgres"

    def __init__(self, url: str) -> None:
        self.location = url
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise NdpError(f"cannot connect to {_safe(url)}: {str(error).strip()}") from None
        self._duck = duckdb.connect(":memory:")
        self._ibis: Any = None
        with self.transaction():
            self.lock_for_writing()  # two first opens at once would both create the tables
            self._create_tables()

    def validation_connection(self) -> duckdb.DuckDBPyConnection:
        return self._duck

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.conn.transaction():
                yield
        except psycopg.errors.DiskFull as error:
            raise disk_full(_safe(self.location), error) or NdpError(str(error)) from None

    def lock_for_writing(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITERS_LOCK])

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self.conn.execute(sql.replace("?", "%s"), list(params))
        return cursor.fetchall() if cursor.description else []

    def stage(self, validation_table: str, stage_table: str, columns: list[str]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        types = (
            self._duck.execute(f"SELECT {names} FROM {validation_table} LIMIT 0").description or []
        )
        self.conn.execute(f"DROP TABLE IF EXISTS {stage_table}")
        self.conn.execute(
            f"CREATE TEMP TABLE {stage_table} AS SELECT {names} FROM "
            f"(SELECT {', '.join(_pg_null(c, t) for c, t in zip(columns, types, strict=True))}) s "
            "WHERE false"
        )
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "stage.csv")
            self._duck.execute(
                f"COPY (SELECT {names} FROM {validation_table}) TO '{path}' (HEADER false)"
            )
            with (
                self.conn.cursor() as cursor,
                cursor.copy(f"COPY {stage_table} ({names}) FROM STDIN WITH (FORMAT csv)") as copy,
                open(path, "rb") as handle,
            ):
                while block := handle.read(1 << 20):
                    copy.write(block)

    def tables(self) -> list[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return [row[0] for row in rows]

    def _dialect(self, statement: str) -> str:
        return statement.replace("VARCHAR", "TEXT")

    @property
    def ibis(self) -> Any:
        if self._ibis is None:
            import ibis

            self._ibis = ibis.connect(self.location)
        return self._ibis

    def close(self) -> None:
        self.conn.close()
        self._duck.close()
        if self._ibis is not None:
            self._ibis.disconnect()


_PG_TYPES = {
    "VARCHAR": "TEXT",
    "DATE": "DATE",
    "BIGINT": "BIGINT",
    "BOOLEAN": "BOOLEAN",
    "INTEGER": "BIGINT",
}


def _pg_null(column: str, description: tuple[Any, ...]) -> str:
    kind = str(description[1]).upper()
    pg = "NUMERIC(18, 2)" if kind.startswith("DECIMAL") else _PG_TYPES.get(kind, "TEXT")
    return f'CAST(NULL AS {pg}) AS "{column}"'


def _safe(url: str) -> str:
    parsed = urlparse(url)
    if parsed.password:
        return url.replace(f":{parsed.password}@", ":***@")
    return url
