"""The store: where validated records live, with their history and lineage.

An embedded DuckDB file by default; a PostgreSQL server when given a ``postgresql://`` URL; a
Spark catalog (``sc://``, ``spark://``), read-only, filled by ``ndp publish-store``.
Reads go through Ibis (``Store.ibis``) so the engine runs unchanged on either backend. Every
backend-specific line of ndp lives in this package.
"""

from __future__ import annotations

from ndp.store.base import Store
from ndp.store.holders import Waiting
from ndp.store.schema import SCHEMA_VERSION, all_ddl, history_table_name, table_name


def open_store(
    db: str, *, read_only: bool = False, wait: float = 0.0, waiting: Waiting | None = None
) -> Store:
    """Open (creating if needed) the store at ``db``: a DuckDB file path, ``:memory:``, a
    ``postgresql://`` URL, or a published Spark store (``sc://host:port/schema``,
    ``spark://schema``: read-only, see docs/spark.md).

    ``read_only``: for a command that only reads; on DuckDB any number of such run side by
    side. A DuckDB file held by another process the other way is waited for up to ``wait``
    seconds (``waiting`` is told once, with who holds it), then refused naming the holder.
    """
    if db.startswith(("sc://", "spark://")):
        from ndp.store.spark import SparkStore

        return SparkStore(db)
    if db.startswith(("postgresql://", "postgres://")):
        from ndp.store.postgres import PostgresStore

        return PostgresStore(db)
    from ndp.store.duckdb import DuckDBStore

    return DuckDBStore(db, read_only, wait, waiting)


__all__ = ["SCHEMA_VERSION", "Store", "all_ddl", "history_table_name", "open_store", "table_name"]
