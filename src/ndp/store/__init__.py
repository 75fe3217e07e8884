"""The store: where validated records live, with their history and lineage.

An embedded DuckDB file by default; a PostgreSQL server when given a ``postgresql://`` URL.
Reads go through Ibis (``Store.ibis``) so the engine runs unchanged on either backend; every
backend-specific detail of the store lives in this package.
"""

from __future__ import annotations

from ndp.store.schema import all_ddl, history_table_name, table_name

__all__ = ["all_ddl", "history_table_name", "table_name"]
