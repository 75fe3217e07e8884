"""The app database's connection: SQLite (a file, WAL) or PostgreSQL (a URL), behind one small
interface of transactions that can be made exclusive.

An exclusive transaction is what keeps the audit chain whole with several writer processes:
``BEGIN IMMEDIATE`` takes SQLite's write lock before the last row is read, and on PostgreSQL
``pg_advisory_xact_lock`` serialises writers until commit. SQL is written with ``?``
placeholders and translated for psycopg.
"""

from __future__ import annotations

import os
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
    """One connection, used by one thread at a time (a lock guards it).

    A process forked after opening (a server's workers) gets a connection of its own at its
    first transaction: a SQLite or PostgreSQL connection must never be shared across a fork.
    The inherited one is left untouched, neither used nor closed, since closing it in the
    child would end the parent's PostgreSQL session."""

    kind: str

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._conn: Any = self._connect()
        self._inherited: list[Any] = []

    def _connect(self) -> Any:
        raise NotImplementedError

    def _connection(self) -> Any:
        if os.getpid() != self._pid:
            self._inherited.append(self._conn)
            self._pid, self._conn = os.getpid(), self._connect()
        return self._conn

    @contextmanager
    def transaction(self, exclusive: bool = False) -> Iterator[Tx]:
        raise NotImplementedError

    def close(self) -> None:
        if os.getpid() == self._pid:
            self._conn.close()


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return self._conn.execute(sql, tuple(params)).fetchall()


class SqliteBackend(Backend):
    kind = "sqlite"

    def __init__(self, path: str) -> None:
        folder = Path(path).expanduser().parent
        if not folder.is_dir():
            raise NdpError(f"app database {path!r}: folder {str(folder)!r} does not exist")
        self._path = path
        super().__init__()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self._path, timeout=30, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    @contextmanager
    def transaction(self, exclusive: bool = False) -> Iterator[Tx]:
        with self._lock:
            conn = self._connection()
            # every write transaction takes the write lock at once: a deferred one that reads
            # then writes can fail with "database is locked" instead of waiting its turn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteTx(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")


class _PgTx:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def run(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        cursor = self._conn.execute(sql.replace("?", "%s"), tuple(params))
        return list(cursor.fetchall()) if cursor.description else []


class PostgresBackend(Backend):
    kind = "postgres"

    def __init__(self, url: str) -> None:
        self._url = url
        super().__init__()

    def _connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self._url, autocommit=True)
        except psycopg.OperationalError as error:
            raise NdpError(f"app database: cannot connect to PostgreSQL: {error}") from None

    @contextmanager
    def transaction(self, exclusive: bool = False) -> Iterator[Tx]:
        with self._lock:
            conn = self._connection()
            with conn.transaction():
                tx = _PgTx(conn)
                if exclusive:
                    tx.run("SELECT pg_advisory_xact_lock(?)", (PG_LOCK_KEY,))
                yield tx


def connect(location: str) -> Backend:
    """A file path for SQLite, a ``postgresql://`` URL for PostgreSQL."""
    if location.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(location)
    return SqliteBackend(location)
