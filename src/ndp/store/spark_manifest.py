"""The manifest of a Spark store: which publication readers see.

``ndp_published`` gains one row when a publication is complete. A row is appended as one
Parquet file, which Spark's commit moves into the table's folder in one rename, so a reader
finds the row whole or not at all; the committed version is the largest listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ndp.store.spark_location import SparkLocation
from ndp.store.spark_tables import MANIFEST, MANIFEST_COLUMNS


@dataclass(frozen=True)
class Published:
    version: int
    schema_version: int


def create_manifest(session: Any, where: SparkLocation) -> None:
    session.sql(
        f"CREATE TABLE IF NOT EXISTS {where.table(MANIFEST)} ({MANIFEST_COLUMNS}) USING parquet"
    )


def committed(session: Any, where: SparkLocation) -> Published | None:
    """The committed publication, or None when nothing has been published there."""
    if not session.catalog.tableExists(where.table(MANIFEST).replace("`", "")):
        return None
    rows = session.sql(
        f"SELECT version, schema_version FROM {where.table(MANIFEST)} ORDER BY version DESC LIMIT 1"
    ).collect()
    return Published(int(rows[0][0]), int(rows[0][1])) if rows else None


def committed_versions(session: Any, where: SparkLocation) -> list[int]:
    """Every committed version, newest first."""
    rows = session.sql(f"SELECT version FROM {where.table(MANIFEST)} ORDER BY version DESC")
    return [int(row[0]) for row in rows.collect()]


def commit(
    session: Any, where: SparkLocation, version: int, schema_version: int, source: str
) -> None:
    """Append the publication's row: from here on readers see ``version``."""
    from importlib.metadata import version as installed

    session.sql(
        f"INSERT INTO {where.table(MANIFEST)} SELECT {int(version)}, current_timestamp(), "
        f"{int(schema_version)}, :source, :ndp",
        args={"source": source, "ndp": installed("ndp")},
    )
