"""The store's tables as Spark tables: Parquet, in the catalog, partitioned by a version.

Each table of ``ndp.store.schema`` becomes a catalog table with the same columns (closed-set
columns as strings, no keys or NOT NULL, which Spark's Parquet tables do not enforce) plus
``_version``, the publication its rows belong to, as its partition column. ``ndp_published``
holds one row per committed publication; the store's committed version is its largest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ndp.store.schema import all_ddl

VERSION_COLUMN = "_version"
MANIFEST = "ndp_published"
MANIFEST_COLUMNS = (
    "version BIGINT, published_at TIMESTAMP, schema_version INT, source STRING, ndp_version STRING"
)

_CREATE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*)\)\s*$", re.S)
_SPARK_TYPES = {"VARCHAR": "STRING", "INTEGER": "INT"}


@dataclass(frozen=True)
class SparkTable:
    """A table's name and its columns as (name, Spark SQL type), in the store's order."""

    name: str
    columns: tuple[tuple[str, str], ...]

    def ddl(self, qualified: str) -> str:
        columns = ", ".join(f"`{c}` {kind}" for c, kind in self.columns)
        return (
            f"CREATE TABLE IF NOT EXISTS {qualified} ({columns}, {VERSION_COLUMN} BIGINT) "
            f"USING parquet PARTITIONED BY ({VERSION_COLUMN})"
        )


def spark_tables() -> list[SparkTable]:
    """Every table of the store (bookkeeping, then each source's current and history table)."""
    return [_parse(statement) for statement in all_ddl()]


def _parse(statement: str) -> SparkTable:
    found = _CREATE.match(statement.strip())
    if found is None:
        raise ValueError(f"not a CREATE TABLE statement: {statement[:60]}")
    columns = []
    for definition in re.split(r",\s*\n", found[2]):
        name, kind = definition.strip().split(" ", 1)
        kind = re.sub(r"\s+(NOT NULL|PRIMARY KEY)", "", kind).strip()
        columns.append((name.strip('"'), _SPARK_TYPES.get(kind, kind).replace(" ", "")))
    return SparkTable(found[1], tuple(columns))
