"""What every store backend offers the loader and the engine."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb


class Store(ABC):
    """A database holding the contract's tables.

    Writes happen inside :meth:`transaction`; validation always runs in DuckDB
    (:meth:`validation_connection`), and :meth:`write_table` moves a validated DuckDB table into
    the store. Reads for the engine go through :attr:`ibis`.
    """

    kind: str
    location: str

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

    @property
    @abstractmethod
    def ibis(self) -> Any:
        """An Ibis backend over the store, for the engine's reads."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
