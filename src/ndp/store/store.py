"""Opening a store and the few operations every backend shares.

``open_store`` is the one way in: a DuckDB file (or ``:memory:``) or a ``postgresql://`` URL.
Both keep the same tables (``ndp.store.schema``); the loader writes through ``Store.execute``
and the backend-specific bulk copy, and the engine reads through ``Store.ibis``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Literal

from ndp.errors import NdpError
from ndp.store.schema import SCHEMA_VERSION, SCHEMA_VERSION_DDL, all_ddl

StoreKind = Literal["duckdb", "postgres"]


class Store:
    """An open store. Use as a context manager, or call :meth:`close`.

    ``con`` is the backend's own connection (a ``duckdb.DuckDBPyConnection`` or a
    ``psycopg.Connection``); only code inside ``ndp.store`` should touch it directly.
    """

    def __init__(self, kind: StoreKind, location: str, con: Any) -> None:
        self.kind: StoreKind = kind
        self.location = location
        self.con = con
        self._ibis: Any = None
        self._in_transaction = False

    # -- reading -----------------------------------------------------------------------------
    @property
    def ibis(self) -> Any:
        """An Ibis backend on the same database (same connection for DuckDB)."""
        if self._ibis is None:
            import ibis

            if self.kind == "duckdb":
                self._ibis = ibis.duckdb.from_connection(self.con)
            else:
                self._ibis = ibis.postgres.from_connection(self.con)
        return self._ibis

    # -- SQL -----------------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement with ``?`` placeholders; return its rows (empty if none)."""
        if self.kind == "duckdb":
            cursor = self.con.execute(sql, list(params))
            try:
                return [tuple(r) for r in cursor.fetchall()]
            except Exception:  # statements without a result set
                return []
        with self.con.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s") if params else sql, list(params) or None)
            if cursor.description is None:
                return []
            return [tuple(r) for r in cursor.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.execute(sql, params)
        return rows[0][0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All or nothing: commit when the block ends, roll back if it raises.

        Nested use joins the outer transaction.
        """
        if self._in_transaction:
            yield self
            return
        self._in_transaction = True
        try:
            if self.kind == "duckdb":
                self.con.execute("BEGIN TRANSACTION")
                try:
                    yield self
                except BaseException:
                    self.con.execute("ROLLBACK")
                    raise
                self.con.execute("COMMIT")
            else:
                with self.con.transaction():
                    yield self
        finally:
            self._in_transaction = False

    def tables(self) -> list[str]:
        """Names of the store's tables."""
        if self.kind == "duckdb":
            sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        else:
            sql = (
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            )
        return sorted(r[0] for r in self.execute(sql))

    def close(self) -> None:
        if self._ibis is not None and self.kind == "postgres":
            self._ibis = None
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.kind!r}, {self.location!r})"


def _create_schema(store: Store) -> None:
    with store.transaction():
        for statement in [SCHEMA_VERSION_DDL, *all_ddl()]:
            store.execute(statement)
        found = store.scalar("SELECT max(version) FROM ndp_schema")
        if found is None:
            store.execute("INSERT INTO ndp_schema VALUES (?)", [SCHEMA_VERSION])
        elif int(found) > SCHEMA_VERSION:
            raise NdpError(
                f"{store.location}: store schema version {found} is newer than this ndp"
                f" understands ({SCHEMA_VERSION}); upgrade ndp"
            )


def open_store(db: str) -> Store:
    """Open (creating if needed) the store at ``db``: a DuckDB path, ``:memory:``, or a
    ``postgresql://`` URL. Tables are created idempotently and the schema version recorded."""
    if db.startswith(("postgresql://", "postgres://")):
        import psycopg

        try:
            con = psycopg.connect(db, autocommit=True)
        except psycopg.OperationalError as error:
            raise NdpError(f"cannot connect to the PostgreSQL store {db}: {error}") from None
        store = Store("postgres", db, con)
    else:
        import duckdb

        try:
            con = duckdb.connect(db)
        except duckdb.Error as error:
            raise NdpError(f"cannot open the DuckDB store {db}: {error}") from None
        store = Store("duckdb", db, con)
    try:
        _create_schema(store)
    except BaseException:
        store.close()
        raise
    return store
