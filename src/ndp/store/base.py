"""What every store backend offers the loader and the engine."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple, TypeVar

import duckdb
import pyarrow as pa

from ndp.errors import NdpError
from ndp.store.schema import SCHEMA_VERSION, all_ddl

Key = TypeVar("Key", bound=Hashable)

#: How a database error says the disk is full (the operating system's words, in DuckDB's and
#: PostgreSQL's messages), or that a file met the process's file size limit.
_DISK_FULL = re.compile(
    r"No space left on device|File too large|Disk quota exceeded|could not extend"
)


def disk_full(location: str, error: Exception) -> NdpError | None:
    """The message for a write to the store that found no room; None for any other error."""
    found = _DISK_FULL.search(str(error))
    if found is None:
        return None
    return NdpError(
        f"cannot write the store {location}: {found[0]} (the disk is full, or the file over the "
        "size limit); nothing was written and the store is as it was: free some space and run "
        "the command again"
    )


class CompiledQuery(NamedTuple):
    """An Ibis query compiled to the backend's SQL, with the Arrow schema of its result: what a
    backend that runs SQL text (:attr:`Store.runs_sql`) needs to run it again without Ibis."""

    sql: str
    schema: pa.Schema


class Store(ABC):
    """A database holding the contract's tables.

    Writes happen inside :meth:`transaction`; validation always runs in DuckDB
    (:meth:`validation_connection`), and :meth:`write_table` moves a validated DuckDB table into
    the store. Reads for the engine go through :attr:`ibis`.
    """

    kind: str
    location: str
    #: Whether the engine sends a pack's scans as one query, their union (``ndp.engine.wide``):
    #: worth it where each query has a large fixed cost (Spark), not on DuckDB or PostgreSQL,
    #: which run separate scans side by side for less.
    merge_scans: bool = False
    #: Whether :meth:`arrow_results` also takes :class:`CompiledQuery` values (SQL text kept
    #: from an earlier batch, made by :meth:`compile`), and :meth:`schema_fingerprint` says when
    #: that text is stale.
    runs_sql: bool = False

    @contextmanager
    def side_reader(self) -> Iterator[Store | None]:
        """A reader of this store that another thread may use while this one runs its own
        queries (the engine reads a pack's operations, provenance and loads beside its scans),
        or None where the backend has none: then the engine reads them in turn. DuckDB gives
        one on a cursor of its own."""
        yield None

    @abstractmethod
    def validation_connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection that validation reads files into."""

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together, or not at all."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run SQL in the store; return the rows (empty for statements)."""

    @abstractmethod
    def stage(self, validation_table: str, stage_table: str, columns: list[str]) -> None:
        """Copy ``columns`` of a validation table into a temporary table of the store."""

    @abstractmethod
    def lock_for_writing(self) -> None:
        """Inside a transaction: wait until no other process writes to the store, and keep
        others from writing until the transaction ends (loads number their rows from the
        store's highest ids, and check which files are already loaded)."""

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The single value a query returns."""
        return self.execute(sql, params)[0][0]

    @abstractmethod
    def tables(self) -> list[str]:
        """The names of the store's tables."""

    def _create_tables(self) -> None:
        """Create every table (idempotent) and record or check the schema version."""
        for statement in all_ddl():
            self.execute(self._dialect(statement))
        self.execute("CREATE TABLE IF NOT EXISTS ndp_schema (version INTEGER NOT NULL)")
        found = self.execute("SELECT max(version) FROM ndp_schema")[0][0]
        if found is None:
            self.execute("INSERT INTO ndp_schema VALUES (?)", [SCHEMA_VERSION])
        elif found > SCHEMA_VERSION:
            raise NdpError(
                f"the store {self.location} was written by a newer ndp (schema {found}; this "
                f"ndp knows {SCHEMA_VERSION}): upgrade ndp to use it"
            )

    def _dialect(self, statement: str) -> str:
        """Adapt a statement of ``ndp.store.schema`` to this backend."""
        return statement

    @property
    @abstractmethod
    def ibis(self) -> Any:
        """An Ibis backend over the store, for the engine's reads."""

    def arrow_results(self, queries: Mapping[Key, Any]) -> Iterator[tuple[Key, pa.Table]]:
        """Each Ibis query's result as an Arrow table, keyed as given, in the order they finish.

        The engine hands over every scan of a pack at once, so a backend may run them side by
        side; this default runs them one after another on :attr:`ibis`.
        """
        for key, query in queries.items():
            yield key, query.to_pyarrow()

    def compile(self, query: Any) -> CompiledQuery:
        """An Ibis query as the SQL :meth:`arrow_results` takes in its place. Only a backend that
        :attr:`runs_sql` has it."""
        raise NotImplementedError

    def schema_fingerprint(self) -> str:
        """Every table's and view's columns and types, as text: SQL compiled for the store is
        valid while this stays the same. Only a backend that :attr:`runs_sql` needs it."""
        raise NotImplementedError

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
