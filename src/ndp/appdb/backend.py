"""The app database's connection: SQLite (a file, WAL) or PostgreSQL (a URL), behind one small
interface of transactions that can be made exclusive.

An exclusive transaction is what keeps the audit chain whole with several writer processes:
``BEGIN IMMEDIATE`` takes SQLite's write lock before the last row is read, and on PostgreSQL
``pg_advisory_xact_lock`` serialises writers until commit. SQL is written with ``?``
placeholders and translated for psycopg.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from ndp.errors import NdpError

#: one key for every lock the app database takes on PostgreSQL (the text "ndp.appdb")
PG_LOCK_KEY = 0x6E64702E61707064

Row = tuple[Any, ...]


class Tx(Protocol):
    """A transaction: run statements, read rows."""

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]: ...


class Backend:
    """One connection, used by one thread at a time (a lock guards it)."""

    kind: str

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @contextmanager
    def transaction(self, exclusive: bool = False) -> Iterator[Tx]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._conn.execute(sql, tuple(params)).fetchall()


class SqliteBackend(Backend):
    kind = "sqlite"

    def __init__(self, path: str) -> None:
        super().__init__()
        folder = Path(path).expanduser().parent
        if not folder.is_dir():
            raise NdpError(f"app database {path!r}: folder {str(folder)!r} does not exist")
        self._conn = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA busy_timeout=30000")

    @contextmanager
    def transaction(self, exclusive: bool = False) -> Iterator[Tx]:
        with self._lock:
            # every write transaction takes the write lock at once: a deferred one that reads
            # then writes can fail with "database is locked" instead of waiting its turn
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteTx(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()


class _PgTx:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        cursor = self._conn.execute(sql.replace("?", "%s"), tuple(params))
        return list(cursor.fetchall()) if cursor.description else []


class PostgresBackend(Backend):
    kind = "postgres"

    def __init__(self, url: str) -> None:
        import psycopg

        super().__init__()
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as error:
            raise NdpError(f"app database: cannot connect to PostgreSQL: {error}") from None

    @contextmanager
    def transaction(self, exclusive: bool = False) -> Iterator[Tx]:
        with self._lock, self._conn.transaction():
            tx = _PgTx(self._conn)
            if exclusive:
                tx.run("SELECT pg_advisory_xact_lock(?)", (PG_LOCK_KEY,))
            yield tx

    def close(self) -> None:
        self._conn.close()


def connect(location: str) -> Backend:
    """A file path for SQLite, a ``postgresql://`` URL for PostgreSQL."""
    if location.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(location)
    return SqliteBackend(location)
